#define _GNU_SOURCE /* pipe2 */
/* The I/O thread's event loop on a real loop thread: bottom halves run there and coalesce,
 * timers fire in deadline order, fd watches see pipe data, pollers fill and dispatch every
 * iteration, run_sync waits, removal (from another thread or from the item's own callback)
 * returns only when the callback is not running and never runs again, and a polling loop
 * stops spinning when idle. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <poll.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include "util/evloop.h"
#include "util/util.h"

typedef struct probe {
    evloop_t *loop;
    atomic_int runs;
    atomic_bool on_loop_thread;
    atomic_bool inside;     /* a callback is running now */
    atomic_int order[4];
    atomic_int norder;
    int tag;
} probe_t;

static void sleep_ms(int ms)
{
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

static bool wait_for(atomic_int *v, int want)
{
    for (int i = 0; i < 2000 && atomic_load(v) < want; i++)
        sleep_ms(1);
    return atomic_load(v) >= want;
}

static void count_run(void *opaque)
{
    probe_t *p = opaque;
    atomic_store(&p->on_loop_thread, evloop_in_thread(p->loop));
    atomic_fetch_add(&p->runs, 1);
}

static int setup(void **state)
{
    evloop_t *l = evloop_new("test-io");
    assert_non_null(l);
    assert_true(evloop_start(l));
    *state = l;
    return 0;
}

static int teardown(void **state)
{
    evloop_free(*state);
    return 0;
}

static void slow_bh(void *opaque)
{
    probe_t *p = opaque;
    sleep_ms(20);
    atomic_fetch_add(&p->runs, 1);
}

static void test_bh_runs_on_loop_and_coalesces(void **state)
{
    probe_t p = {.loop = *state};
    evloop_bh_t *bh = evloop_bh_new(p.loop, count_run, &p);
    evloop_bh_schedule(bh);
    assert_true(wait_for(&p.runs, 1));
    assert_true(atomic_load(&p.on_loop_thread));
    evloop_bh_free(bh);

    probe_t q = {.loop = *state};
    evloop_bh_t *slow = evloop_bh_new(q.loop, slow_bh, &q);
    evloop_bh_schedule(slow);
    sleep_ms(5); /* now running: three more requests coalesce into one run */
    for (int i = 0; i < 3; i++)
        evloop_bh_schedule(slow);
    assert_true(wait_for(&q.runs, 2));
    sleep_ms(60);
    assert_int_equal(atomic_load(&q.runs), 2);
    evloop_bh_free(slow);
}

static void record_order(void *opaque)
{
    probe_t *p = opaque;
    probe_t *owner = (probe_t *)p->loop; /* the shared record, see test_timers_in_order */
    int slot = atomic_fetch_add(&owner->norder, 1);
    if (slot < 4)
        atomic_store(&owner->order[slot], p->tag);
}

static void test_timers_in_order(void **state)
{
    probe_t rec = {0};
    probe_t t[3];
    evloop_timer_t *tm[3];
    for (int i = 0; i < 3; i++) {
        t[i] = (probe_t){.loop = (evloop_t *)&rec, .tag = i};
        tm[i] = evloop_timer_new(*state, record_order, &t[i]);
    }
    uint64_t now = util_now_ns();
    evloop_timer_arm(tm[0], now + 60000000);
    evloop_timer_arm(tm[1], now + 20000000);
    evloop_timer_arm(tm[2], now + 40000000);
    assert_true(wait_for(&rec.norder, 3));
    assert_int_equal(atomic_load(&rec.order[0]), 1);
    assert_int_equal(atomic_load(&rec.order[1]), 2);
    assert_int_equal(atomic_load(&rec.order[2]), 0);
    assert_true(util_now_ns() - now >= 60000000);

    evloop_timer_arm(tm[0], util_now_ns() + 20000000); /* cancelled: never fires */
    evloop_timer_cancel(tm[0]);
    sleep_ms(50);
    assert_int_equal(atomic_load(&rec.norder), 3);
    for (int i = 0; i < 3; i++)
        evloop_timer_free(tm[i]);
}

static void on_readable(void *opaque, int fd, short revents)
{
    probe_t *p = opaque;
    char c;
    if ((revents & POLLIN) && read(fd, &c, 1) == 1)
        atomic_fetch_add(&p->runs, c);
}

static void test_fd_watch(void **state)
{
    evloop_t *l = *state;
    probe_t p = {.loop = l};
    int fds[2];
    assert_int_equal(pipe2(fds, O_NONBLOCK), 0);
    assert_true(evloop_watch_fd(l, fds[0], POLLIN, on_readable, &p));
    assert_false(evloop_watch_fd(l, fds[0], POLLIN, on_readable, &p)); /* one watch per fd */
    char c = 5;
    assert_int_equal(write(fds[1], &c, 1), 1);
    assert_true(wait_for(&p.runs, 5));
    evloop_set_events(l, fds[0], 0); /* paused: data waits */
    c = 7;
    assert_int_equal(write(fds[1], &c, 1), 1);
    sleep_ms(30);
    assert_int_equal(atomic_load(&p.runs), 5);
    evloop_set_events(l, fds[0], POLLIN);
    assert_true(wait_for(&p.runs, 12));
    evloop_unwatch_fd(l, fds[0]);
    close(fds[0]);
    close(fds[1]);
}

static double process_cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A polling loop runs bottom halves and sees fd data while it spins (its window grown by
 * quick wake-ups), and stops spinning once idle: the process uses little CPU while asleep. */
static void test_polling(void **state)
{
    (void)state;
    evloop_t *l = evloop_new("test-poll");
    assert_non_null(l);
    evloop_set_polling(l, 2000000);
    assert_true(evloop_start(l));
    probe_t p = {.loop = l};
    evloop_bh_t *bh = evloop_bh_new(l, count_run, &p);
    for (int i = 1; i <= 200; i++) {
        evloop_bh_schedule(bh);
        assert_true(wait_for(&p.runs, i));
    }
    assert_true(atomic_load(&p.on_loop_thread));
    int fds[2];
    assert_int_equal(pipe2(fds, O_NONBLOCK), 0);
    probe_t q = {.loop = l};
    assert_true(evloop_watch_fd(l, fds[0], POLLIN, on_readable, &q));
    for (int i = 1; i <= 20; i++) {
        evloop_bh_schedule(bh); /* keeps the window open */
        char c = 1;
        assert_int_equal(write(fds[1], &c, 1), 1);
        assert_true(wait_for(&q.runs, i));
    }
    sleep_ms(20);
    double before = process_cpu_s();
    sleep_ms(300);
    double used = process_cpu_s() - before;
    if (used > 0.1)
        fail_msg("idle polling loop used %.3f s of CPU in 0.3 s", used);
    evloop_unwatch_fd(l, fds[0]);
    close(fds[0]);
    close(fds[1]);
    evloop_bh_free(bh);
    evloop_stop(l);
    evloop_free(l);
}

static void busy_bh(void *opaque)
{
    probe_t *p = opaque;
    atomic_store(&p->inside, true);
    sleep_ms(30);
    atomic_store(&p->inside, false);
    atomic_fetch_add(&p->runs, 1);
}

static void test_free_waits_for_running_callback(void **state)
{
    probe_t p = {.loop = *state};
    evloop_bh_t *bh = evloop_bh_new(p.loop, busy_bh, &p);
    evloop_bh_schedule(bh);
    while (!atomic_load(&p.inside) && atomic_load(&p.runs) == 0)
        sleep_ms(1);
    evloop_bh_free(bh);
    assert_false(atomic_load(&p.inside));
    assert_int_equal(atomic_load(&p.runs), 1);
}

typedef struct self_remove {
    evloop_t *loop;
    evloop_bh_t *bh;
    atomic_int runs;
} self_remove_t;

static void removes_itself(void *opaque)
{
    self_remove_t *s = opaque;
    atomic_fetch_add(&s->runs, 1);
    evloop_bh_schedule(s->bh); /* would run again if the removal did not stick */
    evloop_bh_free(s->bh);
}

static void test_remove_from_own_callback(void **state)
{
    self_remove_t s = {.loop = *state};
    s.bh = evloop_bh_new(s.loop, removes_itself, &s);
    evloop_bh_schedule(s.bh);
    assert_true(wait_for(&s.runs, 1));
    sleep_ms(30);
    assert_int_equal(atomic_load(&s.runs), 1);
}

static void test_run_sync(void **state)
{
    probe_t p = {.loop = *state};
    evloop_run_sync(p.loop, count_run, &p);
    assert_int_equal(atomic_load(&p.runs), 1); /* done when it returns */
    assert_true(atomic_load(&p.on_loop_thread));
}

typedef struct poller_probe {
    int fds[2];
    int idx;
    atomic_int fills, hits;
} poller_probe_t;

static void poller_fill(void *opaque, evloop_pollset_t *ps, int *timeout_ms)
{
    poller_probe_t *pp = opaque;
    atomic_fetch_add(&pp->fills, 1);
    pp->idx = evloop_pollset_add(ps, pp->fds[0], POLLIN);
    if (*timeout_ms < 0 || *timeout_ms > 10)
        *timeout_ms = 10; /* the loop must wake on its own for the back end's timers */
}

static void poller_dispatch(void *opaque, evloop_pollset_t *ps, bool failed)
{
    poller_probe_t *pp = opaque;
    char c;
    if (!failed && (evloop_pollset_revents(ps, pp->idx) & POLLIN) && read(pp->fds[0], &c, 1) == 1)
        atomic_fetch_add(&pp->hits, 1);
}

static void test_poller(void **state)
{
    static const evloop_poller_ops_t ops = {poller_fill, poller_dispatch};
    poller_probe_t pp = {0};
    assert_int_equal(pipe2(pp.fds, O_NONBLOCK), 0);
    assert_true(evloop_add_poller(*state, &ops, &pp));
    assert_true(wait_for(&pp.fills, 5)); /* its timeout keeps the loop turning */
    char c = 1;
    assert_int_equal(write(pp.fds[1], &c, 1), 1);
    assert_true(wait_for(&pp.hits, 1));
    evloop_remove_poller(*state, &pp);
    int fills = atomic_load(&pp.fills);
    sleep_ms(40);
    assert_int_equal(atomic_load(&pp.fills), fills);
    close(pp.fds[0]);
    close(pp.fds[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bh_runs_on_loop_and_coalesces, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timers_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fd_watch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_free_waits_for_running_callback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remove_from_own_callback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_run_sync, setup, teardown),
        cmocka_unit_test_setup_teardown(test_poller, setup, teardown),
        cmocka_unit_test(test_polling),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
