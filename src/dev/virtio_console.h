/* virtio-console (virtio 1.2 §5.3) with a single port and no MULTIPORT: the guest's hvc0,
 * backed by a chardev (dev/chardev.h). Queue 0 is the port's receive queue (host to guest),
 * queue 1 its transmit queue. No features are offered (no SIZE, no EMERG_WRITE).
 *
 * THREADS AND LOCKS. Queue state is under the transport lock; the chardev lives on the I/O
 * thread. Notifies (harts) only schedule bottom halves.
 *   Input: the chardev asks can_read (I/O thread); under the lock the device pops a receive
 *   chain and holds it, and answers with its size (0 with none: the chardev pauses its input).
 *   read() fills the held chain and pushes it. A receive notify (the guest added buffers)
 *   resumes the chardev's input from the receive bottom half.
 *   Output: the transmit bottom half pops a chain, copies its bytes with the lock dropped and
 *   writes them to the chardev; if the chardev's buffer is full it keeps the chain (and how
 *   far it got) and carries on when the chardev calls `writable`. A chain is pushed back only
 *   once all its bytes went out (or were dropped because no client is connected), so a slow
 *   client slows the guest's writes down instead of losing them.
 * Held chains belong to the device until pushed; a reset forgets them (pushing them afterwards
 * would be ignored anyway: the queue's epoch changed).
 *
 * GUEST ERRORS: a receive chain with device-readable buffers or a transmit chain with
 * device-writable ones puts the device into DEVICE_NEEDS_RESET. */
#ifndef DEV_VIRTIO_CONSOLE_H
#define DEV_VIRTIO_CONSOLE_H

#include "dev/chardev.h"
#include "dev/virtio_mmio.h"

#define VIRTIO_CONSOLE_QUEUE_SIZE 128
#define VIRTIO_CONSOLE_RXQ 0
#define VIRTIO_CONSOLE_TXQ 1

typedef struct virtio_console virtio_console_t;

/* Creates the device in the empty slot `vm` (its loop vm->io must exist) with no chardev:
 * output is dropped and there is no input until virtio_console_set_chardev. NULL if out of
 * memory. Freed (with its chardev) by virtio_mmio_destroy. */
virtio_console_t *virtio_console_create(virtio_mmio_t *vm);
/* Gives the port its back end (before the guest runs); the device owns it from now on. */
void virtio_console_set_chardev(virtio_console_t *c, chardev_t *chr);
/* Whether a chardev was given already (one port only). */
bool virtio_console_has_chardev(const virtio_console_t *c);

#endif
