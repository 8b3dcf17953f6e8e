/* IPIs through the CLINT's msip registers.
 * Ring: a token travels hart 0 -> 1 -> ... -> n-1 -> 0 for RING_ROUNDS laps, carried only by
 * the machine software interrupt: each hart's handler clears its own msip, counts, and raises
 * the next hart's msip; idle harts sleep in WFI with interrupts on. Then hart 0 sends each
 * other hart one last IPI to end the ring, so every count is exact: RING_ROUNDS on hart 0,
 * RING_ROUNDS + 1 elsewhere.
 * Wake: with mstatus.MIE off and mie.MSIE on, each other hart sleeps in WFI WAKE_ROUNDS times;
 * hart 0 wakes it with an IPI, which must end the WFI without a trap, within WAKE_LIMIT.
 * A watchdog timer on hart 0 turns a lost IPI into a failure instead of a hang.
 * Exit status: 1 wrong receiver, 2 wrong count, 3 hart not woken, 4 watchdog, 5 not ready. */
#include "smp_rt.h"

#define RING_ROUNDS 1000
#define WAKE_ROUNDS 40
#define WATCHDOG_TICKS (20000 * MTIME_PER_MS)
#define WAKE_LIMIT_TICKS (500 * MTIME_PER_MS)
#define SETTLE_TICKS MTIME_PER_MS /* lets the sleeper reach its WFI before the IPI */

enum { PHASE_RING, PHASE_STOP };

static unsigned nharts;
static uint32_t phase;
static uint32_t token_for;                 /* the hart the IPI in flight is meant for */
static uint32_t wrong_receiver;            /* MSIs taken by a hart the token was not for */
static uint32_t msi_taken[SMP_MAX_HARTS];  /* MSI traps, written by the hart's own handler */
static uint32_t ring_done;
static uint32_t asleep[SMP_MAX_HARTS];     /* wake round the hart is about to sleep in */
static uint32_t woken[SMP_MAX_HARTS];      /* last wake round in which it saw MSIP */
static uint64_t max_wake_ticks;
static smp_barrier_t barrier;

static void ipi_send(unsigned hart)
{
    smp_fence_io(); /* the receiver reads what was stored before its IPI */
    clint_set_msip(hart, 1);
}

static void ring_forward(unsigned me)
{
    if (smp_load(&token_for) != me)
        __atomic_fetch_add(&wrong_receiver, 1, __ATOMIC_RELAXED);
    if (me == 0 && msi_taken[0] == RING_ROUNDS) {
        smp_store(&ring_done, 1);
        return;
    }
    unsigned next = (me + 1) % nharts;
    smp_store(&token_for, next);
    ipi_send(next);
}

uint64_t smp_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval)
{
    (void)mtval;
    unsigned me = (unsigned)CSR_READ(mhartid);
    if (mcause == MCAUSE_MTI && me == 0)
        smp_fail("watchdog: the ring stalled; MSIs taken by hart 0:", msi_taken[0], 4);
    if (mcause != MCAUSE_MSI)
        smp_fail("unexpected trap, mcause", mcause, SMP_EXIT_TRAP);
    clint_set_msip(me, 0);
    if (++msi_taken[me] > RING_ROUNDS + (me != 0)) /* a lost acknowledgement, not a hang */
        smp_fail("more MSI traps than IPIs sent, hart", me, 2);
    if (smp_load(&phase) == PHASE_RING)
        ring_forward(me);
    return mepc;
}

static void interrupts_on(uint64_t mie)
{
    CSR_WRITE(mie, mie);
    CSR_SET(mstatus, MSTATUS_MIE);
}

static void ring_hart0(void)
{
    clint_set_mtimecmp(0, smp_mtime() + WATCHDOG_TICKS);
    interrupts_on(MIP_MSIP | MIP_MTIP);
    smp_store(&token_for, 1 % nharts);
    ipi_send(1 % nharts);
    while (!smp_load(&ring_done))
        __asm__ volatile("wfi");
    for (unsigned h = 1; h < nharts; h++)
        if (msi_taken[h] != RING_ROUNDS)
            smp_fail("ring IPIs taken by hart", h, 2);
    smp_store(&phase, PHASE_STOP);
    for (unsigned h = 1; h < nharts; h++)
        ipi_send(h);
}

/* Sleeps until the ring's laps and the stop IPI have all arrived. */
static void ring_other(unsigned me)
{
    interrupts_on(MIP_MSIP);
    while (msi_taken[me] < RING_ROUNDS + 1)
        __asm__ volatile("wfi");
    CSR_CLEAR(mstatus, MSTATUS_MIE);
}

/* With MIE off, an IPI must end WFI (MSIP pending and enabled in mie) without a trap. */
static void wake_sleeper(unsigned me)
{
    CSR_WRITE(mie, MIP_MSIP);
    for (uint32_t r = 1; r <= WAKE_ROUNDS; r++) {
        smp_store(&asleep[me], r);
        while (!(CSR_READ(mip) & MIP_MSIP))
            __asm__ volatile("wfi");
        clint_set_msip(me, 0);
        while (CSR_READ(mip) & MIP_MSIP)
            smp_pause();
        smp_store(&woken[me], r);
    }
}

static void wake_one(unsigned h, uint32_t round)
{
    if (!smp_wait_eq(&asleep[h], round, WAKE_LIMIT_TICKS))
        smp_fail("sleeper not ready for its next IPI, hart", h, 5);
    smp_delay(SETTLE_TICKS);
    uint64_t sent = smp_mtime();
    ipi_send(h);
    if (!smp_wait_eq(&woken[h], round, WAKE_LIMIT_TICKS))
        smp_fail("hart not woken from WFI by its IPI within 500 ms, hart", h, 3);
    uint64_t took = smp_mtime() - sent;
    if (took > max_wake_ticks)
        max_wake_ticks = took;
}

static int report(void)
{
    uint32_t total = 0;
    if (wrong_receiver)
        smp_fail("IPIs taken by a hart that was not their target:", wrong_receiver, 1);
    for (unsigned h = 0; h < nharts; h++) {
        uint32_t want = RING_ROUNDS + (h != 0);
        if (msi_taken[h] != want)
            smp_fail("MSI traps (ring + stop, none while MIE=0) on hart", h, 2);
        total += msi_taken[h];
    }
    bm_puts("smp_ipi: harts=");
    bm_put_u64(nharts);
    bm_puts(" msi=");
    bm_put_u64(total);
    bm_puts(" wakes=");
    bm_put_u64((uint64_t)WAKE_ROUNDS * (nharts - 1));
    bm_puts(" max-wake-us=");
    bm_put_u64(max_wake_ticks / 10);
    bm_puts(" ok\n");
    return 0;
}

int smp_main(unsigned hartid, const void *dtb)
{
    unsigned n = smp_boot(hartid, dtb);
    if (hartid == 0)
        nharts = n;
    smp_barrier_wait(&barrier, n);
    if (hartid != 0) {
        ring_other(hartid);
        wake_sleeper(hartid);
        smp_barrier_wait(&barrier, n);
        return 0;
    }
    ring_hart0();
    for (uint32_t r = 1; r <= WAKE_ROUNDS; r++)
        for (unsigned h = 1; h < n; h++)
            wake_one(h, r);
    smp_barrier_wait(&barrier, n);
    CSR_WRITE(mie, 0);
    return report();
}
