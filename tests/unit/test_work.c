/* Run-on-hart and exclusive work, hammered on real hart threads running guest code: three
 * harts increment their own counter in guest RAM in a loop, one sleeps in WFI. Checks that work
 * runs on the target hart's thread, exactly once, never while an exclusive section runs, and
 * that exclusive sections see every hart stopped; requests come from host threads and, through
 * translation-cache flushes, from the harts themselves. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exec/run.h"
#include "exec/tcache.h"

#define RAM 0x80000000ULL
#define NHARTS 4
#define BUSY_HARTS 3 /* harts 0..2 count; hart 3 sleeps in WFI */
#define COUNTERS (RAM + 0x1008)
#define HAMMER_THREADS 3
#define HAMMER_ROUNDS 300

static const uint32_t GUEST_CODE[] = {
    0xf14022f3, /* csrr t0, mhartid */
    0x00329293, /* slli t0, t0, 3 */
    0x00001317, /* auipc t1, 1: t1 = RAM + 0x1008 */
    0x00530333, /* add t1, t1, t0 */
    0x00033383, /* 1: ld t2, 0(t1) */
    0x00138393, /* addi t2, t2, 1 */
    0x00733023, /* sd t2, 0(t1) */
    0xff5ff06f, /* j 1b */
    0x10500073, /* 2: wfi (RAM + 0x20) */
    0xffdff06f, /* j 2b */
};

typedef struct rig {
    phys_map_t phys;
    log_ctx_t log;
    tcache_t tc;
    phys_region_t *ram;
    hart_t *harts[NHARTS];
    runctl_t rc;
    pthread_t runner;
    /* written only on each hart's own thread (run-on-hart) or by exclusive work */
    uint64_t per_hart_runs[NHARTS];
    pthread_t hart_thread[NHARTS];
    atomic_int in_exclusive;
    atomic_uint exclusive_runs, overlaps;
} rig_t;

static uint64_t counter(rig_t *r, unsigned i)
{
    uint64_t v;
    __atomic_load(&((uint64_t *)(r->ram->host + (COUNTERS - RAM)))[i], &v, __ATOMIC_RELAXED);
    return v;
}

static void *runner_main(void *arg)
{
    rig_t *r = arg;
    runctl_run(&r->rc);
    return NULL;
}

static void rig_harts(rig_t *r)
{
    for (unsigned i = 0; i < NHARTS; i++) {
        hart_t *h = aligned_alloc(64, (sizeof(hart_t) + 63) & ~(size_t)63);
        hart_init(h, i, NULL, &r->phys, &r->tc, &r->log, 0);
        run_attach_hart(h);
        hart_reset(h, i < BUSY_HARTS ? RAM : RAM + 0x20);
        r->harts[i] = h;
    }
}

static int setup(void **state)
{
    rig_t *r = calloc(1, sizeof(*r));
    phys_init(&r->phys);
    log_init(&r->log);
    r->ram = phys_add_ram(&r->phys, "ram", RAM, 1 << 20, false);
    tcache_init(&r->tc, &r->phys, &r->log);
    memcpy(r->ram->host, GUEST_CODE, sizeof(GUEST_CODE));
    rig_harts(r);
    assert_true(runctl_init(&r->rc, r->harts, NHARTS));
    assert_int_equal(pthread_create(&r->runner, NULL, runner_main, r), 0);
    for (unsigned i = 0; i < BUSY_HARTS; i++) /* wait until the busy harts run */
        while (counter(r, i) == 0)
            sched_yield();
    *state = r;
    return 0;
}

static int teardown(void **state)
{
    rig_t *r = *state;
    runctl_request_stop(&r->rc, 0);
    pthread_join(r->runner, NULL);
    runctl_destroy(&r->rc);
    tcache_drop_all(&r->tc);
    for (unsigned i = 0; i < NHARTS; i++)
        free(r->harts[i]);
    phys_destroy(&r->phys);
    free(r);
    return 0;
}

static rig_t *work_rig(hart_t *h)
{
    return (rig_t *)((char *)h->tcache - offsetof(rig_t, tc));
}

/* Runs on the hart's thread: a plain increment is exact only if that is so. */
static void count_run(hart_t *h, void *arg)
{
    rig_t *r = work_rig(h);
    (void)arg;
    if (atomic_load(&r->in_exclusive))
        atomic_fetch_add(&r->overlaps, 1);
    if (r->per_hart_runs[h->hartid]++ == 0)
        r->hart_thread[h->hartid] = pthread_self();
    else if (!pthread_equal(r->hart_thread[h->hartid], pthread_self()))
        atomic_fetch_add(&r->overlaps, 1000000);
}

static void test_sync_runs_on_target(void **state)
{
    rig_t *r = *state;
    for (unsigned i = 0; i < NHARTS; i++) {
        uint64_t before = r->per_hart_runs[i];
        run_on_hart_sync(&r->rc.work, NULL, r->harts[i], count_run, NULL);
        assert_int_equal(r->per_hart_runs[i], before + 1); /* done when the call returns */
        assert_false(pthread_equal(r->hart_thread[i], pthread_self()));
    }
    for (unsigned i = 0; i < NHARTS; i++)
        for (unsigned j = i + 1; j < NHARTS; j++)
            assert_false(pthread_equal(r->hart_thread[i], r->hart_thread[j]));
}

/* Exclusive work: no hart may make progress and no queued work may run meanwhile. */
static void exclusive_check(void *arg)
{
    rig_t *r = arg;
    atomic_store(&r->in_exclusive, 1);
    uint64_t before[BUSY_HARTS];
    for (unsigned i = 0; i < BUSY_HARTS; i++)
        before[i] = counter(r, i);
    struct timespec ts = {0, 200000};
    nanosleep(&ts, NULL);
    for (unsigned i = 0; i < BUSY_HARTS; i++)
        if (counter(r, i) != before[i])
            atomic_fetch_add(&r->overlaps, 1);
    atomic_fetch_add(&r->exclusive_runs, 1);
    atomic_store(&r->in_exclusive, 0);
}

static void test_exclusive_stops_every_hart(void **state)
{
    rig_t *r = *state;
    for (int i = 0; i < 20; i++)
        run_exclusive(&r->rc.work, NULL, exclusive_check, r);
    assert_int_equal(atomic_load(&r->exclusive_runs), 20);
    assert_int_equal(atomic_load(&r->overlaps), 0);
    uint64_t c = counter(r, 0);
    while (counter(r, 0) == c) /* and the harts resume */
        sched_yield();
}

static void *hammer_main(void *arg)
{
    rig_t *r = arg;
    unsigned seed = (unsigned)(uintptr_t)pthread_self();
    for (int i = 0; i < HAMMER_ROUNDS; i++) {
        hart_t *h = r->harts[rand_r(&seed) % NHARTS];
        switch (rand_r(&seed) % 8) {
        case 0:
            run_exclusive(&r->rc.work, NULL, exclusive_check, r);
            break;
        case 1:
        case 2:
            run_on_hart_async(&r->rc.work, h, count_run, NULL);
            break;
        default:
            run_on_hart_sync(&r->rc.work, NULL, h, count_run, NULL);
        }
    }
    return NULL;
}

static uint64_t total_runs(rig_t *r)
{
    uint64_t sum = 0;
    for (unsigned i = 0; i < NHARTS; i++)
        sum += __atomic_load_n(&r->per_hart_runs[i], __ATOMIC_RELAXED);
    return sum;
}

/* Host threads hammer both kinds of work while the harts flush the translation cache as
 * exclusive work of their own (a cache limit so small that every new block asks for it). */
static void test_hammer(void **state)
{
    rig_t *r = *state;
    pthread_t t[HAMMER_THREADS];
    unsigned exclusive_before = atomic_load(&r->exclusive_runs);
    uint64_t runs_before = total_runs(r), flushes_before = atomic_load(&r->tc.stats.flushes);
    lock_take(&r->tc.lock);
    r->tc.max_bytes = 1;
    lock_drop(&r->tc.lock);
    atomic_store(&r->tc.flush_wanted, true);
    for (int i = 0; i < HAMMER_THREADS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, hammer_main, r), 0);
    for (int i = 0; i < HAMMER_THREADS; i++)
        pthread_join(t[i], NULL);
    lock_take(&r->tc.lock);
    r->tc.max_bytes = TC_DEFAULT_MAX_BYTES;
    lock_drop(&r->tc.lock);
    /* asynchronous items may still be queued: a synchronous one to each hart drains them */
    for (unsigned i = 0; i < NHARTS; i++)
        run_on_hart_sync(&r->rc.work, NULL, r->harts[i], count_run, NULL);
    unsigned exclusive = atomic_load(&r->exclusive_runs) - exclusive_before;
    uint64_t runs = total_runs(r) - runs_before;
    assert_int_equal(runs + exclusive, (uint64_t)HAMMER_THREADS * HAMMER_ROUNDS + NHARTS);
    assert_int_equal(atomic_load(&r->overlaps), 0);
    assert_true(atomic_load(&r->tc.stats.flushes) > flushes_before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sync_runs_on_target),
        cmocka_unit_test(test_exclusive_stops_every_hart),
        cmocka_unit_test(test_hammer),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
