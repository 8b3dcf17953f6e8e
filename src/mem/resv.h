/* LR/SC reservations shared by every hart.
 *
 * A table of version words indexed by a hash of the 8-byte granule (host address of guest RAM,
 * which is one-to-one with the physical address). Bit 0 of a word is a lock, the rest a version
 * that every successful SC, every AMO and every plain store to a page marked by an LR
 * (PAGE_RESV, mem/phys.h) bumps while holding the lock. LR records the version before it loads
 * the value; SC locks the word only if it still holds that version, stores with a
 * compare-and-swap against the value LR saw, bumps and unlocks. So an SC fails after any store
 * by another hart to the granule, even one that restored the old value (the ABA case).
 * Colliding granules only cause spurious SC failures. Details: docs/ARCHITECTURE.md. */
#ifndef MEM_RESV_H
#define MEM_RESV_H

#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "util/util.h"

#define RESV_BITS 13
#define RESV_LOCKED 1ULL
#define RESV_SPINS_BEFORE_YIELD 64

/* A device write of more than this many bytes breaks every reservation at once through
 * `dma_epoch` instead of bumping one word per granule (512 for a 4 KiB page). */
#define RESV_DMA_GRANULE_LIMIT 64

typedef struct resv_table {
    _Atomic uint64_t word[1u << RESV_BITS];
    /* Bumped after a large device write to a page marked by an LR; LR records it next to the
     * version and SC fails if it moved. Spurious failures cost a retry; block reads and
     * received packets are rare next to LR/SC pairs. */
    _Atomic uint64_t dma_epoch;
} resv_table_t;

static inline _Atomic uint64_t *resv_word(resv_table_t *t, const void *host)
{
    uint64_t g = (uint64_t)(uintptr_t)host >> 3;
    return &t->word[(g * 0x9e3779b97f4a7c15ULL) >> (64 - RESV_BITS)];
}

/* Waits for the word to be unlocked and locks it; returns its version. The holder may be a
 * preempted host thread, so waiting yields after a short spin. */
static inline uint64_t resv_lock(_Atomic uint64_t *w)
{
    for (unsigned spins = 0;; spins++) {
        uint64_t v = atomic_load_explicit(w, memory_order_relaxed);
        if (!(v & RESV_LOCKED) &&
            atomic_compare_exchange_weak_explicit(w, &v, v | RESV_LOCKED, memory_order_acquire,
                                                  memory_order_relaxed))
            return v;
        if (spins >= RESV_SPINS_BEFORE_YIELD)
            sched_yield();
        else
            util_cpu_relax();
    }
}

/* Locks the word only if it still holds `version` (unlocked). */
static inline bool resv_lock_if(_Atomic uint64_t *w, uint64_t version)
{
    if (version & RESV_LOCKED)
        return false;
    return atomic_compare_exchange_strong_explicit(w, &version, version | RESV_LOCKED,
                                                   memory_order_acquire, memory_order_relaxed);
}

/* Unlocks; `modified` bumps the version so that every reservation on the word is lost. */
static inline void resv_unlock(_Atomic uint64_t *w, uint64_t version, bool modified)
{
    atomic_store_explicit(w, version + (modified ? 2 : 0), memory_order_release);
}

/* A plain store to a page with PAGE_RESV, after the store: breaks every reservation on the
 * granules it touched. */
static inline void resv_note_store(resv_table_t *t, const void *host, unsigned size)
{
    _Atomic uint64_t *lo = resv_word(t, host), *hi = resv_word(t, (const char *)host + size - 1);
    resv_unlock(lo, resv_lock(lo), true);
    if (hi != lo)
        resv_unlock(hi, resv_lock(hi), true);
}

/* Breaks every reservation: what a large device write does instead of bumping its granules. */
static inline void resv_break_all(resv_table_t *t)
{
    atomic_fetch_add_explicit(&t->dma_epoch, 1, memory_order_seq_cst);
}

/* The version an LR records; locked words yield a version no SC can match. */
static inline uint64_t resv_observe(_Atomic uint64_t *w)
{
    return atomic_load_explicit(w, memory_order_acquire);
}

#endif
