/*
 * test_rtc.c - unit tests for the goldfish RTC (dev/rtc.h).
 *
 * Rules checked (goldfish RTC as Linux's rtc-goldfish driver uses it): the time is host
 * CLOCK_REALTIME in nanoseconds; reading TIME_LOW latches the high word that TIME_HIGH then
 * returns; writing TIME_HIGH then TIME_LOW sets the time; ALARM_HIGH then ALARM_LOW arms the
 * alarm; ALARM_STATUS reads 1 while armed; a due alarm disarms and raises the interrupt, which
 * reaches the line only while IRQ_ENABLED is set and stays until CLEAR_INTERRUPT; CLEAR_ALARM
 * disarms. The alarm thread drives a recording irq callback; waits are bounded polls.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libfdt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "dev/rtc.h"

enum { TIME_LOW = 0x00, TIME_HIGH = 0x04, ALARM_LOW = 0x08, ALARM_HIGH = 0x0c,
       IRQ_ENABLED = 0x10, CLEAR_ALARM = 0x14, ALARM_STATUS = 0x18, CLEAR_INTERRUPT = 0x1c };

#define MS 1000000ULL
#define SEC 1000000000ULL

typedef struct {
    log_ctx_t log;
    rtc_t rtc;
    atomic_int level;
    atomic_int raises;
} fixture_t;

static void irq_record(void *ctx, unsigned n, bool level)
{
    fixture_t *f = ctx;
    assert_int_equal(n, 11);
    if (level && !atomic_load(&f->level))
        atomic_fetch_add(&f->raises, 1);
    atomic_store(&f->level, level);
}

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    log_init(&f->log);
    irq_line_t irq = {.set = irq_record, .ctx = f, .n = 11};
    assert_int_equal(rtc_init(&f->rtc, irq, &f->log), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    rtc_destroy(&f->rtc);
    free(f);
    return 0;
}

/* MMIO as phys_mmio_read/write perform it: under the device lock. */
static uint32_t rd(fixture_t *f, uint64_t off)
{
    lock_take(&f->rtc.lock);
    uint64_t v = rtc_ops.read(&f->rtc, off, 4);
    lock_drop(&f->rtc.lock);
    return (uint32_t)v;
}

static void wr(fixture_t *f, uint64_t off, uint32_t v)
{
    lock_take(&f->rtc.lock);
    rtc_ops.write(&f->rtc, off, 4, v);
    lock_drop(&f->rtc.lock);
}

static uint64_t read_time(fixture_t *f)
{
    uint32_t lo = rd(f, TIME_LOW);
    return ((uint64_t)rd(f, TIME_HIGH) << 32) | lo;
}

static void set_time(fixture_t *f, uint64_t t)
{
    wr(f, TIME_HIGH, (uint32_t)(t >> 32));
    wr(f, TIME_LOW, (uint32_t)t);
}

static void arm(fixture_t *f, uint64_t t)
{
    wr(f, ALARM_HIGH, (uint32_t)(t >> 32));
    wr(f, ALARM_LOW, (uint32_t)t);
}

static uint64_t host_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * SEC + (uint64_t)ts.tv_nsec;
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Polls the line for up to `ms` milliseconds. */
static bool wait_level(fixture_t *f, bool level, unsigned ms)
{
    for (unsigned i = 0; i < ms; i++) {
        if (atomic_load(&f->level) == level)
            return true;
        sleep_ms(1);
    }
    return atomic_load(&f->level) == level;
}

static void test_time_is_host_realtime(void **state)
{
    fixture_t *f = *state;
    uint64_t before = host_ns();
    uint64_t t = read_time(f);
    uint64_t after = host_ns();
    assert_true(t >= before && t <= after);
}

static void test_time_high_latched(void **state)
{
    fixture_t *f = *state;
    /* 100 ms before the high word turns from 4 to 5 */
    set_time(f, (5ULL << 32) - 100 * MS);
    assert_true(rd(f, TIME_LOW) > 0xf0000000u);
    sleep_ms(200);
    assert_int_equal(rd(f, TIME_HIGH), 4); /* latched by the earlier TIME_LOW read */
    assert_int_equal(rd(f, TIME_HIGH), 4);
    assert_true(rd(f, TIME_LOW) < 0x10000000u);
    assert_int_equal(rd(f, TIME_HIGH), 5);
}

static void test_set_time(void **state)
{
    fixture_t *f = *state;
    uint64_t want = 1000000000000000000ULL; /* 2001-09-09 */
    set_time(f, want);
    uint64_t t = read_time(f);
    assert_true(t >= want && t < want + SEC);
    sleep_ms(50);
    t = read_time(f);
    assert_true(t >= want + 50 * MS && t < want + 2 * SEC); /* and it keeps running */
    /* setting it back to the host's time */
    set_time(f, host_ns());
    t = read_time(f);
    assert_true(t <= host_ns() && t + SEC > host_ns());
}

static void test_alarm_fires(void **state)
{
    fixture_t *f = *state;
    wr(f, IRQ_ENABLED, 1);
    assert_int_equal(rd(f, IRQ_ENABLED), 1);
    uint64_t at = read_time(f) + 50 * MS;
    arm(f, at);
    assert_int_equal(rd(f, ALARM_STATUS), 1);
    assert_int_equal(rd(f, ALARM_LOW), (uint32_t)at);
    assert_int_equal(rd(f, ALARM_HIGH), (uint32_t)(at >> 32));
    assert_false(atomic_load(&f->level));
    assert_true(wait_level(f, true, 2000));
    assert_true(read_time(f) >= at); /* not early */
    assert_int_equal(rd(f, ALARM_STATUS), 0);
    assert_int_equal(atomic_load(&f->raises), 1);
    /* the interrupt stays until it is cleared */
    sleep_ms(10);
    assert_true(atomic_load(&f->level));
    wr(f, CLEAR_INTERRUPT, 1);
    assert_false(atomic_load(&f->level));
}

static void test_alarm_in_the_past(void **state)
{
    fixture_t *f = *state;
    wr(f, IRQ_ENABLED, 1);
    arm(f, read_time(f) - SEC);
    assert_true(atomic_load(&f->level)); /* at once */
    assert_int_equal(rd(f, ALARM_STATUS), 0);
    wr(f, CLEAR_INTERRUPT, 1);
    assert_false(atomic_load(&f->level));
}

static void test_irq_enable_gates_line(void **state)
{
    fixture_t *f = *state;
    arm(f, read_time(f) + 20 * MS);
    sleep_ms(100);
    assert_int_equal(rd(f, ALARM_STATUS), 0); /* fired */
    assert_false(atomic_load(&f->level));    /* but masked */
    wr(f, IRQ_ENABLED, 1);
    assert_true(atomic_load(&f->level));
    wr(f, IRQ_ENABLED, 0);
    assert_false(atomic_load(&f->level));
    wr(f, CLEAR_INTERRUPT, 1);
    wr(f, IRQ_ENABLED, 1);
    assert_false(atomic_load(&f->level));
}

static void test_clear_alarm(void **state)
{
    fixture_t *f = *state;
    wr(f, IRQ_ENABLED, 1);
    arm(f, read_time(f) + 100 * MS);
    assert_int_equal(rd(f, ALARM_STATUS), 1);
    wr(f, CLEAR_ALARM, 1);
    assert_int_equal(rd(f, ALARM_STATUS), 0);
    sleep_ms(200);
    assert_false(atomic_load(&f->level));
    assert_int_equal(atomic_load(&f->raises), 0);
    /* re-arming replaces a pending alarm */
    arm(f, read_time(f) + 60 * SEC);
    arm(f, read_time(f) + 30 * MS);
    assert_true(wait_level(f, true, 2000));
}

static void test_alarm_follows_time_change(void **state)
{
    fixture_t *f = *state;
    wr(f, IRQ_ENABLED, 1);
    uint64_t now = read_time(f);
    arm(f, now + 3600 * SEC);
    sleep_ms(20);
    assert_false(atomic_load(&f->level));
    /* moving the clock to just before the alarm makes it due soon */
    set_time(f, now + 3600 * SEC - 30 * MS);
    assert_true(wait_level(f, true, 2000));
    assert_int_equal(rd(f, ALARM_STATUS), 0);
}

static void test_bad_accesses_and_reset(void **state)
{
    fixture_t *f = *state;
    lock_take(&f->rtc.lock);
    assert_int_equal(rtc_ops.read(&f->rtc, TIME_LOW, 8), 0);
    assert_int_equal(rtc_ops.read(&f->rtc, 0x20, 4), 0);
    assert_int_equal(rtc_ops.read(&f->rtc, CLEAR_ALARM, 4), 0);
    rtc_ops.write(&f->rtc, IRQ_ENABLED, 1, 1);
    rtc_ops.write(&f->rtc, 0x100, 4, 1);
    lock_drop(&f->rtc.lock);
    assert_int_equal(rd(f, IRQ_ENABLED), 0);

    uint64_t want = 2000000000000000000ULL;
    set_time(f, want);
    wr(f, IRQ_ENABLED, 1);
    arm(f, want - SEC);
    assert_true(atomic_load(&f->level));
    arm(f, want + 60 * SEC);
    rtc_reset(&f->rtc);
    assert_false(atomic_load(&f->level));
    assert_int_equal(rd(f, ALARM_STATUS), 0);
    assert_int_equal(rd(f, IRQ_ENABLED), 0);
    uint64_t t = read_time(f); /* the time survives a reset */
    assert_true(t >= want && t < want + 10 * SEC);
}

static void test_fdt(void **state)
{
    fixture_t *f = *state;
    _Alignas(8) char buf[2048];
    fdt_ctx_t ctx = {.fdt = buf, .plic_phandle = 3};
    assert_int_equal(fdt_create(buf, sizeof(buf)), 0);
    assert_int_equal(fdt_finish_reservemap(buf), 0);
    assert_int_equal(fdt_begin_node(buf, ""), 0);
    assert_int_equal(rtc_fdt(&f->rtc, &ctx, 0x101000, 11), 0);
    assert_int_equal(fdt_end_node(buf), 0);
    assert_int_equal(fdt_finish(buf), 0);
    int node = fdt_path_offset(buf, "/rtc@101000");
    assert_true(node >= 0);
    assert_int_equal(fdt_node_check_compatible(buf, node, "google,goldfish-rtc"), 0);
    int len;
    const fdt32_t *p = fdt_getprop(buf, node, "interrupts", &len);
    assert_int_equal(len, 4);
    assert_int_equal(fdt32_ld(&p[0]), 11);
    p = fdt_getprop(buf, node, "interrupt-parent", &len);
    assert_int_equal(len, 4);
    assert_int_equal(fdt32_ld(&p[0]), 3);
    const fdt64_t *reg = fdt_getprop(buf, node, "reg", &len);
    assert_int_equal(len, 16);
    assert_int_equal(fdt64_ld(&reg[0]), 0x101000);
    assert_int_equal(fdt64_ld(&reg[1]), 0x1000);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_time_is_host_realtime), T(test_time_high_latched),
        T(test_set_time),              T(test_alarm_fires),
        T(test_alarm_in_the_past),     T(test_irq_enable_gates_line),
        T(test_clear_alarm),           T(test_alarm_follows_time_change),
        T(test_bad_accesses_and_reset), T(test_fdt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
