/* Integer benchmark: a mix of ALU- and branch-heavy kernels that touch little memory (a sieve,
 * CRC32 bit by bit and by table, quicksort, an open-addressing hash table, bit tricks).
 * Each kernel's result is checked against a fixed value and, where possible, against an
 * independent computation of the same thing, so a wrong instruction shows up as a failure. */
#include "bench.h"

enum {
    SIEVE_LIMIT = 2000000,
    SIEVE_ROUNDS = 8,
    CRC_BYTES = 1 << 16,
    CRC_BIT_ROUNDS = 16,
    CRC_TABLE_ROUNDS = 128,
    SORT_COUNT = 1 << 17,
    SORT_ROUNDS = 8,
    SORT_INSERTION_MAX = 16,
    HASH_BITS = 18,
    HASH_KEYS = 150000,
    HASH_ROUNDS = 16,
    BITS_WORDS = 3 << 19,
};

#define CRC_POLY 0xedb88320u /* CRC-32 (IEEE 802.3), bit-reflected */
#define CRC_CHECK_VALUE 0xcbf43926u /* the standard check: CRC-32 of "123456789" */
#define PRIMES_BELOW_2M 148933u /* pi(2 * 10^6) */

#define EXPECT_CRC 0xc66401fd288860baULL
#define EXPECT_SORT 0x5be9645e566757afULL
#define EXPECT_HASH 0x1062ad6c58771a86ULL
#define EXPECT_BITS 0x37fea11815ef0e6dULL

static uint8_t sieve_flags[SIEVE_LIMIT + 1];
static uint8_t crc_data[CRC_BYTES];
static uint32_t crc_table[256];
static uint64_t sort_keys[SORT_COUNT];
static uint64_t hash_keys[1u << HASH_BITS];
static uint64_t hash_values[1u << HASH_BITS];

static uint32_t sieve_count(uint8_t *flags, uint32_t limit)
{
    for (uint32_t i = 0; i <= limit; i++)
        flags[i] = 1;
    flags[0] = flags[1] = 0;
    for (uint32_t i = 2; (uint64_t)i * i <= limit; i++) {
        if (!flags[i])
            continue;
        for (uint32_t j = i * i; j <= limit; j += i)
            flags[j] = 0;
    }
    uint32_t count = 0;
    for (uint32_t i = 0; i <= limit; i++)
        count += flags[i];
    return count;
}

static uint32_t crc32_bitwise(uint32_t crc, const uint8_t *p, uint32_t n)
{
    crc = ~crc;
    for (uint32_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++) {
            if (crc & 1)
                crc = (crc >> 1) ^ CRC_POLY;
            else
                crc >>= 1;
        }
    }
    return ~crc;
}

static void crc32_make_table(uint32_t *table)
{
    for (uint32_t b = 0; b < 256; b++) {
        uint32_t crc = b;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (CRC_POLY & (0u - (crc & 1)));
        table[b] = crc;
    }
}

static uint32_t crc32_table(const uint32_t *table, uint32_t crc, const uint8_t *p, uint32_t n)
{
    crc = ~crc;
    for (uint32_t i = 0; i < n; i++)
        crc = (crc >> 8) ^ table[(crc ^ p[i]) & 0xff];
    return ~crc;
}

/* Runs both CRC implementations; they must agree with each other and with the standard check. */
static int crc_run(uint64_t *sum)
{
    static const uint8_t check_input[] = "123456789";
    int failures = 0;
    uint64_t seed = 0x1234567887654321ULL;
    for (uint32_t i = 0; i < CRC_BYTES; i++)
        crc_data[i] = (uint8_t)(bench_rand(&seed) >> 56);
    crc32_make_table(crc_table);
    failures += bench_check("crc32 bitwise check value", crc32_bitwise(0, check_input, 9),
                            CRC_CHECK_VALUE);
    failures += bench_check("crc32 table check value", crc32_table(crc_table, 0, check_input, 9),
                            CRC_CHECK_VALUE);
    uint32_t bit_crc = 0;
    for (int r = 0; r < CRC_BIT_ROUNDS; r++)
        bit_crc = crc32_bitwise(bit_crc, crc_data, CRC_BYTES);
    uint32_t table_crc = 0;
    for (int r = 0; r < CRC_TABLE_ROUNDS; r++) {
        table_crc = crc32_table(crc_table, table_crc, crc_data, CRC_BYTES);
        if (r == CRC_BIT_ROUNDS - 1)
            failures += bench_check("crc32 bitwise vs table", bit_crc, table_crc);
    }
    *sum = ((uint64_t)bit_crc << 32) | table_crc;
    return failures;
}

static void sort_swap(uint64_t *a, uint64_t *b)
{
    uint64_t t = *a;
    *a = *b;
    *b = t;
}

static void sort_insertion(uint64_t *a, long n)
{
    for (long i = 1; i < n; i++) {
        uint64_t v = a[i];
        long j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

/* Hoare partition around a median of three; returns the split point. */
static long sort_partition(uint64_t *a, long n)
{
    long mid = n / 2;
    if (a[mid] < a[0])
        sort_swap(&a[mid], &a[0]);
    if (a[n - 1] < a[0])
        sort_swap(&a[n - 1], &a[0]);
    if (a[n - 1] < a[mid])
        sort_swap(&a[n - 1], &a[mid]);
    uint64_t pivot = a[mid];
    long i = -1, j = n;
    for (;;) {
        do
            i++;
        while (a[i] < pivot);
        do
            j--;
        while (a[j] > pivot);
        if (i >= j)
            return j + 1;
        sort_swap(&a[i], &a[j]);
    }
}

/* Recurses into the smaller half only, so the stack stays O(log n) deep. */
static void sort_quick(uint64_t *a, long n)
{
    while (n > SORT_INSERTION_MAX) {
        long split = sort_partition(a, n);
        if (split < n - split) {
            sort_quick(a, split);
            a += split;
            n -= split;
        } else {
            sort_quick(a + split, n - split);
            n = split;
        }
    }
    sort_insertion(a, n);
}

static int sort_run(uint64_t *sum)
{
    int failures = 0;
    uint64_t seed = 0x0badc0ffee0ddf00ULL;
    uint64_t digest = 0;
    for (int r = 0; r < SORT_ROUNDS; r++) {
        uint64_t input_sum = 0;
        for (long i = 0; i < SORT_COUNT; i++) {
            /* Narrow keys on odd rounds so that duplicates exercise the equal-key paths. */
            uint64_t key = bench_rand(&seed);
            sort_keys[i] = (r & 1) ? key >> 48 : key;
            input_sum += sort_keys[i];
        }
        sort_quick(sort_keys, SORT_COUNT);
        uint64_t output_sum = sort_keys[0];
        long out_of_order = 0;
        for (long i = 1; i < SORT_COUNT; i++) {
            out_of_order += sort_keys[i - 1] > sort_keys[i];
            output_sum += sort_keys[i];
            digest = bench_mix(digest, sort_keys[i]);
        }
        failures += bench_check("sort order", (uint64_t)out_of_order, 0);
        failures += bench_check("sort keeps keys", output_sum, input_sum);
    }
    *sum = digest;
    return failures;
}

static uint32_t hash_slot(uint64_t key)
{
    return (uint32_t)((key * 0x9e3779b97f4a7c15ULL) >> (64 - HASH_BITS));
}

/* Open addressing with linear probing; key 0 marks an empty slot. Returns the slot used. */
static uint32_t hash_insert(uint64_t key, uint64_t value)
{
    uint32_t mask = (1u << HASH_BITS) - 1;
    uint32_t s = hash_slot(key);
    while (hash_keys[s] != 0 && hash_keys[s] != key)
        s = (s + 1) & mask;
    hash_keys[s] = key;
    hash_values[s] += value;
    return s;
}

static int hash_lookup(uint64_t key, uint64_t *value)
{
    uint32_t mask = (1u << HASH_BITS) - 1;
    for (uint32_t s = hash_slot(key);; s = (s + 1) & mask) {
        if (hash_keys[s] == key) {
            *value = hash_values[s];
            return 1;
        }
        if (hash_keys[s] == 0)
            return 0;
    }
}

static int hash_run(uint64_t *sum)
{
    int failures = 0;
    uint64_t digest = 0;
    for (int r = 0; r < HASH_ROUNDS; r++) {
        for (uint32_t s = 0; s < (1u << HASH_BITS); s++)
            hash_keys[s] = hash_values[s] = 0;
        uint64_t seed = 0x5eed0000ULL + (uint64_t)r;
        for (uint32_t i = 0; i < HASH_KEYS; i++)
            hash_insert(bench_rand(&seed) | 1, i);
        /* Replay the same keys (present) interleaved with even keys (never inserted). */
        uint64_t found = 0, absent_found = 0, value_sum = 0;
        seed = 0x5eed0000ULL + (uint64_t)r;
        uint64_t miss_seed = 0xabcdefULL + (uint64_t)r;
        for (uint32_t i = 0; i < HASH_KEYS; i++) {
            uint64_t value;
            if (hash_lookup(bench_rand(&seed) | 1, &value)) {
                found++;
                value_sum += value;
            }
            absent_found += (uint64_t)hash_lookup(bench_rand(&miss_seed) & ~1ULL, &value);
        }
        failures += bench_check("hash hits", found, HASH_KEYS);
        failures += bench_check("hash false hits", absent_found, 0);
        digest = bench_mix(digest, value_sum);
    }
    *sum = digest;
    return failures;
}

static uint64_t bits_popcount_swar(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
    return (x * 0x0101010101010101ULL) >> 56;
}

static uint64_t bits_popcount_loop(uint64_t x)
{
    uint64_t n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

static uint64_t bits_reverse(uint64_t x)
{
    x = ((x >> 1) & 0x5555555555555555ULL) | ((x & 0x5555555555555555ULL) << 1);
    x = ((x >> 2) & 0x3333333333333333ULL) | ((x & 0x3333333333333333ULL) << 2);
    x = ((x >> 4) & 0x0f0f0f0f0f0f0f0fULL) | ((x & 0x0f0f0f0f0f0f0f0fULL) << 4);
    x = ((x >> 8) & 0x00ff00ff00ff00ffULL) | ((x & 0x00ff00ff00ff00ffULL) << 8);
    x = ((x >> 16) & 0x0000ffff0000ffffULL) | ((x & 0x0000ffff0000ffffULL) << 16);
    return (x >> 32) | (x << 32);
}

/* Binary search for the leading zero count; 64 for zero. */
static uint64_t bits_clz(uint64_t x)
{
    if (!x)
        return 64;
    uint64_t n = 0;
    for (unsigned step = 32; step; step >>= 1) {
        if (!(x >> (64 - step))) {
            n += step;
            x <<= step;
        }
    }
    return n;
}

static int bits_run(uint64_t *sum)
{
    uint64_t seed = 0xfeedfacecafebeefULL;
    uint64_t digest = 0, popcount_mismatch = 0, reverse_mismatch = 0;
    for (uint32_t i = 0; i < BITS_WORDS; i++) {
        /* Shift by a varying amount so the word widths (and the clz paths) vary too. */
        uint64_t x = bench_rand(&seed) >> (i & 63);
        uint64_t pop = bits_popcount_swar(x);
        popcount_mismatch += pop != bits_popcount_loop(x);
        uint64_t rev = bits_reverse(x);
        reverse_mismatch += bits_reverse(rev) != x;
        int64_t sx = (int64_t)x;
        uint64_t gray = x ^ (x >> 1);
        digest = bench_mix(digest, rev ^ (pop << 56) ^ bits_clz(x) ^ gray ^
                                       (uint64_t)(sx >> (pop & 31)) ^ (x % (pop | 1)));
    }
    *sum = digest;
    return bench_check("bits popcount agree", popcount_mismatch, 0) +
           bench_check("bits reverse involution", reverse_mismatch, 0);
}

int main(void)
{
    uint64_t start = bm_rdinstret();
    int failures = 0;
    uint64_t primes = 0, crc = 0, sorted = 0, hashed = 0, bits = 0;
    for (int r = 0; r < SIEVE_ROUNDS; r++)
        primes += sieve_count(sieve_flags, SIEVE_LIMIT);
    failures += bench_check("sieve", primes, (uint64_t)PRIMES_BELOW_2M * SIEVE_ROUNDS);
    failures += crc_run(&crc);
    failures += bench_check("crc32 digest", crc, EXPECT_CRC);
    failures += sort_run(&sorted);
    failures += bench_check("sort digest", sorted, EXPECT_SORT);
    failures += hash_run(&hashed);
    failures += bench_check("hash digest", hashed, EXPECT_HASH);
    failures += bits_run(&bits);
    failures += bench_check("bits digest", bits, EXPECT_BITS);
    return bench_finish(start, failures);
}
