/* All harts start: every hart of the device tree enters at _start with a0 = its hartid, which
 * must equal its mhartid, runs on its own stack and checks in with an AMOADD; hart 0 prints
 * "smp_start: harts=N" once the count, the set of hartids and the stacks agree.
 * Exit status: 1 hartid mismatch, 2 count or hartid set wrong, 3 stacks overlap. */
#include "smp_rt.h"

static uint32_t arrivals;     /* AMOADD by each hart */
static uint64_t arrived_mask; /* AMOOR of 1 << hartid */
static uint32_t id_mismatches;
static uint64_t stack_seen[SMP_MAX_HARTS];
static smp_barrier_t barrier;

/* True if `addr` lies in the stack slot smp_crt0.S gives to `hart`. */
static bool stack_in_slot(uint64_t addr, unsigned hart)
{
    uint64_t top = (uint64_t)__smp_stacks_top - ((uint64_t)hart << SMP_STACK_SHIFT);
    return addr < top && addr >= top - (1ULL << SMP_STACK_SHIFT);
}

static void check_in(unsigned hartid)
{
    volatile uint64_t local = 0;
    if (CSR_READ(mhartid) != hartid)
        __atomic_fetch_add(&id_mismatches, 1, __ATOMIC_RELAXED);
    stack_seen[hartid] = (uint64_t)&local;
    __atomic_fetch_or(&arrived_mask, 1ULL << hartid, __ATOMIC_RELAXED);
    __atomic_fetch_add(&arrivals, 1, __ATOMIC_RELEASE);
}

static int verify(unsigned n)
{
    if (id_mismatches)
        smp_fail("harts whose mhartid differs from a0:", id_mismatches, 1);
    if (arrivals != n)
        smp_fail("check-ins:", arrivals, 2);
    if (arrived_mask != (1ULL << n) - 1)
        smp_fail("hartid mask:", arrived_mask, 2);
    for (unsigned h = 0; h < n; h++)
        if (!stack_in_slot(stack_seen[h], h))
            smp_fail("stack outside its slot, hart", h, 3);
    bm_puts("smp_start: harts=");
    bm_put_u64(n);
    bm_puts(" mask=");
    bm_put_hex(arrived_mask);
    bm_puts(" ok\n");
    return 0;
}

int smp_main(unsigned hartid, const void *dtb)
{
    unsigned n = smp_boot(hartid, dtb);
    check_in(hartid);
    smp_barrier_wait(&barrier, n);
    return hartid == 0 ? verify(n) : 0;
}
