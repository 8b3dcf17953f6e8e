/* CLINT (ACLINT MSWI + MTIMER layout of the virt board): msip per hart at 0x0, mtimecmp per
 * hart at 0x4000, mtime at 0xbff8 (10 MHz, host monotonic clock). The device keeps no mutable
 * state of its own: msip lives in the harts' mip (atomic bit operations) and mtimecmp in each
 * hart (atomic), so it needs no lock. */
#ifndef DEV_CLINT_H
#define DEV_CLINT_H

#include "util/lock.h"
#include "cpu/hart.h"
#include "mem/phys.h"

#define CLINT_SIZE 0x10000

typedef struct clint {
    hart_t **harts;
    unsigned nharts;
    log_ctx_t *log;
    lock_t lock; /* declared device lock: keeps the big lock off this path */
} clint_t;

void clint_init(clint_t *c, hart_t **harts, unsigned nharts, log_ctx_t *log);
extern const mmio_ops_t clint_ops;

#endif
