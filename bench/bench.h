/* Helpers shared by the single-hart CPU benchmarks (bench/int.c, fp.c, mem.c).
 *
 * Everything here is deterministic so that a benchmark's checksums are fixed numbers: a seeded
 * PRNG instead of any entropy, and square roots through the single IEEE instruction (correctly
 * rounded) rather than a libm that does not exist here. The same file compiles natively against
 * bench/host/lib.h, which is how the expected values were computed (see bench/README.md). */
#ifndef BENCH_H
#define BENCH_H
#include <stdint.h>
#include "lib.h"

/* xorshift64* (Vigna): cheap, full-period over non-zero states, good enough to scramble data. */
static inline uint64_t bench_rand(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545f4914f6cdd1dULL;
}

static inline uint64_t bench_rotl(uint64_t x, unsigned n)
{
    return (x << (n & 63)) | (x >> ((64 - n) & 63));
}

/* Mixes v into a running checksum; order-sensitive so a permuted result is caught too. */
static inline uint64_t bench_mix(uint64_t sum, uint64_t v)
{
    return bench_rotl(sum, 7) ^ (v * 0x9e3779b97f4a7c15ULL);
}

#if defined(__riscv)
static inline double bench_sqrt(double x)
{
    double r;
    __asm__("fsqrt.d %0, %1" : "=f"(r) : "f"(x));
    return r;
}

static inline float bench_sqrtf(float x)
{
    float r;
    __asm__("fsqrt.s %0, %1" : "=f"(r) : "f"(x));
    return r;
}
#else
/* Native reference build: SSE2 sqrt is also correctly rounded, so results match bit for bit. */
static inline double bench_sqrt(double x)
{
    return __builtin_sqrt(x);
}

static inline float bench_sqrtf(float x)
{
    return __builtin_sqrtf(x);
}
#endif

static inline uint64_t bench_double_bits(double d)
{
    union {
        double d;
        uint64_t u;
    } cvt = { .d = d };
    return cvt.u;
}

static inline uint64_t bench_float_bits(float f)
{
    union {
        float f;
        uint32_t u;
    } cvt = { .f = f };
    return cvt.u;
}

/* Returns 0 when the result is right; otherwise says what went wrong and returns 1, so that a
 * benchmark can add up its failures and still finish the other checks. */
static inline int bench_check(const char *what, uint64_t got, uint64_t expected)
{
    if (got == expected)
        return 0;
    bm_puts("check ");
    bm_puts(what);
    bm_puts(" FAILED: got ");
    bm_put_hex(got);
    bm_puts(" expected ");
    bm_put_hex(expected);
    bm_putc('\n');
    return 1;
}

/* The common epilogue: the instruction count (meaningful on emulators that count exactly) and
 * the verdict. Returns the program's exit code: 0 passes, a failure count fails. */
static inline int bench_finish(uint64_t instret_start, int failures)
{
    uint64_t instret = bm_rdinstret() - instret_start;
    bm_puts("instret ");
    bm_put_u64(instret);
    bm_putc('\n');
    if (failures) {
        bm_puts("result FAIL ");
        bm_put_u64((uint64_t)failures);
        bm_putc('\n');
        return failures > 100 ? 100 : failures;
    }
    bm_puts("result OK\n");
    return 0;
}
#endif
