/* virtio-blk (virtio 1.2 §5.2): a disk backed by a raw image file on the host (dev/blk_file.h).
 *
 * One request queue of VIRTIO_BLK_QUEUE_SIZE entries. Features offered: SEG_MAX, BLK_SIZE
 * (512), FLUSH (when the cache mode leaves writes volatile: writeback, none, unsafe), RO (for
 * readonly drives), DISCARD and WRITE_ZEROES (writable drives), plus the transport's
 * VERSION_1, INDIRECT_DESC and EVENT_IDX. Requests: IN, OUT, FLUSH, GET_ID, DISCARD,
 * WRITE_ZEROES; anything else gets VIRTIO_BLK_S_UNSUPP.
 *
 * VALIDATION. A chain without a readable 16-byte header or without a writable status byte
 * cannot be answered: the device goes to DEVICE_NEEDS_RESET (logged under -d guest_errors).
 * Otherwise the request is answered with a status: IOERR for a data direction that does not
 * match the type (data readable for IN, writable for OUT, any data for FLUSH), a data length
 * that is not a multiple of 512 (IN, OUT) or of 16 (DISCARD, WRITE_ZEROES segments), a sector
 * range beyond the capacity, too many segments or sectors, a write to a readonly drive, and
 * any host I/O error (ENOSPC, EIO, EFBIG...); UNSUPP for unknown types, unknown segment flags,
 * or the unmap flag on a DISCARD.
 *
 * THREADS AND LOCKS. queue_notify (a hart, transport lock held) only schedules the device's
 * bottom half on the I/O thread. The bottom half pops one request at a time under the
 * transport lock, drops the lock for the request's host I/O (pread/pwrite through a bounce
 * buffer, fdatasync, fallocate), then retakes it to push the element and notify. Guest memory
 * is only touched in short sections under `dma_lock` (rank LOCK_RANK_BACKEND), each checking
 * that no reset happened since the pop: a reset (transport lock held) takes `dma_lock` and
 * bumps `reset_gen`, so once it returns the device writes no byte of guest memory for a
 * request from before the reset, and never waits for disk I/O while doing so.
 *
 * DURABILITY. A write is acknowledged only once all of it is in the file; with a volatile
 * cache it is stable after a later FLUSH completes; if the driver did not accept the FLUSH
 * feature we offered, every write is followed by fdatasync before it completes (virtio 1.2
 * §5.2.6.1: writes are then stable on completion). */
#ifndef DEV_VIRTIO_BLK_H
#define DEV_VIRTIO_BLK_H

#include <stddef.h>
#include <stdint.h>

#include "dev/blk_file.h"
#include "dev/virtio_mmio.h"

#define VIRTIO_BLK_QUEUE_SIZE 1024

/* Feature bits (§5.2.3). */
#define VIRTIO_BLK_F_SIZE_MAX 1
#define VIRTIO_BLK_F_SEG_MAX 2
#define VIRTIO_BLK_F_RO 5
#define VIRTIO_BLK_F_BLK_SIZE 6
#define VIRTIO_BLK_F_FLUSH 9
#define VIRTIO_BLK_F_DISCARD 13
#define VIRTIO_BLK_F_WRITE_ZEROES 14

/* Request types and status values (§5.2.6). */
#define VIRTIO_BLK_T_IN 0
#define VIRTIO_BLK_T_OUT 1
#define VIRTIO_BLK_T_FLUSH 4
#define VIRTIO_BLK_T_GET_ID 8
#define VIRTIO_BLK_T_DISCARD 11
#define VIRTIO_BLK_T_WRITE_ZEROES 13
#define VIRTIO_BLK_S_OK 0
#define VIRTIO_BLK_S_IOERR 1
#define VIRTIO_BLK_S_UNSUPP 2
#define VIRTIO_BLK_WZ_F_UNMAP 1 /* struct virtio_blk_discard_write_zeroes.flags */

/* Config space offsets (struct virtio_blk_config) and the size we expose. */
#define VIRTIO_BLK_CFG_CAPACITY 0
#define VIRTIO_BLK_CFG_SEG_MAX 12
#define VIRTIO_BLK_CFG_BLK_SIZE 20
#define VIRTIO_BLK_CFG_MAX_DISCARD_SECTORS 36
#define VIRTIO_BLK_CFG_MAX_DISCARD_SEG 40
#define VIRTIO_BLK_CFG_DISCARD_ALIGN 44
#define VIRTIO_BLK_CFG_MAX_WZ_SECTORS 48
#define VIRTIO_BLK_CFG_MAX_WZ_SEG 52
#define VIRTIO_BLK_CFG_WZ_MAY_UNMAP 56
#define VIRTIO_BLK_CFG_SIZE 60

/* Limits we advertise. */
#define VIRTIO_BLK_SEG_MAX (VIRTIO_BLK_QUEUE_SIZE - 2)
#define VIRTIO_BLK_MAX_DISCARD_SECTORS (1u << 22) /* 2 GiB per segment */
#define VIRTIO_BLK_MAX_WZ_SECTORS (1u << 16)      /* 32 MiB: may be written as zeroes */
#define VIRTIO_BLK_MAX_DWZ_SEG 32
#define VIRTIO_BLK_DISCARD_ALIGN 8                /* sectors: the host's 4 KiB pages */
#define VIRTIO_BLK_BOUNCE (1u << 20)              /* bytes of host I/O per step */

typedef struct virtio_blk virtio_blk_t;

/* Opens the drive's image (blk_file_open) and puts the device into the empty slot `vm`, whose
 * I/O loop (vm->io) must exist. NULL with a one-line reason. Freed by virtio_mmio_destroy. */
virtio_blk_t *virtio_blk_create(virtio_mmio_t *vm, const blk_conf_t *c, char *err,
                                size_t errlen);
/* Processes every request waiting in the queue now, on the calling thread (the bottom half's
 * body; unit tests call it directly). Takes the transport lock itself: call with no lock. */
void virtio_blk_process(virtio_blk_t *b);

#endif
