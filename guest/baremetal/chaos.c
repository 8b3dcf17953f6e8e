/* Robustness: runs pseudo-random instruction streams in U-mode, confined by PMP to an 8 KiB
 * sandbox and bounded by a trap budget and the timer. Whatever the instructions do, the
 * emulator must deliver the architectural traps and survive; the program then passes. */
#include "lib.h"

#define SANDBOX 0x80200000UL
#define ITERATIONS 2000
#define CLINT_MTIMECMP ((volatile uint64_t *)0x2004000UL)
#define CLINT_MTIME ((volatile uint64_t *)0x200bff8UL)

extern void chaos_run(uint64_t code, const uint64_t *regs);
extern void chaos_trap(void);
extern volatile uint64_t chaos_state[5];

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Words are fully random half the time; otherwise they get a valid major opcode so that the
 * decoders of every extension see plausible encodings. */
static uint32_t random_insn(void)
{
    static const uint8_t opcodes[] = {0x03, 0x07, 0x0f, 0x13, 0x17, 0x1b, 0x23, 0x27, 0x2f,
                                      0x33, 0x37, 0x3b, 0x43, 0x47, 0x4b, 0x4f, 0x53, 0x63,
                                      0x67, 0x6f, 0x73};
    uint32_t w = (uint32_t)next_random();
    if (next_random() & 1)
        return w;
    return (w & ~0x7fu) | opcodes[next_random() % sizeof(opcodes)];
}

static void setup_sandbox(void)
{
    uint64_t napot = (SANDBOX >> 2) | ((8192 >> 3) - 1);
    __asm__ volatile("csrw pmpaddr0, %0" ::"r"(napot));
    __asm__ volatile("csrw pmpcfg0, %0" ::"r"(0x1fUL)); /* NAPOT, RWX */
    __asm__ volatile("csrw mtvec, %0" ::"r"((uint64_t)chaos_trap));
    __asm__ volatile("csrs mie, %0" ::"r"(1UL << 7));   /* MTIE: bounds runaway loops */
}

int main(void)
{
    uint64_t regs[32];
    volatile uint32_t *code = (volatile uint32_t *)SANDBOX;
    setup_sandbox();
    for (int iter = 0; iter < ITERATIONS; iter++) {
        for (int i = 0; i < 1024; i++)
            code[i] = random_insn();
        for (int i = 0; i < 32; i++)
            regs[i] = (i & 1) ? SANDBOX + (next_random() & 0x1ff8) : next_random();
        __asm__ volatile("fence.i" ::: "memory");
        chaos_state[1] = 3000; /* trap budget */
        *CLINT_MTIMECMP = *CLINT_MTIME + 20000; /* 2 ms */
        chaos_run(SANDBOX, regs);
        *CLINT_MTIMECMP = ~0ULL;
    }
    bm_puts("chaos: ");
    bm_put_u64(ITERATIONS);
    bm_puts(" random streams, ");
    bm_put_u64(chaos_state[3]);
    bm_puts(" traps taken\n");
    return 0;
}
