/*
 * test_pmp.c - unit tests for physical memory protection (mem/pmp.h).
 *
 * Rules checked (privileged spec, "Physical Memory Protection"): the lowest-numbered entry that
 * matches any byte of an access decides it; that entry must cover every byte of the access or
 * the access fails; S/U accesses that match nothing fail (entries are implemented); M-mode is
 * checked only against locked entries and otherwise succeeds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "mem/pmp.h"

#define PRIV_U 0
#define PRIV_S 1
#define PRIV_M 3
#define RWX (PMP_R | PMP_W | PMP_X)

static uint8_t cfg(unsigned mode, unsigned perms)
{
    return (uint8_t)((mode << PMP_A_SHIFT) | perms);
}

/* pmpaddr value of a NAPOT region of `size` bytes (a power of two >= 8) at `base`. */
static uint64_t napot(uint64_t base, uint64_t size)
{
    return (base | (size / 2 - 1)) >> 2;
}

static void set(pmp_t *p, int i, unsigned mode, unsigned perms, uint64_t addr)
{
    p->cfg[i] = cfg(mode, perms);
    p->addr[i] = addr;
    pmp_update(p);
}

static bool ok(const pmp_t *p, uint64_t pa, unsigned len, access_t acc, unsigned priv)
{
    return pmp_check(p, pa, len, acc, priv);
}

static void test_no_entries(void **state)
{
    (void)state;
    pmp_t p;
    memset(&p, 0, sizeof(p));
    pmp_update(&p);
    for (access_t acc = ACCESS_READ; acc <= ACCESS_EXEC; acc++) {
        assert_false(ok(&p, 0x80000000, 4, acc, PRIV_S));
        assert_false(ok(&p, 0x80000000, 4, acc, PRIV_U));
        assert_true(ok(&p, 0x80000000, 4, acc, PRIV_M));
    }
    assert_int_equal(pmp_page_perms(&p, 0x80000000, PRIV_S), 0);
    assert_int_equal(pmp_page_perms(&p, 0x80000000, PRIV_U), 0);
    assert_int_equal(pmp_page_perms(&p, 0x80000000, PRIV_M), RWX);
}

static void test_tor(void **state)
{
    (void)state;
    pmp_t p;
    memset(&p, 0, sizeof(p));
    set(&p, 0, PMP_TOR, PMP_R, 0x1000 >> 2);          /* [0, 0x1000) R */
    set(&p, 1, PMP_TOR, PMP_R | PMP_W, 0x3000 >> 2);  /* [0x1000, 0x3000) RW */
    assert_true(ok(&p, 0, 8, ACCESS_READ, PRIV_S));
    assert_false(ok(&p, 0, 8, ACCESS_WRITE, PRIV_S));
    assert_false(ok(&p, 0xfff, 1, ACCESS_WRITE, PRIV_S));
    assert_true(ok(&p, 0xfff, 1, ACCESS_READ, PRIV_U));
    assert_true(ok(&p, 0x1000, 1, ACCESS_WRITE, PRIV_S));
    assert_true(ok(&p, 0x2ff8, 8, ACCESS_WRITE, PRIV_S));
    assert_false(ok(&p, 0x2ff8, 8, ACCESS_EXEC, PRIV_S));
    assert_false(ok(&p, 0x3000, 1, ACCESS_READ, PRIV_S)); /* top is exclusive */

    /* pmpaddr[i-1] >= pmpaddr[i]: the entry matches nothing */
    set(&p, 2, PMP_TOR, RWX, 0x2000 >> 2);
    set(&p, 3, PMP_TOR, PMP_X, 0x5000 >> 2); /* [0x2000, 0x5000) from entry 2's address */
    assert_false(ok(&p, 0x3000, 4, ACCESS_READ, PRIV_S));
    assert_true(ok(&p, 0x3000, 4, ACCESS_EXEC, PRIV_S));
    assert_true(ok(&p, 0x2800, 4, ACCESS_WRITE, PRIV_S)); /* still entry 1 */

    /* TOR takes its bottom from the previous pmpaddr even when that entry is OFF */
    memset(&p, 0, sizeof(p));
    set(&p, 4, PMP_OFF, 0, 0x8000 >> 2);
    set(&p, 5, PMP_TOR, PMP_X, 0x9000 >> 2);
    assert_true(ok(&p, 0x8000, 4, ACCESS_EXEC, PRIV_U));
    assert_true(ok(&p, 0x8ffc, 4, ACCESS_EXEC, PRIV_U));
    assert_false(ok(&p, 0x7ffc, 4, ACCESS_EXEC, PRIV_U));
    /* entry 0 TOR with pmpaddr 0 is empty */
    memset(&p, 0, sizeof(p));
    set(&p, 0, PMP_TOR, RWX, 0);
    assert_false(ok(&p, 0, 1, ACCESS_READ, PRIV_S));
}

static void test_na4(void **state)
{
    (void)state;
    pmp_t p;
    memset(&p, 0, sizeof(p));
    set(&p, 0, PMP_NA4, PMP_R | PMP_W, 0x1000 >> 2);
    assert_true(ok(&p, 0x1000, 4, ACCESS_WRITE, PRIV_S));
    assert_true(ok(&p, 0x1003, 1, ACCESS_READ, PRIV_S));
    assert_false(ok(&p, 0x1000, 8, ACCESS_READ, PRIV_S)); /* partial */
    assert_false(ok(&p, 0x0ffc, 8, ACCESS_READ, PRIV_S)); /* partial */
    assert_false(ok(&p, 0x1004, 4, ACCESS_READ, PRIV_S)); /* no match */
    assert_false(ok(&p, 0x0ffc, 4, ACCESS_READ, PRIV_S));
    assert_false(ok(&p, 0x1000, 4, ACCESS_EXEC, PRIV_S));
}

static void test_napot_sizes(void **state)
{
    (void)state;
    static const struct {
        uint64_t base, size;
    } cases[] = {
        {0x1000, 8},
        {0x1008, 8},
        {0x80000000, 0x1000},
        {0x80200000, 0x200000},
        {0x100000000ULL, 0x100000000ULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        pmp_t p;
        memset(&p, 0, sizeof(p));
        uint64_t lo = cases[i].base, hi = lo + cases[i].size;
        set(&p, 0, PMP_NAPOT, PMP_R, napot(lo, cases[i].size));
        if (!ok(&p, lo, 1, ACCESS_READ, PRIV_S) || !ok(&p, hi - 1, 1, ACCESS_READ, PRIV_S) ||
            !ok(&p, lo, (unsigned)(cases[i].size < 8 ? cases[i].size : 8), ACCESS_READ, PRIV_S))
            fail_msg("NAPOT %#lx+%#lx: inside denied", (unsigned long)lo,
                     (unsigned long)cases[i].size);
        if (ok(&p, lo - 1, 1, ACCESS_READ, PRIV_S) || ok(&p, hi, 1, ACCESS_READ, PRIV_S) ||
            ok(&p, hi - 4, 8, ACCESS_READ, PRIV_S))
            fail_msg("NAPOT %#lx+%#lx: outside allowed", (unsigned long)lo,
                     (unsigned long)cases[i].size);
    }
}

static void test_napot_full_space(void **state)
{
    (void)state;
    pmp_t p;
    memset(&p, 0, sizeof(p));
    set(&p, 0, PMP_NAPOT, RWX, (1ULL << 54) - 1); /* all 54 pmpaddr bits set */
    assert_true(ok(&p, 0, 8, ACCESS_WRITE, PRIV_U));
    assert_true(ok(&p, 0x80000000, 8, ACCESS_EXEC, PRIV_U));
    assert_true(ok(&p, (1ULL << 56) - 8, 8, ACCESS_READ, PRIV_U));
    assert_int_equal(pmp_page_perms(&p, 0, PRIV_S), RWX);
    assert_int_equal(pmp_page_perms(&p, (1ULL << 56) - 4096, PRIV_S), RWX);
    /* one bit fewer: 2^56 bytes from 0, still the whole physical address space */
    set(&p, 0, PMP_NAPOT, PMP_R, (1ULL << 53) - 1);
    assert_true(ok(&p, 0, 8, ACCESS_READ, PRIV_S));
    assert_true(ok(&p, (1ULL << 56) - 8, 8, ACCESS_READ, PRIV_S));
    assert_false(ok(&p, 0x1000, 8, ACCESS_WRITE, PRIV_S));
}

static void test_priority(void **state)
{
    (void)state;
    pmp_t p;
    memset(&p, 0, sizeof(p));
    set(&p, 0, PMP_NAPOT, PMP_R, napot(0x10000, 0x1000));
    set(&p, 1, PMP_NAPOT, RWX, napot(0x10000, 0x10000));
    assert_false(ok(&p, 0x10000, 4, ACCESS_WRITE, PRIV_S)); /* entry 0 wins */
    assert_true(ok(&p, 0x10000, 4, ACCESS_READ, PRIV_S));
    assert_true(ok(&p, 0x11000, 4, ACCESS_WRITE, PRIV_S)); /* only entry 1 matches */
    /* swapped: the big RWX entry now wins everywhere */
    set(&p, 0, PMP_NAPOT, RWX, napot(0x10000, 0x10000));
    set(&p, 1, PMP_NAPOT, PMP_R, napot(0x10000, 0x1000));
    assert_true(ok(&p, 0x10000, 4, ACCESS_WRITE, PRIV_S));
    /* a higher-numbered entry cannot grant what a lower one denies, even with no perms */
    set(&p, 0, PMP_NAPOT, 0, napot(0x10000, 0x1000));
    set(&p, 1, PMP_NAPOT, RWX, napot(0, 1ULL << 32));
    assert_false(ok(&p, 0x10ff8, 8, ACCESS_READ, PRIV_U));
    assert_true(ok(&p, 0x11000, 8, ACCESS_READ, PRIV_U));
}

static void test_partial_overlap(void **state)
{
    (void)state;
    pmp_t p;
    memset(&p, 0, sizeof(p));
    set(&p, 0, PMP_OFF, 0, 0x1000 >> 2);
    set(&p, 1, PMP_TOR, RWX, 0x2000 >> 2);        /* [0x1000, 0x2000) */
    set(&p, 2, PMP_NAPOT, RWX, napot(0, 0x10000)); /* [0, 0x10000) */
    assert_true(ok(&p, 0x1ff8, 8, ACCESS_READ, PRIV_S));
    assert_false(ok(&p, 0x1ffc, 8, ACCESS_READ, PRIV_S)); /* straddles entry 1's top */
    assert_false(ok(&p, 0x0ffc, 8, ACCESS_READ, PRIV_S)); /* straddles its bottom */
    assert_true(ok(&p, 0x2000, 8, ACCESS_READ, PRIV_S));  /* entry 2 only */
    assert_true(ok(&p, 0x0ff8, 8, ACCESS_READ, PRIV_S));
    /* M-mode is held to the same rule by a locked entry */
    p.cfg[1] |= PMP_L;
    pmp_update(&p);
    assert_false(ok(&p, 0x1ffc, 8, ACCESS_READ, PRIV_M));
    assert_true(ok(&p, 0x1ff8, 8, ACCESS_READ, PRIV_M));
}

static void test_m_mode_and_lock(void **state)
{
    (void)state;
    pmp_t p;
    memset(&p, 0, sizeof(p));
    set(&p, 0, PMP_NAPOT, PMP_R, napot(0x1000, 0x1000));
    assert_true(p.any_active);
    assert_true(ok(&p, 0x1000, 4, ACCESS_WRITE, PRIV_M)); /* unlocked: M unaffected */
    assert_false(ok(&p, 0x1000, 4, ACCESS_WRITE, PRIV_S));
    p.cfg[0] |= PMP_L;
    pmp_update(&p);
    assert_false(ok(&p, 0x1000, 4, ACCESS_WRITE, PRIV_M));
    assert_false(ok(&p, 0x1000, 4, ACCESS_EXEC, PRIV_M));
    assert_true(ok(&p, 0x1000, 4, ACCESS_READ, PRIV_M));
    assert_true(ok(&p, 0x2000, 4, ACCESS_WRITE, PRIV_M)); /* no match: M allowed */
    assert_false(ok(&p, 0x2000, 4, ACCESS_WRITE, PRIV_S)); /* no match: S denied */
    assert_int_equal(pmp_page_perms(&p, 0x1000, PRIV_M), PMP_R);
    assert_int_equal(pmp_page_perms(&p, 0x2000, PRIV_M), RWX);

    /* an unlocked entry ahead of a locked one shields M-mode accesses it matches */
    memset(&p, 0, sizeof(p));
    set(&p, 0, PMP_NAPOT, 0, napot(0x1000, 0x1000));
    set(&p, 1, PMP_NAPOT, PMP_L | 0, napot(0, 0x10000));
    assert_true(ok(&p, 0x1000, 8, ACCESS_WRITE, PRIV_M));
    assert_false(ok(&p, 0x2000, 8, ACCESS_WRITE, PRIV_M));
    assert_false(ok(&p, 0x1000, 8, ACCESS_READ, PRIV_S)); /* S obeys entry 0 */
    assert_int_equal(pmp_page_perms(&p, 0x1000, PRIV_M), RWX);
    assert_int_equal(pmp_page_perms(&p, 0x2000, PRIV_M), 0);

    p.cfg[1] &= (uint8_t)~PMP_L;
    pmp_update(&p);
    assert_true(ok(&p, 0x2000, 8, ACCESS_WRITE, PRIV_M));

    /* a partial match fails whatever L says, M-mode included */
    memset(&p, 0, sizeof(p));
    set(&p, 0, PMP_TOR, RWX, 0x80001004 >> 2);
    assert_false(ok(&p, 0x80001000, 8, ACCESS_READ, PRIV_M));
    assert_true(ok(&p, 0x80001000, 4, ACCESS_READ, PRIV_M));
    assert_int_equal(pmp_page_perms(&p, 0x80001000, PRIV_M), -1);
    memset(&p, 0, sizeof(p));
    pmp_update(&p);
    assert_false(p.any_active);
    assert_true(ok(&p, 0x80001000, 8, ACCESS_WRITE, PRIV_M));
    assert_false(ok(&p, 0x80001000, 8, ACCESS_WRITE, PRIV_S));
}

static void test_page_perms(void **state)
{
    (void)state;
    pmp_t p;
    memset(&p, 0, sizeof(p));
    set(&p, 0, PMP_NAPOT, PMP_R | PMP_X, napot(0x80000000, 0x10000));
    assert_int_equal(pmp_page_perms(&p, 0x80000000, PRIV_S), PMP_R | PMP_X);
    assert_int_equal(pmp_page_perms(&p, 0x8000f000, PRIV_U), PMP_R | PMP_X);
    assert_int_equal(pmp_page_perms(&p, 0x80010000, PRIV_S), 0);
    assert_int_equal(pmp_page_perms(&p, 0x80000000, PRIV_M), RWX);

    /* TOR ending mid-page splits the page */
    set(&p, 1, PMP_TOR, RWX, 0x80020800 >> 2); /* [0x80010000, 0x80020800) */
    assert_int_equal(pmp_page_perms(&p, 0x80020000, PRIV_S), -1);
    assert_int_equal(pmp_page_perms(&p, 0x8001f000, PRIV_S), RWX);
    /* an NA4 inside a page covered by a lower-priority entry splits it too */
    memset(&p, 0, sizeof(p));
    set(&p, 0, PMP_NA4, RWX, 0x80003010 >> 2);
    set(&p, 1, PMP_NAPOT, PMP_R, napot(0x80000000, 0x10000));
    assert_int_equal(pmp_page_perms(&p, 0x80003000, PRIV_S), -1);
    assert_int_equal(pmp_page_perms(&p, 0x80004000, PRIV_S), PMP_R);
    /* a small NAPOT that covers part of the page, with nothing else */
    memset(&p, 0, sizeof(p));
    set(&p, 3, PMP_NAPOT, RWX, napot(0x80005800, 0x800));
    assert_int_equal(pmp_page_perms(&p, 0x80005000, PRIV_U), -1);
    /* entries that do not touch the page do not matter */
    set(&p, 0, PMP_NAPOT, 0, napot(0x90000000, 0x1000));
    set(&p, 3, PMP_NAPOT, PMP_W | PMP_R, napot(0x80000000, 0x100000));
    assert_int_equal(pmp_page_perms(&p, 0x80005000, PRIV_U), PMP_R | PMP_W);
}

/* Whenever pmp_page_perms gives a value, every access inside the page must agree with
 * pmp_check: the TLB relies on it to skip per-access checks. */
static void test_page_perms_agree_with_check(void **state)
{
    (void)state;
    unsigned seed = 12345;
    unsigned decided = 0;
    for (int round = 0; round < 300; round++) {
        pmp_t p;
        memset(&p, 0, sizeof(p));
        int n = 1 + rand_r(&seed) % 6;
        for (int i = 0; i < n; i++) {
            int slot = rand_r(&seed) % PMP_COUNT;
            unsigned mode = (unsigned)(rand_r(&seed) % 4);
            unsigned perms = (unsigned)(rand_r(&seed) % 8);
            if ((perms & (PMP_R | PMP_W)) == PMP_W)
                perms &= ~PMP_W;
            uint64_t addr;
            if (mode == PMP_NAPOT) {
                uint64_t size = 8ULL << (rand_r(&seed) % 14); /* 8 B .. 64 KiB */
                addr = napot(((uint64_t)rand_r(&seed) % 0x10000) & ~(size - 1), size);
            } else {
                addr = ((uint64_t)rand_r(&seed) % 0x10000) >> 2;
            }
            p.cfg[slot] = (uint8_t)(cfg(mode, perms) | (rand_r(&seed) % 4 == 0 ? PMP_L : 0));
            p.addr[slot] = addr;
        }
        pmp_update(&p);
        static const unsigned privs[] = {PRIV_U, PRIV_S, PRIV_M};
        for (uint64_t page = 0; page < 0x10000; page += 0x1000) {
            for (size_t pi = 0; pi < 3; pi++) {
                int perms = pmp_page_perms(&p, page, privs[pi]);
                if (perms < 0)
                    continue;
                decided++;
                for (uint64_t off = 0; off < 0x1000; off += 4) {
                    for (access_t acc = ACCESS_READ; acc <= ACCESS_EXEC; acc++) {
                        int need = acc == ACCESS_READ ? PMP_R : acc == ACCESS_WRITE ? PMP_W : PMP_X;
                        bool want = (perms & need) != 0;
                        if (pmp_check(&p, page + off, 4, acc, privs[pi]) != want)
                            fail_msg("round %d page %#lx priv %u: page perms %d, but check at "
                                     "+%#lx access %d disagrees", round, (unsigned long)page,
                                     privs[pi], perms, (unsigned long)off, acc);
                    }
                }
            }
        }
    }
    assert_true(decided > 1000); /* the property was not vacuous */
}

static void test_legalize_cfg(void **state)
{
    (void)state;
    static const struct {
        uint8_t in, out;
    } cases[] = {
        {0x02, 0x00},                     /* W only: reserved, W dropped */
        {0x06, 0x04},                     /* W X */
        {0x03, 0x03},                     /* R W */
        {0x01, 0x01},
        {0x61, 0x01},                     /* bits 6:5 read as zero */
        {0x9f, 0x9f},                     /* L, NAPOT, RWX */
        {0x8a, 0x88},                     /* L, TOR, W only */
        {0x18 | 0x07, 0x18 | 0x07},
        {0x10, 0x10},                     /* NA4 with no permissions */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        if (pmp_legalize_cfg(cases[i].in) != cases[i].out)
            fail_msg("pmp_legalize_cfg(%#x) = %#x, want %#x", cases[i].in,
                     pmp_legalize_cfg(cases[i].in), cases[i].out);
}

static void test_access_kinds(void **state)
{
    (void)state;
    pmp_t p;
    for (unsigned perms = 0; perms < 8; perms++) {
        memset(&p, 0, sizeof(p));
        set(&p, 0, PMP_NAPOT, perms, napot(0x1000, 0x1000));
        assert_int_equal(ok(&p, 0x1000, 4, ACCESS_READ, PRIV_S), (perms & PMP_R) != 0);
        assert_int_equal(ok(&p, 0x1000, 4, ACCESS_WRITE, PRIV_S), (perms & PMP_W) != 0);
        assert_int_equal(ok(&p, 0x1000, 4, ACCESS_EXEC, PRIV_S), (perms & PMP_X) != 0);
        assert_int_equal(pmp_page_perms(&p, 0x1000, PRIV_U), (int)perms);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_entries),
        cmocka_unit_test(test_tor),
        cmocka_unit_test(test_na4),
        cmocka_unit_test(test_napot_sizes),
        cmocka_unit_test(test_napot_full_space),
        cmocka_unit_test(test_priority),
        cmocka_unit_test(test_partial_overlap),
        cmocka_unit_test(test_m_mode_and_lock),
        cmocka_unit_test(test_page_perms),
        cmocka_unit_test(test_page_perms_agree_with_check),
        cmocka_unit_test(test_legalize_cfg),
        cmocka_unit_test(test_access_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
