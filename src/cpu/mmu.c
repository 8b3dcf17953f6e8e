/* Slow paths of the hart's memory accesses: TLB refill (page walk, PMP, region lookup), MMIO,
 * accesses that cross a page, atomics and instruction fetch. */
#include "cpu/mmu.h"

#include <inttypes.h>

#include "cpu/watch.h"
#include "mem/walk.h"

static const uint64_t page_fault_cause[] = {EXC_LOAD_PAGE, EXC_STORE_PAGE, EXC_INSN_PAGE};
static const uint64_t access_fault_cause[] = {EXC_LOAD_ACCESS, EXC_STORE_ACCESS, EXC_INSN_ACCESS};

static bool fail(hart_t *h, uint64_t cause, uint64_t va)
{
    h->exc_cause = cause;
    h->exc_tval = va;
    return false;
}

/* False, with EXC_WATCH_HIT set, if the access triggers a watchpoint (cpu/watch.h). */
static bool watch_ok(hart_t *h, uint64_t va, unsigned size, unsigned kind)
{
    if (likely(!h->watch) || h->dbg_watch_off)
        return true;
    const watchpoint_t *w = watch_match(h->watch, va, size, kind);
    if (!w)
        return true;
    h->dbg_hit = true;
    h->dbg_hit_kind = w->kind;
    h->dbg_hit_addr = va > w->addr ? va : w->addr;
    return fail(h, EXC_WATCH_HIT, va);
}

static unsigned watch_kind(access_t access)
{
    return access == ACCESS_WRITE ? WATCH_WRITE : WATCH_READ;
}

static unsigned idx_priv(mmu_idx_t idx)
{
    return idx == MMU_IDX_M ? PRIV_M : idx == MMU_IDX_U ? PRIV_U : PRIV_S;
}

static uint64_t *pte_ptr(void *ctx, uint64_t pa)
{
    hart_t *h = ctx;
    if (pa & 7 || !pmp_check(&h->pmp, pa, 8, ACCESS_READ, PRIV_S))
        return NULL;
    const phys_region_t *r = phys_lookup(h->phys, pa);
    if (!r || r->kind != REGION_RAM)
        return NULL;
    return (uint64_t *)(void *)(r->host + (pa - r->base));
}

/* Translates va for `access` in MMU index idx; on success *pa, *perm (R/W/X as PMP_* bits)
 * and *shift. */
static bool translate(hart_t *h, mmu_idx_t idx, uint64_t va, access_t access, uint64_t *pa,
                      int *perm, unsigned *shift)
{
    if (idx == MMU_IDX_M || (h->satp >> 60) == SATP_MODE_BARE) {
        *pa = va;
        *perm = PMP_R | PMP_W | PMP_X;
        *shift = PAGE_SHIFT;
        return true;
    }
    walk_req_t req = {
        .satp = h->satp, .va = va, .access = access, .user = idx == MMU_IDX_U,
        .sum = idx == MMU_IDX_S_SUM, .mxr = (h->mstatus & MSTATUS_MXR) != 0,
        .pte_ptr = pte_ptr, .ctx = h,
    };
    walk_result_t res;
    walk_status_t st = walk_translate(&req, &res);
    if (log_enabled(h->log, LOG_MMU))
        log_printf(h->log, LOG_MMU, "mmu: hart %u va %#" PRIx64 " %s -> %s pa %#" PRIx64 "\n",
                   h->hartid, va, access == ACCESS_READ ? "r" : access == ACCESS_WRITE ? "w" : "x",
                   st == WALK_OK ? "ok" : st == WALK_PAGE_FAULT ? "page-fault" : "access-fault",
                   st == WALK_OK ? res.pa : 0);
    if (st == WALK_PAGE_FAULT)
        return fail(h, page_fault_cause[access], va);
    if (st == WALK_ACCESS_FAULT)
        return fail(h, access_fault_cause[access], va);
    *pa = res.pa;
    *perm = (res.r ? PMP_R : 0) | (res.w ? PMP_W : 0) | (res.x ? PMP_X : 0);
    *shift = res.page_shift;
    return true;
}

/* Refills the TLB entry for va in idx so that it reflects `access`; NULL with the exception set
 * if the access is not allowed. */
static tlb_entry_t *tlb_fill(hart_t *h, mmu_idx_t idx, uint64_t va, access_t access)
{
    uint64_t pa;
    int perm;
    unsigned shift;
    if (!translate(h, idx, va, access, &pa, &perm, &shift))
        return NULL;
    uint64_t pa_page = pa & PAGE_MASK, va_page = va & PAGE_MASK;
    const phys_region_t *r = phys_lookup(h->phys, pa_page);
    if (!r)
        return fail(h, access_fault_cause[access], va), NULL;
    int pmp = pmp_page_perms(&h->pmp, pa_page, idx_priv(idx));
    uint64_t slow = 0;
    if (pmp < 0) {
        slow = TLB_SLOW;
        if (!pmp_check(&h->pmp, pa, 1, access, idx_priv(idx)))
            return fail(h, access_fault_cause[access], va), NULL;
    } else {
        perm &= pmp;
        int need = access == ACCESS_READ ? PMP_R : access == ACCESS_WRITE ? PMP_W : PMP_X;
        if (!(perm & need))
            return fail(h, access_fault_cause[access], va), NULL;
    }
    if (r->kind == REGION_MMIO)
        slow = TLB_SLOW;
    if (r->kind == REGION_ROM)
        perm &= ~PMP_W;
    if (access == ACCESS_WRITE && !(perm & PMP_W))
        return fail(h, access_fault_cause[access], va), NULL;
    /* Data accesses to a watched page take the slow path, which checks the ranges. */
    uint64_t data_slow = slow | (unlikely(h->watch) && watch_page(h->watch, va_page) ? TLB_SLOW : 0);
    tlb_entry_t *e = tlb_entry(&h->tlb, idx, va);
    e->tag_r = perm & PMP_R ? va_page | data_slow : TLB_INVALID;
    e->tag_w = perm & PMP_W ? va_page | data_slow : TLB_INVALID;
    e->tag_x = perm & PMP_X ? va_page | slow : TLB_INVALID;
    e->pa_page = pa_page;
    if (r->kind != REGION_MMIO) {
        e->addend = (uintptr_t)(r->host + (pa_page - r->base)) - (uintptr_t)va_page;
        e->code = r->code_pages + ((pa_page - r->base) >> PAGE_SHIFT);
    }
    if (shift > PAGE_SHIFT)
        h->tlb.has_large = true;
    return e;
}

/* The entry for va valid for `access` (possibly a slow one), refilling if needed. */
static tlb_entry_t *tlb_get(hart_t *h, mmu_idx_t idx, uint64_t va, access_t access)
{
    tlb_entry_t *e = tlb_entry(&h->tlb, idx, va);
    uint64_t tag = access == ACCESS_READ ? e->tag_r : access == ACCESS_WRITE ? e->tag_w : e->tag_x;
    if ((tag & ~TLB_SLOW) == (va & PAGE_MASK))
        return e;
    return tlb_fill(h, idx, va, access);
}

/* An access through a slow entry: MMIO, RAM whose page has finer PMP rules, or a watched page. */
static bool slow_access(hart_t *h, tlb_entry_t *e, uint64_t va, unsigned size, access_t access,
                        uint64_t *val)
{
    if (!watch_ok(h, va, size, watch_kind(access)))
        return false;
    uint64_t pa = e->pa_page | (va & ~PAGE_MASK);
    if (!pmp_check(&h->pmp, pa, size, access, idx_priv(h->mmu_data)))
        return fail(h, access_fault_cause[access], va);
    const phys_region_t *r = phys_lookup(h->phys, pa);
    if (!r || size > r->size - (pa - r->base))
        return fail(h, access_fault_cause[access], va);
    if (r->kind == REGION_MMIO) {
        if (pa & (size - 1))
            return fail(h, access_fault_cause[access], va);
        if (access == ACCESS_WRITE)
            phys_mmio_write(r, pa, size, *val);
        else
            *val = phys_mmio_read(r, pa, size);
        return true;
    }
    uint8_t *host = r->host + (pa - r->base);
    if (access == ACCESS_WRITE) {
        host_store(host, size, *val);
        if (__atomic_load_n(e->code, __ATOMIC_RELAXED))
            mmu_store_flagged(h, e, host, size);
    } else {
        *val = host_load(host, size);
    }
    return true;
}

static bool crosses_page(uint64_t va, unsigned size)
{
    return (va & ~PAGE_MASK) > PAGE_SIZE - size;
}

/* A page-crossing access is one access for PMP: the highest-priority matching entry must
 * cover all of its bytes, as it would for the same access inside one page. */
static bool crossing_pmp_ok(hart_t *h, uint64_t va, unsigned size, access_t access)
{
    tlb_entry_t *lo = tlb_get(h, h->mmu_data, va, access);
    if (!lo)
        return false;
    uint64_t pa = lo->pa_page | (va & ~PAGE_MASK);
    tlb_entry_t *hi = tlb_get(h, h->mmu_data, (va + size - 1) & PAGE_MASK, access);
    if (!hi)
        return false; /* tval: the first byte of the part that faulted */
    if (hi->pa_page == (pa & PAGE_MASK) + PAGE_SIZE &&
        !pmp_check(&h->pmp, pa, size, access, idx_priv(h->mmu_data)))
        return fail(h, access_fault_cause[access], va);
    return watch_ok(h, va, size, watch_kind(access)); /* before any byte moves */
}

bool mmu_load_slow(hart_t *h, uint64_t va, unsigned size, uint64_t *val)
{
    if (crosses_page(va, size)) {
        if (!crossing_pmp_ok(h, va, size, ACCESS_READ))
            return false;
        uint64_t v = 0;
        for (unsigned i = 0; i < size; i++) {
            uint64_t b;
            if (!mmu_load(h, va + i, 1, &b))
                return false;
            v |= b << (8 * i);
        }
        *val = v;
        return true;
    }
    tlb_entry_t *e = tlb_get(h, h->mmu_data, va, ACCESS_READ);
    if (!e)
        return false;
    if (e->tag_r & TLB_SLOW)
        return slow_access(h, e, va, size, ACCESS_READ, val);
    switch (size) { /* constant sizes: the compiler emits one move each */
    case 1: return mmu_load(h, va, 1, val);
    case 2: return mmu_load(h, va, 2, val);
    case 4: return mmu_load(h, va, 4, val);
    default: return mmu_load(h, va, 8, val);
    }
}

bool mmu_store_slow(hart_t *h, uint64_t va, unsigned size, uint64_t val)
{
    if (crosses_page(va, size)) {
        /* Both pages must be writable before any byte is written. */
        if (!crossing_pmp_ok(h, va, size, ACCESS_WRITE))
            return false;
        for (unsigned i = 0; i < size; i++)
            if (!mmu_store(h, va + i, 1, val >> (8 * i)))
                return false;
        return true;
    }
    tlb_entry_t *e = tlb_get(h, h->mmu_data, va, ACCESS_WRITE);
    if (!e)
        return false;
    if (e->tag_w & TLB_SLOW)
        return slow_access(h, e, va, size, ACCESS_WRITE, &val);
    switch (size) {
    case 1: return mmu_store(h, va, 1, val);
    case 2: return mmu_store(h, va, 2, val);
    case 4: return mmu_store(h, va, 4, val);
    default: return mmu_store(h, va, 8, val);
    }
}

void *mmu_atomic_ptr(hart_t *h, uint64_t va, unsigned size, bool is_lr)
{
    access_t access = is_lr ? ACCESS_READ : ACCESS_WRITE;
    if (va & (size - 1))
        return fail(h, is_lr ? EXC_LOAD_MISALIGNED : EXC_STORE_MISALIGNED, va), NULL;
    tlb_entry_t *e = tlb_get(h, h->mmu_data, va, access);
    if (!e)
        return NULL;
    uint64_t tag = is_lr ? e->tag_r : e->tag_w;
    if (tag & TLB_SLOW) {
        /* LR reads; SC and AMOs count as reads and writes */
        if (!watch_ok(h, va, size, is_lr ? WATCH_READ : WATCH_ACCESS))
            return NULL;
        uint64_t pa = e->pa_page | (va & ~PAGE_MASK);
        const phys_region_t *r = phys_lookup(h->phys, pa);
        if (!r || r->kind == REGION_MMIO ||
            !pmp_check(&h->pmp, pa, size, access, idx_priv(h->mmu_data)))
            return fail(h, access_fault_cause[access], va), NULL;
    }
    h->atomic_entry = e;
    return (void *)(uintptr_t)(va + e->addend);
}

const uint8_t *mmu_fetch_ptr_slow(hart_t *h, uint64_t va, uint64_t *pa)
{
    tlb_entry_t *e = tlb_get(h, h->mmu_fetch, va, ACCESS_EXEC);
    if (!e)
        return NULL;
    *pa = e->pa_page | (va & ~PAGE_MASK);
    if (e->tag_x & TLB_SLOW) {
        const phys_region_t *r = phys_lookup(h->phys, *pa);
        if (!r || r->kind == REGION_MMIO ||
            !pmp_check(&h->pmp, *pa, 2, ACCESS_EXEC, idx_priv(h->mmu_fetch)))
            return fail(h, EXC_INSN_ACCESS, va), NULL;
    }
    return (const uint8_t *)(uintptr_t)(va + e->addend);
}

bool mmu_translate(hart_t *h, uint64_t va, access_t access, uint64_t *pa)
{
    tlb_entry_t *e = tlb_get(h, access == ACCESS_EXEC ? h->mmu_fetch : h->mmu_data, va, access);
    if (!e)
        return false;
    *pa = e->pa_page | (va & ~PAGE_MASK);
    return true;
}

void mmu_store_flagged(hart_t *h, const tlb_entry_t *e, const void *host, unsigned size)
{
    uint8_t flags = __atomic_load_n(e->code, __ATOMIC_RELAXED);
    if ((flags & PAGE_RESV) && size)
        resv_note_store(&h->phys->resv, host, size);
    if (flags & PAGE_CODE_MASK)
        h->code_written(h, e->pa_page);
}
