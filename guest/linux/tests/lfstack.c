/*
 * lfstack [THREADS [ROUNDS [NODES [DELAY [SECONDS [plain|tagged]]]]]]: a Treiber lock-free stack
 * whose push and pop are LR/SC loops, hammered by THREADS threads (default 4) with the ABA
 * pattern. Each round a thread pops A, pops B, pushes A back, then pushes B: while it holds B with
 * A back on top, another thread that loaded head == A and A->next == B before all that may still
 * try to swing head to B. RISC-V forbids that SC from succeeding (another hart wrote head after
 * the LR, so the reservation is lost); an emulator that implements SC as a compare-and-swap
 * against the value LR loaded lets it succeed, and B ends up both held by a thread and on the
 * stack.
 *
 * ROUNDS per thread (default 100000), NODES on the stack (default 2 * THREADS + 2: few nodes
 * make the same node come back to the top often), DELAY spins between the LR and the SC of a
 * pop (default 20; widens the window for the ABA), SECONDS a watchdog (default 60).
 *
 * Corruption is detected four ways: every node has an ownership word, set with amoswap when a
 * thread pops the node and cleared with amoswap before it pushes it back, so popping a node that
 * is already held (or pushing one that is not) is caught at once; with more than 2 * THREADS
 * nodes the stack can never be empty, so an empty pop means lost nodes; at the end the stack
 * must hold exactly the NODES distinct nodes; and a watchdog stops threads that wait too long.
 *
 * Mode `tagged` is a control experiment, not a test of the emulator: head also holds a counter
 * bumped by every successful SC, which makes the stack ABA-proof even where SC is a
 * compare-and-swap. On such an emulator `plain` fails and `tagged` passes, which shows that the
 * failures are the ABA and not a flaw of the checking.
 *
 * Prints one summary line; exits 0 only when no corruption was seen.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { DEFAULT_THREADS = 4, DEFAULT_ROUNDS = 100000, DEFAULT_DELAY = 20, DEFAULT_SECONDS = 60 };
enum { MAX_THREADS = 256, MAX_NODES = 4096, MAX_DELAY = 1000000, MAX_SECONDS = 3600 };
enum { EXIT_USAGE = 2, NODE_SHIFT = 6 };
#define MAX_ROUNDS 100000000L

/* One node per cache line. `next` is the word the asm loads at offset 0: a node pointer, or in
 * tagged mode the index of the next node plus one (0: none). */
typedef struct {
    _Alignas(64) uint64_t next;
    uint64_t owned;    /* 1 while a thread holds the node, 0 while on the stack */
} lfstack_node_t;
_Static_assert(sizeof(lfstack_node_t) == 1 << NODE_SHIFT, "the tagged asm scales by NODE_SHIFT");

typedef struct {
    long nodes;
    int threads;
    bool tagged;                    /* the ABA-proof control mode */
    _Alignas(64) uint64_t head;     /* a node pointer, or in tagged mode (tag << 32 | index + 1) */
    _Alignas(64) int stop;          /* set on corruption or by the watchdog */
    int corruption;                 /* first detection: nonzero when anything went wrong */
    char what[160];                 /* its description */
    _Alignas(64) int finished;      /* threads done, for the watchdog */
    pthread_barrier_t start;        /* the threads start together, so that they contend */
} lfstack_t;

/* Each worker on its own cache lines: its counters are written in the hot loop. */
typedef struct {
    _Alignas(64) lfstack_t *stack;
    long rounds, delay;
    int index;
    long pops, empty_waits, retries;
    pthread_t thread;
} lfstack_worker_t;

static lfstack_t stack;
static lfstack_node_t nodes[MAX_NODES];

/* Pop: LR head; empty -> NULL; load head->next; spin DELAY times; SC next into head. A failed SC
 * restarts from the LR and counts in *retries. */
static lfstack_node_t *lfstack_pop_plain(lfstack_t *s, long delay, long *retries)
{
    uint64_t top, next;
    long count, failed, tries = -1;
    __asm__ volatile("1: addi %[tries], %[tries], 1\n"
                     "   lr.d.aq %[top], (%[head])\n"
                     "   beqz %[top], 3f\n"
                     "   ld %[next], 0(%[top])\n"
                     "   mv %[count], %[delay]\n"
                     "2: beqz %[count], 4f\n"
                     "   addi %[count], %[count], -1\n"
                     "   j 2b\n"
                     "4: sc.d %[failed], %[next], (%[head])\n"
                     "   bnez %[failed], 1b\n"
                     "3:"
                     : [top] "=&r"(top), [next] "=&r"(next), [count] "=&r"(count),
                       [failed] "=&r"(failed), [tries] "+&r"(tries)
                     : [head] "r"(&s->head), [delay] "r"(delay)
                     : "memory");
    *retries += tries;
    return (lfstack_node_t *)(uintptr_t)top;
}

/* Push: LR head; node->next = head; SC node into head (release: the node's next and owned
 * words are visible before the node is). */
static void lfstack_push_plain(lfstack_t *s, lfstack_node_t *node, long *retries)
{
    uint64_t top;
    long failed, tries = -1;
    __asm__ volatile("1: addi %[tries], %[tries], 1\n"
                     "   lr.d %[top], (%[head])\n"
                     "   sd %[top], 0(%[node])\n"
                     "   sc.d.rl %[failed], %[node], (%[head])\n"
                     "   bnez %[failed], 1b"
                     : [top] "=&r"(top), [failed] "=&r"(failed), [tries] "+&r"(tries)
                     : [head] "r"(&s->head), [node] "r"(node)
                     : "memory");
    *retries += tries;
}

/* Tagged pop: as lfstack_pop_plain, but head is (tag << 32 | index + 1) and every successful
 * SC increments the tag, so head never takes the same value twice and even an SC emulated by a
 * compare-and-swap fails after an A-B-A change. Returns the node's index + 1 (0: empty). */
static uint64_t lfstack_pop_tagged(lfstack_t *s, long delay, long *retries)
{
    uint64_t top, index, next, count, failed, tries = -1;
    __asm__ volatile("1: addi %[tries], %[tries], 1\n"
                     "   lr.d.aq %[top], (%[head])\n"
                     "   slli %[index], %[top], 32\n"
                     "   srli %[index], %[index], 32\n"
                     "   beqz %[index], 3f\n"
                     "   addi %[next], %[index], -1\n"
                     "   slli %[next], %[next], %[shift]\n"
                     "   add %[next], %[next], %[base]\n"
                     "   ld %[next], 0(%[next])\n"         /* index + 1 of the next node */
                     "   srli %[count], %[top], 32\n"
                     "   addi %[count], %[count], 1\n"
                     "   slli %[count], %[count], 32\n"
                     "   or %[next], %[next], %[count]\n"  /* the new head, tag + 1 */
                     "   mv %[count], %[delay]\n"
                     "2: beqz %[count], 4f\n"
                     "   addi %[count], %[count], -1\n"
                     "   j 2b\n"
                     "4: sc.d %[failed], %[next], (%[head])\n"
                     "   bnez %[failed], 1b\n"
                     "3:"
                     : [top] "=&r"(top), [index] "=&r"(index), [next] "=&r"(next),
                       [count] "=&r"(count), [failed] "=&r"(failed), [tries] "+&r"(tries)
                     : [head] "r"(&s->head), [delay] "r"(delay), [base] "r"(nodes),
                       [shift] "i"(NODE_SHIFT)
                     : "memory");
    *retries += (long)tries;
    return index;
}

static void lfstack_push_tagged(lfstack_t *s, lfstack_node_t *node, long *retries)
{
    uint64_t top, word, failed, tries = -1;
    uint64_t mine = (uint64_t)(node - nodes) + 1;
    __asm__ volatile("1: addi %[tries], %[tries], 1\n"
                     "   lr.d %[top], (%[head])\n"
                     "   slli %[word], %[top], 32\n"
                     "   srli %[word], %[word], 32\n"
                     "   sd %[word], 0(%[node])\n"
                     "   srli %[word], %[top], 32\n"
                     "   addi %[word], %[word], 1\n"
                     "   slli %[word], %[word], 32\n"
                     "   or %[word], %[word], %[mine]\n"
                     "   sc.d.rl %[failed], %[word], (%[head])\n"
                     "   bnez %[failed], 1b"
                     : [top] "=&r"(top), [word] "=&r"(word), [failed] "=&r"(failed),
                       [tries] "+&r"(tries)
                     : [head] "r"(&s->head), [node] "r"(node), [mine] "r"(mine)
                     : "memory");
    *retries += (long)tries;
}

static lfstack_node_t *lfstack_pop(lfstack_t *s, long delay, long *retries)
{
    if (!s->tagged)
        return lfstack_pop_plain(s, delay, retries);
    uint64_t index = lfstack_pop_tagged(s, delay, retries);
    return index ? &nodes[index - 1] : NULL;
}

static void lfstack_push(lfstack_t *s, lfstack_node_t *node, long *retries)
{
    if (s->tagged)
        lfstack_push_tagged(s, node, retries);
    else
        lfstack_push_plain(s, node, retries);
}

/* The node a head or next word designates (NULL: none). */
static lfstack_node_t *lfstack_decode(const lfstack_t *s, uint64_t word)
{
    if (!s->tagged)
        return (lfstack_node_t *)(uintptr_t)word;
    uint32_t index = (uint32_t)word;
    return index ? &nodes[index - 1] : NULL;
}

static uint64_t lfstack_swap_owned(lfstack_node_t *node, uint64_t value)
{
    uint64_t old;
    __asm__ volatile("amoswap.d.aqrl %0, %2, (%1)" : "=r"(old) : "r"(&node->owned), "r"(value)
                     : "memory");
    return old;
}

/* Records the first corruption (a printf-style description) and stops every thread. */
static void lfstack_corrupt(lfstack_t *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void lfstack_corrupt(lfstack_t *s, const char *fmt, ...)
{
    int expected = 0;
    if (__atomic_compare_exchange_n(&s->corruption, &expected, 1, false, __ATOMIC_SEQ_CST,
                                    __ATOMIC_SEQ_CST)) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(s->what, sizeof s->what, fmt, ap);
        va_end(ap);
    }
    __atomic_store_n(&s->stop, 1, __ATOMIC_SEQ_CST);
}

static long lfstack_node_index(const lfstack_node_t *node)
{
    return (long)(node - nodes);
}

/* Pops a node and takes ownership of it; NULL when told to stop. */
static lfstack_node_t *lfstack_take(lfstack_worker_t *w)
{
    lfstack_t *s = w->stack;
    for (unsigned spins = 1;; spins++) {
        if (__atomic_load_n(&s->stop, __ATOMIC_RELAXED))
            return NULL;
        lfstack_node_t *node = lfstack_pop(s, w->delay, &w->retries);
        if (node) {
            w->pops++;
            if (lfstack_swap_owned(node, 1) != 0)
                lfstack_corrupt(s, "thread %d popped node %ld that a thread already holds",
                                w->index, lfstack_node_index(node));
            return node;
        }
        w->empty_waits++;
        /* Threads hold at most 2 nodes each, so with more nodes than that the stack is never
         * empty: seeing it empty means nodes were lost. */
        if (s->nodes > 2L * s->threads)
            lfstack_corrupt(s, "thread %d found the stack empty with %ld nodes and %d threads "
                            "holding at most 2 each (nodes lost)", w->index, s->nodes,
                            s->threads);
        else if (spins % 64 == 0)
            sched_yield();    /* the holders may share this CPU */
    }
}

static void lfstack_give(lfstack_worker_t *w, lfstack_node_t *node)
{
    if (lfstack_swap_owned(node, 0) != 1)
        lfstack_corrupt(w->stack, "thread %d pushed node %ld that it did not own", w->index,
                        lfstack_node_index(node));
    lfstack_push(w->stack, node, &w->retries);
}

static void lfstack_pin(int index)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (cpus < 1)
        return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(index % cpus, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static void *lfstack_worker_main(void *arg)
{
    lfstack_worker_t *w = arg;
    lfstack_pin(w->index);
    pthread_barrier_wait(&w->stack->start);
    for (long r = 0; r < w->rounds; r++) {
        lfstack_node_t *a = lfstack_take(w);
        lfstack_node_t *b = a ? lfstack_take(w) : NULL;
        if (a)
            lfstack_give(w, a);
        if (b)
            lfstack_give(w, b);
        if (!a || !b)
            break;
    }
    __atomic_fetch_add(&w->stack->finished, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

/* Checks that the stack holds each of the N nodes exactly once, none of them owned; records a
 * corruption otherwise. The walk is bounded, so a cycle cannot hang it. */
static void lfstack_verify(lfstack_t *s, long n)
{
    static bool seen[MAX_NODES];
    long count = 0;
    memset(seen, 0, sizeof seen);
    for (lfstack_node_t *node = lfstack_decode(s, s->head); node;
         node = lfstack_decode(s, node->next)) {
        long i = lfstack_node_index(node);
        if (i < 0 || i >= n) {
            lfstack_corrupt(s, "the stack holds a pointer that is no node (after %ld nodes)",
                            count);
            return;
        }
        if (seen[i]) {
            lfstack_corrupt(s, "node %ld is on the stack twice (after %ld nodes)", i, count);
            return;
        }
        if (node->owned != 0)
            lfstack_corrupt(s, "node %ld is on the stack but marked owned", i);
        seen[i] = true;
        count++;
    }
    if (count != n)
        lfstack_corrupt(s, "the stack holds %ld nodes at the end, expected %ld", count, n);
}

/* A system call, not the vDSO: Linux 6.1's RISC-V vDSO clock_gettime crashes when it races
 * an update of the time (litmus.c explains). */
static double lfstack_now(void)
{
    struct timespec ts;
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Waits for the workers to finish, stopping them after SECONDS (a sign of lost nodes). */
static void lfstack_watch(lfstack_t *s, int threads, long seconds)
{
    const struct timespec tick = {.tv_sec = 0, .tv_nsec = 10 * 1000 * 1000};
    double deadline = lfstack_now() + (double)seconds;
    while (__atomic_load_n(&s->finished, __ATOMIC_SEQ_CST) < threads) {
        if (lfstack_now() > deadline) {
            lfstack_corrupt(s, "watchdog: threads still running after %ld s (lost nodes?)",
                            seconds);
            return;
        }
        nanosleep(&tick, NULL);
    }
}

static long lfstack_parse(const char *text, long min, long max)
{
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < min || value > max)
        return -1;
    return value;
}

typedef struct {
    long threads, rounds, nodes, delay, seconds;
    bool tagged;
} lfstack_options_t;

/* Fills *o from the command line; false on a usage error. */
static bool lfstack_options(int argc, char **argv, lfstack_options_t *o)
{
    o->threads = argc > 1 ? lfstack_parse(argv[1], 1, MAX_THREADS) : DEFAULT_THREADS;
    o->rounds = argc > 2 ? lfstack_parse(argv[2], 1, MAX_ROUNDS) : DEFAULT_ROUNDS;
    o->nodes = argc > 3 ? lfstack_parse(argv[3], 2, MAX_NODES) : 2 * o->threads + 2;
    o->delay = argc > 4 ? lfstack_parse(argv[4], 0, MAX_DELAY) : DEFAULT_DELAY;
    o->seconds = argc > 5 ? lfstack_parse(argv[5], 1, MAX_SECONDS) : DEFAULT_SECONDS;
    o->tagged = argc > 6 && strcmp(argv[6], "tagged") == 0;
    if (argc > 6 && !o->tagged && strcmp(argv[6], "plain") != 0)
        return false;
    return argc <= 7 && o->threads > 0 && o->rounds > 0 && o->nodes >= 2 && o->delay >= 0 &&
           o->seconds > 0;
}

/* Starts the workers, waits for them (or the watchdog) and adds up their statistics. */
static void lfstack_run(const lfstack_options_t *o, long *pops, long *retries, long *waits)
{
    static lfstack_worker_t workers[MAX_THREADS];
    pthread_barrier_init(&stack.start, NULL, (unsigned)o->threads);
    for (int i = 0; i < o->threads; i++) {
        workers[i] = (lfstack_worker_t){.stack = &stack, .rounds = o->rounds,
                                        .delay = o->delay, .index = i};
        int err = pthread_create(&workers[i].thread, NULL, lfstack_worker_main, &workers[i]);
        if (err != 0) {
            fprintf(stderr, "lfstack: pthread_create: %s\n", strerror(err));
            exit(EXIT_FAILURE);
        }
    }
    lfstack_watch(&stack, (int)o->threads, o->seconds);
    for (int i = 0; i < o->threads; i++) {
        pthread_join(workers[i].thread, NULL);
        *pops += workers[i].pops;
        *retries += workers[i].retries;
        *waits += workers[i].empty_waits;
    }
}

int main(int argc, char **argv)
{
    lfstack_options_t o;
    if (!lfstack_options(argc, argv, &o)) {
        fprintf(stderr, "usage: %s [THREADS [ROUNDS [NODES>=2 [DELAY [SECONDS [plain|tagged]]]]]]"
                "\n", argv[0]);
        return EXIT_USAGE;
    }
    long ignored = 0, pops = 0, retries = 0, waits = 0;
    stack.nodes = o.nodes;
    stack.threads = (int)o.threads;
    stack.tagged = o.tagged;
    for (long i = o.nodes - 1; i >= 0; i--)
        lfstack_push(&stack, &nodes[i], &ignored);
    double start = lfstack_now();
    lfstack_run(&o, &pops, &retries, &waits);
    double elapsed = lfstack_now() - start;
    if (!stack.corruption)
        lfstack_verify(&stack, o.nodes);
    printf("lfstack threads=%ld rounds=%ld nodes=%ld delay=%ld mode=%s pops=%ld sc_retries=%ld "
           "empty=%ld seconds=%.3f %s%s\n", o.threads, o.rounds, o.nodes, o.delay,
           o.tagged ? "tagged" : "plain", pops, retries, waits, elapsed,
           stack.corruption ? "FAIL: " : "PASS", stack.what);
    return stack.corruption ? EXIT_FAILURE : EXIT_SUCCESS;
}
