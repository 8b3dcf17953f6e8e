/* The guest of the debug tier (tests/debug/): every hart is busy forever, so that a debugger
 * or a QMP client has something to stop, and the state the tests look at is in named
 * variables (the test reads their addresses from the ELF symbols):
 *   counters[h]  iterations of hart h;      stamps[h]  mtime at hart h's latest iteration
 *   watched      written by hart 1 only, every 1024 of its iterations (write watchpoints)
 *   read_me      read by hart 0 only, every 1024 of its iterations (read watchpoints)
 *   debug_marker a function hart 0 calls every 1024 iterations (breakpoints)
 *   trap_point   an ECALL hart 0 executes every 1024 iterations; the trap handler skips it
 *                (single-step across a trap lands on smp_trap_entry; not an EBREAK, which
 *                GDB treats as a breakpoint of the program's own and steps over itself)
 *   stop_request set it to a nonzero value (a debugger's memory write) and hart 0 ends the
 *                program with exit status stop_request - 1 (so 1 powers off cleanly).
 * With one hart, hart 0 does all of the above. */
#include "smp_rt.h"

volatile uint64_t counters[SMP_MAX_HARTS];
volatile uint64_t stamps[SMP_MAX_HARTS];
volatile uint32_t watched;
volatile uint32_t read_me = 42;
volatile uint32_t stop_request;
volatile uint64_t marker_calls, traps, sink;

__attribute__((noinline)) void debug_marker(void)
{
    marker_calls++;
}

__attribute__((noinline)) void debug_trap(void)
{
    __asm__ volatile(".globl trap_point\ntrap_point: ecall" ::: "memory");
}

uint64_t smp_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval)
{
    (void)mtval;
    if (mcause != 11) /* only the ECALL (from M-mode) at trap_point is expected */
        smp_fail("unexpected trap, mcause", mcause, SMP_EXIT_TRAP);
    traps++;
    uint16_t low = *(volatile uint16_t *)mepc;
    return mepc + ((low & 3) == 3 ? 4 : 2);
}

static void periodic(unsigned hartid, unsigned n)
{
    if (hartid == 1 || n == 1)
        watched = watched + 1;
    if (hartid == 0) {
        sink += read_me;
        debug_marker();
        debug_trap();
    }
}

int smp_main(unsigned hartid, const void *dtb)
{
    unsigned n = smp_boot(hartid, dtb);
    if (hartid == 0) {
        bm_puts("smp_debug: harts=");
        bm_put_u64(n);
        bm_puts(" running\n");
    }
    for (;;) {
        uint64_t c = counters[hartid] + 1;
        counters[hartid] = c;
        stamps[hartid] = smp_mtime();
        if ((c & 1023) == 0)
            periodic(hartid, n);
        uint32_t stop = smp_load((const uint32_t *)&stop_request);
        if (stop && hartid == 0) {
            bm_puts("smp_debug: stop requested\n");
            return (int)stop - 1;
        }
        if (stop)
            return 0;
    }
}
