/* virtio-mmio transport, version 2 (virtio 1.2 §4.2.2), and the interface virtio devices
 * (blk, net, console, rng) implement.
 *
 * One virtio_mmio_t is one 0x1000-byte register window with one PLIC interrupt. A slot with
 * no device attached reads MagicValue, Version 2 and DeviceID 0, which drivers take as "no
 * device here" (so the board can list every slot in the device tree, as QEMU does).
 *
 * THE DEVICE INTERFACE. A device fills a virtio_dev_ops_t and attaches itself to a slot with
 * virtio_mmio_attach(). The transport owns everything generic: feature negotiation (it offers
 * VIRTIO_F_VERSION_1, INDIRECT_DESC and EVENT_IDX on top of the device's own bits, and accepts
 * FEATURES_OK only for a subset of what it offered that includes VERSION_1), the status
 * machine, queue set-up and validation, interrupt status and the level of the interrupt line
 * (high while InterruptStatus != 0), the config generation, and resets. The device supplies its
 * ID, feature bits, config space and what to do when a queue is notified.
 *
 * LOCKING. Each transport has a lock (`lock`, rank LOCK_RANK_DEVICE) that guards the registers,
 * the virtqueues and whatever device state the device chooses to put under it. It is held:
 *   - during every MMIO handler (the memory map takes it: never the big lock), hence during
 *     ops->config_read/config_write/queue_notify/driver_ok/reset called from a hart;
 *   - by back-end code on the I/O thread around every virtio_mmio_pop/push/notify, taken with
 *     virtio_mmio_lock()/virtio_mmio_unlock().
 * Lock order: transport lock (30) -> a back end's own lock (35) -> PLIC (40) -> tcache (50, DMA
 * into code pages) -> event loop (60, scheduling bottom halves) -> log (80). So code holding a
 * back end's lock must not take the transport lock; drop it first.
 *
 * NO HOST I/O ON A HART. ops->queue_notify runs on the notifying hart's thread with the lock
 * held: it must only record the notification and schedule work (evloop_bh_schedule on
 * virtio_mmio.io). The bottom half then, on the I/O thread:
 *     virtio_mmio_lock(vm);
 *     while ((r = virtio_mmio_pop(vm, q, &e)) > 0) { ...fill or consume e...;
 *                                                    virtio_mmio_push(vm, q, &e, written); }
 *     virtio_mmio_notify(vm, q);   // interrupt if the driver wants one (EVENT_IDX aware)
 *     virtio_mmio_unlock(vm);
 * A back end with slow I/O pops under the lock, drops it for the I/O (elements hold guest
 * addresses, not host pointers: copy with virtq_elem_read/virtq_elem_write, lock not needed),
 * then retakes it to push and notify. Pushing an element popped before a reset is a no-op.
 *
 * GUEST ERRORS never crash: they are logged under `-d guest_errors` (rate-limited) and either
 * ignored (writes in the wrong state, bad offsets or sizes) or put the device into
 * DEVICE_NEEDS_RESET (bad queue layout, bad descriptor chains: see virtq_err_t), which also
 * raises the configuration-change interrupt once DRIVER_OK is set and stops all queue
 * processing (virtio_mmio_pop returns 0) until the driver resets the device. */
#ifndef DEV_VIRTIO_MMIO_H
#define DEV_VIRTIO_MMIO_H

#include <stdbool.h>
#include <stdint.h>

#include "dev/device.h"
#include "dev/virtqueue.h"
#include "mem/phys.h"
#include "util/evloop.h"
#include "util/lock.h"
#include "util/log.h"

#define VIRTIO_MMIO_SIZE 0x1000
#define VIRTIO_MMIO_CONFIG 0x100      /* device-specific config space starts here */
#define VIRTIO_MMIO_CONFIG_MAX 0x100  /* bytes of config space a device may have */
#define VIRTIO_MMIO_MAX_QUEUES 8
#define VIRTIO_MMIO_MAGIC 0x74726976  /* "virt" */
#define VIRTIO_MMIO_VENDOR 0x50594850 /* "PHYP" */

/* Device status bits (§2.1). */
#define VIRTIO_STATUS_ACKNOWLEDGE 1
#define VIRTIO_STATUS_DRIVER 2
#define VIRTIO_STATUS_DRIVER_OK 4
#define VIRTIO_STATUS_FEATURES_OK 8
#define VIRTIO_STATUS_NEEDS_RESET 64
#define VIRTIO_STATUS_FAILED 128

/* InterruptStatus bits. */
#define VIRTIO_INT_USED 1
#define VIRTIO_INT_CONFIG 2

/* Reserved feature bits (§6) the transport handles. */
#define VIRTIO_F_INDIRECT_DESC 28
#define VIRTIO_F_EVENT_IDX 29
#define VIRTIO_F_VERSION_1 32
#define VIRTIO_TRANSPORT_FEATURES                                                    \
    ((1ULL << VIRTIO_F_INDIRECT_DESC) | (1ULL << VIRTIO_F_EVENT_IDX) |             \
     (1ULL << VIRTIO_F_VERSION_1))

/* Device IDs (§5). */
#define VIRTIO_ID_NET 1
#define VIRTIO_ID_BLOCK 2
#define VIRTIO_ID_CONSOLE 3
#define VIRTIO_ID_RNG 4

typedef struct virtio_mmio virtio_mmio_t;

/* What a virtio device implements. Every callback runs with the transport lock held (on a
 * hart's thread for MMIO, on whatever thread called virtio_mmio_reset otherwise) and gets the
 * `dev` pointer given to virtio_mmio_attach. Optional ones may be NULL. */
typedef struct virtio_dev_ops {
    const char *name;        /* for logs: "virtio-rng" */
    uint32_t device_id;      /* VIRTIO_ID_* */
    unsigned num_queues;     /* 1 .. VIRTIO_MMIO_MAX_QUEUES */
    uint16_t queue_max;      /* QueueNumMax of every queue (a power of two) */
    unsigned config_size;    /* bytes of config space, 0 .. VIRTIO_MMIO_CONFIG_MAX */
    /* Writes the current config space (config_size bytes, little endian) into `cfg`.
     * Optional when config_size is 0. */
    void (*config_read)(void *dev, uint8_t *cfg);
    /* The driver wrote `size` bytes (1, 2 or 4) of `val` at config offset `off` (already
     * checked to lie inside config_size). Optional: without it, config writes are logged and
     * ignored. */
    void (*config_write)(void *dev, unsigned off, unsigned size, uint32_t val);
    /* Queue `q` was notified (q < num_queues, the queue is ready, DRIVER_OK is set and the
     * device is not in NEEDS_RESET). On a hart's thread: record and schedule, no host I/O. */
    void (*queue_notify)(void *dev, unsigned q);
    /* Optional: the driver set DRIVER_OK; queues may already hold buffers (e.g. receive
     * buffers to fill), so a device that waits for notifications should schedule its work. */
    void (*driver_ok)(void *dev);
    /* Optional: the device is being reset (driver wrote 0 to Status, or machine reset). The
     * queues are already disabled; drop per-reset device state. Work in flight on the I/O
     * thread finds its elements stale (virtio_mmio_push ignores them). */
    void (*reset)(void *dev);
    /* Optional: frees the device (virtio_mmio_destroy, no lock held). The board stops the I/O
     * thread first, so no callback of the device runs any more; evloop_bh_free and friends
     * still work on a stopped loop. */
    void (*destroy)(void *dev);
} virtio_dev_ops_t;

typedef struct virtio_queue_regs {
    uint32_t num;       /* QueueNum as written (validated on QueueReady) */
    uint64_t desc, driver, device;
} virtio_queue_regs_t;

struct virtio_mmio {
    lock_t lock; /* the transport lock: every field below, the queues, the device's notify */
    phys_map_t *phys;
    evloop_t *io; /* the I/O thread devices schedule their work on (may be NULL in tests) */
    log_ctx_t *log;
    irq_line_t irq;
    uint64_t base;
    unsigned irq_num;
    const virtio_dev_ops_t *ops; /* NULL: empty slot */
    void *dev;
    uint64_t device_features;    /* offered: device bits | VIRTIO_TRANSPORT_FEATURES */
    uint64_t driver_features;    /* as written by the driver; negotiated once FEATURES_OK */
    uint32_t device_features_sel, driver_features_sel, queue_sel;
    uint32_t status, int_status, config_generation;
    bool irq_level;
    bool bad_features;           /* a bit beyond 64 was written: FEATURES_OK must fail */
    virtio_queue_regs_t qregs[VIRTIO_MMIO_MAX_QUEUES];
    virtq_t vq[VIRTIO_MMIO_MAX_QUEUES];
};

/* An empty slot at `base` raising `irq`. Does not map it: the board adds the region with
 * phys_add_mmio(..., &virtio_mmio_ops, vm, &vm->lock). */
void virtio_mmio_init(virtio_mmio_t *vm, phys_map_t *phys, evloop_t *io, log_ctx_t *log,
                      uint64_t base, irq_line_t irq, unsigned irq_num);
/* Puts a device into an empty slot (before the guest runs). `features` are the device's own
 * feature bits (bits 0-23 and any of 38+ it handles); the transport adds its own. */
void virtio_mmio_attach(virtio_mmio_t *vm, const virtio_dev_ops_t *ops, void *dev,
                        uint64_t features);
/* Destroys the attached device (ops->destroy) and the transport. */
void virtio_mmio_destroy(virtio_mmio_t *vm);
/* Machine reset: as if the driver wrote 0 to Status. Takes the lock. */
void virtio_mmio_reset(virtio_mmio_t *vm);
/* Writes the "virtio,mmio" node (libfdt sequential-write mode, inside /soc with
 * #address-cells and #size-cells 2). 0 or a negative libfdt error. */
int virtio_mmio_fdt(virtio_mmio_t *vm, fdt_ctx_t *ctx);
extern const mmio_ops_t virtio_mmio_ops;

/* For back ends (I/O thread). */
void virtio_mmio_lock(virtio_mmio_t *vm);
void virtio_mmio_unlock(virtio_mmio_t *vm);

/* The rest require the transport lock. */

/* Pops the next chain of queue q: 1 (element in `e`), 0 (nothing: queue empty or not ready,
 * DRIVER_OK not set, or the device needs a reset), -1 (guest error: logged, device now in
 * NEEDS_RESET). */
int virtio_mmio_pop(virtio_mmio_t *vm, unsigned q, virtq_elem_t *e);
/* Returns `e` to the driver with `len` bytes written (stale elements are dropped). */
void virtio_mmio_push(virtio_mmio_t *vm, unsigned q, const virtq_elem_t *e, uint32_t len);
/* Raises the used-buffer interrupt if anything was pushed on q since the last call and the
 * driver asks for it (EVENT_IDX used_event, or not VIRTQ_AVAIL_F_NO_INTERRUPT). */
void virtio_mmio_notify(virtio_mmio_t *vm, unsigned q);
/* True if queue q is ready for use (DRIVER_OK, not broken, QueueReady). */
bool virtio_mmio_queue_ready(virtio_mmio_t *vm, unsigned q);
/* True if queue q has chains waiting (without popping them). */
bool virtio_mmio_queue_has_avail(virtio_mmio_t *vm, unsigned q);
/* Negotiated features (valid once FEATURES_OK is set). */
uint64_t virtio_mmio_features(const virtio_mmio_t *vm);
/* The device changed its config space: bump ConfigGeneration, raise the config interrupt
 * (once DRIVER_OK is set). */
void virtio_mmio_config_changed(virtio_mmio_t *vm);
/* The device hit an unrecoverable guest error: log `why`, set DEVICE_NEEDS_RESET, raise the
 * config interrupt (if DRIVER_OK), stop queue processing. */
void virtio_mmio_set_needs_reset(virtio_mmio_t *vm, const char *why);

#endif
