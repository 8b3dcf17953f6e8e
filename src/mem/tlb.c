#include "mem/tlb.h"

#include <string.h>

static void entry_clear(tlb_entry_t *e)
{
    e->tag_r = e->tag_w = e->tag_x = TLB_INVALID;
}

void tlb_flush_all(tlb_t *t)
{
    /* All-ones bytes make every tag TLB_INVALID. */
    memset(t->e, 0xff, sizeof(t->e));
    t->has_large = false;
}

void tlb_flush_translated(tlb_t *t)
{
    memset(t->e[MMU_IDX_U], 0xff, sizeof(t->e[0]) * (MMU_IDX_M - MMU_IDX_U));
    t->has_large = false;
}

void tlb_flush_page(tlb_t *t, uint64_t va)
{
    if (t->has_large) {
        tlb_flush_translated(t);
        return;
    }
    for (int i = 0; i < MMU_IDX_COUNT; i++)
        entry_clear(tlb_entry(t, (mmu_idx_t)i, va));
}
