#include "dev/virtio_mmio.h"

#include <inttypes.h>
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "util/util.h"

/* Register offsets (virtio 1.2 §4.2.2, table "MMIO Device Register Layout"). */
enum {
    REG_MAGIC = 0x000,
    REG_VERSION = 0x004,
    REG_DEVICE_ID = 0x008,
    REG_VENDOR_ID = 0x00c,
    REG_DEVICE_FEATURES = 0x010,
    REG_DEVICE_FEATURES_SEL = 0x014,
    REG_DRIVER_FEATURES = 0x020,
    REG_DRIVER_FEATURES_SEL = 0x024,
    REG_QUEUE_SEL = 0x030,
    REG_QUEUE_NUM_MAX = 0x034,
    REG_QUEUE_NUM = 0x038,
    REG_QUEUE_READY = 0x044,
    REG_QUEUE_NOTIFY = 0x050,
    REG_INTERRUPT_STATUS = 0x060,
    REG_INTERRUPT_ACK = 0x064,
    REG_STATUS = 0x070,
    REG_QUEUE_DESC_LOW = 0x080,
    REG_QUEUE_DESC_HIGH = 0x084,
    REG_QUEUE_DRIVER_LOW = 0x090,
    REG_QUEUE_DRIVER_HIGH = 0x094,
    REG_QUEUE_DEVICE_LOW = 0x0a0,
    REG_QUEUE_DEVICE_HIGH = 0x0a4,
    REG_SHM_SEL = 0x0ac,
    REG_SHM_LEN_LOW = 0x0b0,
    REG_SHM_LEN_HIGH = 0x0b4,
    REG_SHM_BASE_LOW = 0x0b8,
    REG_SHM_BASE_HIGH = 0x0bc,
    REG_CONFIG_GENERATION = 0x0fc,
};

#define NREGS (VIRTIO_MMIO_CONFIG / 4)

#define GUEST_ERR(vm, fmt, ...)                                                             \
    log_guest_error((vm)->log, "virtio-mmio@%" PRIx64 " (%s): " fmt "\n", (vm)->base,     \
                    (vm)->ops ? (vm)->ops->name : "empty", ##__VA_ARGS__)

typedef uint32_t (*reg_read_fn)(virtio_mmio_t *vm);
typedef void (*reg_write_fn)(virtio_mmio_t *vm, uint32_t v);

static void update_irq(virtio_mmio_t *vm)
{
    bool level = vm->int_status != 0;
    if (level != vm->irq_level) {
        vm->irq_level = level;
        irq_set(&vm->irq, level);
    }
}

static void raise_int(virtio_mmio_t *vm, uint32_t bits)
{
    vm->int_status |= bits;
    update_irq(vm);
}

void virtio_mmio_set_needs_reset(virtio_mmio_t *vm, const char *why)
{
    GUEST_ERR(vm, "%s: device needs reset", why);
    vm->status |= VIRTIO_STATUS_NEEDS_RESET;
    if (vm->status & VIRTIO_STATUS_DRIVER_OK)
        raise_int(vm, VIRTIO_INT_CONFIG);
}

static bool device_live(const virtio_mmio_t *vm)
{
    return vm->ops && (vm->status & VIRTIO_STATUS_DRIVER_OK) &&
           !(vm->status & VIRTIO_STATUS_NEEDS_RESET);
}

/* The selected queue; *ok false (logged) if QueueSel names none. */
static unsigned sel_queue(virtio_mmio_t *vm, const char *what, bool *ok)
{
    *ok = vm->ops && vm->queue_sel < vm->ops->num_queues;
    if (!*ok)
        GUEST_ERR(vm, "%s of queue %u, which does not exist: ignored", what, vm->queue_sel);
    return vm->queue_sel;
}

/* ---- reads ---- */

static uint32_t rd_magic(virtio_mmio_t *vm) { (void)vm; return VIRTIO_MMIO_MAGIC; }
static uint32_t rd_version(virtio_mmio_t *vm) { (void)vm; return 2; }
static uint32_t rd_device_id(virtio_mmio_t *vm) { return vm->ops ? vm->ops->device_id : 0; }
static uint32_t rd_vendor_id(virtio_mmio_t *vm) { (void)vm; return VIRTIO_MMIO_VENDOR; }
static uint32_t rd_status(virtio_mmio_t *vm) { return vm->status; }
static uint32_t rd_int_status(virtio_mmio_t *vm) { return vm->int_status; }
static uint32_t rd_generation(virtio_mmio_t *vm) { return vm->config_generation; }
static uint32_t rd_shm_none(virtio_mmio_t *vm) { (void)vm; return 0xffffffff; } /* no region */

static uint32_t rd_device_features(virtio_mmio_t *vm)
{
    if (!vm->ops || vm->device_features_sel > 1)
        return 0;
    return (uint32_t)(vm->device_features >> (32 * vm->device_features_sel));
}

static uint32_t rd_queue_num_max(virtio_mmio_t *vm)
{
    /* 0 for a queue that does not exist: how drivers learn the number of queues. */
    return vm->ops && vm->queue_sel < vm->ops->num_queues ? vm->ops->queue_max : 0;
}

static uint32_t rd_queue_ready(virtio_mmio_t *vm)
{
    return vm->ops && vm->queue_sel < vm->ops->num_queues && vm->vq[vm->queue_sel].ready;
}

/* ---- writes ---- */

static void wr_device_features_sel(virtio_mmio_t *vm, uint32_t v) { vm->device_features_sel = v; }
static void wr_driver_features_sel(virtio_mmio_t *vm, uint32_t v) { vm->driver_features_sel = v; }
static void wr_queue_sel(virtio_mmio_t *vm, uint32_t v) { vm->queue_sel = v; }
static void wr_shm_sel(virtio_mmio_t *vm, uint32_t v) { (void)vm; (void)v; }

static void wr_driver_features(virtio_mmio_t *vm, uint32_t v)
{
    if (vm->status & VIRTIO_STATUS_FEATURES_OK) {
        GUEST_ERR(vm, "DriverFeatures written after FEATURES_OK: ignored");
        return;
    }
    uint32_t sel = vm->driver_features_sel;
    if (sel > 1) {
        if (v) /* bits nobody offered: FEATURES_OK will fail */
            vm->bad_features = true;
        return;
    }
    uint64_t mask = 0xffffffffULL << (32 * sel);
    vm->driver_features = (vm->driver_features & ~mask) | ((uint64_t)v << (32 * sel));
}

static void wr_int_ack(virtio_mmio_t *vm, uint32_t v)
{
    vm->int_status &= ~v;
    update_irq(vm);
}

/* Queue set-up registers may only change while the queue is not ready (§4.2.3.2). */
static virtio_queue_regs_t *setup_regs(virtio_mmio_t *vm, const char *what)
{
    bool ok;
    unsigned q = sel_queue(vm, what, &ok);
    if (!ok)
        return NULL;
    if (vm->vq[q].ready) {
        GUEST_ERR(vm, "%s of queue %u while it is ready: ignored", what, q);
        return NULL;
    }
    return &vm->qregs[q];
}

static void wr_queue_num(virtio_mmio_t *vm, uint32_t v)
{
    virtio_queue_regs_t *r = setup_regs(vm, "QueueNum write");
    if (!r)
        return;
    r->num = v;
    if (!virtq_size_ok(v, vm->ops->queue_max)) {
        char why[96];
        snprintf(why, sizeof(why), "queue %u: size %u is not a power of two from 1 to %u",
                 vm->queue_sel, v, vm->ops->queue_max);
        virtio_mmio_set_needs_reset(vm, why);
    }
}

#define DEF_ADDR_WRITE(fn, field, shift)                                    \
    static void fn(virtio_mmio_t *vm, uint32_t v)                           \
    {                                                                       \
        virtio_queue_regs_t *r = setup_regs(vm, #field " address write");   \
        if (r)                                                              \
            r->field = (r->field & ~(0xffffffffULL << shift)) |             \
                       ((uint64_t)v << shift);                              \
    }
DEF_ADDR_WRITE(wr_desc_lo, desc, 0)
DEF_ADDR_WRITE(wr_desc_hi, desc, 32)
DEF_ADDR_WRITE(wr_driver_lo, driver, 0)
DEF_ADDR_WRITE(wr_driver_hi, driver, 32)
DEF_ADDR_WRITE(wr_device_lo, device, 0)
DEF_ADDR_WRITE(wr_device_hi, device, 32)

static void queue_enable(virtio_mmio_t *vm, unsigned q)
{
    if (!(vm->status & VIRTIO_STATUS_FEATURES_OK)) {
        GUEST_ERR(vm, "queue %u made ready before FEATURES_OK: ignored", q);
        return;
    }
    virtq_t *vq = &vm->vq[q];
    const virtio_queue_regs_t *r = &vm->qregs[q];
    vq->size = r->num > VIRTQ_MAX_SIZE ? 0 : (uint16_t)r->num;
    vq->desc = r->desc;
    vq->avail = r->driver;
    vq->used = r->device;
    int err = virtq_check_layout(vq, vm->ops->queue_max);
    if (err) {
        char why[224];
        snprintf(why, sizeof(why), "queue %u (size %u, desc %#" PRIx64 ", driver %#" PRIx64
                 ", device %#" PRIx64 "): %s", q, r->num, r->desc, r->driver, r->device,
                 virtq_strerror(err));
        virtio_mmio_set_needs_reset(vm, why);
        return;
    }
    uint64_t f = vm->driver_features;
    virtq_enable(vq, f & (1ULL << VIRTIO_F_EVENT_IDX), f & (1ULL << VIRTIO_F_INDIRECT_DESC));
}

static void wr_queue_ready(virtio_mmio_t *vm, uint32_t v)
{
    bool ok;
    unsigned q = sel_queue(vm, "QueueReady write", &ok);
    if (!ok)
        return;
    if (!(v & 1)) {
        virtq_reset(&vm->vq[q]); /* the driver takes the queue down */
        return;
    }
    if (!vm->vq[q].ready)
        queue_enable(vm, q);
}

static void wr_queue_notify(virtio_mmio_t *vm, uint32_t v)
{
    if (!vm->ops || v >= vm->ops->num_queues) {
        GUEST_ERR(vm, "notify of queue %u, which does not exist: ignored", v);
        return;
    }
    if (vm->status & VIRTIO_STATUS_NEEDS_RESET)
        return; /* already reported; the queues stay stopped until reset */
    if (!(vm->status & VIRTIO_STATUS_DRIVER_OK)) {
        /* The device may not consume buffers before DRIVER_OK (§3.1): DRIVER_OK
         * notifies every ready queue, so nothing is lost. */
        GUEST_ERR(vm, "notify of queue %u before DRIVER_OK: deferred", v);
        return;
    }
    if (!vm->vq[v].ready) {
        GUEST_ERR(vm, "notify of queue %u, which is not ready: ignored", v);
        return;
    }
    vm->ops->queue_notify(vm->dev, v);
}

static bool features_acceptable(const virtio_mmio_t *vm)
{
    uint64_t f = vm->driver_features;
    return !vm->bad_features && !(f & ~vm->device_features) &&
           (f & (1ULL << VIRTIO_F_VERSION_1));
}

static void do_reset(virtio_mmio_t *vm)
{
    for (unsigned q = 0; q < VIRTIO_MMIO_MAX_QUEUES; q++) {
        virtq_reset(&vm->vq[q]);
        vm->qregs[q] = (virtio_queue_regs_t){0};
    }
    vm->driver_features = 0;
    vm->device_features_sel = vm->driver_features_sel = vm->queue_sel = 0;
    vm->status = vm->int_status = 0;
    vm->bad_features = false;
    update_irq(vm);
    if (vm->ops && vm->ops->reset)
        vm->ops->reset(vm->dev);
}

static void driver_ok(virtio_mmio_t *vm)
{
    if (vm->ops->driver_ok)
        vm->ops->driver_ok(vm->dev);
    for (unsigned q = 0; q < vm->ops->num_queues; q++)
        if (device_live(vm) && vm->vq[q].ready)
            vm->ops->queue_notify(vm->dev, q);
}

/* Status bits only accumulate until a reset (§3.1.1); the device owns NEEDS_RESET. */
static void wr_status(virtio_mmio_t *vm, uint32_t v)
{
    if (v == 0) {
        do_reset(vm);
        return;
    }
    uint32_t old = vm->status, want = v & 0xff & ~VIRTIO_STATUS_NEEDS_RESET;
    if (old & ~want & ~VIRTIO_STATUS_NEEDS_RESET) {
        GUEST_ERR(vm, "Status %#x clears bits of %#x without a reset: ignored", v, old);
        return;
    }
    uint32_t added = want & ~old;
    if ((added & VIRTIO_STATUS_FEATURES_OK) && !features_acceptable(vm)) {
        GUEST_ERR(vm, "driver features %#" PRIx64 " refused (offered %#" PRIx64
                  ", VERSION_1 required): FEATURES_OK not set", vm->driver_features,
                  vm->device_features);
        want &= ~VIRTIO_STATUS_FEATURES_OK;
        added &= ~VIRTIO_STATUS_FEATURES_OK;
    }
    vm->status = want | (old & VIRTIO_STATUS_NEEDS_RESET);
    if ((added & VIRTIO_STATUS_DRIVER_OK) && vm->ops) {
        if (!(want & VIRTIO_STATUS_FEATURES_OK))
            virtio_mmio_set_needs_reset(vm, "DRIVER_OK without FEATURES_OK");
        else
            driver_ok(vm);
    }
}

typedef struct reg_def {
    reg_read_fn read;
    reg_write_fn write;
} reg_def_t;

static const reg_def_t regs[NREGS] = {
    [REG_MAGIC / 4] = {rd_magic, NULL},
    [REG_VERSION / 4] = {rd_version, NULL},
    [REG_DEVICE_ID / 4] = {rd_device_id, NULL},
    [REG_VENDOR_ID / 4] = {rd_vendor_id, NULL},
    [REG_DEVICE_FEATURES / 4] = {rd_device_features, NULL},
    [REG_DEVICE_FEATURES_SEL / 4] = {NULL, wr_device_features_sel},
    [REG_DRIVER_FEATURES / 4] = {NULL, wr_driver_features},
    [REG_DRIVER_FEATURES_SEL / 4] = {NULL, wr_driver_features_sel},
    [REG_QUEUE_SEL / 4] = {NULL, wr_queue_sel},
    [REG_QUEUE_NUM_MAX / 4] = {rd_queue_num_max, NULL},
    [REG_QUEUE_NUM / 4] = {NULL, wr_queue_num},
    [REG_QUEUE_READY / 4] = {rd_queue_ready, wr_queue_ready},
    [REG_QUEUE_NOTIFY / 4] = {NULL, wr_queue_notify},
    [REG_INTERRUPT_STATUS / 4] = {rd_int_status, NULL},
    [REG_INTERRUPT_ACK / 4] = {NULL, wr_int_ack},
    [REG_STATUS / 4] = {rd_status, wr_status},
    [REG_QUEUE_DESC_LOW / 4] = {NULL, wr_desc_lo},
    [REG_QUEUE_DESC_HIGH / 4] = {NULL, wr_desc_hi},
    [REG_QUEUE_DRIVER_LOW / 4] = {NULL, wr_driver_lo},
    [REG_QUEUE_DRIVER_HIGH / 4] = {NULL, wr_driver_hi},
    [REG_QUEUE_DEVICE_LOW / 4] = {NULL, wr_device_lo},
    [REG_QUEUE_DEVICE_HIGH / 4] = {NULL, wr_device_hi},
    [REG_SHM_SEL / 4] = {NULL, wr_shm_sel},
    [REG_SHM_LEN_LOW / 4] = {rd_shm_none, NULL},
    [REG_SHM_LEN_HIGH / 4] = {rd_shm_none, NULL},
    [REG_SHM_BASE_LOW / 4] = {rd_shm_none, NULL},
    [REG_SHM_BASE_HIGH / 4] = {rd_shm_none, NULL},
    [REG_CONFIG_GENERATION / 4] = {rd_generation, NULL},
};

/* Config space: any 1-, 2- or 4-byte access inside the device's config_size. */
static bool config_range_ok(virtio_mmio_t *vm, uint64_t off, unsigned size, const char *what)
{
    unsigned limit = vm->ops ? vm->ops->config_size : 0;
    if (size <= 4 && off + size <= limit)
        return true;
    GUEST_ERR(vm, "%u-byte config %s at %#" PRIx64 " outside its %u bytes: ignored", size, what,
              off, limit);
    return false;
}

static uint64_t config_read(virtio_mmio_t *vm, uint64_t off, unsigned size)
{
    if (!config_range_ok(vm, off, size, "read"))
        return 0;
    uint8_t cfg[VIRTIO_MMIO_CONFIG_MAX] = {0};
    if (vm->ops->config_read)
        vm->ops->config_read(vm->dev, cfg);
    uint32_t v = 0;
    memcpy(&v, cfg + off, size); /* little endian */
    return v;
}

static void config_write(virtio_mmio_t *vm, uint64_t off, unsigned size, uint32_t val)
{
    if (!config_range_ok(vm, off, size, "write"))
        return;
    if (!vm->ops->config_write) {
        GUEST_ERR(vm, "config write at %#" PRIx64 " to read-only config: ignored", off);
        return;
    }
    vm->ops->config_write(vm->dev, (unsigned)off, size, val);
}

static uint64_t vm_read(void *opaque, uint64_t off, unsigned size)
{
    virtio_mmio_t *vm = opaque;
    if (off >= VIRTIO_MMIO_CONFIG)
        return config_read(vm, off - VIRTIO_MMIO_CONFIG, size);
    const reg_def_t *r = &regs[off / 4];
    if (size != 4 || (off & 3) || !r->read) {
        GUEST_ERR(vm, "%u-byte read at %#" PRIx64 ": not a readable register", size, off);
        return 0;
    }
    return r->read(vm);
}

static void vm_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
    virtio_mmio_t *vm = opaque;
    if (off >= VIRTIO_MMIO_CONFIG) {
        config_write(vm, off - VIRTIO_MMIO_CONFIG, size, (uint32_t)val);
        return;
    }
    const reg_def_t *r = &regs[off / 4];
    if (size != 4 || (off & 3) || !r->write) {
        GUEST_ERR(vm, "%u-byte write of %#" PRIx64 " at %#" PRIx64 ": not a writable register",
                  size, val, off);
        return;
    }
    r->write(vm, (uint32_t)val);
}

const mmio_ops_t virtio_mmio_ops = {.read = vm_read, .write = vm_write};

void virtio_mmio_init(virtio_mmio_t *vm, phys_map_t *phys, evloop_t *io, log_ctx_t *log,
                      uint64_t base, irq_line_t irq, unsigned irq_num)
{
    memset(vm, 0, sizeof(*vm));
    lock_init(&vm->lock, LOCK_RANK_DEVICE, "virtio_mmio.lock");
    vm->phys = phys;
    vm->io = io;
    vm->log = log;
    vm->base = base;
    vm->irq = irq;
    vm->irq_num = irq_num;
    for (unsigned q = 0; q < VIRTIO_MMIO_MAX_QUEUES; q++)
        virtq_init(&vm->vq[q], phys);
}

void virtio_mmio_attach(virtio_mmio_t *vm, const virtio_dev_ops_t *ops, void *dev,
                        uint64_t features)
{
    vm->ops = ops;
    vm->dev = dev;
    vm->device_features = features | VIRTIO_TRANSPORT_FEATURES;
}

void virtio_mmio_destroy(virtio_mmio_t *vm)
{
    if (vm->ops && vm->ops->destroy)
        vm->ops->destroy(vm->dev);
    vm->ops = NULL;
    vm->dev = NULL;
    for (unsigned q = 0; q < VIRTIO_MMIO_MAX_QUEUES; q++)
        virtq_reset(&vm->vq[q]);
    lock_destroy(&vm->lock);
}

void virtio_mmio_reset(virtio_mmio_t *vm)
{
    lock_take(&vm->lock);
    do_reset(vm);
    lock_drop(&vm->lock);
}

void virtio_mmio_lock(virtio_mmio_t *vm) { lock_take(&vm->lock); }
void virtio_mmio_unlock(virtio_mmio_t *vm) { lock_drop(&vm->lock); }

bool virtio_mmio_queue_ready(virtio_mmio_t *vm, unsigned q)
{
    return device_live(vm) && q < vm->ops->num_queues && vm->vq[q].ready;
}

int virtio_mmio_pop(virtio_mmio_t *vm, unsigned q, virtq_elem_t *e)
{
    if (!virtio_mmio_queue_ready(vm, q))
        return 0;
    int r = virtq_pop(&vm->vq[q], e);
    if (r >= 0)
        return r;
    char why[128];
    snprintf(why, sizeof(why), "queue %u: %s", q, virtq_strerror(r));
    virtio_mmio_set_needs_reset(vm, why);
    return -1;
}

void virtio_mmio_push(virtio_mmio_t *vm, unsigned q, const virtq_elem_t *e, uint32_t len)
{
    if (!vm->ops || q >= vm->ops->num_queues || (vm->status & VIRTIO_STATUS_NEEDS_RESET))
        return;
    int r = virtq_push(&vm->vq[q], e, len);
    if (r < 0) {
        char why[128];
        snprintf(why, sizeof(why), "queue %u: %s", q, virtq_strerror(r));
        virtio_mmio_set_needs_reset(vm, why);
    }
}

void virtio_mmio_notify(virtio_mmio_t *vm, unsigned q)
{
    if (vm->ops && q < vm->ops->num_queues && virtq_should_notify(&vm->vq[q]))
        raise_int(vm, VIRTIO_INT_USED);
}

bool virtio_mmio_queue_has_avail(virtio_mmio_t *vm, unsigned q)
{
    return virtio_mmio_queue_ready(vm, q) && virtq_has_avail(&vm->vq[q]);
}

uint64_t virtio_mmio_features(const virtio_mmio_t *vm)
{
    return vm->status & VIRTIO_STATUS_FEATURES_OK ? vm->driver_features : 0;
}

void virtio_mmio_config_changed(virtio_mmio_t *vm)
{
    vm->config_generation++;
    if (vm->status & VIRTIO_STATUS_DRIVER_OK)
        raise_int(vm, VIRTIO_INT_CONFIG);
}

int virtio_mmio_fdt(virtio_mmio_t *vm, fdt_ctx_t *ctx)
{
    void *fdt = ctx->fdt;
    fdt64_t reg[2] = {cpu_to_fdt64(vm->base), cpu_to_fdt64(VIRTIO_MMIO_SIZE)};
    char name[40];
    snprintf(name, sizeof(name), "virtio_mmio@%" PRIx64, vm->base);
    int rc = fdt_begin_node(fdt, name);
    rc = rc ? rc : fdt_property_u32(fdt, "interrupts", vm->irq_num);
    rc = rc ? rc : fdt_property_u32(fdt, "interrupt-parent", ctx->plic_phandle);
    rc = rc ? rc : fdt_property(fdt, "reg", reg, sizeof(reg));
    rc = rc ? rc : fdt_property_string(fdt, "compatible", "virtio,mmio");
    return rc ? rc : fdt_end_node(fdt);
}
