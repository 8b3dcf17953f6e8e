#include "dev/virtio_rng.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/random.h>

struct virtio_rng {
    virtio_mmio_t *vm;
    evloop_bh_t *bh; /* drains the queue on the I/O thread */
};

static void rng_notify(void *dev, unsigned q)
{
    (void)q;
    virtio_rng_t *r = dev;
    evloop_bh_schedule(r->bh);
}

/* Fills the element's writable buffers; returns the bytes written. No lock held. */
static uint32_t rng_fill(virtio_rng_t *r, const virtq_elem_t *e)
{
    uint8_t chunk[4096];
    uint64_t want = e->write_len < VIRTIO_RNG_MAX_FILL ? e->write_len : VIRTIO_RNG_MAX_FILL;
    uint64_t done = 0;
    while (done < want) {
        size_t n = want - done < sizeof(chunk) ? want - done : sizeof(chunk);
        ssize_t got = getrandom(chunk, n, GRND_NONBLOCK);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) /* no entropy yet (early boot of the host): give what we have */
            break;
        size_t put = virtq_elem_write(r->vm->phys, e, done, chunk, (size_t)got);
        done += put;
        if (put < (size_t)got)
            break;
    }
    return (uint32_t)done;
}

static void rng_bh(void *opaque)
{
    virtio_rng_t *r = opaque;
    virtio_mmio_t *vm = r->vm;
    virtq_elem_t e = {0};
    unsigned served = 0;
    virtio_mmio_lock(vm);
    while (virtio_mmio_pop(vm, 0, &e) > 0) {
        virtio_mmio_unlock(vm);
        uint32_t n = rng_fill(r, &e);
        virtio_mmio_lock(vm);
        virtio_mmio_push(vm, 0, &e, n);
        /* A guest that refills as fast as we serve must not keep the I/O thread to itself. */
        if (++served == VIRTIO_RNG_QUEUE_SIZE) {
            evloop_bh_schedule(r->bh);
            break;
        }
    }
    virtio_mmio_notify(vm, 0);
    virtio_mmio_unlock(vm);
    virtq_elem_free(&e);
}

static void rng_destroy(void *dev)
{
    virtio_rng_t *r = dev;
    evloop_bh_free(r->bh);
    free(r);
}

static const virtio_dev_ops_t rng_ops = {
    .name = "virtio-rng",
    .device_id = VIRTIO_ID_RNG,
    .num_queues = 1,
    .queue_max = VIRTIO_RNG_QUEUE_SIZE,
    .config_size = 0,
    .queue_notify = rng_notify,
    .destroy = rng_destroy,
};

virtio_rng_t *virtio_rng_create(virtio_mmio_t *vm)
{
    virtio_rng_t *r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    r->vm = vm;
    r->bh = evloop_bh_new(vm->io, rng_bh, r);
    if (!r->bh) {
        free(r);
        return NULL;
    }
    virtio_mmio_attach(vm, &rng_ops, r, 0);
    return r;
}
