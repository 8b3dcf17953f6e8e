/* Watchpoints as a hart's memory paths see them: a small table of guest-virtual ranges and the
 * accesses that trigger them.
 *
 * The table belongs to the debug controller (exec/debug.h), which changes it only inside
 * exclusive work, so harts read it without locks. A hart's `watch` pointer is NULL while no
 * watchpoint exists. While one does, pages it touches get TLB_SLOW read/write tags (tlb_fill),
 * so every access to them reaches the slow path, which checks the ranges. A hit aborts the
 * access before it happens: the memory helper fails with cause EXC_WATCH_HIT, hart_raise ends
 * the block with the hart's pc on the accessing instruction (nothing retired, no guest trap)
 * and the run loop reports the stop (hart.dbg_hit). Only harts' own loads, stores and atomics
 * are checked: the debugger's accesses and device DMA never trigger a watchpoint. */
#ifndef CPU_WATCH_H
#define CPU_WATCH_H

#include <stdbool.h>
#include <stdint.h>

#define WATCH_MAX 16
/* Kinds, as bits: GDB's Z3 (read), Z2 (write) and Z4 (access, both). */
enum { WATCH_READ = 1, WATCH_WRITE = 2, WATCH_ACCESS = 3 };
/* Not a RISC-V cause: tells hart_raise that a watchpoint, not the guest, stopped the access. */
#define EXC_WATCH_HIT 0x7ffffffffffffffeULL

typedef struct watchpoint {
    uint64_t addr, len; /* len >= 1; addr + len does not wrap */
    unsigned kind;      /* WATCH_READ, WATCH_WRITE or WATCH_ACCESS */
} watchpoint_t;

typedef struct watch_set {
    unsigned count;
    watchpoint_t w[WATCH_MAX];
} watch_set_t;

static inline bool watch_overlaps(const watchpoint_t *w, uint64_t addr, uint64_t len)
{
    return addr < w->addr + w->len && w->addr < addr + len;
}

/* True if some watchpoint covers part of the 4 KiB page at va_page. */
static inline bool watch_page(const watch_set_t *ws, uint64_t va_page)
{
    for (unsigned i = 0; i < ws->count; i++)
        if (watch_overlaps(&ws->w[i], va_page, 4096))
            return true;
    return false;
}

/* The first watchpoint an access of `size` bytes at va triggers (`kind`: WATCH_READ, WATCH_WRITE,
 * or WATCH_ACCESS for an AMO, which reads and writes), or NULL. */
static inline const watchpoint_t *watch_match(const watch_set_t *ws, uint64_t va, unsigned size,
                                              unsigned kind)
{
    for (unsigned i = 0; i < ws->count; i++)
        if ((ws->w[i].kind & kind) && watch_overlaps(&ws->w[i], va, size))
            return &ws->w[i];
    return NULL;
}

#endif
