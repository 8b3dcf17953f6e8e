/* GDB's view of a hart's registers: the target description (qXfer:features:read) and register
 * access by GDB register number, on the hart's own thread.
 *
 * Numbers follow GDB's RISC-V numbering, given explicitly in the XML: x0-x31 are 0-31, pc 32,
 * f0-f31 33-64, a CSR is 65 + its number (fflags 66, frm 67, fcsr 68 in the fpu feature, every
 * other CSR polyhart implements in the csr feature) and the privilege level `priv` (virtual
 * feature) is 65 + 4096. The 'g' packet carries x0-x31 and pc; GDB reads the rest with 'p'. */
#ifndef FRONT_GDB_REGS_H
#define FRONT_GDB_REGS_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/hart.h"
#include "front/strbuf.h"

#define GDB_REG_PC 32
#define GDB_REG_F0 33
#define GDB_REG_CSR0 65
#define GDB_REG_PRIV (GDB_REG_CSR0 + 4096)
#define GDB_G_REGS 33 /* registers in a 'g' packet */

/* Appends the whole target.xml. */
void gdb_regs_target_xml(strbuf_t *xml);
/* Reads (or writes) register `regnum` of h, on h's thread: its size in bytes (8, or 1 for
 * priv), or 0 if there is no such register or the write was refused. */
unsigned gdb_reg_access(hart_t *h, unsigned regnum, uint64_t *val, bool write);

#endif
