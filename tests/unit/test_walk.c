/*
 * test_walk.c - unit tests for walk_translate(), the Sv39/Sv48 page-table walker.
 *
 * Page tables live in a small fake physical memory (page-aligned host pages standing for the
 * physical pages at FAKE_BASE); the walker reaches them through the pte_ptr callback, which
 * counts its calls and returns NULL outside the fake memory (the access-fault path).
 *
 * The compare-and-swap retry is exercised deterministically: the leaf table's host page is
 * made read-only, so the walker's plain load succeeds but its A/D compare-and-swap (a locked
 * read-modify-write) faults; the SIGSEGV handler then stores a new PTE value - as another
 * hart would between the walker's read and its CAS - makes the page writable and returns, so
 * the CAS re-executes against the changed PTE and fails.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "mem/walk.h"

#define FAKE_BASE 0x80000000ULL
#define FAKE_PAGES 32
#define PG 4096ULL

/* PTE bits (privileged spec, Sv39 PTE format) */
#define V (1ULL << 0)
#define R (1ULL << 1)
#define W (1ULL << 2)
#define X (1ULL << 3)
#define U (1ULL << 4)
#define A (1ULL << 6)
#define D (1ULL << 7)

typedef struct {
    uint64_t *mem; /* FAKE_PAGES pages, page-aligned */
    unsigned next; /* next free page for tables */
    unsigned calls;
} fake_t;

static uint64_t *fake_pte_ptr(void *ctx, uint64_t pa)
{
    fake_t *f = ctx;
    f->calls++;
    if (pa < FAKE_BASE || pa - FAKE_BASE >= FAKE_PAGES * PG)
        return NULL;
    return &f->mem[(pa - FAKE_BASE) / 8];
}

static int fake_setup(void **state)
{
    fake_t *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    void *p = mmap(NULL, FAKE_PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    assert_true(p != MAP_FAILED);
    f->mem = p;
    f->next = 1; /* page 0 is the root */
    *state = f;
    return 0;
}

static int fake_teardown(void **state)
{
    fake_t *f = *state;
    munmap(f->mem, FAKE_PAGES * PG);
    free(f);
    return 0;
}

static uint64_t page_pa(unsigned page)
{
    return FAKE_BASE + page * PG;
}

static uint64_t *table(fake_t *f, unsigned page)
{
    return &f->mem[page * 512];
}

static uint64_t leaf(uint64_t pa, uint64_t flags)
{
    return ((pa >> 12) << 10) | flags;
}

static uint64_t satp_of(unsigned mode, unsigned root_page)
{
    return ((uint64_t)mode << 60) | (page_pa(root_page) >> 12);
}

static unsigned vpn(uint64_t va, unsigned level)
{
    return (unsigned)((va >> (12 + 9 * level)) & 511);
}

/* Installs `pte` for va at `level` (0: 4 KiB) of a tree with `levels` levels rooted at page 0,
 * allocating missing tables. Returns the slot so tests can inspect or change it. */
static uint64_t *map(fake_t *f, unsigned levels, uint64_t va, unsigned level, uint64_t pte)
{
    unsigned page = 0;
    for (unsigned i = levels - 1; i > level; i--) {
        uint64_t *e = &table(f, page)[vpn(va, i)];
        if (!(*e & V)) {
            assert_true(f->next < FAKE_PAGES);
            *e = leaf(page_pa(f->next++), V);
        }
        page = (unsigned)((((*e >> 10) << 12) - FAKE_BASE) / PG);
    }
    uint64_t *slot = &table(f, page)[vpn(va, level)];
    *slot = pte;
    return slot;
}

/* The existing entry for va at `level` (tables above it must exist). */
static uint64_t *entry_at(fake_t *f, unsigned levels, uint64_t va, unsigned level)
{
    unsigned page = 0;
    for (unsigned i = levels - 1; i > level; i--) {
        uint64_t e = table(f, page)[vpn(va, i)];
        assert_true(e & V);
        page = (unsigned)((((e >> 10) << 12) - FAKE_BASE) / PG);
    }
    return &table(f, page)[vpn(va, level)];
}

static walk_req_t req_of(fake_t *f, uint64_t satp, uint64_t va, access_t access)
{
    walk_req_t r = {
        .satp = satp, .va = va, .access = access, .pte_ptr = fake_pte_ptr, .ctx = f,
    };
    return r;
}

static walk_status_t walk(fake_t *f, uint64_t satp, uint64_t va, access_t access,
                          walk_result_t *res)
{
    walk_req_t r = req_of(f, satp, va, access);
    memset(res, 0, sizeof(*res));
    f->calls = 0;
    return walk_translate(&r, res);
}

#define RWX (V | R | W | X | A | D)
#define SV39 satp_of(SATP_MODE_SV39, 0)
#define SV48 satp_of(SATP_MODE_SV48, 0)

/* ---- mappings of every size ---- */

static void test_sv39_4k(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    uint64_t va = 0x0000000040203678ULL; /* vpn2 1, vpn1 1, vpn0 3 */
    map(f, 3, va, 0, leaf(0x12345000, RWX));
    assert_int_equal(walk(f, SV39, va, ACCESS_READ, &res), WALK_OK);
    assert_int_equal(res.pa, 0x12345678);
    assert_int_equal(res.page_shift, 12);
    assert_int_equal(res.levels, 3);
    assert_int_equal(f->calls, 3);
    assert_true(res.r && res.w && res.x);
    /* the neighbouring page is not mapped */
    assert_int_equal(walk(f, SV39, va + PG, ACCESS_READ, &res), WALK_PAGE_FAULT);
    assert_int_equal(res.levels, 3);
}

static void test_sv39_2m(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    uint64_t va = 0x0000000040215678ULL;
    map(f, 3, va, 1, leaf(0x40200000, RWX));
    assert_int_equal(walk(f, SV39, va, ACCESS_WRITE, &res), WALK_OK);
    assert_int_equal(res.pa, 0x40215678);
    assert_int_equal(res.page_shift, 21);
    assert_int_equal(res.levels, 2);
}

static void test_sv39_1g(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    uint64_t va = 0x0000000052345678ULL; /* vpn2 1 */
    map(f, 3, va, 2, leaf(0xc0000000, RWX));
    assert_int_equal(walk(f, SV39, va, ACCESS_EXEC, &res), WALK_OK);
    assert_int_equal(res.pa, 0xd2345678);
    assert_int_equal(res.page_shift, 30);
    assert_int_equal(res.levels, 1);
    assert_int_equal(f->calls, 1);
}

static void test_sv39_high_half(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    uint64_t va = 0xffffffc012345abcULL; /* canonical: bits 63:39 all ones, vpn2 0x100 */
    map(f, 3, va, 0, leaf(0x87654000, RWX));
    assert_int_equal(vpn(va, 2), 0x100);
    assert_int_equal(walk(f, SV39, va, ACCESS_READ, &res), WALK_OK);
    assert_int_equal(res.pa, 0x87654abc);
}

static void test_sv48_sizes(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    static const struct {
        uint64_t va, pa;
        unsigned level;
        uint64_t expect;
    } cases[] = {
        {0x0000123456789abcULL, 0x11111000ULL, 0, 0x11111abcULL},
        {0x0000234567abcdefULL, 0x22200000ULL, 1, 0x222bcdefULL},
        {0x00003456789abcdeULL, 0x80000000ULL, 2, 0xb89abcdeULL},
        {0x0000456789abcdefULL, 0x8000000000ULL, 3, 0xe789abcdefULL},
        {0xffff876543210fedULL, 0x33333000ULL, 0, 0x33333fedULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        map(f, 4, cases[i].va, cases[i].level, leaf(cases[i].pa, RWX));
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        walk_status_t st = walk(f, SV48, cases[i].va, ACCESS_READ, &res);
        if (st != WALK_OK || res.pa != cases[i].expect ||
            res.page_shift != 12 + 9 * cases[i].level || res.levels != 4 - cases[i].level)
            fail_msg("case %zu: status %d pa %#lx shift %u levels %u", i, st,
                     (unsigned long)res.pa, res.page_shift, res.levels);
    }
}

/* A VA that is canonical for Sv48 but not for Sv39 works only under Sv48. */
static void test_non_canonical(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    static const uint64_t sv39_bad[] = {
        0x0000008000000000ULL, /* bit 39 set, 63:40 clear */
        0xffffff7ffffff000ULL, /* 63:40 set, bit 39 clear, bit 38 set */
        0x8000000000000000ULL,
        0x0000004000000000ULL | (1ULL << 50),
    };
    /* a full 1 GiB mapping everywhere so only canonicality can fail */
    for (unsigned i = 0; i < 512; i++)
        table(f, 0)[i] = leaf((uint64_t)i << 30, RWX);
    for (size_t i = 0; i < sizeof(sv39_bad) / sizeof(sv39_bad[0]); i++) {
        if (walk(f, SV39, sv39_bad[i], ACCESS_READ, &res) != WALK_PAGE_FAULT || f->calls != 0)
            fail_msg("Sv39 va %#lx: not rejected before the walk (calls %u)",
                     (unsigned long)sv39_bad[i], f->calls);
    }
    assert_int_equal(walk(f, SV39, 0xffffffc000000000ULL, ACCESS_READ, &res), WALK_OK);
    assert_int_equal(walk(f, SV39, 0x0000003fffffffffULL, ACCESS_READ, &res), WALK_OK);

    /* Sv48: bit 47 is the sign */
    assert_int_equal(walk(f, SV48, 0x0000800000000000ULL, ACCESS_READ, &res), WALK_PAGE_FAULT);
    assert_int_equal(f->calls, 0);
    assert_int_equal(walk(f, SV48, 0xffff7fffffffffffULL, ACCESS_READ, &res), WALK_PAGE_FAULT);
    assert_int_equal(f->calls, 0);
    /* Under Sv48 the same root entries are 512 GiB leaves; entry 0 (pa 0) is aligned. */
    assert_int_equal(walk(f, SV48, 0x0000000012345678ULL, ACCESS_READ, &res), WALK_OK);
    assert_int_equal(res.page_shift, 39);
}

static void test_bad_mode(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    table(f, 0)[0] = leaf(0, RWX);
    assert_int_equal(walk(f, satp_of(SATP_MODE_BARE, 0), 0x1000, ACCESS_READ, &res),
                     WALK_PAGE_FAULT);
    assert_int_equal(walk(f, satp_of(1, 0), 0x1000, ACCESS_READ, &res), WALK_PAGE_FAULT);
    assert_int_equal(f->calls, 0);
}

/* ---- malformed PTEs ---- */

static void test_invalid_pte(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    uint64_t va = 0x0000000040203000ULL;
    uint64_t *l0 = map(f, 3, va, 0, leaf(0x12345000, RWX & ~V));
    assert_int_equal(walk(f, SV39, va, ACCESS_READ, &res), WALK_PAGE_FAULT);
    assert_int_equal(res.levels, 3);
    *l0 = leaf(0x12345000, RWX);
    assert_int_equal(walk(f, SV39, va, ACCESS_READ, &res), WALK_OK);
    /* invalid root entry: one PTE read */
    table(f, 0)[vpn(va, 2)] &= ~V;
    assert_int_equal(walk(f, SV39, va, ACCESS_READ, &res), WALK_PAGE_FAULT);
    assert_int_equal(res.levels, 1);
    /* a pointer PTE (no R/X) at the last level is not a leaf */
    table(f, 0)[vpn(va, 2)] |= V;
    *l0 = leaf(page_pa(5), V);
    assert_int_equal(walk(f, SV39, va, ACCESS_READ, &res), WALK_PAGE_FAULT);
    assert_int_equal(res.levels, 3);
}

static void test_write_without_read(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    uint64_t va = 0x0000000040203000ULL;
    static const uint64_t bad[] = {V | W | A | D, V | W | X | A | D, V | W | X | U | A | D};
    uint64_t *l0 = map(f, 3, va, 0, 0);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        *l0 = leaf(0x12345000, bad[i]);
        for (access_t acc = ACCESS_READ; acc <= ACCESS_EXEC; acc++) {
            walk_req_t r = req_of(f, SV39, va, acc);
            r.mxr = true;
            r.user = (bad[i] & U) != 0;
            if (walk_translate(&r, &res) != WALK_PAGE_FAULT)
                fail_msg("pte flags %#lx access %d: not a page fault", (unsigned long)bad[i],
                         acc);
        }
    }
    /* W without R on a non-leaf entry is reserved too */
    table(f, 0)[vpn(va, 2)] |= W;
    *l0 = leaf(0x12345000, RWX);
    assert_int_equal(walk(f, SV39, va, ACCESS_READ, &res), WALK_PAGE_FAULT);
    assert_int_equal(res.levels, 1);
}

static void test_misaligned_superpage(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    uint64_t va2m = 0x0000000040200000ULL, va1g = 0x0000000080000000ULL;
    uint64_t *l1 = map(f, 3, va2m, 1, leaf(0x40201000, RWX));
    uint64_t *l2 = map(f, 3, va1g, 2, leaf(0xc0200000, RWX));
    assert_int_equal(walk(f, SV39, va2m, ACCESS_READ, &res), WALK_PAGE_FAULT);
    assert_int_equal(walk(f, SV39, va1g, ACCESS_READ, &res), WALK_PAGE_FAULT);
    *l2 = leaf(0xc0001000, RWX); /* ppn[0] nonzero */
    assert_int_equal(walk(f, SV39, va1g, ACCESS_READ, &res), WALK_PAGE_FAULT);
    *l1 = leaf(0x40200000, RWX);
    *l2 = leaf(0xc0000000, RWX);
    assert_int_equal(walk(f, SV39, va2m, ACCESS_READ, &res), WALK_OK);
    assert_int_equal(walk(f, SV39, va1g, ACCESS_READ, &res), WALK_OK);
    /* Sv48 512 GiB page needs ppn[2:0] zero */
    memset(table(f, 0), 0, PG);
    table(f, 0)[0] = leaf(0x8000000000ULL + 0x40000000ULL, RWX);
    assert_int_equal(walk(f, SV48, 0x1000, ACCESS_READ, &res), WALK_PAGE_FAULT);
}

static void test_reserved_bits(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    uint64_t va = 0x0000000040203000ULL;
    static const uint64_t bits[] = {1ULL << 54, 1ULL << 60, 1ULL << 61, 1ULL << 62, 1ULL << 63};
    uint64_t *l0 = map(f, 3, va, 0, 0);
    uint64_t *root = &table(f, 0)[vpn(va, 2)];
    uint64_t root_ok = *root;
    for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
        *l0 = leaf(0x12345000, RWX) | bits[i];
        if (walk(f, SV39, va, ACCESS_READ, &res) != WALK_PAGE_FAULT)
            fail_msg("leaf with bit %#lx accepted", (unsigned long)bits[i]);
        *l0 = leaf(0x12345000, RWX);
        *root = root_ok | bits[i];
        if (walk(f, SV39, va, ACCESS_READ, &res) != WALK_PAGE_FAULT)
            fail_msg("non-leaf with bit %#lx accepted", (unsigned long)bits[i]);
        *root = root_ok;
    }
    /* the top PPN bit (53) is an address bit, not reserved */
    *l0 = leaf(1ULL << 55, RWX);
    assert_int_equal(walk(f, SV39, va, ACCESS_READ, &res), WALK_OK);
    assert_int_equal(res.pa, 1ULL << 55);
}

/* ---- permissions ---- */

typedef struct {
    uint64_t flags;
    bool user, sum, mxr;
    access_t access;
    walk_status_t expect;
} perm_case_t;

static void run_perm_cases(fake_t *f, const perm_case_t *cases, size_t n)
{
    uint64_t va = 0x0000000040203000ULL;
    uint64_t *l0 = map(f, 3, va, 0, 0);
    for (size_t i = 0; i < n; i++) {
        const perm_case_t *c = &cases[i];
        walk_result_t res;
        *l0 = leaf(0x12345000, c->flags);
        walk_req_t r = req_of(f, SV39, va, c->access);
        r.user = c->user;
        r.sum = c->sum;
        r.mxr = c->mxr;
        walk_status_t st = walk_translate(&r, &res);
        if (st != c->expect)
            fail_msg("case %zu: flags %#lx user %d sum %d mxr %d access %d: status %d, want %d",
                     i, (unsigned long)c->flags, c->user, c->sum, c->mxr, c->access, st,
                     c->expect);
    }
}

static void test_user_bit(void **state)
{
    static const perm_case_t cases[] = {
        /* U page */
        {RWX | U, true, false, false, ACCESS_READ, WALK_OK},
        {RWX | U, true, false, false, ACCESS_WRITE, WALK_OK},
        {RWX | U, true, false, false, ACCESS_EXEC, WALK_OK},
        {RWX | U, false, false, false, ACCESS_READ, WALK_PAGE_FAULT},
        {RWX | U, false, false, false, ACCESS_WRITE, WALK_PAGE_FAULT},
        {RWX | U, false, true, false, ACCESS_READ, WALK_OK},
        {RWX | U, false, true, false, ACCESS_WRITE, WALK_OK},
        {RWX | U, false, true, false, ACCESS_EXEC, WALK_PAGE_FAULT}, /* SUM is data only */
        {RWX | U, false, false, false, ACCESS_EXEC, WALK_PAGE_FAULT},
        /* supervisor page */
        {RWX, true, false, false, ACCESS_READ, WALK_PAGE_FAULT},
        {RWX, true, true, false, ACCESS_READ, WALK_PAGE_FAULT},
        {RWX, true, false, false, ACCESS_EXEC, WALK_PAGE_FAULT},
        {RWX, false, false, false, ACCESS_EXEC, WALK_OK},
        {RWX, false, true, false, ACCESS_WRITE, WALK_OK},
    };
    run_perm_cases(*state, cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_mxr_and_exec(void **state)
{
    static const perm_case_t cases[] = {
        /* execute-only page */
        {V | X | A | D, false, false, false, ACCESS_READ, WALK_PAGE_FAULT},
        {V | X | A | D, false, false, true, ACCESS_READ, WALK_OK},
        {V | X | A | D, false, false, true, ACCESS_WRITE, WALK_PAGE_FAULT},
        {V | X | A | D, false, false, false, ACCESS_EXEC, WALK_OK},
        {V | X | U | A | D, true, false, true, ACCESS_READ, WALK_OK},
        {V | X | U | A | D, false, false, true, ACCESS_READ, WALK_PAGE_FAULT}, /* no SUM */
        {V | X | U | A | D, false, true, true, ACCESS_READ, WALK_OK},
        /* MXR does not make writable or non-executable pages anything else */
        {V | R | A | D, false, false, true, ACCESS_EXEC, WALK_PAGE_FAULT},
        {V | R | A | D, false, false, false, ACCESS_WRITE, WALK_PAGE_FAULT},
        {V | R | W | A | D, false, false, false, ACCESS_EXEC, WALK_PAGE_FAULT},
        {V | R | X | A | D, false, false, false, ACCESS_EXEC, WALK_OK},
        {V | R | X | A | D, false, false, false, ACCESS_WRITE, WALK_PAGE_FAULT},
    };
    run_perm_cases(*state, cases, sizeof(cases) / sizeof(cases[0]));
}

/* The r/w/x the walker reports are what the TLB may cache for this privilege. */
static void test_result_perms(void **state)
{
    fake_t *f = *state;
    uint64_t va = 0x0000000040203000ULL;
    uint64_t *l0 = map(f, 3, va, 0, leaf(0x12345000, RWX | U));
    walk_result_t res;
    walk_req_t r = req_of(f, SV39, va, ACCESS_READ);
    r.sum = true;
    assert_int_equal(walk_translate(&r, &res), WALK_OK);
    assert_true(res.r);
    assert_true(res.w);
    assert_false(res.x); /* supervisor never executes user pages */
    r.user = true;
    r.sum = false;
    assert_int_equal(walk_translate(&r, &res), WALK_OK);
    assert_true(res.r && res.w && res.x);
    *l0 = leaf(0x12345000, V | X | A | D);
    r.user = false;
    r.mxr = true;
    assert_int_equal(walk_translate(&r, &res), WALK_OK);
    assert_true(res.r);
    assert_false(res.w);
    assert_true(res.x);
}

/* ---- accessed and dirty bits ---- */

static void test_accessed_dirty(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    uint64_t va = 0x0000000040203000ULL;
    uint64_t *l0 = map(f, 3, va, 0, leaf(0x12345000, V | R | W));
    uint64_t *root = &table(f, 0)[vpn(va, 2)];
    uint64_t root_before = *root;

    /* a read sets A only, and the result is not writable while D is clear */
    assert_int_equal(walk(f, SV39, va, ACCESS_READ, &res), WALK_OK);
    assert_int_equal(*l0, leaf(0x12345000, V | R | W | A));
    assert_true(res.r);
    assert_false(res.w);
    /* a write sets D (and keeps A) */
    assert_int_equal(walk(f, SV39, va, ACCESS_WRITE, &res), WALK_OK);
    assert_int_equal(*l0, leaf(0x12345000, V | R | W | A | D));
    assert_true(res.w);
    /* with D set, a read may cache write permission */
    assert_int_equal(walk(f, SV39, va, ACCESS_READ, &res), WALK_OK);
    assert_true(res.w);
    /* a write to a clean, never-accessed page sets both at once */
    *l0 = leaf(0x12345000, V | R | W);
    assert_int_equal(walk(f, SV39, va, ACCESS_WRITE, &res), WALK_OK);
    assert_int_equal(*l0, leaf(0x12345000, V | R | W | A | D));
    /* an instruction fetch sets A only */
    *l0 = leaf(0x12345000, V | X);
    assert_int_equal(walk(f, SV39, va, ACCESS_EXEC, &res), WALK_OK);
    assert_int_equal(*l0, leaf(0x12345000, V | X | A));
    /* non-leaf entries are never touched */
    assert_int_equal(*root, root_before);
}

static void test_no_ad_on_fault(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    uint64_t va = 0x0000000040203000ULL;
    uint64_t *l0 = map(f, 3, va, 0, leaf(0x12345000, V | R));
    assert_int_equal(walk(f, SV39, va, ACCESS_WRITE, &res), WALK_PAGE_FAULT);
    assert_int_equal(*l0, leaf(0x12345000, V | R));
    *l0 = leaf(0x12345000, V | R | W | U);
    assert_int_equal(walk(f, SV39, va, ACCESS_WRITE, &res), WALK_PAGE_FAULT); /* S, no SUM */
    assert_int_equal(*l0, leaf(0x12345000, V | R | W | U));
    /* misaligned superpage: no A either */
    uint64_t *l1 = map(f, 3, 0x0000000040400000ULL, 1, leaf(0x40201000, V | R | W));
    assert_int_equal(walk(f, SV39, 0x0000000040400000ULL, ACCESS_WRITE, &res), WALK_PAGE_FAULT);
    assert_int_equal(*l1, leaf(0x40201000, V | R | W));
}

/* ---- access faults from the PTE fetch ---- */

static void test_access_fault(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    uint64_t va = 0x0000000040203000ULL;
    map(f, 3, va, 0, leaf(0x12345000, RWX));
    /* root outside memory */
    uint64_t bad_root = ((uint64_t)SATP_MODE_SV39 << 60) | (0x1000000ULL >> 12);
    assert_int_equal(walk(f, bad_root, va, ACCESS_READ, &res), WALK_ACCESS_FAULT);
    assert_int_equal(res.levels, 1);
    /* last-level table outside memory: the third PTE fetch fails */
    uint64_t *l1 = entry_at(f, 3, va, 1);
    uint64_t good = *l1;
    *l1 = leaf(0x1000000, V);
    assert_int_equal(walk(f, SV39, va, ACCESS_READ, &res), WALK_ACCESS_FAULT);
    assert_int_equal(res.levels, 3);
    assert_int_equal(f->calls, 3);
    *l1 = good;
    assert_int_equal(walk(f, SV39, va, ACCESS_READ, &res), WALK_OK);
}

/* ---- the compare-and-swap retry ---- */

typedef struct {
    uint64_t *pte;     /* the PTE to change */
    uint64_t new_val;  /* what "another hart" stores between the walker's read and its CAS */
    void *page;        /* the read-only host page holding it */
    volatile sig_atomic_t fired;
} race_t;

/* The signal handler has no context argument, so the armed race is reached through this
 * pointer; it is set only for the duration of one walk. */
static race_t *volatile armed_race;

static void race_on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    race_t *r = armed_race;
    uintptr_t a = (uintptr_t)si->si_addr, p = r ? (uintptr_t)r->page : 0;
    if (!r || r->fired || a < p || a >= p + PG) {
        signal(sig, SIG_DFL); /* not ours: let the re-executed access kill the test */
        return;
    }
    mprotect(r->page, PG, PROT_READ | PROT_WRITE);
    __atomic_store_n(r->pte, r->new_val, __ATOMIC_SEQ_CST);
    r->fired = 1;
}

/* Walks once with the PTE's page read-only so that the CAS sees `new_val` instead of what the
 * walker read. */
static walk_status_t walk_racing(fake_t *f, uint64_t satp, uint64_t va, access_t access,
                                 uint64_t *pte, uint64_t new_val, walk_result_t *res,
                                 bool *fired)
{
#ifdef __SANITIZE_THREAD__
    /* TSan defers the handler of a synchronous SIGSEGV, so the faulting CAS would spin. */
    skip();
#endif
    race_t race = {.pte = pte, .new_val = new_val,
                   .page = (void *)((uintptr_t)pte & ~(uintptr_t)(PG - 1))};
    struct sigaction sa, old;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = race_on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    assert_int_equal(sigaction(SIGSEGV, &sa, &old), 0);
    armed_race = &race;
    assert_int_equal(mprotect(race.page, PG, PROT_READ), 0);
    walk_status_t st = walk(f, satp, va, access, res);
    mprotect(race.page, PG, PROT_READ | PROT_WRITE);
    armed_race = NULL;
    sigaction(SIGSEGV, &old, NULL);
    *fired = race.fired;
    return st;
}

/* The PTE is remapped under the walker: the result must use the new PPN. */
static void test_cas_retry_remap(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    bool fired;
    uint64_t va = 0x0000000040203abcULL;
    uint64_t *l0 = map(f, 3, va, 0, leaf(0x12345000, V | R | W));
    walk_status_t st = walk_racing(f, SV39, va, ACCESS_READ, l0, leaf(0x54321000, V | R | W),
                                   &res, &fired);
    assert_true(fired);
    assert_int_equal(st, WALK_OK);
    assert_int_equal(res.pa, 0x54321abc);
    assert_int_equal(*l0, leaf(0x54321000, V | R | W | A));
    assert_int_equal(f->calls, 6); /* the whole walk was redone from the root */
}

/* The PTE is invalidated under the walker: the walk must fault and not resurrect it. */
static void test_cas_retry_invalidated(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    bool fired;
    uint64_t va = 0x0000000040203000ULL;
    uint64_t *l0 = map(f, 3, va, 0, leaf(0x12345000, V | R | W));
    walk_status_t st = walk_racing(f, SV39, va, ACCESS_WRITE, l0, 0, &res, &fired);
    assert_true(fired);
    assert_int_equal(st, WALK_PAGE_FAULT);
    assert_int_equal(*l0, 0);
}

/* Write permission is revoked under a write: fault, and D must not be set. */
static void test_cas_retry_write_revoked(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    bool fired;
    uint64_t va = 0x0000000040203000ULL;
    uint64_t *l0 = map(f, 3, va, 0, leaf(0x12345000, V | R | W | A));
    walk_status_t st = walk_racing(f, SV39, va, ACCESS_WRITE, l0, leaf(0x12345000, V | R | A),
                                   &res, &fired);
    assert_true(fired);
    assert_int_equal(st, WALK_PAGE_FAULT);
    assert_int_equal(*l0, leaf(0x12345000, V | R | A));
}

/* Another walker set A first: the retry finds nothing left to do for a read, and still sets D
 * for a write. */
static void test_cas_retry_concurrent_ad(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    bool fired;
    uint64_t va = 0x0000000040203000ULL;
    uint64_t *l0 = map(f, 3, va, 0, leaf(0x12345000, V | R | W));
    walk_status_t st = walk_racing(f, SV39, va, ACCESS_READ, l0, leaf(0x12345000, V | R | W | A),
                                   &res, &fired);
    assert_true(fired);
    assert_int_equal(st, WALK_OK);
    assert_false(res.w);
    assert_int_equal(*l0, leaf(0x12345000, V | R | W | A));

    *l0 = leaf(0x12345000, V | R | W);
    st = walk_racing(f, SV39, va, ACCESS_WRITE, l0, leaf(0x12345000, V | R | W | A), &res,
                     &fired);
    assert_true(fired);
    assert_int_equal(st, WALK_OK);
    assert_true(res.w);
    assert_int_equal(*l0, leaf(0x12345000, V | R | W | A | D));
}

/* Sv48 2 MiB page remapped under the walker to another superpage with other permissions. */
static void test_cas_retry_sv48_superpage(void **state)
{
    fake_t *f = *state;
    walk_result_t res;
    bool fired;
    uint64_t va = 0x0000123456789abcULL;
    uint64_t *l1 = map(f, 4, va, 1, leaf(0x40000000, V | R));
    walk_status_t st = walk_racing(f, SV48, va, ACCESS_READ, l1, leaf(0x40200000, V | R | X),
                                   &res, &fired);
    assert_true(fired);
    assert_int_equal(st, WALK_OK);
    assert_int_equal(res.pa, 0x40200000 + (va & 0x1fffff));
    assert_int_equal(res.page_shift, 21);
    assert_true(res.x);
    assert_int_equal(*l1, leaf(0x40200000, V | R | X | A));
}

/* ---- real concurrency: no lost PTE updates ---- */

#define RSW_SHIFT 8 /* the two PTE bits reserved for supervisor software */
#define RSW_MASK (3ULL << RSW_SHIFT)
#define RACE_WALKS 1000000

typedef struct {
    uint64_t *pte;
    _Atomic bool stop;
    unsigned updates; /* successful "kernel" updates */
} os_thread_t;

/* Plays a kernel on another hart until told to stop: clears A/D (page aging) and bumps a
 * 2-bit software counter in one compare-and-swap, so that a walker storing a stale PTE
 * would lose a count. */
static void *os_thread(void *arg)
{
    os_thread_t *o = arg;
    while (!atomic_load_explicit(&o->stop, memory_order_relaxed)) {
        uint64_t old = __atomic_load_n(o->pte, __ATOMIC_RELAXED), want;
        do {
            uint64_t count = ((old >> RSW_SHIFT) + 1) & 3;
            want = (old & ~(A | D | RSW_MASK)) | (count << RSW_SHIFT);
        } while (!__atomic_compare_exchange_n(o->pte, &old, want, false, __ATOMIC_SEQ_CST,
                                              __ATOMIC_RELAXED));
        o->updates++;
    }
    return NULL;
}

/* Statistical: a walker that wrote A/D with a plain store would be caught only when a store
 * lands inside the other thread's window; a correct walker never fails it. */
static void test_concurrent_ad_no_lost_update(void **state)
{
    fake_t *f = *state;
    uint64_t va = 0x0000000040203000ULL;
    uint64_t *l0 = map(f, 3, va, 0, leaf(0x12345000, V | R | W));
    os_thread_t o = {.pte = l0};
    pthread_t tid;
    assert_int_equal(pthread_create(&tid, NULL, os_thread, &o), 0);
    walk_req_t r = req_of(f, SV39, va, ACCESS_WRITE);
    for (int i = 0; i < RACE_WALKS; i++) {
        walk_result_t res;
        r.access = (i & 1) ? ACCESS_WRITE : ACCESS_READ;
        if (walk_translate(&r, &res) != WALK_OK || res.pa != 0x12345000)
            fail_msg("walk %d failed under concurrent PTE updates", i);
    }
    atomic_store(&o.stop, true);
    pthread_join(tid, NULL);
    uint64_t final = __atomic_load_n(l0, __ATOMIC_SEQ_CST);
    assert_int_equal((final & RSW_MASK) >> RSW_SHIFT, o.updates & 3);
    assert_int_equal(final & ~(A | D | RSW_MASK), leaf(0x12345000, V | R | W));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fake_setup, fake_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_sv39_4k),
        T(test_sv39_2m),
        T(test_sv39_1g),
        T(test_sv39_high_half),
        T(test_sv48_sizes),
        T(test_non_canonical),
        T(test_bad_mode),
        T(test_invalid_pte),
        T(test_write_without_read),
        T(test_misaligned_superpage),
        T(test_reserved_bits),
        T(test_user_bit),
        T(test_mxr_and_exec),
        T(test_result_perms),
        T(test_accessed_dirty),
        T(test_no_ad_on_fault),
        T(test_access_fault),
        T(test_cas_retry_remap),
        T(test_cas_retry_invalidated),
        T(test_cas_retry_write_revoked),
        T(test_cas_retry_concurrent_ad),
        T(test_cas_retry_sv48_superpage),
        T(test_concurrent_ad_no_lost_update),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
