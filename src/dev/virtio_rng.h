/* virtio-rng (virtio 1.2 §5.4): one request queue; the device fills each chain's writable
 * buffers with bytes from the host's getrandom(2) and returns it with the number written.
 *
 * A notify (hart thread, transport lock held) only schedules a bottom half; the bottom half,
 * on the I/O thread, pops each chain under the transport lock, fills it with the lock dropped
 * and pushes it back under the lock (virtio_mmio.h's pattern for back ends). */
#ifndef DEV_VIRTIO_RNG_H
#define DEV_VIRTIO_RNG_H

#include "dev/virtio_mmio.h"

#define VIRTIO_RNG_QUEUE_SIZE 64
/* Bytes given per request at most (a request for more gets a partial fill, which the driver
 * accepts: the used length says how much is valid). */
#define VIRTIO_RNG_MAX_FILL 65536

typedef struct virtio_rng virtio_rng_t;

/* Creates the device in the empty slot `vm`, whose I/O loop (vm->io) must exist. NULL if out
 * of memory. Freed by virtio_mmio_destroy. */
virtio_rng_t *virtio_rng_create(virtio_mmio_t *vm);

#endif
