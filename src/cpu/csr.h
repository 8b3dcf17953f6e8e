/* Control and status registers: a table of read/write handlers indexed by CSR number.
 * Access rules (privilege from the number, read-only ranges, counter enables, TVM, FS) are
 * applied here; a false return means the access raises an illegal-instruction exception. */
#ifndef CPU_CSR_H
#define CPU_CSR_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/hart.h"

bool csr_read(hart_t *h, unsigned csr, uint64_t *val);
bool csr_write(hart_t *h, unsigned csr, uint64_t val);
/* Whether the CSR exists and the current privilege may access it (`write`: for writing). */
bool csr_accessible(const hart_t *h, unsigned csr, bool write);
/* The value a CSRRS/CSRRC read-modify-write starts from, given what was read: for mip only
 * the software-writable SEIP bit takes part, never the PLIC's line that reads OR in. */
uint64_t csr_rmw_base(const hart_t *h, unsigned csr, uint64_t read_value);
/* Name of a CSR for logs and the disassembler-independent monitor, or NULL. */
const char *csr_name(unsigned csr);

#define MISA_VALUE                                                                     \
    ((2ULL << 62) | (1u << ('A' - 'A')) | (1u << ('C' - 'A')) | (1u << ('D' - 'A')) |   \
     (1u << ('F' - 'A')) | (1u << ('I' - 'A')) | (1u << ('M' - 'A')) | (1u << ('S' - 'A')) | \
     (1u << ('U' - 'A')))

#endif
