/* SC after another hart wrote the reserved word back to the value the LR loaded. The RISC-V
 * reservation is broken by any store from another hart to the reservation set, whatever it
 * writes, so every SC below must fail; an emulation that implements SC as a compare-and-swap
 * against the LR's value (QEMU's, and polyhart's before its reservation scheme) lets them
 * succeed. Hart 1 acts between hart 0's LR and SC (smp_lrsc.h):
 *   sc-aba          LR/SC to another value, then LR/SC back
 *   amo-aba         AMOSWAP to another value, then AMOSWAP back
 *   sc-same-value   LR/SC of the same value
 *   amo-same-value  AMOSWAP of the same value
 *   plain-same-value  a plain store (sd) of the same value
 *   plain-aba       plain stores of another value, then the old one
 * The plain-store cases are kept apart: a scheme that tracks SC and AMO stores exactly may see
 * plain stores only by value. control-nothing (no action: SC must succeed) shows the hand-off
 * itself keeps the reservation. Prints one "lrsc-case NAME: ok|FAIL (...)" line per case;
 * exit status = number of failed cases. Needs -smp 2 or more. */
#include "smp_lrsc.h"

static const lrsc_case_t cases[] = {
    {"control-nothing", ACT_NONE},
    {"sc-aba", ACT_SC_ABA},
    {"amo-aba", ACT_AMO_ABA},
    {"sc-same-value", ACT_SC_SAME},
    {"amo-same-value", ACT_AMO_SAME},
    {"plain-same-value", ACT_PLAIN_SAME},
    {"plain-aba", ACT_PLAIN_ABA},
};
#define NCASES (sizeof(cases) / sizeof(cases[0]))

static smp_barrier_t barrier;

int smp_main(unsigned hartid, const void *dtb)
{
    unsigned n = smp_boot(hartid, dtb);
    if (n < 2)
        smp_fail("smp_lrsc_aba needs 2 harts, has", n, 1);
    unsigned failed = 0;
    if (hartid < 2)
        failed = lrsc_cases_run(hartid, cases, NCASES);
    smp_barrier_wait(&barrier, n);
    if (hartid != 0)
        return 0;
    bm_puts("smp_lrsc_aba: harts=");
    bm_put_u64(n);
    bm_puts(" failed=");
    bm_put_u64(failed);
    bm_putc('\n');
    return (int)failed;
}
