/* A hart's view of memory: virtual-address loads, stores and fetches through its own TLB.
 *
 * The fast paths are inline: a TLB hit on RAM is a compare and a host access. Everything else
 * (TLB miss, page walk, PMP, MMIO, accesses crossing a page) goes through the slow path. On a
 * fault the helpers return false with hart->exc_cause/exc_tval set; the instruction handler then
 * returns hart_raise(h, in). Misaligned loads and stores are performed, not trapped. Stores to a
 * page holding translated code invalidate its blocks (see docs/ARCHITECTURE.md). */
#ifndef CPU_MMU_H
#define CPU_MMU_H

#include <string.h>

#include "cpu/hart.h"
#include "util/util.h"

bool mmu_load_slow(hart_t *h, uint64_t va, unsigned size, uint64_t *val);
bool mmu_store_slow(hart_t *h, uint64_t va, unsigned size, uint64_t val);
/* After a store of `size` bytes at `host` to a page whose flag byte is set: invalidates the
 * page's translated code, breaks LR/SC reservations on the bytes (size 0: the caller, an SC or
 * AMO, has done that itself). */
void mmu_store_flagged(hart_t *h, const tlb_entry_t *e, const void *host, unsigned size);
/* Host address of `size` bytes at `va` for an atomic access (naturally aligned, RAM only,
 * checked for write permission, or read permission for LR, and marked dirty), or NULL with the
 * exception set. hart->atomic_entry receives the TLB entry, whose code byte is checked after
 * the write. */
void *mmu_atomic_ptr(hart_t *h, uint64_t va, unsigned size, bool is_lr);
/* Translates a fetch of the instruction at `va`; returns the host pointer of the page's bytes
 * at va (RAM/ROM only) and the physical address, or NULL with the exception set. The inline
 * mmu_fetch_ptr below is its TLB-hit fast path. */
const uint8_t *mmu_fetch_ptr_slow(hart_t *h, uint64_t va, uint64_t *pa);
/* Full translation for debugging and walkers: va -> pa for an access kind; false on fault. */
bool mmu_translate(hart_t *h, uint64_t va, access_t access, uint64_t *pa);

/* The debugger's view (cpu/mmu_debug.c), run on the hart's own thread: va -> pa through the
 * hart's current satp and privilege (M-mode: physical), ignoring permissions, without touching
 * the TLB or A/D bits. */
bool mmu_debug_translate(hart_t *h, uint64_t va, uint64_t *pa);
/* Copies guest memory at va to buf (or buf to guest memory) through mmu_debug_translate;
 * RAM (and ROM, to read) only. Returns the bytes copied: fewer than len at the first
 * inaccessible byte. Stores invalidate translated code and break LR reservations (phys_dma_*). */
size_t mmu_debug_rw(hart_t *h, uint64_t va, uint8_t *buf, size_t len, bool write);

/* Guest RAM is shared by the harts' threads by design: naturally aligned accesses are relaxed
 * atomics (plain moves on x86-64, and single-copy atomic as RVWMO requires); misaligned ones
 * are byte copies, which RISC-V does not require to be atomic. */
static inline __attribute__((always_inline)) uint64_t host_load(const void *p, unsigned size)
{
    if (((uintptr_t)p & (size - 1)) == 0) {
        switch (size) {
        case 1: return __atomic_load_n((const uint8_t *)p, __ATOMIC_RELAXED);
        case 2: return __atomic_load_n((const uint16_t *)p, __ATOMIC_RELAXED);
        case 4: return __atomic_load_n((const uint32_t *)p, __ATOMIC_RELAXED);
        default: return __atomic_load_n((const uint64_t *)p, __ATOMIC_RELAXED);
        }
    }
    uint64_t v = 0;
    memcpy(&v, p, size);
    return v;
}

static inline __attribute__((always_inline)) void host_store(void *p, unsigned size, uint64_t v)
{
    if (((uintptr_t)p & (size - 1)) == 0) {
        switch (size) {
        case 1: __atomic_store_n((uint8_t *)p, (uint8_t)v, __ATOMIC_RELAXED); return;
        case 2: __atomic_store_n((uint16_t *)p, (uint16_t)v, __ATOMIC_RELAXED); return;
        case 4: __atomic_store_n((uint32_t *)p, (uint32_t)v, __ATOMIC_RELAXED); return;
        default: __atomic_store_n((uint64_t *)p, v, __ATOMIC_RELAXED); return;
        }
    }
    memcpy(p, &v, size);
}

static inline __attribute__((always_inline)) bool mmu_load(hart_t *h, uint64_t va, unsigned size, uint64_t *val)
{
    tlb_entry_t *e = tlb_entry(&h->tlb, h->mmu_data, va);
    if (likely(e->tag_r == (va & PAGE_MASK) && (va & ~PAGE_MASK) <= PAGE_SIZE - size)) {
        *val = host_load((const void *)(uintptr_t)(va + e->addend), size);
        return true;
    }
    if (!mmu_load_slow(h, va, size, &h->slow_val))
        return false;
    *val = h->slow_val;
    return true;
}

static inline __attribute__((always_inline)) bool mmu_store(hart_t *h, uint64_t va, unsigned size, uint64_t val)
{
    tlb_entry_t *e = tlb_entry(&h->tlb, h->mmu_data, va);
    if (likely(e->tag_w == (va & PAGE_MASK) && (va & ~PAGE_MASK) <= PAGE_SIZE - size)) {
        uint8_t *host = (uint8_t *)(uintptr_t)(va + e->addend);
        host_store(host, size, val);
        if (unlikely(__atomic_load_n(e->code, __ATOMIC_RELAXED)))
            mmu_store_flagged(h, e, host, size);
        return true;
    }
    return mmu_store_slow(h, va, size, val);
}

static inline __attribute__((always_inline)) const uint8_t *mmu_fetch_ptr(hart_t *h, uint64_t va, uint64_t *pa)
{
    const tlb_entry_t *e = tlb_entry(&h->tlb, h->mmu_fetch, va);
    if (likely(e->tag_x == (va & PAGE_MASK))) {
        *pa = e->pa_page | (va & ~PAGE_MASK);
        return (const uint8_t *)(uintptr_t)(va + e->addend);
    }
    return mmu_fetch_ptr_slow(h, va, pa);
}

#endif
