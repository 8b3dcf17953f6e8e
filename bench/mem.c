/* Memory benchmark: loads and stores over 48 MiB of guest RAM, far more than any soft TLB or
 * host cache holds. Three access patterns:
 *  - pointer chasing through a 16 MiB array linked into one random cycle (every load depends on
 *    the previous one, so the latency of each guest load, TLB lookup included, is exposed);
 *  - streaming fill, copy, update and sum over two 16 MiB arrays (throughput of sequential
 *    loads and stores);
 *  - a page-stride walk that touches a different 4 KiB page on every access (soft-TLB misses).
 * The arrays are in .bss, which the linker places after the image, and crt0 clears them. */
#include "bench.h"

enum {
    CHASE_WORDS = 1 << 21, /* 16 MiB of 8-byte links */
    CHASE_CYCLES = 3,
    STREAM_WORDS = 1 << 21, /* 16 MiB per array */
    STREAM_ROUNDS = 6,
    PAGE_WORDS = 4096 / 8,
    LINE_WORDS = 64 / 8,
    STRIDE_ROUNDS = 8,
};

static uintptr_t chase_links[CHASE_WORDS];
static uint64_t stream_a[STREAM_WORDS];
static uint64_t stream_b[STREAM_WORDS];

/* Sattolo's shuffle of the identity gives a permutation that is a single cycle through all
 * slots; each slot then gets the address of its successor. */
static void chase_init(void)
{
    uint64_t seed = 0x600dcafe12345678ULL;
    for (uintptr_t i = 0; i < CHASE_WORDS; i++)
        chase_links[i] = i;
    for (uintptr_t i = CHASE_WORDS - 1; i > 0; i--) {
        uintptr_t j = bench_rand(&seed) % i;
        uintptr_t t = chase_links[i];
        chase_links[i] = chase_links[j];
        chase_links[j] = t;
    }
    for (uintptr_t i = 0; i < CHASE_WORDS; i++)
        chase_links[i] = (uintptr_t)&chase_links[chase_links[i]];
}

/* Follows the cycle CHASE_CYCLES times round. Each round must end where it started having
 * visited every slot once, so the visited addresses add up to a known total. */
static int chase_run(void)
{
    chase_init();
    const uintptr_t *start = &chase_links[0];
    const uintptr_t *p = start;
    uint64_t n = CHASE_WORDS;
    uint64_t expected_sum = n * (uintptr_t)start + sizeof(uintptr_t) * (n * (n - 1) / 2);
    int failures = 0;
    for (int c = 0; c < CHASE_CYCLES; c++) {
        uint64_t sum = 0;
        for (uint64_t s = 0; s < n; s++) {
            sum += (uintptr_t)p;
            p = (const uintptr_t *)*p;
        }
        failures += bench_check("chase back at start", (uintptr_t)p, (uintptr_t)start);
        failures += bench_check("chase visits all", sum, expected_sum);
    }
    return failures;
}

/* The sum of (3 * a + 1) over the fill pattern, in closed form, for checking the stream. */
static uint64_t stream_expected_sum(uint64_t round)
{
    uint64_t n = STREAM_WORDS;
    /* a[i] = i * 2 + round, so sum(a) = n(n-1) + n * round. */
    uint64_t sum_a = n * (n - 1) + n * round;
    return 3 * sum_a + n;
}

static int stream_run(void)
{
    int failures = 0;
    for (uint64_t r = 0; r < STREAM_ROUNDS; r++) {
        for (uint64_t i = 0; i < STREAM_WORDS; i++)
            stream_a[i] = i * 2 + r;
        for (uint64_t i = 0; i < STREAM_WORDS; i++)
            stream_b[i] = stream_a[i];
        for (uint64_t i = 0; i < STREAM_WORDS; i++)
            stream_b[i] = stream_b[i] * 3 + 1;
        uint64_t sum = 0;
        for (uint64_t i = 0; i < STREAM_WORDS; i++)
            sum += stream_b[i];
        failures += bench_check("stream sum", sum, stream_expected_sum(r));
    }
    /* A byte-wise pass too, so sub-word loads are part of the mix. */
    const uint8_t *bytes = (const uint8_t *)stream_b;
    uint64_t byte_sum = 0;
    for (uint64_t i = 0; i < sizeof(stream_b); i++)
        byte_sum += bytes[i];
    uint64_t word_byte_sum = 0;
    for (uint64_t i = 0; i < STREAM_WORDS; i++)
        for (uint64_t v = stream_b[i]; v; v >>= 8)
            word_byte_sum += v & 0xff;
    return failures + bench_check("stream bytes", byte_sum, word_byte_sum);
}

/* Visits stream_b page by page at one cache line per page, so consecutive accesses are always
 * on different pages; over all line offsets every word's line is touched once. */
static int stride_run(void)
{
    const uint64_t pages = STREAM_WORDS / PAGE_WORDS;
    uint64_t sum = 0;
    for (int r = 0; r < STRIDE_ROUNDS; r++)
        for (uint64_t line = 0; line < PAGE_WORDS; line += LINE_WORDS)
            for (uint64_t page = 0; page < pages; page++)
                sum += stream_b[page * PAGE_WORDS + line];
    /* stream_b[i] = 3 * (2i + last round) + 1; the walk reads every i that is a multiple of 8. */
    uint64_t last = STREAM_ROUNDS - 1, m = STREAM_WORDS / LINE_WORDS;
    uint64_t expected = 3 * (2 * LINE_WORDS * (m * (m - 1) / 2) + m * last) + m;
    return bench_check("stride sum", sum, expected * STRIDE_ROUNDS);
}

int main(void)
{
    uint64_t start = bm_rdinstret();
    int failures = 0;
    failures += chase_run();
    failures += stream_run();
    failures += stride_run();
    return bench_finish(start, failures);
}
