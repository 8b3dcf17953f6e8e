/*
 * test_virtqueue.c - unit tests for the device side of split virtqueues (dev/virtqueue.h).
 *
 * The tests play the driver: they write descriptors and ring entries straight into a phys_map's
 * RAM, then check what virtq_pop makes of them. Rules checked (virtio 1.2 §2.7): chains are
 * followed through NEXT, readable buffers come before writable ones, one level of indirect
 * table (only with the feature, never with NEXT, length a nonzero multiple of 16); every
 * malformed chain gives its own error; push writes {id, len} then the used idx; EVENT_IDX
 * (used_event, avail_event) and VIRTQ_AVAIL_F_NO_INTERRUPT decide notifications; a reset
 * makes older elements stale.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "dev/virtqueue.h"

#define RAM 0x80000000ULL
#define RAM_SIZE (1ULL << 20)
#define QSIZE 16
#define DESC (RAM + 0x1000)
#define AVAIL (RAM + 0x2000)
#define USED (RAM + 0x3000)
#define TABLE (RAM + 0x4000) /* indirect tables */
#define BUF (RAM + 0x10000)  /* data buffers */

typedef struct {
    phys_map_t phys;
    phys_region_t *ram;
    virtq_t q;
    virtq_elem_t e;
} fixture_t;

static uint8_t *host(fixture_t *f, uint64_t pa)
{
    return f->ram->host + (pa - RAM);
}

static void put16(fixture_t *f, uint64_t pa, uint16_t v) { memcpy(host(f, pa), &v, 2); }
static uint16_t get16(fixture_t *f, uint64_t pa) { uint16_t v; memcpy(&v, host(f, pa), 2); return v; }
static uint32_t get32(fixture_t *f, uint64_t pa) { uint32_t v; memcpy(&v, host(f, pa), 4); return v; }

static void put_desc(fixture_t *f, uint64_t table, unsigned i, uint64_t addr, uint32_t len,
                     uint16_t flags, uint16_t next)
{
    uint8_t *p = host(f, table + 16ULL * i);
    memcpy(p, &addr, 8);
    memcpy(p + 8, &len, 4);
    memcpy(p + 12, &flags, 2);
    memcpy(p + 14, &next, 2);
}

/* Makes chain `head` available (the driver's side of §2.7.13). */
static void post(fixture_t *f, uint16_t head)
{
    uint16_t idx = get16(f, AVAIL + 2);
    put16(f, AVAIL + 4 + 2 * (idx % QSIZE), head);
    put16(f, AVAIL + 2, idx + 1);
}

static int setup_size(void **state, uint64_t ram_size)
{
    fixture_t *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    assert_true(phys_init(&f->phys));
    f->ram = phys_add_ram(&f->phys, "ram", RAM, ram_size, false);
    assert_non_null(f->ram);
    assert_non_null(phys_add_ram(&f->phys, "rom", 0x1000, 0x1000, true));
    virtq_init(&f->q, &f->phys);
    f->q.size = QSIZE;
    f->q.desc = DESC;
    f->q.avail = AVAIL;
    f->q.used = USED;
    assert_int_equal(virtq_check_layout(&f->q, 256), 0);
    virtq_enable(&f->q, false, true);
    *state = f;
    return 0;
}

static int setup(void **state) { return setup_size(state, RAM_SIZE); }
static int setup_big(void **state) { return setup_size(state, 2ULL << 30); }

static int teardown(void **state)
{
    fixture_t *f = *state;
    virtq_elem_free(&f->e);
    phys_destroy(&f->phys);
    free(f);
    return 0;
}

static void check_buf(const virtq_elem_t *e, unsigned i, uint64_t addr, uint32_t len)
{
    assert_int_equal(e->buf[i].addr, addr);
    assert_int_equal(e->buf[i].len, len);
}

static void test_empty(void **state)
{
    fixture_t *f = *state;
    assert_int_equal(virtq_pop(&f->q, &f->e), 0);
    assert_false(virtq_has_avail(&f->q));
}

static void test_direct_chain(void **state)
{
    fixture_t *f = *state;
    put_desc(f, DESC, 3, BUF, 100, VIRTQ_DESC_F_NEXT, 7);
    put_desc(f, DESC, 7, BUF + 0x100, 20, VIRTQ_DESC_F_NEXT, 1);
    put_desc(f, DESC, 1, BUF + 0x200, 512, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 2);
    put_desc(f, DESC, 2, BUF + 0x400, 1, VIRTQ_DESC_F_WRITE, 9);
    post(f, 3);
    assert_true(virtq_has_avail(&f->q));
    assert_int_equal(virtq_pop(&f->q, &f->e), 1);
    assert_int_equal(f->e.head, 3);
    assert_int_equal(f->e.nread, 2);
    assert_int_equal(f->e.nwrite, 2);
    assert_int_equal(f->e.read_len, 120);
    assert_int_equal(f->e.write_len, 513);
    check_buf(&f->e, 0, BUF, 100);
    check_buf(&f->e, 1, BUF + 0x100, 20);
    check_buf(&f->e, 2, BUF + 0x200, 512);
    check_buf(&f->e, 3, BUF + 0x400, 1);
    assert_int_equal(virtq_pop(&f->q, &f->e), 0);
}

static void test_indirect_chain(void **state)
{
    fixture_t *f = *state;
    put_desc(f, DESC, 5, TABLE, 3 * 16, VIRTQ_DESC_F_INDIRECT, 0);
    put_desc(f, TABLE, 0, BUF, 16, VIRTQ_DESC_F_NEXT, 2);
    put_desc(f, TABLE, 2, BUF + 0x100, 32, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE, 1);
    put_desc(f, TABLE, 1, BUF + 0x200, 1, VIRTQ_DESC_F_WRITE, 0);
    post(f, 5);
    assert_int_equal(virtq_pop(&f->q, &f->e), 1);
    assert_int_equal(f->e.head, 5);
    assert_int_equal(f->e.nread, 1);
    assert_int_equal(f->e.nwrite, 2);
    check_buf(&f->e, 0, BUF, 16);
    check_buf(&f->e, 1, BUF + 0x100, 32);
    check_buf(&f->e, 2, BUF + 0x200, 1);
}

/* Direct descriptors followed by an indirect table as the chain's last descriptor; the WRITE
 * flag of the descriptor pointing to the table is ignored (§2.7.5.3.2). */
static void test_mixed_chain(void **state)
{
    fixture_t *f = *state;
    put_desc(f, DESC, 0, BUF, 8, VIRTQ_DESC_F_NEXT, 4);
    put_desc(f, DESC, 4, TABLE, 2 * 16, VIRTQ_DESC_F_INDIRECT | VIRTQ_DESC_F_WRITE, 0);
    put_desc(f, TABLE, 0, BUF + 0x40, 8, VIRTQ_DESC_F_NEXT, 1);
    put_desc(f, TABLE, 1, BUF + 0x80, 64, VIRTQ_DESC_F_WRITE, 0);
    post(f, 0);
    /* and a second, direct one-buffer chain behind it */
    put_desc(f, DESC, 9, BUF + 0x800, 4, VIRTQ_DESC_F_WRITE, 0);
    post(f, 9);
    assert_int_equal(virtq_pop(&f->q, &f->e), 1);
    assert_int_equal(f->e.nread, 2);
    assert_int_equal(f->e.nwrite, 1);
    check_buf(&f->e, 1, BUF + 0x40, 8);
    check_buf(&f->e, 2, BUF + 0x80, 64);
    assert_int_equal(virtq_pop(&f->q, &f->e), 1);
    assert_int_equal(f->e.head, 9);
    assert_int_equal(f->e.nread, 0);
    assert_int_equal(f->e.nwrite, 1);
}

/* Pops and expects error `err`; the element comes back empty. */
static void expect_err(fixture_t *f, int err)
{
    assert_int_equal(virtq_pop(&f->q, &f->e), -err);
    assert_int_equal(f->e.nread + f->e.nwrite, 0);
    assert_non_null(virtq_strerror(err));
    assert_string_not_equal(virtq_strerror(err), "unknown virtqueue error");
}

static void test_err_avail_outside_ram(void **state)
{
    fixture_t *f = *state;
    f->q.avail = 0x40000000; /* a hole */
    expect_err(f, VIRTQ_ERR_RING);
}

static void test_err_avail_idx_jump(void **state)
{
    fixture_t *f = *state;
    put16(f, AVAIL + 2, QSIZE + 1);
    expect_err(f, VIRTQ_ERR_AVAIL_IDX);
}

static void test_avail_idx_full_ring(void **state)
{
    fixture_t *f = *state;
    for (unsigned i = 0; i < QSIZE; i++) {
        put_desc(f, DESC, i, BUF, 4, 0, 0);
        post(f, (uint16_t)i);
    }
    for (unsigned i = 0; i < QSIZE; i++)
        assert_int_equal(virtq_pop(&f->q, &f->e), 1);
    assert_int_equal(virtq_pop(&f->q, &f->e), 0);
}

static void test_err_head(void **state)
{
    fixture_t *f = *state;
    post(f, QSIZE);
    expect_err(f, VIRTQ_ERR_HEAD);
}

static void test_err_desc_outside_ram(void **state)
{
    fixture_t *f = *state;
    f->q.desc = RAM + RAM_SIZE - 16 * 4; /* the table's end runs off RAM */
    put_desc(f, f->q.desc, 3, BUF, 4, VIRTQ_DESC_F_NEXT, 4);
    post(f, 3);
    expect_err(f, VIRTQ_ERR_DESC);
}

static void test_err_next(void **state)
{
    fixture_t *f = *state;
    put_desc(f, DESC, 0, BUF, 4, VIRTQ_DESC_F_NEXT, QSIZE);
    post(f, 0);
    expect_err(f, VIRTQ_ERR_NEXT);
}

static void test_err_loop(void **state)
{
    fixture_t *f = *state;
    put_desc(f, DESC, 0, BUF, 4, VIRTQ_DESC_F_NEXT, 1);
    put_desc(f, DESC, 1, BUF, 4, VIRTQ_DESC_F_NEXT, 0);
    post(f, 0);
    expect_err(f, VIRTQ_ERR_CHAIN_LONG);
}

static void test_err_self_loop(void **state)
{
    fixture_t *f = *state;
    put_desc(f, DESC, 6, BUF, 0, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE, 6);
    post(f, 6);
    expect_err(f, VIRTQ_ERR_CHAIN_LONG);
}

/* An indirect table with more entries than the queue size: a chain longer than allowed. */
static void test_err_overlong_indirect(void **state)
{
    fixture_t *f = *state;
    for (unsigned i = 0; i <= QSIZE; i++)
        put_desc(f, TABLE, i, BUF, 4, i < QSIZE ? VIRTQ_DESC_F_NEXT : 0, (uint16_t)(i + 1));
    put_desc(f, DESC, 0, TABLE, (QSIZE + 1) * 16, VIRTQ_DESC_F_INDIRECT, 0);
    post(f, 0);
    expect_err(f, VIRTQ_ERR_CHAIN_LONG);
}

static void test_err_indirect_loop(void **state)
{
    fixture_t *f = *state;
    put_desc(f, TABLE, 0, BUF, 4, VIRTQ_DESC_F_NEXT, 1);
    put_desc(f, TABLE, 1, BUF, 4, VIRTQ_DESC_F_NEXT, 2);
    put_desc(f, TABLE, 2, BUF, 4, VIRTQ_DESC_F_NEXT, 1);
    put_desc(f, DESC, 0, TABLE, 4 * 16, VIRTQ_DESC_F_INDIRECT, 0);
    post(f, 0);
    expect_err(f, VIRTQ_ERR_INDIRECT_LOOP);
}

static void test_err_indirect_next_out_of_table(void **state)
{
    fixture_t *f = *state;
    put_desc(f, TABLE, 0, BUF, 4, VIRTQ_DESC_F_NEXT, 2);
    put_desc(f, DESC, 0, TABLE, 2 * 16, VIRTQ_DESC_F_INDIRECT, 0);
    post(f, 0);
    expect_err(f, VIRTQ_ERR_NEXT);
}

static void test_err_indirect_nested(void **state)
{
    fixture_t *f = *state;
    put_desc(f, TABLE, 0, TABLE + 0x100, 16, VIRTQ_DESC_F_INDIRECT, 0);
    put_desc(f, TABLE + 0x100, 0, BUF, 4, 0, 0);
    put_desc(f, DESC, 0, TABLE, 16, VIRTQ_DESC_F_INDIRECT, 0);
    post(f, 0);
    expect_err(f, VIRTQ_ERR_INDIRECT_NESTED);
}

static void test_err_indirect_len(void **state)
{
    fixture_t *f = *state;
    put_desc(f, TABLE, 0, BUF, 4, 0, 0);
    put_desc(f, DESC, 0, TABLE, 24, VIRTQ_DESC_F_INDIRECT, 0);
    post(f, 0);
    expect_err(f, VIRTQ_ERR_INDIRECT_LEN);
}

static void test_err_indirect_len_zero(void **state)
{
    fixture_t *f = *state;
    put_desc(f, DESC, 0, TABLE, 0, VIRTQ_DESC_F_INDIRECT, 0);
    post(f, 0);
    expect_err(f, VIRTQ_ERR_INDIRECT_LEN);
}

static void test_err_indirect_table_outside_ram(void **state)
{
    fixture_t *f = *state;
    put_desc(f, DESC, 0, RAM + RAM_SIZE - 16, 32, VIRTQ_DESC_F_INDIRECT, 0);
    post(f, 0);
    expect_err(f, VIRTQ_ERR_DESC);
}

static void test_err_indirect_without_feature(void **state)
{
    fixture_t *f = *state;
    virtq_enable(&f->q, false, false);
    put_desc(f, TABLE, 0, BUF, 4, 0, 0);
    put_desc(f, DESC, 0, TABLE, 16, VIRTQ_DESC_F_INDIRECT, 0);
    post(f, 0);
    expect_err(f, VIRTQ_ERR_INDIRECT_FEATURE);
}

static void test_err_indirect_with_next(void **state)
{
    fixture_t *f = *state;
    put_desc(f, TABLE, 0, BUF, 4, 0, 0);
    put_desc(f, DESC, 0, TABLE, 16, VIRTQ_DESC_F_INDIRECT | VIRTQ_DESC_F_NEXT, 1);
    put_desc(f, DESC, 1, BUF, 4, 0, 0);
    post(f, 0);
    expect_err(f, VIRTQ_ERR_INDIRECT_NEXT);
}

static void test_err_read_after_write(void **state)
{
    fixture_t *f = *state;
    put_desc(f, DESC, 0, BUF, 4, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1);
    put_desc(f, DESC, 1, BUF, 4, 0, 0);
    post(f, 0);
    expect_err(f, VIRTQ_ERR_ORDER);
}

static void test_err_buffer_outside_ram(void **state)
{
    fixture_t *f = *state;
    put_desc(f, DESC, 0, RAM + RAM_SIZE - 8, 16, 0, 0);
    post(f, 0);
    expect_err(f, VIRTQ_ERR_BUF);
    /* a device-writable buffer in ROM is as bad as one in a hole */
    fixture_t *g = f;
    virtq_reset(&g->q);
    g->q.size = QSIZE; g->q.desc = DESC; g->q.avail = AVAIL; g->q.used = USED;
    virtq_enable(&g->q, false, true);
    put16(g, AVAIL + 2, 0);
    put_desc(g, DESC, 0, 0x1000, 16, VIRTQ_DESC_F_WRITE, 0);
    post(g, 0);
    expect_err(g, VIRTQ_ERR_BUF);
}

static void test_readable_buffer_in_rom(void **state)
{
    fixture_t *f = *state;
    put_desc(f, DESC, 0, 0x1000, 16, 0, 0);
    post(f, 0);
    assert_int_equal(virtq_pop(&f->q, &f->e), 1);
}

static void test_err_total_len(void **state)
{
    fixture_t *f = *state;
    put_desc(f, DESC, 0, RAM, 0x80000000u, VIRTQ_DESC_F_NEXT, 1);
    put_desc(f, DESC, 1, RAM, 0x80000000u, VIRTQ_DESC_F_WRITE, 0);
    post(f, 0);
    expect_err(f, VIRTQ_ERR_TOTAL_LEN);
}

static void test_err_used_outside_ram(void **state)
{
    fixture_t *f = *state;
    put_desc(f, DESC, 0, BUF, 4, 0, 0);
    post(f, 0);
    assert_int_equal(virtq_pop(&f->q, &f->e), 1);
    f->q.used = 0x40000000;
    assert_int_equal(virtq_push(&f->q, &f->e, 0), -VIRTQ_ERR_USED);
}

static void test_push_used_ring(void **state)
{
    fixture_t *f = *state;
    for (unsigned round = 0; round < 2 * QSIZE + 3; round++) {
        uint16_t head = (uint16_t)(round * 5 % QSIZE);
        put_desc(f, DESC, head, BUF, 4, VIRTQ_DESC_F_WRITE, 0);
        post(f, head);
        assert_int_equal(virtq_pop(&f->q, &f->e), 1);
        assert_int_equal(virtq_push(&f->q, &f->e, 1000 + round), 0);
        unsigned slot = round % QSIZE;
        assert_int_equal(get32(f, USED + 4 + 8 * slot), head);
        assert_int_equal(get32(f, USED + 4 + 8 * slot + 4), 1000 + round);
        assert_int_equal(get16(f, USED + 2), (uint16_t)(round + 1));
    }
}

static void pop_push(fixture_t *f, uint16_t head)
{
    put_desc(f, DESC, head, BUF, 4, VIRTQ_DESC_F_WRITE, 0);
    post(f, head);
    assert_int_equal(virtq_pop(&f->q, &f->e), 1);
    assert_int_equal(virtq_push(&f->q, &f->e, 4), 0);
}

static void test_notify_flags(void **state)
{
    fixture_t *f = *state;
    assert_false(virtq_should_notify(&f->q)); /* nothing pushed */
    pop_push(f, 1);
    assert_true(virtq_should_notify(&f->q));
    assert_false(virtq_should_notify(&f->q)); /* already told */
    put16(f, AVAIL, VIRTQ_AVAIL_F_NO_INTERRUPT);
    pop_push(f, 2);
    assert_false(virtq_should_notify(&f->q));
    put16(f, AVAIL, 0);
    pop_push(f, 3);
    assert_true(virtq_should_notify(&f->q));
}

static void test_notify_event_idx(void **state)
{
    fixture_t *f = *state;
    virtq_enable(&f->q, true, true);
    uint64_t used_event = AVAIL + 4 + 2 * QSIZE;
    put16(f, AVAIL, VIRTQ_AVAIL_F_NO_INTERRUPT); /* ignored with EVENT_IDX */
    put16(f, used_event, 0);                     /* interrupt after the first used entry */
    pop_push(f, 0);
    assert_true(virtq_should_notify(&f->q));
    put16(f, used_event, 2);                      /* after used idx passes 2 (3rd entry) */
    pop_push(f, 1);                               /* used idx 2: event 2 not yet passed */
    assert_false(virtq_should_notify(&f->q));
    pop_push(f, 2);                               /* used idx 3: passed */
    assert_true(virtq_should_notify(&f->q));
    /* a batch crossing used_event notifies once */
    put16(f, used_event, 4);
    pop_push(f, 3);
    pop_push(f, 4);
    pop_push(f, 5);
    assert_true(virtq_should_notify(&f->q));
    /* used_event far behind: no interrupt (the driver has not caught up) */
    pop_push(f, 6);
    assert_false(virtq_should_notify(&f->q));
    /* used_event just one behind the previous used idx: already signalled, no interrupt */
    put16(f, used_event, 6);
    pop_push(f, 7);
    assert_false(virtq_should_notify(&f->q));
}

static void test_avail_event(void **state)
{
    fixture_t *f = *state;
    virtq_enable(&f->q, true, true);
    uint64_t avail_event = USED + 4 + 8 * QSIZE;
    put16(f, avail_event, 0xbeef);
    pop_push(f, 0);
    pop_push(f, 1);
    assert_int_equal(virtq_pop(&f->q, &f->e), 0); /* empty: asks for the next one */
    assert_int_equal(get16(f, avail_event), 2);
    /* without EVENT_IDX the field is left alone */
    virtq_enable(&f->q, false, true);
    put16(f, AVAIL + 2, 0);
    put16(f, avail_event, 0xbeef);
    assert_int_equal(virtq_pop(&f->q, &f->e), 0);
    assert_int_equal(get16(f, avail_event), 0xbeef);
}

static void test_reset(void **state)
{
    fixture_t *f = *state;
    put_desc(f, DESC, 0, BUF, 4, VIRTQ_DESC_F_WRITE, 0);
    post(f, 0);
    post(f, 0);
    assert_int_equal(virtq_pop(&f->q, &f->e), 1);
    uint32_t epoch = f->q.epoch;
    virtq_reset(&f->q);
    assert_false(f->q.ready);
    assert_int_equal(f->q.size, 0);
    assert_int_equal(f->q.desc, 0);
    assert_int_equal(f->q.last_avail, 0);
    assert_int_equal(f->q.used_idx, 0);
    assert_int_not_equal(f->q.epoch, epoch);
    assert_ptr_equal(f->q.phys, &f->phys);
    assert_int_equal(virtq_pop(&f->q, &f->e), 0); /* not ready */
    /* the driver sets the queue up again; the stale element must not reach the used ring */
    f->q.size = QSIZE; f->q.desc = DESC; f->q.avail = AVAIL; f->q.used = USED;
    virtq_enable(&f->q, false, true);
    virtq_elem_t stale = {.head = 0, .epoch = epoch};
    assert_int_equal(virtq_push(&f->q, &stale, 4), 0);
    assert_int_equal(get16(f, USED + 2), 0);
    assert_false(virtq_should_notify(&f->q));
}

static void test_layout(void **state)
{
    fixture_t *f = *state;
    virtq_t q = f->q;
    assert_int_equal(virtq_check_layout(&q, 256), 0);
    q.size = 12;
    assert_int_equal(virtq_check_layout(&q, 256), -VIRTQ_ERR_SIZE);
    q.size = 0;
    assert_int_equal(virtq_check_layout(&q, 256), -VIRTQ_ERR_SIZE);
    q.size = 512;
    assert_int_equal(virtq_check_layout(&q, 256), -VIRTQ_ERR_SIZE);
    q = f->q;
    q.desc = DESC + 8;
    assert_int_equal(virtq_check_layout(&q, 256), -VIRTQ_ERR_LAYOUT);
    q = f->q;
    q.avail = AVAIL + 1;
    assert_int_equal(virtq_check_layout(&q, 256), -VIRTQ_ERR_LAYOUT);
    q = f->q;
    q.used = USED + 2;
    assert_int_equal(virtq_check_layout(&q, 256), -VIRTQ_ERR_LAYOUT);
    q = f->q;
    q.used = RAM + RAM_SIZE - 64; /* 6 + 8 * 16 bytes do not fit */
    assert_int_equal(virtq_check_layout(&q, 256), -VIRTQ_ERR_LAYOUT);
    q = f->q;
    q.desc = 0x20000000;
    assert_int_equal(virtq_check_layout(&q, 256), -VIRTQ_ERR_LAYOUT);
    q.desc = UINT64_MAX - 15; /* wraps around */
    assert_int_equal(virtq_check_layout(&q, 256), -VIRTQ_ERR_LAYOUT);
}

static void test_elem_copy(void **state)
{
    fixture_t *f = *state;
    put_desc(f, DESC, 0, BUF, 3, VIRTQ_DESC_F_NEXT, 1);
    put_desc(f, DESC, 1, BUF + 0x100, 5, VIRTQ_DESC_F_NEXT, 2);
    put_desc(f, DESC, 2, BUF + 0x200, 4, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE, 3);
    put_desc(f, DESC, 3, BUF + 0x300, 6, VIRTQ_DESC_F_WRITE, 0);
    memcpy(host(f, BUF), "abc", 3);
    memcpy(host(f, BUF + 0x100), "defgh", 5);
    post(f, 0);
    assert_int_equal(virtq_pop(&f->q, &f->e), 1);
    char in[16] = {0};
    assert_int_equal(virtq_elem_read(&f->phys, &f->e, 0, in, sizeof(in)), 8);
    assert_memory_equal(in, "abcdefgh", 8);
    memset(in, 0, sizeof(in));
    assert_int_equal(virtq_elem_read(&f->phys, &f->e, 2, in, 4), 4);
    assert_memory_equal(in, "cdef", 4);
    assert_int_equal(virtq_elem_read(&f->phys, &f->e, 8, in, 4), 0);
    assert_int_equal(virtq_elem_write(&f->phys, &f->e, 1, "0123456789ABC", 13), 9);
    assert_memory_equal(host(f, BUF + 0x200), "\0" "012", 4);
    assert_memory_equal(host(f, BUF + 0x300), "345678", 6);
    assert_memory_equal(host(f, BUF), "abc", 3); /* readable buffers untouched */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_direct_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_indirect_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mixed_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_avail_idx_full_ring, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readable_buffer_in_rom, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_avail_outside_ram, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_avail_idx_jump, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_head, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_desc_outside_ram, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_next, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_loop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_self_loop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_overlong_indirect, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_indirect_loop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_indirect_next_out_of_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_indirect_nested, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_indirect_len, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_indirect_len_zero, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_indirect_table_outside_ram, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_indirect_without_feature, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_indirect_with_next, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_read_after_write, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_buffer_outside_ram, setup, teardown),
        cmocka_unit_test_setup_teardown(test_err_total_len, setup_big, teardown),
        cmocka_unit_test_setup_teardown(test_err_used_outside_ram, setup, teardown),
        cmocka_unit_test_setup_teardown(test_push_used_ring, setup, teardown),
        cmocka_unit_test_setup_teardown(test_notify_flags, setup, teardown),
        cmocka_unit_test_setup_teardown(test_notify_event_idx, setup, teardown),
        cmocka_unit_test_setup_teardown(test_avail_event, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_layout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_elem_copy, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
