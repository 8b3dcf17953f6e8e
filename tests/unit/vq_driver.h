/* A small virtio-mmio driver for unit tests of virtio devices (header only): guest RAM in a
 * phys_map, the device's transport mapped there, a real event loop thread for the device's
 * bottom halves, and split virtqueues laid out and driven the way Linux does (descriptors,
 * available ring, notify through MMIO, used ring). Register accesses go through
 * phys_mmio_read/write, so the transport lock is taken as on a hart. */
#ifndef TESTS_UNIT_VQ_DRIVER_H
#define TESTS_UNIT_VQ_DRIVER_H

#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dev/virtio_mmio.h"
#include "util/evloop.h"

#define VQD_RAM 0x80000000ULL
#define VQD_RAM_SIZE (4ULL << 20)
#define VQD_BASE 0x10001000ULL
#define VQD_QSIZE 16
#define VQD_BUFS (VQD_RAM + 0x100000) /* buffers are handed out from here */

enum {
    VQD_DEVICE_ID = 0x008, VQD_DEV_FEATURES = 0x010, VQD_DEV_FEATURES_SEL = 0x014,
    VQD_DRV_FEATURES = 0x020, VQD_DRV_FEATURES_SEL = 0x024, VQD_QUEUE_SEL = 0x030,
    VQD_QUEUE_NUM = 0x038, VQD_QUEUE_READY = 0x044, VQD_QUEUE_NOTIFY = 0x050,
    VQD_INT_STATUS = 0x060, VQD_INT_ACK = 0x064, VQD_STATUS = 0x070, VQD_DESC_LO = 0x080,
    VQD_DESC_HI = 0x084, VQD_DRIVER_LO = 0x090, VQD_DRIVER_HI = 0x094, VQD_DEVICE_LO = 0x0a0,
    VQD_DEVICE_HI = 0x0a4, VQD_CONFIG = 0x100,
};

#define VQD_ALL_OK (VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | \
                    VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK)

typedef struct vqd_queue {
    uint64_t desc, avail, used;
    uint16_t next_desc;  /* descriptors are used round-robin */
    uint16_t last_used;  /* used ring entries consumed by vqd_used */
} vqd_queue_t;

typedef struct vqd {
    log_ctx_t log;
    char *logbuf;
    size_t loglen;
    phys_map_t phys;
    phys_region_t *ram;
    const phys_region_t *region;
    evloop_t *io;
    virtio_mmio_t vm;
    atomic_int level, raises;
    vqd_queue_t q[2];
    uint64_t next_buf;
} vqd_t;

typedef struct vqd_buf {
    uint64_t addr;
    uint32_t len;
    bool write; /* device-writable */
} vqd_buf_t;

static void vqd_irq(void *ctx, unsigned n, bool level)
{
    vqd_t *d = ctx;
    (void)n;
    if (level && !atomic_load(&d->level))
        atomic_fetch_add(&d->raises, 1);
    atomic_store(&d->level, level);
}

/* RAM, a running loop and an empty slot; create the device in d->vm, then vqd_map. */
static inline vqd_t *vqd_new(void)
{
    vqd_t *d = calloc(1, sizeof(*d));
    assert_non_null(d);
    log_init(&d->log);
    d->log.out = open_memstream(&d->logbuf, &d->loglen);
    d->log.mask = LOG_GUEST_ERRORS;
    assert_true(phys_init(&d->phys));
    d->ram = phys_add_ram(&d->phys, "ram", VQD_RAM, VQD_RAM_SIZE, false);
    assert_non_null(d->ram);
    d->io = evloop_new("test-io");
    assert_non_null(d->io);
    assert_true(evloop_start(d->io));
    irq_line_t irq = {.set = vqd_irq, .ctx = d, .n = 1};
    virtio_mmio_init(&d->vm, &d->phys, d->io, &d->log, VQD_BASE, irq, 1);
    d->next_buf = VQD_BUFS;
    for (unsigned i = 0; i < 2; i++) {
        d->q[i].desc = VQD_RAM + 0x1000 + 0x3000ULL * i;
        d->q[i].avail = d->q[i].desc + 0x1000;
        d->q[i].used = d->q[i].desc + 0x2000;
    }
    return d;
}

static inline void vqd_map(vqd_t *d)
{
    assert_non_null(phys_add_mmio(&d->phys, "virtio", VQD_BASE, VIRTIO_MMIO_SIZE,
                                  &virtio_mmio_ops, &d->vm, &d->vm.lock));
    d->region = phys_lookup(&d->phys, VQD_BASE);
}

static inline void vqd_free(vqd_t *d)
{
    virtio_mmio_destroy(&d->vm);
    evloop_stop(d->io);
    evloop_free(d->io);
    phys_destroy(&d->phys);
    fclose(d->log.out);
    free(d->logbuf);
    free(d);
}

static inline uint32_t vqd_rd(vqd_t *d, uint64_t off, unsigned size)
{
    return (uint32_t)phys_mmio_read(d->region, VQD_BASE + off, size);
}

static inline void vqd_wr(vqd_t *d, uint64_t off, uint32_t v)
{
    phys_mmio_write(d->region, VQD_BASE + off, 4, v);
}

static inline uint8_t *vqd_host(vqd_t *d, uint64_t pa) { return d->ram->host + (pa - VQD_RAM); }

static inline void vqd_put16(vqd_t *d, uint64_t pa, uint16_t v) { memcpy(vqd_host(d, pa), &v, 2); }
static inline uint16_t vqd_get16(vqd_t *d, uint64_t pa)
{
    uint16_t v;
    __atomic_load(( uint16_t *)vqd_host(d, pa), &v, __ATOMIC_ACQUIRE);
    return v;
}

/* Waits until the device's bottom halves scheduled so far have run: a sync request is served
 * before an iteration's poll, bottom halves after it, so the second request is served only
 * after the first one's iteration ran them. */
static void vqd_noop(void *opaque) { (void)opaque; }
static inline void vqd_sync(vqd_t *d)
{
    for (int i = 0; i < 3; i++)
        evloop_run_sync(d->io, vqd_noop, NULL);
}

/* Offers `features` (and VERSION_1), sets up `nq` queues of VQD_QSIZE, sets DRIVER_OK. */
static inline void vqd_bring_up(vqd_t *d, uint64_t features, unsigned nq)
{
    features |= 1ULL << VIRTIO_F_VERSION_1;
    vqd_wr(d, VQD_STATUS, 0);
    vqd_wr(d, VQD_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    vqd_wr(d, VQD_DRV_FEATURES_SEL, 1);
    vqd_wr(d, VQD_DRV_FEATURES, (uint32_t)(features >> 32));
    vqd_wr(d, VQD_DRV_FEATURES_SEL, 0);
    vqd_wr(d, VQD_DRV_FEATURES, (uint32_t)features);
    vqd_wr(d, VQD_STATUS, VQD_ALL_OK & ~VIRTIO_STATUS_DRIVER_OK);
    assert_true(vqd_rd(d, VQD_STATUS, 4) & VIRTIO_STATUS_FEATURES_OK);
    for (unsigned q = 0; q < nq; q++) {
        memset(vqd_host(d, d->q[q].desc), 0, 0x3000);
        d->q[q].next_desc = d->q[q].last_used = 0;
        vqd_wr(d, VQD_QUEUE_SEL, q);
        vqd_wr(d, VQD_QUEUE_NUM, VQD_QSIZE);
        vqd_wr(d, VQD_DESC_LO, (uint32_t)d->q[q].desc);
        vqd_wr(d, VQD_DESC_HI, (uint32_t)(d->q[q].desc >> 32));
        vqd_wr(d, VQD_DRIVER_LO, (uint32_t)d->q[q].avail);
        vqd_wr(d, VQD_DRIVER_HI, 0);
        vqd_wr(d, VQD_DEVICE_LO, (uint32_t)d->q[q].used);
        vqd_wr(d, VQD_DEVICE_HI, 0);
        vqd_wr(d, VQD_QUEUE_READY, 1);
    }
    vqd_wr(d, VQD_STATUS, VQD_ALL_OK);
    assert_int_equal(vqd_rd(d, VQD_STATUS, 4), VQD_ALL_OK);
}

/* RAM for a buffer of len bytes (zeroed). */
static inline uint64_t vqd_alloc(vqd_t *d, uint32_t len)
{
    uint64_t a = d->next_buf;
    d->next_buf += (len + 15) & ~15u;
    assert_true(d->next_buf <= VQD_RAM + VQD_RAM_SIZE);
    memset(vqd_host(d, a), 0, len);
    return a;
}

/* Makes a chain of n buffers available on queue q (no notify); returns its head. */
static inline uint16_t vqd_add(vqd_t *d, unsigned q, const vqd_buf_t *b, unsigned n)
{
    vqd_queue_t *vq = &d->q[q];
    uint16_t head = vq->next_desc;
    for (unsigned i = 0; i < n; i++) {
        uint16_t idx = (uint16_t)((head + i) % VQD_QSIZE);
        uint16_t next = (uint16_t)((idx + 1) % VQD_QSIZE);
        uint16_t flags = (uint16_t)((b[i].write ? VIRTQ_DESC_F_WRITE : 0) |
                                    (i + 1 < n ? VIRTQ_DESC_F_NEXT : 0));
        uint8_t *p = vqd_host(d, vq->desc + 16ULL * idx);
        memcpy(p, &b[i].addr, 8);
        memcpy(p + 8, &b[i].len, 4);
        memcpy(p + 12, &flags, 2);
        memcpy(p + 14, &next, 2);
    }
    vq->next_desc = (uint16_t)((head + n) % VQD_QSIZE);
    uint16_t aidx = vqd_get16(d, vq->avail + 2);
    vqd_put16(d, vq->avail + 4 + 2 * (aidx % VQD_QSIZE), head);
    __atomic_store_n((uint16_t *)vqd_host(d, vq->avail + 2), (uint16_t)(aidx + 1),
                     __ATOMIC_RELEASE);
    return head;
}

static inline void vqd_notify(vqd_t *d, unsigned q)
{
    vqd_wr(d, VQD_QUEUE_NOTIFY, q);
}

/* The next used element of queue q: true and (*id, *len) if there is one. */
static inline bool vqd_used(vqd_t *d, unsigned q, uint16_t *id, uint32_t *len)
{
    vqd_queue_t *vq = &d->q[q];
    if (vqd_get16(d, vq->used + 2) == vq->last_used)
        return false;
    uint8_t *e = vqd_host(d, vq->used + 4 + 8ULL * (vq->last_used % VQD_QSIZE));
    uint32_t v;
    memcpy(&v, e, 4);
    *id = (uint16_t)v;
    memcpy(len, e + 4, 4);
    vq->last_used++;
    return true;
}

/* Whether the log holds `text` (then forgets the log, so later checks see new lines). */
static inline bool vqd_logged(vqd_t *d, const char *text)
{
    lock_take(&d->log.lock);
    fflush(d->log.out);
    bool found = d->logbuf && strstr(d->logbuf, text);
    if (d->logbuf)
        d->logbuf[0] = '\0';
    fseeko(d->log.out, 0, SEEK_SET);
    lock_drop(&d->log.lock);
    return found;
}

static inline bool vqd_needs_reset(vqd_t *d)
{
    return vqd_rd(d, VQD_STATUS, 4) & VIRTIO_STATUS_NEEDS_RESET;
}

#endif
