/* The debug controller (exec/debug.h) on real hart threads running guest code: every hart
 * loops adding 1 to a0 six times and storing a0 to its own counter. Checks stopping and
 * resuming every hart, starting stopped, a breakpoint in the middle of an already translated
 * block (the block is split) whose removal leaves the translation as it was before, exact
 * single steps of one hart while the others stay parked, and a watchpoint on one hart's
 * counter that stops the machine before the store happens and lets the hart get past it when
 * resumed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exec/run.h"
#include "exec/tcache.h"
#include "util/util.h"

#define RAM 0x80000000ULL
#define NHARTS 3
#define COUNTERS (RAM + 0x1000)
#define LOOP_BYTES 32  /* the block from RAM: six addi, the sd and the j that ends it */
#define STORE_PC (RAM + 24)

static const uint32_t GUEST_CODE[] = {
    0x00150513, 0x00150513, 0x00150513, /* addi a0, a0, 1 (x6) */
    0x00150513, 0x00150513, 0x00150513,
    0x00a33023, /* sd a0, 0(t1) */
    0xfe5ff06f, /* j RAM */
};

typedef struct rig {
    phys_map_t phys;
    log_ctx_t log;
    tcache_t tc;
    phys_region_t *ram;
    hart_t *harts[NHARTS];
    runctl_t rc;
    pthread_t runner;
} rig_t;

static uint64_t counter(rig_t *r, unsigned i)
{
    return __atomic_load_n(&((uint64_t *)(void *)(r->ram->host + (COUNTERS - RAM)))[i],
                           __ATOMIC_RELAXED);
}

static void *runner_main(void *arg)
{
    rig_t *r = arg;
    runctl_run(&r->rc);
    return NULL;
}

static rig_t *rig_new(bool start_stopped)
{
    rig_t *r = calloc(1, sizeof(*r));
    phys_init(&r->phys);
    log_init(&r->log);
    r->ram = phys_add_ram(&r->phys, "ram", RAM, 1 << 20, false);
    tcache_init(&r->tc, &r->phys, &r->log);
    memcpy(r->ram->host, GUEST_CODE, sizeof(GUEST_CODE));
    for (unsigned i = 0; i < NHARTS; i++) {
        hart_t *h = aligned_alloc(64, (sizeof(hart_t) + 63) & ~(size_t)63);
        hart_init(h, i, NULL, &r->phys, &r->tc, &r->log, 0);
        run_attach_hart(h);
        hart_reset(h, RAM);
        h->x[6] = COUNTERS + 8 * i; /* t1: the hart's counter */
        r->harts[i] = h;
    }
    assert_true(runctl_init(&r->rc, r->harts, NHARTS));
    if (start_stopped)
        dbg_start_stopped(&r->rc.dbg);
    assert_int_equal(pthread_create(&r->runner, NULL, runner_main, r), 0);
    return r;
}

static void rig_free(rig_t *r)
{
    runctl_request_stop(&r->rc, 0);
    pthread_join(r->runner, NULL);
    runctl_destroy(&r->rc);
    tcache_drop_all(&r->tc);
    for (unsigned i = 0; i < NHARTS; i++)
        free(r->harts[i]);
    phys_destroy(&r->phys);
    free(r);
}

static void wait_busy(rig_t *r)
{
    uint64_t start[NHARTS];
    for (unsigned i = 0; i < NHARTS; i++)
        start[i] = counter(r, i);
    for (unsigned i = 0; i < NHARTS; i++)
        while (counter(r, i) <= start[i] + 100)
            sched_yield();
}

/* Waits (bounded) for an announced stop newer than `after`. */
static dbg_stop_t wait_stop(rig_t *r, uint64_t after)
{
    dbg_stop_t st;
    bool announced;
    for (int i = 0; i < 20000; i++) {
        if (dbg_get_state(&r->rc.dbg, &st, &announced) && announced && st.seq > after)
            return st;
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    fail_msg("no stop after seq %lu", (unsigned long)after);
    return st;
}

typedef struct regs {
    uint64_t pc, a0, instret;
} regs_t;

static void read_regs(hart_t *h, void *arg)
{
    regs_t *g = arg;
    g->pc = h->pc;
    g->a0 = h->x[10];
    g->instret = h->instret;
}

static regs_t regs(rig_t *r, unsigned i)
{
    regs_t g;
    dbg_hart_call(&r->rc.dbg, i, read_regs, &g);
    return g;
}

typedef struct lookup {
    uint64_t pa;
    unsigned bytes; /* 0: no block */
} lookup_t;

/* On a hart's thread, an RCU reader: the block at pa now. */
static void lookup_on_hart(hart_t *h, void *arg)
{
    lookup_t *l = arg;
    block_t *b = tcache_lookup(h->tcache, l->pa);
    l->bytes = b && !atomic_load(&b->invalid) ? b->bytes : 0;
}

static unsigned block_bytes(rig_t *r, uint64_t pa)
{
    lookup_t l = {.pa = pa};
    dbg_hart_call(&r->rc.dbg, 0, lookup_on_hart, &l);
    return l.bytes;
}

static void test_stop_and_resume(void **state)
{
    (void)state;
    rig_t *r = rig_new(false);
    wait_busy(r);
    dbg_stop(&r->rc.dbg, DBG_STOP_PAUSE, true);
    uint64_t before[NHARTS];
    for (unsigned i = 0; i < NHARTS; i++)
        before[i] = counter(r, i);
    struct timespec ts = {0, 50000000};
    nanosleep(&ts, NULL);
    for (unsigned i = 0; i < NHARTS; i++)
        assert_int_equal(counter(r, i), before[i]); /* every hart is parked */
    assert_true(dbg_resume(&r->rc.dbg, NULL));
    wait_busy(r);
    rig_free(r);
}

static void test_start_stopped(void **state)
{
    (void)state;
    rig_t *r = rig_new(true);
    struct timespec ts = {0, 50000000};
    nanosleep(&ts, NULL);
    for (unsigned i = 0; i < NHARTS; i++) {
        assert_int_equal(counter(r, i), 0);
        assert_int_equal(regs(r, i).pc, RAM); /* state readable while parked */
    }
    dbg_stop_t st;
    assert_true(dbg_get_state(&r->rc.dbg, &st, NULL));
    assert_int_equal(st.kind, DBG_STOP_PRELAUNCH);
    assert_true(dbg_resume(&r->rc.dbg, NULL));
    wait_busy(r);
    rig_free(r);
}

static void test_breakpoint_in_translated_block(void **state)
{
    (void)state;
    rig_t *r = rig_new(false);
    wait_busy(r);
    assert_int_equal(block_bytes(r, RAM), LOOP_BYTES); /* translated as one block */
    dbg_stop(&r->rc.dbg, DBG_STOP_PAUSE, true);
    dbg_stop_t st;
    dbg_get_state(&r->rc.dbg, &st, NULL);
    assert_true(dbg_bp_insert(&r->rc.dbg, RAM + 12));
    assert_true(dbg_resume(&r->rc.dbg, NULL));
    st = wait_stop(r, st.seq);
    assert_int_equal(st.kind, DBG_STOP_BREAK);
    assert_int_equal(regs(r, st.hart).pc, RAM + 12);
    assert_int_equal(block_bytes(r, RAM), 12); /* the block ends before the breakpoint */
    assert_true(dbg_bp_remove(&r->rc.dbg, RAM + 12));
    assert_true(dbg_resume(&r->rc.dbg, NULL));
    wait_busy(r);
    assert_int_equal(block_bytes(r, RAM), LOOP_BYTES); /* no trace left */
    rig_free(r);
}

static void test_single_step(void **state)
{
    (void)state;
    rig_t *r = rig_new(true);
    dbg_stop_t st;
    dbg_get_state(&r->rc.dbg, &st, NULL);
    dbg_action_t acts[NHARTS] = {DBG_ACT_STEP, DBG_ACT_STOP, DBG_ACT_STOP};
    for (unsigned n = 1; n <= 9; n++) {
        assert_true(dbg_resume(&r->rc.dbg, acts));
        st = wait_stop(r, st.seq);
        assert_int_equal(st.kind, DBG_STOP_STEP);
        assert_int_equal(st.hart, 0);
        regs_t g = regs(r, 0);
        assert_int_equal(g.instret, n); /* exactly one instruction per step */
        assert_int_equal(g.pc, n == 8 ? RAM : RAM + 4 * (n % 8));
        assert_int_equal(regs(r, 1).pc, RAM);
    }
    assert_int_equal(counter(r, 0), 6);
    assert_int_equal(counter(r, 1), 0);
    rig_free(r);
}

static void test_watchpoint(void **state)
{
    (void)state;
    rig_t *r = rig_new(false);
    wait_busy(r);
    dbg_stop(&r->rc.dbg, DBG_STOP_PAUSE, true);
    dbg_stop_t st;
    dbg_get_state(&r->rc.dbg, &st, NULL);
    assert_true(dbg_watch_insert(&r->rc.dbg, COUNTERS + 8, 8, WATCH_WRITE));
    uint64_t last_a0 = 0;
    for (int round = 0; round < 3; round++) {
        assert_true(dbg_resume(&r->rc.dbg, NULL));
        st = wait_stop(r, st.seq);
        assert_int_equal(st.kind, DBG_STOP_WATCH);
        assert_int_equal(st.hart, 1);
        assert_int_equal(st.addr, COUNTERS + 8);
        regs_t g = regs(r, 1);
        assert_int_equal(g.pc, STORE_PC);
        assert_int_equal(counter(r, 1), g.a0 - 6); /* stopped before the store */
        assert_true(g.a0 > last_a0);               /* and got past it when resumed */
        last_a0 = g.a0;
    }
    assert_true(dbg_watch_remove(&r->rc.dbg, COUNTERS + 8, 8, WATCH_WRITE));
    assert_true(dbg_resume(&r->rc.dbg, NULL));
    wait_busy(r);
    rig_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stop_and_resume),
        cmocka_unit_test(test_start_stopped),
        cmocka_unit_test(test_breakpoint_in_translated_block),
        cmocka_unit_test(test_single_step),
        cmocka_unit_test(test_watchpoint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
