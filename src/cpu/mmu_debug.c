/* The debugger's view of guest memory: virtual addresses translated as a hart would translate
 * them now, without its TLB and without setting A/D bits (cpu/mmu.h: mmu_debug_rw). */
#include "cpu/mmu.h"

#include "mem/walk.h"

static uint64_t *debug_pte(void *ctx, uint64_t pa)
{
    hart_t *h = ctx;
    const phys_region_t *r = phys_lookup(h->phys, pa);
    if ((pa & 7) || !r || r->kind != REGION_RAM)
        return NULL;
    return (uint64_t *)(void *)(r->host + (pa - r->base));
}

bool mmu_debug_translate(hart_t *h, uint64_t va, uint64_t *pa)
{
    if (h->priv == PRIV_M || (h->satp >> 60) == SATP_MODE_BARE) {
        *pa = va;
        return true;
    }
    walk_req_t req = {
        .satp = h->satp, .va = va, .access = ACCESS_READ, .debug = true,
        .pte_ptr = debug_pte, .ctx = h,
    };
    walk_result_t res;
    if (walk_translate(&req, &res) != WALK_OK)
        return false;
    *pa = res.pa;
    return true;
}

size_t mmu_debug_rw(hart_t *h, uint64_t va, uint8_t *buf, size_t len, bool write)
{
    size_t done = 0;
    while (done < len) {
        uint64_t pa;
        if (!mmu_debug_translate(h, va + done, &pa))
            break;
        size_t n = PAGE_SIZE - (pa & ~PAGE_MASK);
        if (n > len - done)
            n = len - done;
        /* RAM (and ROM to read) only: device registers have side effects. A write is a store
         * like a device's: it invalidates translated code and breaks reservations. */
        bool ok = write ? phys_dma_write(h->phys, pa, buf + done, n)
                        : phys_dma_read(h->phys, pa, buf + done, n);
        if (!ok)
            break;
        done += n;
    }
    return done;
}
