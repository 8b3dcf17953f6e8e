/*
 * test_tlb.c - unit tests for the per-hart soft TLB (mem/tlb.h).
 *
 * The first group drives tlb_entry/tlb_flush_* directly on a TLB filled by hand. The second
 * fills the TLB the way the hart does (mmu_load through a real Sv39 page table in guest RAM)
 * and checks that a flush is what makes a changed PTE visible: before it, the stale
 * translation is still used; after it, the new one is.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "cpu/hart.h"
#include "cpu/mmu.h"
#include "mem/phys.h"
#include "mem/tlb.h"
#include "mem/walk.h"
#include "util/log.h"

#define CANARY 0x5a5a5a5a5a5a5a5aULL

/* Canaries catch a flush that writes outside the tables (ASan cannot see inside a struct). */
typedef struct {
    uint64_t before;
    tlb_t tlb;
    uint64_t after;
} tlb_box_t;

static int box_setup(void **state)
{
    tlb_box_t *b = calloc(1, sizeof(*b));
    assert_non_null(b);
    b->before = b->after = CANARY;
    tlb_flush_all(&b->tlb);
    *state = b;
    return 0;
}

static int box_teardown(void **state)
{
    tlb_box_t *b = *state;
    assert_int_equal(b->before, CANARY);
    assert_int_equal(b->after, CANARY);
    free(b);
    return 0;
}

/* Makes the entry for va in idx a valid RWX entry for va's page. */
static void fill(tlb_t *t, mmu_idx_t idx, uint64_t va)
{
    tlb_entry_t *e = tlb_entry(t, idx, va);
    uint64_t page = va & ~0xfffULL;
    e->tag_r = e->tag_w = e->tag_x = page;
    e->addend = 0x1000;
    e->pa_page = 0x80000000ULL + (page & 0xfffff000ULL);
    e->code = NULL;
}

static bool valid(tlb_t *t, mmu_idx_t idx, uint64_t va)
{
    tlb_entry_t *e = tlb_entry(t, idx, va);
    uint64_t page = va & ~0xfffULL;
    return e->tag_r == page && e->tag_w == page && e->tag_x == page;
}

static bool cleared(const tlb_entry_t *e)
{
    return e->tag_r == TLB_INVALID && e->tag_w == TLB_INVALID && e->tag_x == TLB_INVALID;
}

static void fill_everything(tlb_t *t)
{
    for (int idx = 0; idx < MMU_IDX_COUNT; idx++)
        for (uint64_t i = 0; i < TLB_SIZE; i++)
            fill(t, (mmu_idx_t)idx, (i << 12) | 0x10000000ULL * (uint64_t)(idx + 1));
}

static void test_entry_index(void **state)
{
    tlb_t *t = &((tlb_box_t *)*state)->tlb;
    uint64_t va = 0x0000000080123456ULL;
    unsigned slot = (unsigned)((va >> 12) & (TLB_SIZE - 1));
    for (int idx = 0; idx < MMU_IDX_COUNT; idx++)
        assert_ptr_equal(tlb_entry(t, (mmu_idx_t)idx, va), &t->e[idx][slot]);
    /* every byte of a page shares the entry; the next page has the next one */
    assert_ptr_equal(tlb_entry(t, MMU_IDX_S, va & ~0xfffULL), tlb_entry(t, MMU_IDX_S, va | 0xfff));
    assert_ptr_equal(tlb_entry(t, MMU_IDX_S, va + 0x1000), &t->e[MMU_IDX_S][(slot + 1) % TLB_SIZE]);
    /* direct-mapped: pages TLB_SIZE pages apart share a slot */
    assert_ptr_equal(tlb_entry(t, MMU_IDX_U, va), tlb_entry(t, MMU_IDX_U, va + TLB_SIZE * 4096ULL));
    /* high-half addresses index by their low VPN bits too */
    assert_ptr_equal(tlb_entry(t, MMU_IDX_S, 0xffffffc000003000ULL), &t->e[MMU_IDX_S][3]);
    /* each MMU index has its own table */
    assert_true(tlb_entry(t, MMU_IDX_S, va) != tlb_entry(t, MMU_IDX_S_SUM, va));
}

static void test_flush_all(void **state)
{
    tlb_t *t = &((tlb_box_t *)*state)->tlb;
    fill_everything(t);
    t->has_large = true;
    tlb_flush_all(t);
    assert_false(t->has_large);
    for (int idx = 0; idx < MMU_IDX_COUNT; idx++)
        for (unsigned i = 0; i < TLB_SIZE; i++)
            if (!cleared(&t->e[idx][i]))
                fail_msg("entry %d/%u survived tlb_flush_all", idx, i);
}

static void test_flush_translated(void **state)
{
    tlb_t *t = &((tlb_box_t *)*state)->tlb;
    fill_everything(t);
    t->has_large = true;
    tlb_entry_t m_before[TLB_SIZE];
    memcpy(m_before, t->e[MMU_IDX_M], sizeof(m_before));
    tlb_flush_translated(t);
    assert_false(t->has_large);
    for (int idx = MMU_IDX_U; idx < MMU_IDX_M; idx++)
        for (unsigned i = 0; i < TLB_SIZE; i++)
            if (!cleared(&t->e[idx][i]))
                fail_msg("translated entry %d/%u survived tlb_flush_translated", idx, i);
    /* M-mode entries map va == pa and do not depend on satp: kept whole */
    assert_memory_equal(m_before, t->e[MMU_IDX_M], sizeof(m_before));
}

static void test_flush_page(void **state)
{
    tlb_t *t = &((tlb_box_t *)*state)->tlb;
    uint64_t va = 0x0000003fc0123000ULL, other = va + 0x1000, alias_free = va - 0x5000;
    for (int idx = 0; idx < MMU_IDX_COUNT; idx++) {
        fill(t, (mmu_idx_t)idx, va);
        fill(t, (mmu_idx_t)idx, other);
        fill(t, (mmu_idx_t)idx, alias_free);
    }
    tlb_flush_page(t, va | 0x7ff); /* any address inside the page */
    for (int idx = 0; idx < MMU_IDX_COUNT; idx++) {
        if (!cleared(tlb_entry(t, (mmu_idx_t)idx, va)))
            fail_msg("idx %d: page not flushed", idx);
        if (!valid(t, (mmu_idx_t)idx, other) || !valid(t, (mmu_idx_t)idx, alias_free))
            fail_msg("idx %d: another page was flushed", idx);
    }
    assert_false(t->has_large);
}

/* With a superpage in the TLB, its 4 KiB entries may sit at any slot: a page flush must flush
 * every translated entry. M-mode entries never come from superpages and stay. */
static void test_flush_page_with_large(void **state)
{
    tlb_t *t = &((tlb_box_t *)*state)->tlb;
    uint64_t va = 0x0000000040200000ULL, far = 0x0000000040345000ULL;
    for (int idx = 0; idx < MMU_IDX_COUNT; idx++) {
        fill(t, (mmu_idx_t)idx, va);
        fill(t, (mmu_idx_t)idx, far);
    }
    t->has_large = true;
    tlb_flush_page(t, va);
    for (int idx = MMU_IDX_U; idx < MMU_IDX_M; idx++)
        if (!cleared(tlb_entry(t, (mmu_idx_t)idx, far)))
            fail_msg("idx %d: entry of another page kept despite has_large", idx);
    assert_true(valid(t, MMU_IDX_M, far));
    assert_false(t->has_large);

    /* Once the large entries are gone, page flushes are precise again. */
    for (int idx = MMU_IDX_U; idx < MMU_IDX_M; idx++) {
        fill(t, (mmu_idx_t)idx, va);
        fill(t, (mmu_idx_t)idx, far);
    }
    tlb_flush_page(t, va);
    for (int idx = MMU_IDX_U; idx < MMU_IDX_M; idx++) {
        assert_true(cleared(tlb_entry(t, (mmu_idx_t)idx, va)));
        assert_true(valid(t, (mmu_idx_t)idx, far));
    }
}

/* ---- the TLB as filled by the hart's memory accesses ---- */

#define RAM_BASE 0x80000000ULL
#define RAM_SIZE 0x400000ULL      /* 4 MiB: a 2 MiB superpage of data, then page tables */
#define PT_BASE (RAM_BASE + 0x200000ULL)
#define VA_BIG 0x0000000040000000ULL  /* 2 MiB page -> RAM_BASE */
#define VA_SMALL 0x0000000040400000ULL /* 4 KiB pages */

#define PTE_V 0x01ULL
#define PTE_RWXAD 0xcfULL /* V R W X A D */

typedef struct {
    phys_map_t phys;
    log_ctx_t log;
    hart_t hart;
} rig_t;

static uint64_t *rig_pt(rig_t *rig, uint64_t pa)
{
    uint64_t *p = (uint64_t *)(void *)phys_ram_ptr(&rig->phys, pa, 8);
    assert_non_null(p);
    return p;
}

static uint64_t pte(uint64_t pa, uint64_t flags)
{
    return ((pa >> 12) << 10) | flags;
}

/* Sv39 tables: root at PT_BASE, L1 at +0x1000, L0 at +0x2000.
 * VA_BIG -> 2 MiB leaf at RAM_BASE; VA_SMALL + n*4K -> RAM_BASE + 0x100000 + n*4K. */
static int rig_setup(void **state)
{
    rig_t *rig = calloc(1, sizeof(*rig));
    assert_non_null(rig);
    phys_init(&rig->phys);
    assert_non_null(phys_add_ram(&rig->phys, "ram", RAM_BASE, RAM_SIZE, false));
    log_init(&rig->log);
    hart_t *h = &rig->hart;
    hart_init(h, 0, NULL, &rig->phys, NULL, &rig->log, 0);
    hart_reset(h, RAM_BASE);

    *rig_pt(rig, PT_BASE + 8 * 1) = pte(PT_BASE + 0x1000, PTE_V);           /* vpn2 = 1 */
    *rig_pt(rig, PT_BASE + 0x1000 + 8 * 0) = pte(RAM_BASE, PTE_RWXAD);      /* VA_BIG */
    *rig_pt(rig, PT_BASE + 0x1000 + 8 * 2) = pte(PT_BASE + 0x2000, PTE_V);  /* VA_SMALL */
    for (unsigned n = 0; n < 8; n++)
        *rig_pt(rig, PT_BASE + 0x2000 + 8 * n) = pte(RAM_BASE + 0x100000 + n * 0x1000ULL,
                                                     PTE_RWXAD);
    /* S-mode needs a PMP entry: NAPOT over everything, RWX */
    h->pmp.cfg[0] = (PMP_NAPOT << PMP_A_SHIFT) | PMP_R | PMP_W | PMP_X;
    h->pmp.addr[0] = (1ULL << 54) - 1;
    pmp_update(&h->pmp);
    h->satp = ((uint64_t)SATP_MODE_SV39 << 60) | (PT_BASE >> 12);
    h->priv = PRIV_S;
    hart_update_mmu_idx(h);
    *state = rig;
    return 0;
}

static int rig_teardown(void **state)
{
    rig_t *rig = *state;
    phys_destroy(&rig->phys);
    free(rig);
    return 0;
}

static void put64(rig_t *rig, uint64_t pa, uint64_t v)
{
    memcpy(rig_pt(rig, pa), &v, 8);
}

static uint64_t load64(hart_t *h, uint64_t va)
{
    uint64_t v = 0;
    if (!mmu_load(h, va, 8, &v))
        fail_msg("load at %#lx faulted (cause %lu)", (unsigned long)va,
                 (unsigned long)h->exc_cause);
    return v;
}

static void test_fill_4k_and_flush_page(void **state)
{
    rig_t *rig = *state;
    hart_t *h = &rig->hart;
    put64(rig, RAM_BASE + 0x100000, 0x1111);
    put64(rig, RAM_BASE + 0x101000, 0x2222);
    put64(rig, RAM_BASE + 0x102000, 0x3333);
    assert_int_equal(load64(h, VA_SMALL), 0x1111);
    assert_int_equal(load64(h, VA_SMALL + 0x1000), 0x2222);
    assert_false(h->tlb.has_large);
    assert_int_equal(tlb_entry(&h->tlb, MMU_IDX_S, VA_SMALL)->tag_r, VA_SMALL);

    /* Remap both pages to the third one: the TLB still holds the old translations. */
    uint64_t *l0 = rig_pt(rig, PT_BASE + 0x2000);
    l0[0] = l0[1] = pte(RAM_BASE + 0x102000, PTE_RWXAD);
    assert_int_equal(load64(h, VA_SMALL), 0x1111);
    assert_int_equal(load64(h, VA_SMALL + 0x1000), 0x2222);
    /* sfence.vma of one page: that page sees the new PTE, the other is still cached */
    tlb_flush_page(&h->tlb, VA_SMALL);
    assert_int_equal(load64(h, VA_SMALL), 0x3333);
    assert_int_equal(load64(h, VA_SMALL + 0x1000), 0x2222);
    tlb_flush_translated(&h->tlb);
    assert_int_equal(load64(h, VA_SMALL + 0x1000), 0x3333);
}

static void test_fill_superpage_sets_has_large(void **state)
{
    rig_t *rig = *state;
    hart_t *h = &rig->hart;
    put64(rig, RAM_BASE + 0x1000, 0xaaaa);
    put64(rig, RAM_BASE + 0x5000, 0xbbbb);
    put64(rig, RAM_BASE + 0x101000, 0xcccc);
    put64(rig, RAM_BASE + 0x105000, 0xdddd);
    assert_int_equal(load64(h, VA_BIG + 0x1000), 0xaaaa);
    assert_int_equal(load64(h, VA_BIG + 0x5000), 0xbbbb);
    assert_true(h->tlb.has_large);

    /* Replace the superpage by a table of 4 KiB pages 1 MiB further on, then flush only the
     * first page's address: the other page's entry came from the same superpage, sits in
     * another slot, and must go too. */
    uint64_t *l0 = rig_pt(rig, PT_BASE + 0x3000);
    for (unsigned n = 0; n < 512; n++)
        l0[n] = pte(RAM_BASE + 0x100000 + n * 0x1000ULL, PTE_RWXAD);
    *rig_pt(rig, PT_BASE + 0x1000) = pte(PT_BASE + 0x3000, PTE_V);
    assert_int_equal(load64(h, VA_BIG + 0x5000), 0xbbbb); /* stale until the flush */
    tlb_flush_page(&h->tlb, VA_BIG + 0x1000);
    assert_false(h->tlb.has_large);
    assert_int_equal(load64(h, VA_BIG + 0x1000), 0xcccc);
    assert_int_equal(load64(h, VA_BIG + 0x5000), 0xdddd);
}

/* M-mode entries survive what SATP writes and SFENCE.VMA do. */
static void test_m_entries_survive(void **state)
{
    rig_t *rig = *state;
    hart_t *h = &rig->hart;
    put64(rig, RAM_BASE + 0x8000, 0x4242);
    h->priv = PRIV_M;
    hart_update_mmu_idx(h);
    assert_int_equal(load64(h, RAM_BASE + 0x8000), 0x4242);
    tlb_entry_t *e = tlb_entry(&h->tlb, MMU_IDX_M, RAM_BASE + 0x8000);
    assert_int_equal(e->tag_r, RAM_BASE + 0x8000);
    h->tlb.has_large = true;
    tlb_flush_translated(&h->tlb);
    assert_int_equal(e->tag_r, RAM_BASE + 0x8000);
    tlb_flush_all(&h->tlb);
    assert_int_equal(e->tag_r, TLB_INVALID);
    assert_int_equal(load64(h, RAM_BASE + 0x8000), 0x4242); /* refilled */
}

#define TB(fn) cmocka_unit_test_setup_teardown(fn, box_setup, box_teardown)
#define TR(fn) cmocka_unit_test_setup_teardown(fn, rig_setup, rig_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TB(test_entry_index),
        TB(test_flush_all),
        TB(test_flush_translated),
        TB(test_flush_page),
        TB(test_flush_page_with_large),
        TR(test_fill_4k_and_flush_page),
        TR(test_fill_superpage_sets_has_large),
        TR(test_m_entries_survive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
