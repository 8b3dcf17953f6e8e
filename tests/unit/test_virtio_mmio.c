/*
 * test_virtio_mmio.c - unit tests for the virtio-mmio transport (dev/virtio_mmio.h).
 *
 * A test device (two queues of at most 64 entries, 8 bytes of config) sits in a transport
 * mapped in a phys_map with RAM; the tests play Linux's virtio_mmio driver through
 * phys_mmio_read/write (so the transport lock is taken as on a hart) and write the rings in
 * RAM directly. Rules checked (virtio 1.2 §2.1, §3.1, §4.2.2): identification registers;
 * FEATURES_OK only for a subset of the offered features that includes VERSION_1; queue set-up
 * (QueueNumMax 0 for missing queues, sizes that are powers of two up to the maximum, rings in
 * RAM), otherwise DEVICE_NEEDS_RESET with a config interrupt once DRIVER_OK is set and a log
 * line; notifications reach the device only after DRIVER_OK (earlier ones are deferred to it);
 * a bad chain puts the device in NEEDS_RESET and stops its queues; interrupt status and the
 * level of the line; writes in the wrong state are ignored and logged; writing 0 to Status
 * resets everything and makes in-flight elements stale; config space by 1, 2 and 4 bytes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dev/virtio_mmio.h"

#define RAM 0x80000000ULL
#define RAM_SIZE (1ULL << 20)
#define BASE 0x10001000ULL
#define QMAX 64
#define QSIZE 16
#define DESC (RAM + 0x1000)
#define AVAIL (RAM + 0x2000)
#define USED (RAM + 0x3000)
#define BUF (RAM + 0x10000)

enum {
    MAGIC = 0x000, VERSION = 0x004, DEVICE_ID = 0x008, VENDOR_ID = 0x00c,
    DEV_FEATURES = 0x010, DEV_FEATURES_SEL = 0x014, DRV_FEATURES = 0x020,
    DRV_FEATURES_SEL = 0x024, QUEUE_SEL = 0x030, QUEUE_NUM_MAX = 0x034, QUEUE_NUM = 0x038,
    QUEUE_READY = 0x044, QUEUE_NOTIFY = 0x050, INT_STATUS = 0x060, INT_ACK = 0x064,
    STATUS = 0x070, DESC_LO = 0x080, DESC_HI = 0x084, DRIVER_LO = 0x090, DRIVER_HI = 0x094,
    DEVICE_LO = 0x0a0, DEVICE_HI = 0x0a4, SHM_LEN_LO = 0x0b0, GENERATION = 0x0fc,
    CONFIG = 0x100,
};

#define DEV_FEATURE_BIT 5 /* the test device offers feature 5 */

typedef struct {
    log_ctx_t log;
    char *logbuf;
    size_t loglen;
    phys_map_t phys;
    phys_region_t *ram;
    const phys_region_t *region;
    virtio_mmio_t vm;
    int level, raises;
    unsigned notified[2], driver_oks, resets;
    uint8_t cfg[8];
    unsigned cfg_writes;
    virtq_elem_t e;
} fixture_t;

static void irq_record(void *ctx, unsigned n, bool level)
{
    fixture_t *f = ctx;
    assert_int_equal(n, 3);
    if (level && !f->level)
        f->raises++;
    f->level = level;
}

static void dev_config_read(void *dev, uint8_t *cfg)
{
    fixture_t *f = dev;
    memcpy(cfg, f->cfg, sizeof(f->cfg));
}

static void dev_config_write(void *dev, unsigned off, unsigned size, uint32_t val)
{
    fixture_t *f = dev;
    memcpy(f->cfg + off, &val, size);
    f->cfg_writes++;
}

static void dev_notify(void *dev, unsigned q)
{
    fixture_t *f = dev;
    assert_true(q < 2);
    f->notified[q]++;
}

static void dev_driver_ok(void *dev) { ((fixture_t *)dev)->driver_oks++; }
static void dev_reset(void *dev) { ((fixture_t *)dev)->resets++; }

static const virtio_dev_ops_t test_ops = {
    .name = "test", .device_id = 42, .num_queues = 2, .queue_max = QMAX, .config_size = 8,
    .config_read = dev_config_read, .config_write = dev_config_write,
    .queue_notify = dev_notify, .driver_ok = dev_driver_ok, .reset = dev_reset,
};

static int setup_slot(void **state, bool attach)
{
    fixture_t *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    log_init(&f->log);
    f->log.out = open_memstream(&f->logbuf, &f->loglen);
    assert_non_null(f->log.out);
    f->log.mask = LOG_GUEST_ERRORS;
    assert_true(phys_init(&f->phys));
    f->ram = phys_add_ram(&f->phys, "ram", RAM, RAM_SIZE, false);
    assert_non_null(f->ram);
    irq_line_t irq = {.set = irq_record, .ctx = f, .n = 3};
    virtio_mmio_init(&f->vm, &f->phys, NULL, &f->log, BASE, irq, 3);
    if (attach)
        virtio_mmio_attach(&f->vm, &test_ops, f, 1ULL << DEV_FEATURE_BIT);
    assert_non_null(phys_add_mmio(&f->phys, "virtio", BASE, VIRTIO_MMIO_SIZE,
                                  &virtio_mmio_ops, &f->vm, &f->vm.lock));
    f->region = phys_lookup(&f->phys, BASE);
    memcpy(f->cfg, "\x11\x22\x33\x44\x55\x66\x77\x88", 8);
    *state = f;
    return 0;
}

static int setup(void **state) { return setup_slot(state, true); }
static int setup_empty(void **state) { return setup_slot(state, false); }

static int teardown(void **state)
{
    fixture_t *f = *state;
    virtq_elem_free(&f->e);
    virtio_mmio_destroy(&f->vm);
    phys_destroy(&f->phys);
    fclose(f->log.out);
    free(f->logbuf);
    free(f);
    return 0;
}

static uint32_t rd_n(fixture_t *f, uint64_t off, unsigned size)
{
    return (uint32_t)phys_mmio_read(f->region, BASE + off, size);
}

static uint32_t rd(fixture_t *f, uint64_t off) { return rd_n(f, off, 4); }

static void wr_n(fixture_t *f, uint64_t off, unsigned size, uint32_t v)
{
    phys_mmio_write(f->region, BASE + off, size, v);
}

static void wr(fixture_t *f, uint64_t off, uint32_t v) { wr_n(f, off, 4, v); }

/* Whether the log holds `text` (and forgets it, so that later checks see new lines only). */
static bool logged(fixture_t *f, const char *text)
{
    fflush(f->log.out);
    bool found = f->logbuf && strstr(f->logbuf, text);
    if (f->logbuf)
        f->logbuf[0] = '\0';
    fseeko(f->log.out, 0, SEEK_SET);
    return found;
}

static uint8_t *host(fixture_t *f, uint64_t pa) { return f->ram->host + (pa - RAM); }
static void put16(fixture_t *f, uint64_t pa, uint16_t v) { memcpy(host(f, pa), &v, 2); }
static uint16_t get16(fixture_t *f, uint64_t pa) { uint16_t v; memcpy(&v, host(f, pa), 2); return v; }

static void put_desc(fixture_t *f, unsigned i, uint64_t addr, uint32_t len, uint16_t flags,
                     uint16_t next)
{
    uint8_t *p = host(f, DESC + 16ULL * i);
    memcpy(p, &addr, 8);
    memcpy(p + 8, &len, 4);
    memcpy(p + 12, &flags, 2);
    memcpy(p + 14, &next, 2);
}

static void post(fixture_t *f, uint16_t head)
{
    uint16_t idx = get16(f, AVAIL + 2);
    put16(f, AVAIL + 4 + 2 * (idx % QSIZE), head);
    put16(f, AVAIL + 2, idx + 1);
}

/* Linux's order (virtio_mmio.c, virtio.c): reset, ACKNOWLEDGE, DRIVER, features, FEATURES_OK. */
static void negotiate(fixture_t *f, uint64_t features)
{
    wr(f, STATUS, 0);
    wr(f, STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
    wr(f, STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    wr(f, DRV_FEATURES_SEL, 1);
    wr(f, DRV_FEATURES, (uint32_t)(features >> 32));
    wr(f, DRV_FEATURES_SEL, 0);
    wr(f, DRV_FEATURES, (uint32_t)features);
    wr(f, STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK);
}

static void setup_queue(fixture_t *f, unsigned q, uint32_t num)
{
    wr(f, QUEUE_SEL, q);
    wr(f, QUEUE_NUM, num);
    wr(f, DESC_LO, (uint32_t)DESC);
    wr(f, DESC_HI, (uint32_t)(DESC >> 32));
    wr(f, DRIVER_LO, (uint32_t)AVAIL);
    wr(f, DRIVER_HI, 0);
    wr(f, DEVICE_LO, (uint32_t)USED);
    wr(f, DEVICE_HI, 0);
    wr(f, QUEUE_READY, 1);
}

#define ALL_OK (VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | \
                VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK)

/* A device brought up as Linux does, queue 0 ready, features `features`. */
static void bring_up(fixture_t *f, uint64_t features)
{
    negotiate(f, features);
    assert_true(rd(f, STATUS) & VIRTIO_STATUS_FEATURES_OK);
    setup_queue(f, 0, QSIZE);
    assert_int_equal(rd(f, QUEUE_READY), 1);
    wr(f, STATUS, ALL_OK);
    assert_int_equal(rd(f, STATUS), ALL_OK);
}

#define V1 (1ULL << VIRTIO_F_VERSION_1)
#define INDIRECT (1ULL << VIRTIO_F_INDIRECT_DESC)

static void test_identification(void **state)
{
    fixture_t *f = *state;
    assert_int_equal(rd(f, MAGIC), 0x74726976);
    assert_int_equal(rd(f, VERSION), 2);
    assert_int_equal(rd(f, DEVICE_ID), 42);
    assert_int_equal(rd(f, VENDOR_ID), VIRTIO_MMIO_VENDOR);
    assert_int_equal(rd(f, STATUS), 0);
    assert_int_equal(rd(f, SHM_LEN_LO), 0xffffffff);
    wr(f, DEV_FEATURES_SEL, 0);
    uint32_t lo = rd(f, DEV_FEATURES);
    wr(f, DEV_FEATURES_SEL, 1);
    uint32_t hi = rd(f, DEV_FEATURES);
    wr(f, DEV_FEATURES_SEL, 2);
    assert_int_equal(rd(f, DEV_FEATURES), 0);
    uint64_t feat = ((uint64_t)hi << 32) | lo;
    assert_int_equal(feat, (1ULL << DEV_FEATURE_BIT) | VIRTIO_TRANSPORT_FEATURES);
    wr(f, QUEUE_SEL, 0);
    assert_int_equal(rd(f, QUEUE_NUM_MAX), QMAX);
    assert_int_equal(rd(f, QUEUE_READY), 0);
    wr(f, QUEUE_SEL, 2); /* no such queue */
    assert_int_equal(rd(f, QUEUE_NUM_MAX), 0);
    assert_false(logged(f, "virtio"));
}

static void test_empty_slot(void **state)
{
    fixture_t *f = *state;
    assert_int_equal(rd(f, MAGIC), 0x74726976);
    assert_int_equal(rd(f, VERSION), 2);
    assert_int_equal(rd(f, DEVICE_ID), 0);
    assert_int_equal(rd(f, QUEUE_NUM_MAX), 0);
    wr(f, STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
    wr(f, QUEUE_NOTIFY, 0);
    assert_int_equal(rd_n(f, CONFIG, 4), 0);
    assert_true(logged(f, "(empty)"));
    assert_int_equal(f->level, 0);
}

static void test_features_ok(void **state)
{
    fixture_t *f = *state;
    negotiate(f, V1 | (1ULL << DEV_FEATURE_BIT) | (1ULL << VIRTIO_F_EVENT_IDX));
    assert_true(rd(f, STATUS) & VIRTIO_STATUS_FEATURES_OK);
    assert_int_equal(virtio_mmio_features(&f->vm),
                     V1 | (1ULL << DEV_FEATURE_BIT) | (1ULL << VIRTIO_F_EVENT_IDX));
    /* DriverFeatures is frozen once FEATURES_OK is set */
    wr(f, DRV_FEATURES, 0);
    assert_true(logged(f, "after FEATURES_OK"));
    assert_int_equal(virtio_mmio_features(&f->vm) & (1ULL << DEV_FEATURE_BIT),
                     1ULL << DEV_FEATURE_BIT);
}

static void test_features_refused(void **state)
{
    fixture_t *f = *state;
    negotiate(f, 1ULL << DEV_FEATURE_BIT); /* no VERSION_1 */
    assert_false(rd(f, STATUS) & VIRTIO_STATUS_FEATURES_OK);
    assert_true(logged(f, "FEATURES_OK not set"));
    negotiate(f, V1 | (1ULL << 7)); /* a bit the device did not offer */
    assert_false(rd(f, STATUS) & VIRTIO_STATUS_FEATURES_OK);
    assert_true(logged(f, "FEATURES_OK not set"));
    negotiate(f, V1);
    wr(f, STATUS, 0);
    wr(f, STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    wr(f, DRV_FEATURES_SEL, 2); /* features beyond 64 bits: never offered */
    wr(f, DRV_FEATURES, 1);
    wr(f, DRV_FEATURES_SEL, 1);
    wr(f, DRV_FEATURES, 1);
    wr(f, STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK);
    assert_false(rd(f, STATUS) & VIRTIO_STATUS_FEATURES_OK);
    assert_int_equal(virtio_mmio_features(&f->vm), 0);
}

static void test_bring_up_and_notify(void **state)
{
    fixture_t *f = *state;
    bring_up(f, V1);
    assert_int_equal(f->driver_oks, 1);
    assert_int_equal(f->notified[0], 1); /* DRIVER_OK kicks every ready queue */
    wr(f, QUEUE_NOTIFY, 0);
    assert_int_equal(f->notified[0], 2);
    wr(f, QUEUE_NOTIFY, 1); /* not ready */
    assert_int_equal(f->notified[1], 0);
    assert_true(logged(f, "not ready"));
    wr(f, QUEUE_NOTIFY, 7); /* no such queue */
    assert_true(logged(f, "does not exist"));
    assert_int_equal(f->level, 0);
    assert_int_equal(rd(f, STATUS), ALL_OK);
}

static void test_notify_before_driver_ok(void **state)
{
    fixture_t *f = *state;
    negotiate(f, V1);
    setup_queue(f, 0, QSIZE);
    wr(f, QUEUE_NOTIFY, 0);
    assert_int_equal(f->notified[0], 0);
    assert_true(logged(f, "before DRIVER_OK"));
    assert_false(rd(f, STATUS) & VIRTIO_STATUS_NEEDS_RESET);
    wr(f, STATUS, ALL_OK);
    assert_int_equal(f->notified[0], 1);
}

static void expect_needs_reset(fixture_t *f, const char *log_text, bool config_irq)
{
    assert_true(rd(f, STATUS) & VIRTIO_STATUS_NEEDS_RESET);
    fflush(f->log.out);
    assert_non_null(f->logbuf);
    assert_non_null(strstr(f->logbuf, "device needs reset"));
    assert_true(logged(f, log_text));
    if (config_irq) {
        assert_int_equal(rd(f, INT_STATUS) & VIRTIO_INT_CONFIG, VIRTIO_INT_CONFIG);
        assert_int_equal(f->level, 1);
    } else {
        assert_int_equal(rd(f, INT_STATUS), 0);
        assert_int_equal(f->level, 0);
    }
}

static void test_queue_size_not_power_of_two(void **state)
{
    fixture_t *f = *state;
    negotiate(f, V1);
    setup_queue(f, 0, 12);
    assert_int_equal(rd(f, QUEUE_READY), 0);
    expect_needs_reset(f, "not a power of two", false);
}

static void test_queue_size_over_max(void **state)
{
    fixture_t *f = *state;
    negotiate(f, V1);
    setup_queue(f, 0, 2 * QMAX);
    assert_int_equal(rd(f, QUEUE_READY), 0);
    expect_needs_reset(f, "not a power of two from 1 to 64", false);
}

static void test_queue_size_zero_on_ready(void **state)
{
    fixture_t *f = *state;
    negotiate(f, V1);
    wr(f, QUEUE_SEL, 0);
    wr(f, DESC_LO, (uint32_t)DESC);
    wr(f, DRIVER_LO, (uint32_t)AVAIL);
    wr(f, DEVICE_LO, (uint32_t)USED);
    wr(f, QUEUE_READY, 1); /* QueueNum never written */
    assert_int_equal(rd(f, QUEUE_READY), 0);
    expect_needs_reset(f, "queue size zero", false);
}

static void test_queue_outside_ram(void **state)
{
    fixture_t *f = *state;
    negotiate(f, V1);
    wr(f, QUEUE_SEL, 0);
    wr(f, QUEUE_NUM, QSIZE);
    wr(f, DESC_LO, 0x1000); /* not RAM */
    wr(f, DRIVER_LO, (uint32_t)AVAIL);
    wr(f, DEVICE_LO, (uint32_t)USED);
    wr(f, QUEUE_READY, 1);
    assert_int_equal(rd(f, QUEUE_READY), 0);
    expect_needs_reset(f, "outside RAM", false);
}

static void test_queue_ready_before_features_ok(void **state)
{
    fixture_t *f = *state;
    wr(f, STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    setup_queue(f, 0, QSIZE);
    assert_int_equal(rd(f, QUEUE_READY), 0);
    assert_true(logged(f, "before FEATURES_OK"));
}

static void test_queue_writes_while_ready(void **state)
{
    fixture_t *f = *state;
    bring_up(f, V1);
    wr(f, QUEUE_SEL, 0);
    wr(f, QUEUE_NUM, 32);
    assert_true(logged(f, "while it is ready"));
    wr(f, DESC_LO, 0);
    assert_true(logged(f, "while it is ready"));
    assert_int_equal(f->vm.vq[0].size, QSIZE);
    assert_int_equal(f->vm.vq[0].desc, DESC);
    /* the driver takes the queue down, then may change it */
    wr(f, QUEUE_READY, 0);
    assert_int_equal(rd(f, QUEUE_READY), 0);
    wr(f, QUEUE_NUM, 32);
    assert_false(logged(f, "while it is ready"));
}

static void test_bad_chain_needs_reset(void **state)
{
    fixture_t *f = *state;
    bring_up(f, V1);
    put_desc(f, 0, BUF, 4, VIRTQ_DESC_F_NEXT, 0); /* loops onto itself */
    post(f, 0);
    virtio_mmio_lock(&f->vm);
    assert_int_equal(virtio_mmio_pop(&f->vm, 0, &f->e), -1);
    virtio_mmio_unlock(&f->vm);
    expect_needs_reset(f, "longer than the queue size", true);
    /* the queues stay stopped, notifications are dropped, until a reset */
    put_desc(f, 1, BUF, 4, 0, 0);
    post(f, 1);
    unsigned before = f->notified[0];
    wr(f, QUEUE_NOTIFY, 0);
    assert_int_equal(f->notified[0], before);
    virtio_mmio_lock(&f->vm);
    assert_int_equal(virtio_mmio_pop(&f->vm, 0, &f->e), 0);
    assert_false(virtio_mmio_queue_ready(&f->vm, 0));
    virtio_mmio_unlock(&f->vm);
    /* the driver cannot clear NEEDS_RESET except by resetting */
    wr(f, STATUS, ALL_OK);
    assert_true(rd(f, STATUS) & VIRTIO_STATUS_NEEDS_RESET);
    wr(f, STATUS, 0);
    assert_int_equal(rd(f, STATUS), 0);
    assert_int_equal(f->level, 0);
}

static void test_bad_chain_errors_each_logged(void **state)
{
    fixture_t *f = *state;
    static const struct {
        uint16_t flags, next; uint64_t addr; uint32_t len; uint64_t features; const char *log;
    } cases[] = {
        {VIRTQ_DESC_F_NEXT, QSIZE, BUF, 4, V1, "next descriptor index"},
        {0, 0, 0x1000, 4, V1, "buffer outside RAM"},
        {VIRTQ_DESC_F_INDIRECT, 0, BUF, 0, V1 | INDIRECT, "indirect table length"},
        {VIRTQ_DESC_F_INDIRECT, 0, BUF, 16, V1, "without VIRTIO_F_INDIRECT_DESC"},
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        bring_up(f, cases[i].features);
        put16(f, AVAIL + 2, 0);
        put_desc(f, 0, cases[i].addr, cases[i].len, cases[i].flags, cases[i].next);
        post(f, 0);
        virtio_mmio_lock(&f->vm);
        assert_int_equal(virtio_mmio_pop(&f->vm, 0, &f->e), -1);
        virtio_mmio_unlock(&f->vm);
        expect_needs_reset(f, cases[i].log, true);
    }
}

static void test_used_and_interrupt(void **state)
{
    fixture_t *f = *state;
    bring_up(f, V1);
    put_desc(f, 0, BUF, 8, VIRTQ_DESC_F_WRITE, 0);
    post(f, 0);
    virtio_mmio_lock(&f->vm);
    assert_true(virtio_mmio_queue_has_avail(&f->vm, 0));
    assert_int_equal(virtio_mmio_pop(&f->vm, 0, &f->e), 1);
    assert_int_equal(virtq_elem_write(&f->phys, &f->e, 0, "12345678", 8), 8);
    virtio_mmio_push(&f->vm, 0, &f->e, 8);
    virtio_mmio_notify(&f->vm, 0);
    virtio_mmio_unlock(&f->vm);
    assert_int_equal(get16(f, USED + 2), 1);
    assert_memory_equal(host(f, BUF), "12345678", 8);
    assert_int_equal(rd(f, INT_STATUS), VIRTIO_INT_USED);
    assert_int_equal(f->level, 1);
    wr(f, INT_ACK, VIRTIO_INT_CONFIG); /* acknowledging another bit changes nothing */
    assert_int_equal(f->level, 1);
    wr(f, INT_ACK, VIRTIO_INT_USED);
    assert_int_equal(rd(f, INT_STATUS), 0);
    assert_int_equal(f->level, 0);
    assert_int_equal(f->raises, 1);
    /* nothing new pushed: no interrupt */
    virtio_mmio_lock(&f->vm);
    virtio_mmio_notify(&f->vm, 0);
    virtio_mmio_unlock(&f->vm);
    assert_int_equal(f->level, 0);
}

static void test_event_idx_suppression(void **state)
{
    fixture_t *f = *state;
    bring_up(f, V1 | (1ULL << VIRTIO_F_EVENT_IDX));
    put16(f, AVAIL + 4 + 2 * QSIZE, 1); /* used_event: interrupt once used idx passes 1 */
    for (unsigned i = 0; i < 2; i++) {
        put_desc(f, i, BUF, 8, VIRTQ_DESC_F_WRITE, 0);
        post(f, (uint16_t)i);
        virtio_mmio_lock(&f->vm);
        assert_int_equal(virtio_mmio_pop(&f->vm, 0, &f->e), 1);
        virtio_mmio_push(&f->vm, 0, &f->e, 0);
        virtio_mmio_notify(&f->vm, 0);
        virtio_mmio_unlock(&f->vm);
        assert_int_equal(f->level, i == 1);
    }
}

static void test_reset(void **state)
{
    fixture_t *f = *state;
    bring_up(f, V1);
    put_desc(f, 0, BUF, 8, VIRTQ_DESC_F_WRITE, 0);
    post(f, 0);
    virtio_mmio_lock(&f->vm);
    assert_int_equal(virtio_mmio_pop(&f->vm, 0, &f->e), 1);
    virtio_mmio_unlock(&f->vm);
    virtio_mmio_config_changed(&f->vm);
    assert_int_equal(f->level, 1);
    unsigned resets = f->resets;
    wr(f, STATUS, 0);
    assert_int_equal(f->resets, resets + 1);
    assert_int_equal(rd(f, STATUS), 0);
    assert_int_equal(rd(f, INT_STATUS), 0);
    assert_int_equal(f->level, 0);
    wr(f, QUEUE_SEL, 0);
    assert_int_equal(rd(f, QUEUE_READY), 0);
    assert_int_equal(virtio_mmio_features(&f->vm), 0);
    /* bring it up again; the element popped before the reset must not be returned */
    memset(host(f, USED), 0, 8);
    put16(f, AVAIL + 2, 0);
    bring_up(f, V1);
    virtio_mmio_lock(&f->vm);
    virtio_mmio_push(&f->vm, 0, &f->e, 8);
    virtio_mmio_notify(&f->vm, 0);
    virtio_mmio_unlock(&f->vm);
    assert_int_equal(get16(f, USED + 2), 0);
    assert_int_equal(f->level, 0);
    /* the machine reset does the same */
    virtio_mmio_reset(&f->vm);
    assert_int_equal(f->resets, resets + 3);
    assert_int_equal(rd(f, STATUS), 0);
}

static void test_status_rules(void **state)
{
    fixture_t *f = *state;
    wr(f, STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    wr(f, STATUS, VIRTIO_STATUS_ACKNOWLEDGE); /* clearing DRIVER without a reset */
    assert_int_equal(rd(f, STATUS), VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    assert_true(logged(f, "without a reset"));
    /* the driver cannot set NEEDS_RESET itself */
    wr(f, STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_NEEDS_RESET);
    assert_int_equal(rd(f, STATUS), VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    /* DRIVER_OK without FEATURES_OK */
    wr(f, STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_DRIVER_OK);
    expect_needs_reset(f, "DRIVER_OK without FEATURES_OK", true);
    assert_int_equal(f->driver_oks, 0);
    /* FAILED is just recorded */
    wr(f, STATUS, 0);
    wr(f, STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_FAILED);
    assert_int_equal(rd(f, STATUS), VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_FAILED);
}

static void test_config_space(void **state)
{
    fixture_t *f = *state;
    assert_int_equal(rd_n(f, CONFIG, 1), 0x11);
    assert_int_equal(rd_n(f, CONFIG + 1, 2), 0x3322);
    assert_int_equal(rd_n(f, CONFIG + 4, 4), 0x88776655);
    assert_false(logged(f, "virtio"));
    assert_int_equal(rd_n(f, CONFIG + 6, 4), 0); /* runs past the 8 bytes */
    assert_true(logged(f, "outside its 8 bytes"));
    assert_int_equal(rd_n(f, CONFIG + 0x80, 1), 0);
    assert_true(logged(f, "outside"));
    wr_n(f, CONFIG + 2, 2, 0xabcd);
    assert_int_equal(f->cfg_writes, 1);
    assert_int_equal(rd_n(f, CONFIG, 4), 0xabcd2211);
    wr_n(f, CONFIG + 8, 1, 0);
    assert_int_equal(f->cfg_writes, 1);
    assert_int_equal(rd(f, GENERATION), 0);
    virtio_mmio_config_changed(&f->vm);
    assert_int_equal(rd(f, GENERATION), 1);
    assert_int_equal(f->level, 0); /* no config interrupt before DRIVER_OK */
}

static void test_bad_register_accesses(void **state)
{
    fixture_t *f = *state;
    assert_int_equal(rd_n(f, MAGIC, 2), 0);
    assert_true(logged(f, "2-byte read"));
    assert_int_equal(rd(f, QUEUE_NOTIFY), 0); /* write-only */
    assert_true(logged(f, "not a readable register"));
    wr(f, MAGIC, 1);
    assert_true(logged(f, "not a writable register"));
    wr_n(f, STATUS, 1, VIRTIO_STATUS_ACKNOWLEDGE);
    assert_int_equal(rd(f, STATUS), 0);
    assert_int_equal(rd(f, 0x0f0), 0);
    assert_true(logged(f, "not a readable register"));
    assert_int_equal(rd(f, 0x0c0), 0); /* QueueReset: VIRTIO_F_RING_RESET is not offered */
}

static void test_fdt_node(void **state)
{
    fixture_t *f = *state;
    static uint8_t buf[4096];
    assert_int_equal(fdt_create(buf, sizeof(buf)), 0);
    assert_int_equal(fdt_finish_reservemap(buf), 0);
    assert_int_equal(fdt_begin_node(buf, ""), 0);
    fdt_ctx_t ctx = {.fdt = buf, .plic_phandle = 9};
    assert_int_equal(virtio_mmio_fdt(&f->vm, &ctx), 0);
    assert_int_equal(fdt_end_node(buf), 0);
    assert_int_equal(fdt_finish(buf), 0);
    int node = fdt_path_offset(buf, "/virtio_mmio@10001000");
    assert_true(node >= 0);
    assert_string_equal(fdt_getprop(buf, node, "compatible", NULL), "virtio,mmio");
    int len;
    const fdt32_t *irq = fdt_getprop(buf, node, "interrupts", &len);
    assert_int_equal(len, 4);
    assert_int_equal(fdt32_to_cpu(*irq), 3);
    const fdt32_t *parent = fdt_getprop(buf, node, "interrupt-parent", &len);
    assert_int_equal(fdt32_to_cpu(*parent), 9);
    const fdt64_t *reg = fdt_getprop(buf, node, "reg", &len);
    assert_int_equal(len, 16);
    assert_int_equal(fdt64_to_cpu(reg[0]), BASE);
    assert_int_equal(fdt64_to_cpu(reg[1]), VIRTIO_MMIO_SIZE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_identification, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_slot, setup_empty, teardown),
        cmocka_unit_test_setup_teardown(test_features_ok, setup, teardown),
        cmocka_unit_test_setup_teardown(test_features_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bring_up_and_notify, setup, teardown),
        cmocka_unit_test_setup_teardown(test_notify_before_driver_ok, setup, teardown),
        cmocka_unit_test_setup_teardown(test_queue_size_not_power_of_two, setup, teardown),
        cmocka_unit_test_setup_teardown(test_queue_size_over_max, setup, teardown),
        cmocka_unit_test_setup_teardown(test_queue_size_zero_on_ready, setup, teardown),
        cmocka_unit_test_setup_teardown(test_queue_outside_ram, setup, teardown),
        cmocka_unit_test_setup_teardown(test_queue_ready_before_features_ok, setup, teardown),
        cmocka_unit_test_setup_teardown(test_queue_writes_while_ready, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_chain_needs_reset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_chain_errors_each_logged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_used_and_interrupt, setup, teardown),
        cmocka_unit_test_setup_teardown(test_event_idx_suppression, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_status_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_space, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_register_accesses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fdt_node, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
