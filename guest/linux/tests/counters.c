/*
 * counters [THREADS [ITERATIONS [KINDS]]]: THREADS threads (default 4) each add 1 to a shared
 * counter ITERATIONS times (default 200000), once per kind of increment, and the totals must be
 * exactly THREADS * ITERATIONS. Kinds (KINDS: a subset separated by commas or colons, default
 * all atomic ones):
 *   amoadd.w  amoadd.d  inline-asm AMOADD on a 32/64-bit counter
 *   fetchadd             __atomic_fetch_add on a 64-bit counter (GCC emits amoadd.d)
 *   lrsc.w    lrsc.d     inline-asm LR/SC retry loop
 *   mutex                a pthread mutex around a plain increment
 *   plain                a non-atomic load/add/store, NOT in the default set: it loses updates
 *                        under contention, which shows that the check can fail
 * All threads of one kind start together (a barrier) so that they really contend. Prints one
 * line per kind and a summary line; exits 0 only when every total is exact.
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

enum { DEFAULT_THREADS = 4, DEFAULT_ITERATIONS = 200000, MAX_THREADS = 256 };
enum { EXIT_USAGE = 2 };
#define MAX_ITERATIONS 100000000L
#define DEFAULT_KINDS "amoadd.w,amoadd.d,fetchadd,lrsc.w,lrsc.d,mutex"

typedef enum {
    KIND_AMOADD_W, KIND_AMOADD_D, KIND_FETCHADD, KIND_LRSC_W, KIND_LRSC_D, KIND_MUTEX, KIND_PLAIN,
    KIND_COUNT
} counter_kind_t;

static const char *const KIND_NAMES[KIND_COUNT] = {
    "amoadd.w", "amoadd.d", "fetchadd", "lrsc.w", "lrsc.d", "mutex", "plain",
};

/* The counters live on separate cache lines from each other and from the read-mostly
 * parameters, so a kind's contention is on its own counter only. */
typedef struct {
    _Alignas(64) uint32_t word;
    _Alignas(64) uint64_t dword;
    _Alignas(64) pthread_mutex_t lock;
} counters_shared_t;

typedef struct {
    counter_kind_t kind;
    long iterations;
    pthread_barrier_t start;
    counters_shared_t shared;
} counters_run_t;

typedef struct {
    counters_run_t *run;
    int index;
    pthread_t thread;
} counters_worker_t;

static void counter_add_amo_w(uint32_t *p)
{
    __asm__ volatile("amoadd.w zero, %1, (%0)" : : "r"(p), "r"(1) : "memory");
}

static void counter_add_amo_d(uint64_t *p)
{
    __asm__ volatile("amoadd.d zero, %1, (%0)" : : "r"(p), "r"(1L) : "memory");
}

static void counter_add_lrsc_w(uint32_t *p)
{
    uint32_t value, failed;
    __asm__ volatile("1: lr.w %0, (%2)\n"
                     "   addiw %0, %0, 1\n"
                     "   sc.w %1, %0, (%2)\n"
                     "   bnez %1, 1b"
                     : "=&r"(value), "=&r"(failed)
                     : "r"(p)
                     : "memory");
}

static void counter_add_lrsc_d(uint64_t *p)
{
    uint64_t value, failed;
    __asm__ volatile("1: lr.d %0, (%2)\n"
                     "   addi %0, %0, 1\n"
                     "   sc.d %1, %0, (%2)\n"
                     "   bnez %1, 1b"
                     : "=&r"(value), "=&r"(failed)
                     : "r"(p)
                     : "memory");
}

/* Deliberately racy: load, add, store with nothing atomic (asm, so the compiler cannot merge
 * the iterations into one addition). */
static void counter_add_plain(uint64_t *p)
{
    uint64_t value;
    __asm__ volatile("ld %0, (%1)\n"
                     "addi %0, %0, 1\n"
                     "sd %0, (%1)"
                     : "=&r"(value)
                     : "r"(p)
                     : "memory");
}

static void counter_add(counters_run_t *run)
{
    counters_shared_t *s = &run->shared;
    switch (run->kind) {
    case KIND_AMOADD_W: counter_add_amo_w(&s->word); break;
    case KIND_AMOADD_D: counter_add_amo_d(&s->dword); break;
    case KIND_FETCHADD: __atomic_fetch_add(&s->dword, 1, __ATOMIC_RELAXED); break;
    case KIND_LRSC_W: counter_add_lrsc_w(&s->word); break;
    case KIND_LRSC_D: counter_add_lrsc_d(&s->dword); break;
    case KIND_MUTEX:
        pthread_mutex_lock(&s->lock);
        s->dword++;
        pthread_mutex_unlock(&s->lock);
        break;
    case KIND_PLAIN: counter_add_plain(&s->dword); break;
    default: abort();
    }
}

/* Spreads the threads over the online CPUs; a failure only costs contention, not correctness. */
static void counters_pin(int index)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (cpus < 1)
        return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(index % cpus, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static void *counters_worker_main(void *arg)
{
    counters_worker_t *w = arg;
    counters_pin(w->index);
    pthread_barrier_wait(&w->run->start);
    for (long i = 0; i < w->run->iterations; i++)
        counter_add(w->run);
    return NULL;
}

static bool counters_kind_is_word(counter_kind_t kind)
{
    return kind == KIND_AMOADD_W || kind == KIND_LRSC_W;
}

/* A system call, not the vDSO: Linux 6.1's RISC-V vDSO clock_gettime crashes when it races
 * an update of the time (litmus.c explains). */
static double counters_now(void)
{
    struct timespec ts;
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Runs one kind with THREADS threads; returns true when the total is exact. */
static bool counters_run_kind(counter_kind_t kind, int threads, long iterations)
{
    static counters_worker_t workers[MAX_THREADS];
    counters_run_t run = {.kind = kind, .iterations = iterations};
    pthread_mutex_init(&run.shared.lock, NULL);
    pthread_barrier_init(&run.start, NULL, (unsigned)threads);
    double start = counters_now();
    for (int i = 0; i < threads; i++) {
        workers[i] = (counters_worker_t){.run = &run, .index = i};
        int err = pthread_create(&workers[i].thread, NULL, counters_worker_main, &workers[i]);
        if (err != 0) {
            fprintf(stderr, "counters: pthread_create: %s\n", strerror(err));
            exit(EXIT_FAILURE);
        }
    }
    for (int i = 0; i < threads; i++)
        pthread_join(workers[i].thread, NULL);
    double seconds = counters_now() - start;
    uint64_t expected = (uint64_t)threads * (uint64_t)iterations;
    uint64_t total = run.shared.dword;
    if (counters_kind_is_word(kind)) {
        expected = (uint32_t)expected;
        total = run.shared.word;
    }
    bool ok = total == expected;
    printf("counters: %-8s total %llu expected %llu (%.3f s) %s\n", KIND_NAMES[kind],
           (unsigned long long)total, (unsigned long long)expected, seconds,
           ok ? "ok" : "WRONG");
    pthread_barrier_destroy(&run.start);
    pthread_mutex_destroy(&run.shared.lock);
    return ok;
}

/* Parses a decimal count in [1, max]; returns -1 when the text is not one. */
static long counters_parse(const char *text, long max)
{
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < 1 || value > max)
        return -1;
    return value;
}

/* Sets selected[k] for each kind named in the comma-separated LIST; false on an unknown name. */
static bool counters_parse_kinds(const char *list, bool selected[KIND_COUNT])
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    char *save = NULL;
    for (char *name = strtok_r(buf, ",:", &save); name; name = strtok_r(NULL, ",:", &save)) {
        int k = 0;
        while (k < KIND_COUNT && strcmp(name, KIND_NAMES[k]) != 0)
            k++;
        if (k == KIND_COUNT)
            return false;
        selected[k] = true;
    }
    return true;
}

int main(int argc, char **argv)
{
    long threads = argc > 1 ? counters_parse(argv[1], MAX_THREADS) : DEFAULT_THREADS;
    long iterations = argc > 2 ? counters_parse(argv[2], MAX_ITERATIONS) : DEFAULT_ITERATIONS;
    bool selected[KIND_COUNT] = {false};
    bool kinds_ok = counters_parse_kinds(argc > 3 ? argv[3] : DEFAULT_KINDS, selected);
    if (argc > 4 || threads < 0 || iterations < 0 || !kinds_ok) {
        fprintf(stderr, "usage: %s [THREADS<=%d [ITERATIONS [KIND,...]]]  kinds: %s,plain\n",
                argv[0], MAX_THREADS, DEFAULT_KINDS);
        return EXIT_USAGE;
    }
    int wrong = 0, ran = 0;
    for (int k = 0; k < KIND_COUNT; k++) {
        if (!selected[k])
            continue;
        ran++;
        if (!counters_run_kind((counter_kind_t)k, (int)threads, iterations))
            wrong++;
    }
    printf("counters threads=%ld iterations=%ld kinds=%d wrong=%d %s\n", threads, iterations,
           ran, wrong, wrong == 0 ? "PASS" : "FAIL");
    return wrong == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
