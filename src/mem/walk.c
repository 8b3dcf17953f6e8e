#include "mem/walk.h"

#include "util/util.h"

#define PTE_V (1u << 0)
#define PTE_R (1u << 1)
#define PTE_W (1u << 2)
#define PTE_X (1u << 3)
#define PTE_U (1u << 4)
#define PTE_A (1u << 6)
#define PTE_D (1u << 7)
#define PTE_PPN(p) bits((p), 53, 10)
#define PTE_RESERVED_MASK (~0ULL << 54) /* N, PBMT and reserved bits: no Svnapot/Svpbmt */

static unsigned mode_levels(uint64_t satp)
{
    switch (satp >> 60) {
    case SATP_MODE_SV39: return 3;
    case SATP_MODE_SV48: return 4;
    case SATP_MODE_SV57: return 5;
    default: return 0;
    }
}

static bool va_canonical(uint64_t va, unsigned levels)
{
    unsigned vabits = 12 + 9 * levels;
    return (uint64_t)sext(va, vabits) == va;
}

/* Permission check of a leaf PTE for the request; fills the r/w/x the TLB may cache. */
static bool leaf_allows(const walk_req_t *req, uint64_t pte, walk_result_t *res)
{
    bool upage = pte & PTE_U;
    bool priv_ok = req->user ? upage : (!upage || req->sum);
    bool exec_ok = req->user ? upage : !upage;
    res->r = priv_ok && ((pte & PTE_R) || (req->mxr && (pte & PTE_X)));
    res->w = priv_ok && (pte & PTE_W) && (pte & PTE_R);
    res->x = exec_ok && (pte & PTE_X);
    switch (req->access) {
    case ACCESS_READ: return res->r;
    case ACCESS_WRITE: return res->w;
    default: return res->x;
    }
}

/* Sets A (and D for a write) atomically. False if the PTE changed: the caller re-walks. */
static bool update_ad(uint64_t *ptep, uint64_t pte, access_t access)
{
    uint64_t want = pte | PTE_A | (access == ACCESS_WRITE ? PTE_D : 0);
    if (want == pte)
        return true;
    return __atomic_compare_exchange_n(ptep, &pte, want, false, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST);
}

static walk_status_t walk_once(const walk_req_t *req, walk_result_t *res, bool *retry)
{
    unsigned levels = mode_levels(req->satp);
    uint64_t table = bits(req->satp, 43, 0) << 12;
    *retry = false;
    for (int i = (int)levels - 1; i >= 0; i--) {
        unsigned shift = 12 + 9 * (unsigned)i;
        uint64_t *ptep = req->pte_ptr(req->ctx, table + bits(req->va, shift + 8, shift) * 8);
        res->levels = levels - (unsigned)i;
        if (!ptep)
            return WALK_ACCESS_FAULT;
        uint64_t pte = __atomic_load_n(ptep, __ATOMIC_ACQUIRE);
        if (!(pte & PTE_V) || ((pte & PTE_W) && !(pte & PTE_R)) || (pte & PTE_RESERVED_MASK))
            return WALK_PAGE_FAULT;
        if (!(pte & (PTE_R | PTE_X))) {
            if (pte & (PTE_D | PTE_A | PTE_U))
                return WALK_PAGE_FAULT; /* reserved in non-leaf PTEs */
            table = PTE_PPN(pte) << 12;
            continue;
        }
        uint64_t ppn = PTE_PPN(pte);
        if (ppn & ((1ULL << (9 * i)) - 1))
            return WALK_PAGE_FAULT; /* misaligned superpage */
        if (req->debug) {
            res->r = res->w = res->x = true;
        } else if (!leaf_allows(req, pte, res)) {
            return WALK_PAGE_FAULT;
        } else if (!update_ad(ptep, pte, req->access)) {
            *retry = true;
            return WALK_PAGE_FAULT;
        }
        if (!(pte & PTE_D) && req->access != ACCESS_WRITE)
            res->w = false; /* the first write must come back to set D */
        res->page_shift = shift;
        res->pa = (ppn << 12) | (req->va & ((1ULL << shift) - 1));
        return WALK_OK;
    }
    return WALK_PAGE_FAULT;
}

walk_status_t walk_translate(const walk_req_t *req, walk_result_t *res)
{
    unsigned levels = mode_levels(req->satp);
    if (!levels || !va_canonical(req->va, levels))
        return WALK_PAGE_FAULT;
    for (;;) {
        bool retry;
        walk_status_t st = walk_once(req, res, &retry);
        if (!retry)
            return st;
    }
}
