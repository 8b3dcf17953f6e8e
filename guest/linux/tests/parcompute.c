/*
 * parcompute [THREADS [WORK]]: a CPU-bound parallel job with a verifiable result, and the
 * workload of the SMP scaling benchmark. THREADS threads (default: the online CPUs) count the
 * primes below WORK (default 3000000) by trial division. The numbers are cut into blocks of
 * BLOCK consecutive integers dealt out round-robin (thread t takes blocks t, t + THREADS, ...),
 * so every thread gets the same mix of small and large numbers; the hot loop only divides
 * registers (no memory traffic, no shared writes: each thread writes its count once, to its
 * own cache line, when it is done).
 *
 * After the timed parallel phase the count is checked against a sequential sieve of
 * Eratosthenes (a different algorithm) run in the same program. Prints one machine-readable
 * line:
 *   parcompute threads=T work=W primes=P expected=E seconds=S rate=R PASS|FAIL
 * where S is the wall time of the parallel phase and R = W / S (numbers tested per second).
 * Exits 0 only when P == E.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { DEFAULT_WORK = 3000000, BLOCK = 2048, MAX_THREADS = 256, EXIT_USAGE = 2 };
#define MAX_WORK 2000000000L    /* keeps d * d in 32 bits */

typedef struct {
    _Alignas(64) long primes;    /* written once, at the end */
    uint32_t work;
    int index, threads;
    pthread_barrier_t *start;
    pthread_t thread;
} parcompute_worker_t;

static bool parcompute_is_prime(uint32_t n)
{
    if (n < 4)
        return n >= 2;
    if (n % 2 == 0)
        return false;
    for (uint32_t d = 3; d * d <= n; d += 2)
        if (n % d == 0)
            return false;
    return true;
}

static void parcompute_pin(int index)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (cpus < 1)
        return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(index % cpus, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static void *parcompute_worker_main(void *arg)
{
    parcompute_worker_t *w = arg;
    parcompute_pin(w->index);
    pthread_barrier_wait(w->start);
    long primes = 0;
    uint64_t stride = (uint64_t)BLOCK * (uint64_t)w->threads;
    for (uint64_t base = (uint64_t)BLOCK * (uint64_t)w->index; base < w->work; base += stride) {
        uint32_t end = base + BLOCK < w->work ? (uint32_t)(base + BLOCK) : w->work;
        for (uint32_t n = (uint32_t)base; n < end; n++)
            primes += parcompute_is_prime(n);
    }
    w->primes = primes;
    return NULL;
}

/* The reference: primes below WORK by a sieve of Eratosthenes (one byte per number). */
static long parcompute_sieve(uint32_t work)
{
    unsigned char *composite = calloc(work + 1, 1);
    if (!composite) {
        fprintf(stderr, "parcompute: out of memory for the sieve\n");
        exit(EXIT_FAILURE);
    }
    long primes = 0;
    for (uint64_t n = 2; n < work; n++) {
        if (composite[n])
            continue;
        primes++;
        for (uint64_t m = n * n; m < work; m += n)
            composite[m] = 1;
    }
    free(composite);
    return primes;
}

/* A system call, not the vDSO: Linux 6.1's RISC-V vDSO clock_gettime crashes when it races
 * an update of the time (litmus.c explains). */
static double parcompute_now(void)
{
    struct timespec ts;
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Runs the parallel phase; returns the prime count and its wall time in *seconds. */
static long parcompute_parallel(int threads, uint32_t work, double *seconds)
{
    static parcompute_worker_t workers[MAX_THREADS];
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, (unsigned)threads + 1);
    for (int i = 0; i < threads; i++) {
        workers[i] = (parcompute_worker_t){.work = work, .index = i, .threads = threads,
                                           .start = &start};
        int err = pthread_create(&workers[i].thread, NULL, parcompute_worker_main, &workers[i]);
        if (err != 0) {
            fprintf(stderr, "parcompute: pthread_create: %s\n", strerror(err));
            exit(EXIT_FAILURE);
        }
    }
    pthread_barrier_wait(&start);    /* every thread exists and is pinned: start the clock */
    double t0 = parcompute_now();
    long primes = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(workers[i].thread, NULL);
        primes += workers[i].primes;
    }
    *seconds = parcompute_now() - t0;
    pthread_barrier_destroy(&start);
    return primes;
}

static long parcompute_parse(const char *text, long min, long max)
{
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < min || value > max)
        return -1;
    return value;
}

int main(int argc, char **argv)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    long threads = argc > 1 ? parcompute_parse(argv[1], 1, MAX_THREADS)
                            : (cpus > 0 ? cpus : 1);
    long work = argc > 2 ? parcompute_parse(argv[2], 1, MAX_WORK) : DEFAULT_WORK;
    if (argc > 3 || threads < 0 || work < 0) {
        fprintf(stderr, "usage: %s [THREADS<=%d [WORK<=%ld]]\n", argv[0], MAX_THREADS,
                MAX_WORK);
        return EXIT_USAGE;
    }
    double seconds = 0;
    long primes = parcompute_parallel((int)threads, (uint32_t)work, &seconds);
    long expected = parcompute_sieve((uint32_t)work);
    bool ok = primes == expected;
    printf("parcompute threads=%ld work=%ld primes=%ld expected=%ld seconds=%.3f rate=%.0f %s\n",
           threads, work, primes, expected, seconds, seconds > 0 ? (double)work / seconds : 0.0,
           ok ? "PASS" : "FAIL");
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
