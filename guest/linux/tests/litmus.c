/*
 * litmus [ITERATIONS [PAIRS [VARIANTS [SECONDS [strict]]]]]: classic two-thread litmus tests of
 * the RISC-V memory model (RVWMO), each run ITERATIONS times (default 100000) by PAIRS independent
 * pairs of threads (default 1) pinned to different CPUs. Every iteration uses fresh, zeroed
 * locations and starts with a spin barrier between the two threads of the pair, so that both
 * race. A variant stops early after SECONDS (default 10) and reports the iterations it ran, so
 * that a slow or overloaded host shortens the run instead of timing it out.
 *
 *   SB (store buffering)  T0: x=1; a=y        T1: y=1; b=x       relaxed outcome a=0 b=0
 *   MP (message passing)  T0: x=1; y=1        T1: a=y; b=x       relaxed outcome a=1 b=0
 *   LB (load buffering)   T0: a=x; y=1        T1: b=y; x=1       relaxed outcome a=1 b=1
 *
 * Variants (VARIANTS: a subset separated by commas or colons, default all):
 *   sb           no fence: relaxed outcome allowed (x86 hosts show it through store buffers)
 *   sb+fence     fence rw,rw between the store and the load: forbidden
 *   sb+amo       the store is amoswap.w.aqrl: forbidden (acquire orders it before the load)
 *   mp           no fence: allowed
 *   mp+fence     fence w,w in T0, fence r,r in T1: forbidden
 *   mp+relacq    T0 stores y with amoswap.w.rl, T1 loads y with lr.w.aq: forbidden
 *   lb           no fence: allowed
 *   lb+fence     fence r,w between the load and the store: forbidden
 *   lb+datadep   the stored value depends on the loaded one (syntactic data dependency): forbidden
 *
 * A forbidden outcome is a failure; the counts of all four outcomes are printed for every
 * variant. With `strict`, the relaxed outcome of the unfenced variants counts as a failure too:
 * that mode exists to show that the checking itself can fail (SB's relaxed outcome is common).
 * The accesses are inline asm, so the compiler can neither reorder nor merge them.
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
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { DEFAULT_ITERATIONS = 100000, DEFAULT_PAIRS = 1, MAX_PAIRS = 64, EXIT_USAGE = 2 };
enum { CLOCK_EVERY = 256, DEFAULT_SECONDS = 10 };
/* Barrier spins before sleeping: about 10 us to 2 ms on a 400 MIPS hart. */
enum { SPIN_MIN = 1000, SPIN_MAX = 200000 };
#define MAX_SECONDS 3600L
#define MAX_ITERATIONS 10000000L

/* Executes one thread's side of a test on this iteration's locations; writes what it loaded
 * to *a or *b (the pair's outcome registers, see the table above). */
typedef void litmus_side_fn(int32_t *x, int32_t *y, int32_t *a, int32_t *b);

typedef struct {
    const char *name;
    litmus_side_fn *side[2];
    int relaxed_a, relaxed_b;    /* the outcome that a fence/annotation may forbid */
    bool forbidden;              /* true when RVWMO forbids the relaxed outcome */
} litmus_variant_t;

/* One side's barrier counter (the last iteration it reached) and whether the other side sleeps
 * on it; each side's on its own cache line. */
typedef struct {
    _Alignas(64) int value;
    int sleeping;
} litmus_epoch_t;

typedef struct {
    int32_t *x, *y;     /* one fresh location of each per iteration */
    int32_t *a, *b;     /* the outcome of each iteration */
    long stop_at;       /* iterations to run: lowered by side 0 when time is up */
    litmus_epoch_t epoch[2];
} litmus_pair_t;

/* Each worker on its own cache lines: spin_limit is written every iteration. */
typedef struct {
    _Alignas(64) const litmus_variant_t *variant;
    litmus_pair_t *pair;
    double deadline;    /* CLOCK_MONOTONIC seconds after which side 0 stops the pair */
    int side, cpu;
    long sleeps;    /* futex waits in the barrier: a sign that the pair did not run together */
    long spin_limit;    /* spins in the barrier before sleeping (adaptive) */
    pthread_t thread;
} litmus_worker_t;

/* --- the access sequences ------------------------------------------------------------------ */

/* Store 1 to *st, then load *ld, with BETWEEN (a fence or nothing) in between. */
#define LITMUS_STORE_LOAD(st, ld, between)                                         \
    ({                                                                             \
        int32_t r_;                                                                \
        __asm__ volatile("sw %2, 0(%1)\n\t" between "\n\tlw %0, 0(%3)"             \
                         : "=&r"(r_) : "r"(st), "r"(1), "r"(ld) : "memory");       \
        r_;                                                                        \
    })

static void sb_t0(int32_t *x, int32_t *y, int32_t *a, int32_t *b)
{
    (void)b;
    *a = LITMUS_STORE_LOAD(x, y, "");
}

static void sb_t1(int32_t *x, int32_t *y, int32_t *a, int32_t *b)
{
    (void)a;
    *b = LITMUS_STORE_LOAD(y, x, "");
}

static void sb_fence_t0(int32_t *x, int32_t *y, int32_t *a, int32_t *b)
{
    (void)b;
    *a = LITMUS_STORE_LOAD(x, y, "fence rw, rw");
}

static void sb_fence_t1(int32_t *x, int32_t *y, int32_t *a, int32_t *b)
{
    (void)a;
    *b = LITMUS_STORE_LOAD(y, x, "fence rw, rw");
}

static int32_t sb_amo_side(int32_t *st, int32_t *ld)
{
    int32_t r;
    __asm__ volatile("amoswap.w.aqrl zero, %2, (%1)\n\tlw %0, 0(%3)"
                     : "=&r"(r) : "r"(st), "r"(1), "r"(ld) : "memory");
    return r;
}

static void sb_amo_t0(int32_t *x, int32_t *y, int32_t *a, int32_t *b)
{
    (void)b;
    *a = sb_amo_side(x, y);
}

static void sb_amo_t1(int32_t *x, int32_t *y, int32_t *a, int32_t *b)
{
    (void)a;
    *b = sb_amo_side(y, x);
}

/* Two stores of 1: *first then *second, with BETWEEN in between. */
#define LITMUS_STORE_STORE(first, second, between)                                 \
    __asm__ volatile("sw %2, 0(%0)\n\t" between "\n\tsw %2, 0(%1)"                 \
                     : : "r"(first), "r"(second), "r"(1) : "memory")

/* Two loads: *first into *ra, then *second into *rb, with BETWEEN in between. */
#define LITMUS_LOAD_LOAD(first, second, ra, rb, between)                           \
    do {                                                                           \
        int32_t r1_, r2_;                                                          \
        __asm__ volatile("lw %0, 0(%2)\n\t" between "\n\tlw %1, 0(%3)"             \
                         : "=&r"(r1_), "=&r"(r2_) : "r"(first), "r"(second)        \
                         : "memory");                                              \
        *(ra) = r1_;                                                               \
        *(rb) = r2_;                                                               \
    } while (0)

static void mp_t0(int32_t *x, int32_t *y, int32_t *a, int32_t *b)
{
    (void)a, (void)b;
    LITMUS_STORE_STORE(x, y, "");
}

static void mp_t1(int32_t *x, int32_t *y, int32_t *a, int32_t *b)
{
    LITMUS_LOAD_LOAD(y, x, a, b, "");
}

static void mp_fence_t0(int32_t *x, int32_t *y, int32_t *a, int32_t *b)
{
    (void)a, (void)b;
    LITMUS_STORE_STORE(x, y, "fence w, w");
}

static void mp_fence_t1(int32_t *x, int32_t *y, int32_t *a, int32_t *b)
{
    LITMUS_LOAD_LOAD(y, x, a, b, "fence r, r");
}

static void mp_relacq_t0(int32_t *x, int32_t *y, int32_t *a, int32_t *b)
{
    (void)a, (void)b;
    __asm__ volatile("sw %2, 0(%0)\n\tamoswap.w.rl zero, %2, (%1)"
                     : : "r"(x), "r"(y), "r"(1) : "memory");
}

/* LR without SC is a legal acquire load; the reservation it leaves behind is harmless. */
static void mp_relacq_t1(int32_t *x, int32_t *y, int32_t *a, int32_t *b)
{
    int32_t r1, r2;
    __asm__ volatile("lr.w.aq %0, (%2)\n\tlw %1, 0(%3)"
                     : "=&r"(r1), "=&r"(r2) : "r"(y), "r"(x) : "memory");
    *a = r1;
    *b = r2;
}

/* Load *ld, then store 1 to *st, with BETWEEN in between. */
#define LITMUS_LOAD_STORE(ld, st, between)                                         \
    ({                                                                             \
        int32_t r_;                                                                \
        __asm__ volatile("lw %0, 0(%1)\n\t" between "\n\tsw %3, 0(%2)"             \
                         : "=&r"(r_) : "r"(ld), "r"(st), "r"(1) : "memory");       \
        r_;                                                                        \
    })

static void lb_t0(int32_t *x, int32_t *y, int32_t *a, int32_t *b)
{
    (void)b;
    *a = LITMUS_LOAD_STORE(x, y, "");
}

static void lb_t1(int32_t *x, int32_t *y, int32_t *a, int32_t *b)
{
    (void)a;
    *b = LITMUS_LOAD_STORE(y, x, "");
}

static void lb_fence_t0(int32_t *x, int32_t *y, int32_t *a, int32_t *b)
{
    (void)b;
    *a = LITMUS_LOAD_STORE(x, y, "fence r, w");
}

static void lb_fence_t1(int32_t *x, int32_t *y, int32_t *a, int32_t *b)
{
    (void)a;
    *b = LITMUS_LOAD_STORE(y, x, "fence r, w");
}

/* The stored value is (r xor r) + 1: always 1, but it syntactically depends on the load,
 * which RVWMO's preserved program order honours. */
static int32_t lb_datadep_side(int32_t *ld, int32_t *st)
{
    int32_t r, t;
    __asm__ volatile("lw %0, 0(%2)\n\txor %1, %0, %0\n\taddi %1, %1, 1\n\tsw %1, 0(%3)"
                     : "=&r"(r), "=&r"(t) : "r"(ld), "r"(st) : "memory");
    return r;
}

static void lb_datadep_t0(int32_t *x, int32_t *y, int32_t *a, int32_t *b)
{
    (void)b;
    *a = lb_datadep_side(x, y);
}

static void lb_datadep_t1(int32_t *x, int32_t *y, int32_t *a, int32_t *b)
{
    (void)a;
    *b = lb_datadep_side(y, x);
}

static const litmus_variant_t VARIANTS[] = {
    {"sb", {sb_t0, sb_t1}, 0, 0, false},
    {"sb+fence", {sb_fence_t0, sb_fence_t1}, 0, 0, true},
    {"sb+amo", {sb_amo_t0, sb_amo_t1}, 0, 0, true},
    {"mp", {mp_t0, mp_t1}, 1, 0, false},
    {"mp+fence", {mp_fence_t0, mp_fence_t1}, 1, 0, true},
    {"mp+relacq", {mp_relacq_t0, mp_relacq_t1}, 1, 0, true},
    {"lb", {lb_t0, lb_t1}, 1, 1, false},
    {"lb+fence", {lb_fence_t0, lb_fence_t1}, 1, 1, true},
    {"lb+datadep", {lb_datadep_t0, lb_datadep_t1}, 1, 1, true},
};
enum { VARIANT_COUNT = sizeof VARIANTS / sizeof VARIANTS[0] };

/* --- threads --------------------------------------------------------------------------------- */

/* Zihintpause PAUSE (a FENCE hint, so any RV64 hart accepts it): lets an emulator or an SMT
 * core give the spinning hart's time to the one it waits for. */
static void litmus_pause(void)
{
    __asm__ volatile(".insn i 0x0f, 0, x0, x0, 0x010");
}

static void litmus_futex(int *word, int op, int value)
{
    syscall(SYS_futex, word, op | FUTEX_PRIVATE_FLAG, value, NULL, NULL, 0);
}

/* A real system call, not the vDSO: Linux 6.1's RISC-V vDSO clock_gettime crashes (a load
 * from address 4) when it has to retry because the kernel was updating the time at that moment:
 * its cpu_relax() tests a static key, whose address in the vDSO is never relocated. Threads
 * that read the clock often hit that window. */
static double litmus_now(void)
{
    struct timespec ts;
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Spins until the other side's counter reaches I, at most LIMIT times; true if it did. */
static bool litmus_spin(litmus_epoch_t *other, int i, long limit)
{
    for (long spins = 0; spins < limit; spins++) {
        if (__atomic_load_n(&other->value, __ATOMIC_ACQUIRE) >= i)
            return true;
        litmus_pause();
    }
    return false;
}

/* Waits until the other side's counter reaches I. Spins first (both threads normally run at
 * the same time, and racing is the point); if the other side does not come, sleeps on a futex,
 * which idles this hart. How long to spin adapts (*spin_limit, halved when the spin failed,
 * doubled when it succeeded): when the two harts share one host CPU, the other side can only
 * come once this one sleeps, so a short spin is best; when they run side by side, a spin
 * shorter than the time it takes to wake a sleeping hart would lock the pair into taking
 * turns, each waking the other every iteration, and they would never race again. */
static long litmus_wait(litmus_epoch_t *other, int i, long *spin_limit)
{
    long sleeps = 0;
    if (litmus_spin(other, i, *spin_limit)) {
        *spin_limit = *spin_limit * 2 < SPIN_MAX ? *spin_limit * 2 : SPIN_MAX;
        return 0;
    }
    *spin_limit = *spin_limit / 2 > SPIN_MIN ? *spin_limit / 2 : SPIN_MIN;
    for (;; sleeps++) {
        __atomic_store_n(&other->sleeping, 1, __ATOMIC_SEQ_CST);
        int seen = __atomic_load_n(&other->value, __ATOMIC_SEQ_CST);
        if (seen >= i)
            break;
        litmus_futex(&other->value, FUTEX_WAIT, seen);
    }
    __atomic_store_n(&other->sleeping, 0, __ATOMIC_RELAXED);
    return sleeps;
}

/* Two-thread barrier for iteration I: announce I, wait until the other side has too. The
 * release/acquire pair also orders the previous iteration before this one. The store and the
 * load of `sleeping` are both sequentially consistent, as are the waiter's, so either the waiter
 * sees the new value or this side sees it sleeping and wakes it. Returns the futex waits. */
static long litmus_barrier(litmus_pair_t *pair, int side, int i, long *spin_limit)
{
    litmus_epoch_t *mine = &pair->epoch[side];
    __atomic_store_n(&mine->value, i, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&mine->sleeping, __ATOMIC_SEQ_CST))
        litmus_futex(&mine->value, FUTEX_WAKE, 1);
    return litmus_wait(&pair->epoch[!side], i, spin_limit);
}

static void litmus_pin(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

/* Side 0, during iteration I, past the deadline: ends the pair after iteration I + 1. Side 1
 * cannot have passed barrier I + 2 yet (it needs side 0 there), and side 0's barrier store
 * releases this store, so both sides see the new limit before iteration I + 2. */
static void litmus_check_deadline(litmus_worker_t *w, long i)
{
    if (w->side == 0 && i % CLOCK_EVERY == 0 && litmus_now() > w->deadline &&
        w->pair->stop_at > i + 2)
        __atomic_store_n(&w->pair->stop_at, i + 2, __ATOMIC_RELAXED);
}

static void *litmus_worker_main(void *arg)
{
    litmus_worker_t *w = arg;
    litmus_pair_t *p = w->pair;
    litmus_side_fn *side = w->variant->side[w->side];
    litmus_pin(w->cpu);
    for (long i = 0; i < __atomic_load_n(&p->stop_at, __ATOMIC_RELAXED); i++) {
        w->sleeps += litmus_barrier(p, w->side, (int)i + 1, &w->spin_limit);
        side(&p->x[i], &p->y[i], &p->a[i], &p->b[i]);
        litmus_check_deadline(w, i);
    }
    return NULL;
}

/* --- running and checking ------------------------------------------------------------------ */

static int32_t *litmus_alloc(long iterations)
{
    int32_t *v = malloc((size_t)iterations * sizeof *v);
    if (!v) {
        fprintf(stderr, "litmus: out of memory\n");
        exit(EXIT_FAILURE);
    }
    memset(v, 0, (size_t)iterations * sizeof *v);    /* zero and fault the pages in now */
    return v;
}

static void litmus_pair_init(litmus_pair_t *p, long iterations)
{
    p->x = litmus_alloc(iterations);
    p->y = litmus_alloc(iterations);
    p->a = litmus_alloc(iterations);
    p->b = litmus_alloc(iterations);
    p->stop_at = iterations;
    memset(p->epoch, 0, sizeof p->epoch);
}

static void litmus_pair_free(litmus_pair_t *p)
{
    free(p->x), free(p->y), free(p->a), free(p->b);
}

static void litmus_start(litmus_worker_t *w)
{
    int err = pthread_create(&w->thread, NULL, litmus_worker_main, w);
    if (err != 0) {
        fprintf(stderr, "litmus: pthread_create: %s\n", strerror(err));
        exit(EXIT_FAILURE);
    }
}

/* What a variant's run produced, summed over the pairs. */
typedef struct {
    long counts[2][2];    /* outcomes: counts[a][b] */
    long runs;            /* iterations run (fewer than asked when the time ran out) */
    long sleeps;          /* times a thread slept in the barrier */
    double seconds;
} litmus_result_t;

static void litmus_tally(litmus_pair_t *pairs, int npairs, litmus_result_t *r)
{
    for (int p = 0; p < npairs; p++) {
        for (long i = 0; i < pairs[p].stop_at; i++)
            r->counts[pairs[p].a[i] != 0][pairs[p].b[i] != 0]++;
        r->runs += pairs[p].stop_at;
        litmus_pair_free(&pairs[p]);
    }
}

/* Runs variant V on NPAIRS pairs for at most ITERATIONS iterations or SECONDS. */
static void litmus_run(const litmus_variant_t *v, litmus_pair_t *pairs, int npairs,
                       long iterations, long seconds, litmus_result_t *r)
{
    static litmus_worker_t workers[2 * MAX_PAIRS];
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (cpus < 1)
        cpus = 1;
    for (int p = 0; p < npairs; p++)
        litmus_pair_init(&pairs[p], iterations);
    double start = litmus_now();
    for (int t = 0; t < 2 * npairs; t++) {
        workers[t] = (litmus_worker_t){.variant = v, .pair = &pairs[t / 2],
                                       .deadline = start + (double)seconds, .side = t % 2,
                                       .spin_limit = SPIN_MAX,
                                       .cpu = (int)(t % cpus)};
        litmus_start(&workers[t]);
    }
    *r = (litmus_result_t){.runs = 0};
    for (int t = 0; t < 2 * npairs; t++) {
        pthread_join(workers[t].thread, NULL);
        r->sleeps += workers[t].sleeps;
    }
    r->seconds = litmus_now() - start;
    litmus_tally(pairs, npairs, r);
}

/* Prints the variant's outcome counts; returns true unless it showed a forbidden outcome. */
static bool litmus_report(const litmus_variant_t *v, const litmus_result_t *r, bool strict)
{
    long relaxed = r->counts[v->relaxed_a][v->relaxed_b];
    bool bad = relaxed > 0 && (v->forbidden || strict);
    printf("litmus: %-10s a=0,b=0:%-7ld a=0,b=1:%-7ld a=1,b=0:%-7ld a=1,b=1:%-7ld "
           "relaxed(a=%d,b=%d) %s:%ld runs:%ld sleeps:%ld %.2fs%s\n",
           v->name, r->counts[0][0], r->counts[0][1], r->counts[1][0], r->counts[1][1],
           v->relaxed_a, v->relaxed_b, v->forbidden ? "forbidden" : "allowed", relaxed,
           r->runs, r->sleeps, r->seconds, bad ? " FORBIDDEN OUTCOME SEEN" : "");
    return !bad;
}

static const litmus_variant_t *litmus_find(const char *name)
{
    for (int i = 0; i < VARIANT_COUNT; i++)
        if (strcmp(VARIANTS[i].name, name) == 0)
            return &VARIANTS[i];
    return NULL;
}

static long litmus_parse(const char *text, long max)
{
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < 1 || value > max)
        return -1;
    return value;
}

/* Sets selected[i] for each variant named in LIST ("all" selects every one). */
static bool litmus_select(const char *list, bool selected[VARIANT_COUNT])
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    char *save = NULL;
    for (char *name = strtok_r(buf, ",:", &save); name; name = strtok_r(NULL, ",:", &save)) {
        if (strcmp(name, "all") == 0) {
            for (int i = 0; i < VARIANT_COUNT; i++)
                selected[i] = true;
            continue;
        }
        const litmus_variant_t *v = litmus_find(name);
        if (!v)
            return false;
        selected[v - VARIANTS] = true;
    }
    return true;
}

int main(int argc, char **argv)
{
    long iterations = argc > 1 ? litmus_parse(argv[1], MAX_ITERATIONS) : DEFAULT_ITERATIONS;
    long npairs = argc > 2 ? litmus_parse(argv[2], MAX_PAIRS) : DEFAULT_PAIRS;
    bool selected[VARIANT_COUNT] = {false};
    bool select_ok = litmus_select(argc > 3 ? argv[3] : "all", selected);
    long seconds = argc > 4 ? litmus_parse(argv[4], MAX_SECONDS) : DEFAULT_SECONDS;
    bool strict = argc > 5 && strcmp(argv[5], "strict") == 0;
    if (argc > 6 || iterations < 0 || npairs < 0 || !select_ok || seconds < 0 ||
        (argc > 5 && !strict)) {
        fprintf(stderr, "usage: %s [ITERATIONS [PAIRS<=%d [VARIANT,...|all [SECONDS [strict]]]]]"
                "\n", argv[0], MAX_PAIRS);
        return EXIT_USAGE;
    }
    static litmus_pair_t pairs[MAX_PAIRS];
    int failed = 0, ran = 0;
    long fewest = iterations * npairs;
    for (int i = 0; i < VARIANT_COUNT; i++) {
        if (!selected[i])
            continue;
        litmus_result_t r;
        litmus_run(&VARIANTS[i], pairs, (int)npairs, iterations, seconds, &r);
        ran++;
        if (r.runs < fewest)
            fewest = r.runs;
        if (!litmus_report(&VARIANTS[i], &r, strict))
            failed++;
    }
    printf("litmus iterations=%ld pairs=%ld variants=%d fewest_runs=%ld failed=%d %s\n",
           iterations, npairs, ran, fewest, failed, failed == 0 ? "PASS" : "FAIL");
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
