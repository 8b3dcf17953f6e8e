/* Accesses to holes in the memory map raise access faults (loads: cause 5, stores: cause 7,
 * with mtval = the address); writes to read-only device registers are ignored. */
#include "lib.h"

__asm__(".align 2\n"
        "holes_trap:\n"
        "  csrr t0, mcause\n"
        "  la t1, holes_cause\n"
        "  sd t0, 0(t1)\n"
        "  csrr t0, mtval\n"
        "  sd t0, 8(t1)\n"
        "  csrr t0, mepc\n"
        "  addi t0, t0, 4\n"
        "  csrw mepc, t0\n"
        "  mret\n");
extern char holes_trap[];
volatile uint64_t holes_cause[2];

static int expect_fault(volatile uint32_t *addr, int store, uint64_t cause)
{
    holes_cause[0] = holes_cause[1] = ~0ULL;
    if (store)
        __asm__ volatile(".option push\n.option norvc\nsw zero, 0(%0)\n.option pop" ::"r"(addr) : "memory");
    else
        __asm__ volatile(".option push\n.option norvc\nlw t2, 0(%0)\n.option pop" ::"r"(addr) : "t2", "memory");
    return holes_cause[0] == cause && holes_cause[1] == (uint64_t)addr;
}

int main(void)
{
    __asm__ volatile("csrw mtvec, %0" ::"r"(holes_trap));
    static const uint64_t holes[] = {0x200000, 0x8000000, 0x11000000, 0x1f000000, 0x1000000};
    for (unsigned i = 0; i < sizeof(holes) / sizeof(holes[0]); i++) {
        if (!expect_fault((volatile uint32_t *)holes[i], 0, 5))
            return 10 + (int)i;
        if (!expect_fault((volatile uint32_t *)holes[i], 1, 7))
            return 20 + (int)i;
    }
    volatile uint8_t *uart = (volatile uint8_t *)0x10000000UL;
    uart[5] = 0x00; /* LSR is read-only: ignored, logged */
    if (!(uart[5] & 0x20))
        return 30;
    bm_puts("holes: access faults and read-only registers OK\n");
    return 0;
}
