/* The device side of a split virtqueue (virtio 1.2 §2.7).
 *
 * A virtqueue lives in guest RAM: a descriptor table (16 bytes a descriptor, 16-byte aligned),
 * the available ring written by the driver (flags, idx, ring[size], used_event; 2-byte
 * aligned) and the used ring written by the device (flags, idx, ring[size] of {id, len},
 * avail_event; 4-byte aligned). Every access goes through phys_dma_* (mem/phys.h), never a
 * host pointer, so a ring or buffer outside RAM is an error, not a crash.
 *
 * virtq_pop() turns the next available descriptor chain into an element: a list of guest
 * buffers, the device-readable ones first, then the device-writable ones, following
 * VIRTQ_DESC_F_NEXT and, when VIRTIO_F_INDIRECT_DESC was negotiated, one indirect table.
 * Every driver mistake it can see is a negative virtq_err_t; the transport then marks the
 * device DEVICE_NEEDS_RESET (dev/virtio_mmio.h) and stops using the queue. virtq_push()
 * returns an element to the driver through the used ring; virtq_should_notify() says whether
 * the driver wants an interrupt for what was pushed since the last call (EVENT_IDX's used_event,
 * else VIRTQ_AVAIL_F_NO_INTERRUPT).
 *
 * Concurrency: a virtq_t is guarded by its transport's lock; every function here must be called
 * with it held. Elements hold guest addresses only, so a back end may keep one, drop the lock
 * and do its I/O, then retake the lock to push it. A reset (virtq_reset) bumps the queue's
 * epoch: pushing an element popped before the reset does nothing, so late completions of
 * requests from before a reset never reach the re-initialised rings.
 *
 * Ordering: the avail idx is read with acquire (the driver writes descriptors and ring entries
 * before it publishes idx with a release fence); the used idx is written with release after
 * the used element. Deciding whether to notify reads used_event/flags after a full fence, so
 * that a driver that re-enabled interrupts just before our idx store is never missed. */
#ifndef DEV_VIRTQUEUE_H
#define DEV_VIRTQUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem/phys.h"

#define VIRTQ_DESC_F_NEXT 1
#define VIRTQ_DESC_F_WRITE 2
#define VIRTQ_DESC_F_INDIRECT 4
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1
#define VIRTQ_USED_F_NO_NOTIFY 1
#define VIRTQ_DESC_SIZE 16
#define VIRTQ_MAX_SIZE 32768 /* the largest queue size split virtqueues allow */

/* Guest errors virtq_pop/virtq_push detect (returned negated). */
typedef enum virtq_err {
    VIRTQ_ERR_RING = 1,        /* avail ring field (idx, entry) not readable RAM */
    VIRTQ_ERR_AVAIL_IDX,       /* avail idx moved more than the queue size past last_avail */
    VIRTQ_ERR_HEAD,            /* avail ring entry (head index) >= queue size */
    VIRTQ_ERR_DESC,            /* descriptor (or indirect table) not in RAM */
    VIRTQ_ERR_NEXT,            /* next index beyond the table */
    VIRTQ_ERR_CHAIN_LONG,      /* more descriptors than the queue size: a loop or over-long chain */
    VIRTQ_ERR_INDIRECT_LOOP,   /* more descriptors than the indirect table holds: a loop */
    VIRTQ_ERR_INDIRECT_FEATURE, /* INDIRECT flag without VIRTIO_F_INDIRECT_DESC negotiated */
    VIRTQ_ERR_INDIRECT_NESTED, /* INDIRECT inside an indirect table */
    VIRTQ_ERR_INDIRECT_NEXT,   /* INDIRECT together with NEXT */
    VIRTQ_ERR_INDIRECT_LEN,    /* indirect table length zero or not a multiple of 16 */
    VIRTQ_ERR_ORDER,           /* a device-readable buffer after a device-writable one */
    VIRTQ_ERR_BUF,             /* a buffer not wholly in RAM (writable) or RAM/ROM (readable) */
    VIRTQ_ERR_TOTAL_LEN,       /* buffers add up to more than 4 GiB - 1 */
    VIRTQ_ERR_USED,            /* used ring not writable RAM */
    VIRTQ_ERR_NOMEM,           /* host out of memory (not the guest's fault) */
    VIRTQ_ERR_LAYOUT,          /* rings misaligned or outside RAM (virtq_check_layout) */
    VIRTQ_ERR_SIZE,            /* queue size zero, over the maximum or not a power of two */
} virtq_err_t;

/* One guest buffer of an element. */
typedef struct virtq_buf {
    uint64_t addr;
    uint32_t len;
} virtq_buf_t;

/* A popped descriptor chain. buf[0 .. nread) are device-readable, buf[nread .. nread+nwrite)
 * device-writable. Owned by whoever popped it until virtq_elem_free. */
typedef struct virtq_elem {
    uint16_t head;        /* the chain's head index: the id written to the used ring */
    uint32_t epoch;       /* the queue's epoch when popped */
    unsigned nread, nwrite;
    uint64_t read_len, write_len; /* total bytes of each kind */
    virtq_buf_t *buf;     /* malloc'd */
    unsigned cap;
} virtq_elem_t;

typedef struct virtq {
    phys_map_t *phys;
    uint16_t size;         /* QueueNum: entries in each ring */
    bool ready;            /* QueueReady: the device may use the rings */
    bool event_idx;        /* VIRTIO_F_EVENT_IDX negotiated */
    bool indirect;         /* VIRTIO_F_INDIRECT_DESC negotiated */
    uint64_t desc, avail, used; /* guest physical addresses of the three parts */
    uint16_t last_avail;   /* avail ring position of the next chain to pop */
    uint16_t used_idx;     /* the device's used idx (what it last published) */
    uint16_t signalled;    /* used_idx when virtq_should_notify last ran */
    uint32_t epoch;        /* bumped by every reset */
} virtq_t;

/* A disabled queue on `phys` (size 0, not ready). */
void virtq_init(virtq_t *q, phys_map_t *phys);
/* Back to the initial state (addresses, size, indices cleared, not ready); epoch advances. */
void virtq_reset(virtq_t *q);
/* Whether `size` is a valid queue size for a queue of at most `max` entries. */
bool virtq_size_ok(uint32_t size, uint32_t max);
/* Checks the size and that each part is aligned and lies wholly in RAM: 0 or -VIRTQ_ERR_*.
 * The transport calls it when the driver sets QueueReady. */
int virtq_check_layout(const virtq_t *q, uint32_t max);
/* Starts using the rings with the negotiated features (last_avail and used_idx from 0). */
void virtq_enable(virtq_t *q, bool event_idx, bool indirect);

/* Pops the next available chain into `e` (whose previous buffers it reuses or frees):
 * 1 if it did, 0 if the queue is empty or not ready, -VIRTQ_ERR_* on a guest error (`e` is then
 * empty; the queue must not be used again until reset). With EVENT_IDX, an empty queue
 * publishes avail_event = last_avail, so the driver's next addition notifies. */
int virtq_pop(virtq_t *q, virtq_elem_t *e);
/* Writes (e->head, len) to the used ring and publishes it. 0, or -VIRTQ_ERR_USED. An element
 * from before the last reset is dropped silently (returns 0). `len` is the number of bytes the
 * device wrote into the writable buffers. */
int virtq_push(virtq_t *q, const virtq_elem_t *e, uint32_t len);
/* Whether the driver wants a used-buffer notification for the elements pushed since the last
 * call (false if none were). Call after a batch of pushes. */
bool virtq_should_notify(virtq_t *q);
/* True if chains are waiting (avail idx != last_avail); false on a ring read error. */
bool virtq_has_avail(virtq_t *q);

/* Copies up to `len` bytes of the element's readable buffers, starting `off` bytes into them,
 * into `dst`; returns the number copied (short at the end of the buffers, or if a DMA fails). */
size_t virtq_elem_read(phys_map_t *phys, const virtq_elem_t *e, uint64_t off, void *dst,
                       size_t len);
/* Copies `len` bytes from `src` into the element's writable buffers, `off` bytes into them;
 * returns the number copied. */
size_t virtq_elem_write(phys_map_t *phys, const virtq_elem_t *e, uint64_t off, const void *src,
                        size_t len);
/* Frees the buffer list (the element can be popped into again). */
void virtq_elem_free(virtq_elem_t *e);

/* A short description of a virtq_err_t (positive value) for logs. */
const char *virtq_strerror(int err);

#endif
