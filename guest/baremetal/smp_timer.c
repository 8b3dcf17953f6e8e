/* Per-hart timers: in each of ROUNDS rounds every hart programs its own mtimecmp with its own
 * deadline (STEP apart, the order of harts reversed on odd rounds) and sleeps in WFI. Each must
 * take exactly one machine timer interrupt, no earlier than its own deadline (so a hart that
 * got another hart's earlier interrupt is caught), and none more while all harts keep
 * interrupts on until the last deadline plus SLACK. Lateness is reported; LATE_LIMIT bounds it.
 * Exit status: 1 early interrupt, 2 wrong count, 3 too late. */
#include "smp_rt.h"

#define ROUNDS 4
#define BASE_TICKS (20 * MTIME_PER_MS)
#define STEP_TICKS (10 * MTIME_PER_MS)
#define SLACK_TICKS (20 * MTIME_PER_MS)
#define LATE_LIMIT_TICKS (1000 * MTIME_PER_MS)

static unsigned nharts;
static uint64_t round_start;
static uint64_t deadline[SMP_MAX_HARTS];
static uint64_t fired_at[SMP_MAX_HARTS];
static uint32_t fired[SMP_MAX_HARTS]; /* timer interrupts this round, by the hart's handler */
static uint32_t early;
static uint64_t max_late;
static smp_barrier_t barrier;

uint64_t smp_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval)
{
    (void)mtval;
    unsigned me = (unsigned)CSR_READ(mhartid);
    if (mcause != MCAUSE_MTI)
        smp_fail("unexpected trap, mcause", mcause, SMP_EXIT_TRAP);
    uint64_t now = smp_mtime();
    if (fired[me]) /* MTIP still up after the handler moved mtimecmp: fail, do not livelock */
        smp_fail("a second timer interrupt in one round, hart", me, 2);
    if (now < deadline[me])
        __atomic_fetch_add(&early, 1, __ATOMIC_RELAXED);
    fired_at[me] = now;
    clint_set_mtimecmp(me, ~0ULL); /* the only way to lower MTIP */
    smp_store(&fired[me], fired[me] + 1);
    return mepc;
}

static uint64_t deadline_for(unsigned hart, unsigned round)
{
    unsigned slot = (round & 1) ? nharts - 1 - hart : hart;
    return round_start + BASE_TICKS + slot * STEP_TICKS;
}

static void sleep_until_timer(unsigned me, unsigned round)
{
    deadline[me] = deadline_for(me, round);
    fired[me] = 0;
    clint_set_mtimecmp(me, deadline[me]);
    CSR_WRITE(mie, MIP_MTIP);
    CSR_SET(mstatus, MSTATUS_MIE);
    while (!smp_load(&fired[me]))
        __asm__ volatile("wfi");
}

static void check_round(void)
{
    if (early)
        smp_fail("timer interrupts before their hart's deadline:", early, 1);
    for (unsigned h = 0; h < nharts; h++) {
        if (fired[h] != 1)
            smp_fail("timer interrupts this round (want 1) on hart", h, 2);
        uint64_t late = fired_at[h] - deadline[h];
        if (late > LATE_LIMIT_TICKS)
            smp_fail("timer interrupt late by more than 1 s, hart", h, 3);
        if (late > max_late)
            max_late = late;
    }
}

static uint64_t last_deadline(void)
{
    return round_start + BASE_TICKS + (nharts - 1) * STEP_TICKS;
}

/* One round: everyone sleeps to its deadline, waits with interrupts on until the last one
 * plus SLACK (so a second interrupt would be taken and counted), then hart 0 checks. */
static void run_round(unsigned me, unsigned round)
{
    if (me == 0)
        round_start = smp_mtime();
    smp_barrier_wait(&barrier, nharts);
    sleep_until_timer(me, round);
    if (!smp_barrier_wait_until(&barrier, nharts, last_deadline() + LATE_LIMIT_TICKS))
        smp_fail("a hart's timer interrupt did not come within 1 s; waiting: hart", me, 3);
    if (me == 0)
        smp_delay_until(last_deadline() + SLACK_TICKS);
    smp_barrier_wait(&barrier, nharts);
    CSR_CLEAR(mstatus, MSTATUS_MIE);
    smp_barrier_wait(&barrier, nharts);
    if (me == 0)
        check_round();
}

int smp_main(unsigned hartid, const void *dtb)
{
    unsigned n = smp_boot(hartid, dtb);
    if (hartid == 0)
        nharts = n;
    smp_barrier_wait(&barrier, n);
    for (unsigned r = 0; r < ROUNDS; r++)
        run_round(hartid, r);
    if (hartid != 0)
        return 0;
    bm_puts("smp_timer: harts=");
    bm_put_u64(nharts);
    bm_puts(" rounds=");
    bm_put_u64(ROUNDS);
    bm_puts(" max-late-us=");
    bm_put_u64(max_late / 10);
    bm_puts(" ok\n");
    return 0;
}
