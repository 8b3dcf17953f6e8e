/* A consistent view of one hart's state for the monitor and the GDB stub, read on the hart's
 * own thread (exec/debug.h: dbg_hart_call), whether the hart runs or is stopped. */
#ifndef FRONT_HARTVIEW_H
#define FRONT_HARTVIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "machine/virt.h"

/* The CSRs `info registers` shows, in this order. */
#define HARTVIEW_NCSR 22

typedef struct hart_snapshot {
    uint64_t x[32], pc, f[32];
    uint32_t fcsr;
    unsigned priv;
    bool wfi;
    uint64_t instret;
    uint64_t csr[HARTVIEW_NCSR];
} hart_snapshot_t;

/* ABI name of x register i ("zero", "ra", ...). */
const char *hartview_xname(unsigned i);
/* Number of the i-th CSR of hart_snapshot_t.csr. */
unsigned hartview_csr_num(unsigned i);
void hartview_snapshot(machine_t *m, unsigned hart, hart_snapshot_t *out);
/* Guest memory through hart `hart`'s current translation (virtual) or physical addresses,
 * RAM/ROM only; returns the bytes copied (short at the first inaccessible byte). */
size_t hartview_mem(machine_t *m, unsigned hart, uint64_t addr, uint8_t *buf, size_t len,
                    bool write, bool physical);
/* "M", "S" or "U". */
const char *hartview_priv_name(unsigned priv);

#endif
