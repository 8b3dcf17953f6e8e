/* LR/SC and AMO contention, and when an SC must fail.
 * Counters: for COUNT_TICKS of mtime (long enough that harts overlap even on a loaded host;
 * a fixed iteration count finished within one host time slice), every hart repeatedly adds 1
 * to each of: a 32-bit LR/SC counter whose cache line also holds every hart's private word
 * (written with plain stores each iteration), two 64-bit LR/SC counters in one line (aq and
 * rl variants), one on another page (aqrl), and 32- and 64-bit AMOADD counters. Each hart
 * counts its own iterations; every total must equal their sum exactly and every private word
 * must hold its hart's last iteration.
 * SC failure (unprivileged spec, LR/SC): on hart 0 alone, SC with no reservation, a second SC
 * after a successful one, and SC to an address outside the reserved one must fail; with two
 * harts, SC must fail after another hart changed the word (plain store, AMO, SC) between LR and
 * SC, and must succeed in the controls (nothing, a load, a store to another page). The ABA and
 * same-value cases are in smp_lrsc_aba.c.
 * Exit status: 1 wrong total, 2 private word clobbered, 3 single-hart SC case, 4 two-hart. */
#include "smp_lrsc.h"

#define COUNT_TICKS (300 * MTIME_PER_MS)
#define CHUNK 64 /* iterations between reads of mtime, a device register */

/* One line: the shared 32-bit counter and a private word per hart (up to 15). */
static struct {
    uint32_t counter;
    uint32_t priv[15];
} line32 __attribute__((aligned(64)));
static struct {
    uint64_t aq, rl;
} pair64 __attribute__((aligned(64)));
static uint64_t far64 __attribute__((aligned(4096)));
static uint32_t amo32;
static uint64_t amo64;
static uint64_t retries;
static uint64_t iterations[SMP_MAX_HARTS];
static uint64_t count_end;
static smp_barrier_t barrier;

static uint64_t count_chunk(uint32_t first, volatile uint32_t *mine)
{
    uint64_t r = 0;
    for (uint32_t i = first; i < first + CHUNK; i++) {
        r += (i & 1) ? lrsc_add_w(&line32.counter, 1) : lrsc_add_w_aqrl(&line32.counter, 1);
        if (mine)
            *mine = i;
        r += lrsc_add_d_aq(&pair64.aq, 1);
        r += lrsc_add_d_rl(&pair64.rl, 1);
        r += lrsc_add_d_aqrl(&far64, 1);
        __atomic_fetch_add(&amo32, 1, __ATOMIC_RELAXED);
        __atomic_fetch_add(&amo64, 1, __ATOMIC_RELAXED);
    }
    return r;
}

static void count(unsigned hartid)
{
    uint64_t r = 0;
    uint32_t done = 0;
    volatile uint32_t *mine = hartid < 15 ? &line32.priv[hartid] : 0;
    while (smp_mtime() < count_end) {
        r += count_chunk(done + 1, mine);
        done += CHUNK;
    }
    iterations[hartid] = done;
    __atomic_fetch_add(&retries, r, __ATOMIC_RELAXED);
}

static void check_total(const char *what, uint64_t got, uint64_t want)
{
    if (got == want)
        return;
    bm_puts("smp: FAIL ");
    bm_puts(what);
    bm_puts(": want ");
    bm_put_u64(want);
    bm_puts(", got ");
    bm_put_u64(got);
    bm_putc('\n');
    bm_exit(1);
}

static uint64_t total_iterations(unsigned n)
{
    uint64_t sum = 0;
    for (unsigned h = 0; h < n; h++)
        sum += iterations[h];
    return sum;
}

static void check_counts(unsigned n)
{
    uint64_t want = total_iterations(n);
    check_total("lr.w/sc.w counter", line32.counter, want);
    check_total("lr.d.aq/sc.d counter", pair64.aq, want);
    check_total("lr.d/sc.d.rl counter", pair64.rl, want);
    check_total("lr.d.aqrl/sc.d.aqrl counter (other page)", far64, want);
    check_total("amoadd.w counter", amo32, want);
    check_total("amoadd.d counter", amo64, want);
    for (unsigned h = 0; h < n && h < 15; h++)
        if (line32.priv[h] != iterations[h])
            smp_fail("private word next to the LR/SC counter clobbered, hart", h, 2);
}

static uint64_t scratch __attribute__((aligned(4096)));
static uint64_t other_page __attribute__((aligned(4096)));

/* Single-hart cases; each returns the reason it failed, or 0. */
static const char *sc_without_lr(void)
{
    scratch = 5;
    (void)lrsc_sc_d(&other_page, 0); /* drops any reservation left by earlier code */
    other_page = 0;
    if (lrsc_sc_d(&scratch, 6) == 0)
        return "SC with no reservation succeeded";
    return scratch == 5 ? 0 : "failed SC wrote memory";
}

static const char *sc_after_sc(void)
{
    scratch = 5;
    uint64_t v = lrsc_lr_d(&scratch);
    uint64_t first = lrsc_sc_d(&scratch, v + 1);
    uint64_t second = lrsc_sc_d(&scratch, v + 2);
    if (first != 0)
        return "SC right after LR failed";
    if (second == 0)
        return "second SC after one LR succeeded";
    return scratch == 6 ? 0 : "wrong final value";
}

static const char *sc_other_address(void)
{
    scratch = 5;
    other_page = 7;
    (void)lrsc_lr_d(&scratch);
    if (lrsc_sc_d(&other_page, 8) == 0)
        return "SC to an address another page away from the LR succeeded";
    return other_page == 7 && scratch == 5 ? 0 : "failed SC wrote memory";
}

static unsigned single_hart_cases(void)
{
    static const struct {
        const char *name;
        const char *(*fn)(void);
    } cases[] = {
        {"sc-without-lr", sc_without_lr},
        {"sc-after-sc", sc_after_sc},
        {"sc-other-address", sc_other_address},
    };
    unsigned failed = 0;
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *why = cases[i].fn();
        bm_puts("lrsc-case ");
        bm_puts(cases[i].name);
        bm_puts(why ? ": FAIL (" : ": ok");
        if (why) {
            bm_puts(why);
            bm_putc(')');
            failed++;
        }
        bm_putc('\n');
    }
    return failed;
}

static const lrsc_case_t two_hart_cases[] = {
    {"control-nothing", ACT_NONE},
    {"control-load", ACT_LOAD},
    {"control-store-elsewhere", ACT_STORE_ELSEWHERE},
    {"store-new-value", ACT_STORE_NEW},
    {"amoadd-new-value", ACT_AMO_NEW},
    {"sc-new-value", ACT_SC_NEW},
};
#define TWO_HART_CASES (sizeof(two_hart_cases) / sizeof(two_hart_cases[0]))

static int report(unsigned n, unsigned single_failed, unsigned pair_failed)
{
    check_counts(n);
    if (single_failed)
        smp_fail("single-hart SC cases failed:", single_failed, 3);
    if (pair_failed)
        smp_fail("two-hart SC cases failed:", pair_failed, 4);
    bm_puts("smp_lrsc: harts=");
    bm_put_u64(n);
    bm_puts(" adds=");
    bm_put_u64(6 * total_iterations(n));
    bm_puts(" sc-retries=");
    bm_put_u64(retries);
    bm_puts(n > 1 ? " ok\n" : " ok (two-hart cases need -smp 2)\n");
    return 0;
}

int smp_main(unsigned hartid, const void *dtb)
{
    unsigned n = smp_boot(hartid, dtb);
    unsigned single_failed = 0, pair_failed = 0;
    if (hartid == 0)
        count_end = smp_mtime() + COUNT_TICKS;
    smp_barrier_wait(&barrier, n);
    count(hartid);
    smp_barrier_wait(&barrier, n);
    if (hartid == 0)
        single_failed = single_hart_cases();
    if (n > 1 && hartid < 2)
        pair_failed = lrsc_cases_run(hartid, two_hart_cases, TWO_HART_CASES);
    smp_barrier_wait(&barrier, n);
    return hartid == 0 ? report(n, single_failed, pair_failed) : 0;
}
