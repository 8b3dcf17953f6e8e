/* Misbehaving multi-hart guests for the bad-input cases of tests/smp/baremetal.sh: the
 * emulator must still end them cleanly (finisher, signals, Ctrl-A x). The kernel command line
 * (-append) chooses:
 *   spin     every hart spins forever in a one-instruction loop with interrupts off
 *   lr       odd harts execute LR forever and never SC; even harts store to and AMO the
 *            reserved word in a loop (interrupts off everywhere)
 *   storm    every hart writes every other hart's msip in a tight loop; harts other than 0
 *            take the software interrupts (the handler clears its own msip and returns),
 *            hart 0 keeps them off so that it still makes progress
 *   exit=MS  hart 0 writes the test finisher (status EXIT_STATUS) after MS milliseconds, in
 *            the middle of its own misbehaviour; without it only the host can end the guest
 * Hart 0 prints "smp_bad: MODE harts=N running" as the harts start misbehaving. */
#include "smp_rt.h"

#define EXIT_STATUS 7
#define MTIME_CHECK 256 /* loop iterations between hart 0's reads of mtime */

enum { MODE_NONE, MODE_SPIN, MODE_LR, MODE_STORM };

static const char *const mode_names[] = {"none", "spin", "lr", "storm"};
static unsigned mode;
static uint64_t exit_ms; /* 0: never */
static unsigned nharts;
static uint32_t go;
static uint64_t reserved_word;

static bool word_is(const char *s, const char *w)
{
    while (*w && *s == *w)
        s++, w++;
    return *w == 0 && (*s == ' ' || *s == 0);
}

static uint64_t parse_u64(const char *s)
{
    uint64_t v = 0;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (uint64_t)(*s++ - '0');
    return v;
}

static void parse_args(const char *s)
{
    while (*s) {
        for (unsigned m = MODE_SPIN; m <= MODE_STORM; m++)
            if (word_is(s, mode_names[m]))
                mode = m;
        if (smp_str_starts(s, "exit="))
            exit_ms = parse_u64(s + 5);
        while (*s && *s != ' ')
            s++;
        while (*s == ' ')
            s++;
    }
}

uint64_t smp_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval)
{
    (void)mtval;
    if (mcause != MCAUSE_MSI)
        smp_fail("unexpected trap, mcause", mcause, SMP_EXIT_TRAP);
    clint_set_msip((unsigned)CSR_READ(mhartid), 0);
    return mepc;
}

/* Hart 0 with exit=MS: ends the machine once the time has come. */
static void maybe_exit(uint64_t end)
{
    if (end && smp_mtime() >= end)
        bm_exit(EXIT_STATUS);
}

static void __attribute__((noreturn)) spin(unsigned me, uint64_t end)
{
    if (me != 0 || !end)
        for (;;)
            __asm__ volatile("");
    for (;;)
        maybe_exit(end);
}

static void __attribute__((noreturn)) lr_forever(void)
{
    __asm__ volatile("1: lr.d t0, (%0)\n"
                     "   j 1b\n" ::"r"(&reserved_word)
                     : "t0", "memory");
    __builtin_unreachable();
}

static void __attribute__((noreturn)) lr_disturb(unsigned me, uint64_t end)
{
    volatile uint64_t *w = &reserved_word;
    for (uint64_t i = 0;; i++) {
        *w = i;
        __atomic_fetch_add(&reserved_word, 1, __ATOMIC_RELAXED);
        if (me == 0 && i % MTIME_CHECK == 0)
            maybe_exit(end);
    }
}

static void __attribute__((noreturn)) storm(unsigned me, uint64_t end)
{
    if (me != 0) {
        CSR_WRITE(mie, MIP_MSIP);
        CSR_SET(mstatus, MSTATUS_MIE);
    }
    for (uint64_t i = 0;; i++) {
        for (unsigned h = 0; h < nharts; h++)
            if (h != me)
                clint_set_msip(h, 1);
        if (me == 0 && i % MTIME_CHECK == 0)
            maybe_exit(end);
    }
}

static void __attribute__((noreturn)) misbehave(unsigned me, uint64_t end)
{
    CSR_CLEAR(mstatus, MSTATUS_MIE); /* already off since reset: stated, not assumed */
    if (mode == MODE_SPIN)
        spin(me, end);
    if (mode == MODE_LR && (me & 1))
        lr_forever();
    if (mode == MODE_LR)
        lr_disturb(me, end);
    storm(me, end);
}

static void announce(void)
{
    bm_puts("smp_bad: ");
    bm_puts(mode_names[mode]);
    bm_puts(" harts=");
    bm_put_u64(nharts);
    if (exit_ms) {
        bm_puts(" exit=");
        bm_put_u64(exit_ms);
    }
    bm_puts(" running\n");
}

int smp_main(unsigned hartid, const void *dtb)
{
    unsigned n = smp_boot(hartid, dtb);
    if (hartid != 0) {
        while (!smp_load(&go))
            smp_pause();
        misbehave(hartid, 0);
    }
    nharts = n;
    parse_args(fdt_bootargs(dtb));
    if (mode == MODE_NONE) {
        bm_puts("smp_bad: -append must name spin, lr or storm\n");
        return 2;
    }
    uint64_t end = exit_ms ? smp_mtime() + exit_ms * MTIME_PER_MS : 0;
    smp_store(&go, 1);
    announce();
    misbehave(0, end);
}
