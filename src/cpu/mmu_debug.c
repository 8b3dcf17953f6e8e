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

/* A store by the debugger is a store like any other for translated code and reservations. */
static void debug_stored(hart_t *h, const phys_region_t *r, uint64_t pa, uint8_t *host,
                         size_t n)
{
    uint8_t flags = __atomic_load_n(&r->code_pages[(pa - r->base) >> PAGE_SHIFT],
                                    __ATOMIC_SEQ_CST);
    if (flags & PAGE_RESV)
        resv_note_store(&h->phys->resv, host, (unsigned)n);
    if ((flags & PAGE_CODE_MASK) && h->code_written)
        h->code_written(h, pa & PAGE_MASK);
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
        const phys_region_t *r = phys_lookup(h->phys, pa);
        if (!r || r->kind == REGION_MMIO || n > r->size - (pa - r->base))
            break; /* unmapped, or a device whose registers have side effects */
        uint8_t *host = r->host + (pa - r->base);
        /* byte-wise relaxed atomics: harts may be running (a QMP `cont` under the debugger) */
        for (size_t i = 0; i < n; i++) {
            if (write)
                __atomic_store_n(&host[i], buf[done + i], __ATOMIC_RELAXED);
            else
                buf[done + i] = __atomic_load_n(&host[i], __ATOMIC_RELAXED);
        }
        if (write)
            debug_stored(h, r, pa, host, n);
        done += n;
    }
    return done;
}
