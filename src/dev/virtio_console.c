#include "dev/virtio_console.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK 4096    /* bytes moved per step in either direction */
#define TX_BUDGET 64  /* chains per bottom-half run */

struct virtio_console {
    virtio_mmio_t *vm;
    chardev_t *chr;          /* set before the guest runs; NULL: output dropped, no input */
    evloop_bh_t *rx_bh, *tx_bh;
    /* transport lock: */
    virtq_elem_t rx_elem;    /* a receive chain popped for the next input */
    bool rx_held;
    virtq_elem_t tx_elem;    /* the transmit chain being written out */
    bool tx_held;
    uint64_t tx_off;         /* bytes of tx_elem already written */
};

/* ---- input (I/O thread, chardev callbacks) ------------------------------------------- */

static size_t con_can_read(void *opaque)
{
    virtio_console_t *c = opaque;
    virtio_mmio_t *vm = c->vm;
    size_t n = 0;
    virtio_mmio_lock(vm);
    if (!c->rx_held && virtio_mmio_pop(vm, VIRTIO_CONSOLE_RXQ, &c->rx_elem) > 0) {
        if (c->rx_elem.nread)
            virtio_mmio_set_needs_reset(vm, "receive chain has device-readable buffers");
        else
            c->rx_held = true;
    }
    if (c->rx_held)
        n = c->rx_elem.write_len < CHUNK ? (size_t)c->rx_elem.write_len : CHUNK;
    virtio_mmio_unlock(vm);
    return n;
}

static void con_read(void *opaque, const uint8_t *buf, size_t len)
{
    virtio_console_t *c = opaque;
    virtio_mmio_t *vm = c->vm;
    virtio_mmio_lock(vm);
    if (c->rx_held) { /* else a reset came in between: the input is lost with the queue */
        size_t put = virtq_elem_write(vm->phys, &c->rx_elem, 0, buf, len);
        virtio_mmio_push(vm, VIRTIO_CONSOLE_RXQ, &c->rx_elem, (uint32_t)put);
        c->rx_held = false;
        virtio_mmio_notify(vm, VIRTIO_CONSOLE_RXQ);
    }
    virtio_mmio_unlock(vm);
}

static void con_writable(void *opaque)
{
    virtio_console_t *c = opaque;
    evloop_bh_schedule(c->tx_bh);
}

static const chardev_frontend_t con_frontend = {
    .can_read = con_can_read,
    .read = con_read,
    .writable = con_writable,
};

static void rx_bh(void *opaque)
{
    virtio_console_t *c = opaque;
    if (c->chr)
        chardev_accept_input(c->chr);
}

/* ---- output (I/O thread) ------------------------------------------------------------- */

/* Makes sure a transmit chain is held; false if there is none (or the device broke). */
static bool tx_hold(virtio_console_t *c)
{
    if (c->tx_held)
        return true;
    if (virtio_mmio_pop(c->vm, VIRTIO_CONSOLE_TXQ, &c->tx_elem) <= 0)
        return false;
    if (c->tx_elem.nwrite) {
        virtio_mmio_set_needs_reset(c->vm, "transmit chain has device-writable buffers");
        return false;
    }
    c->tx_held = true;
    c->tx_off = 0;
    return true;
}

static void tx_bh(void *opaque)
{
    virtio_console_t *c = opaque;
    virtio_mmio_t *vm = c->vm;
    uint8_t buf[CHUNK];
    unsigned chains = 0;
    virtio_mmio_lock(vm);
    while (chains < TX_BUDGET && tx_hold(c)) {
        uint64_t left = c->tx_elem.read_len - c->tx_off;
        size_t want = left < CHUNK ? (size_t)left : CHUNK;
        size_t got = virtq_elem_read(vm->phys, &c->tx_elem, c->tx_off, buf, want);
        virtio_mmio_unlock(vm);
        size_t taken = c->chr ? chardev_write(c->chr, buf, got) : got;
        virtio_mmio_lock(vm);
        if (!c->tx_held)
            continue; /* reset while unlocked */
        c->tx_off += taken;
        if (taken < got)
            break; /* the chardev is full: con_writable reschedules us */
        if (c->tx_off >= c->tx_elem.read_len || got < want) {
            virtio_mmio_push(vm, VIRTIO_CONSOLE_TXQ, &c->tx_elem, 0);
            c->tx_held = false;
            chains++;
        }
    }
    if (chains == TX_BUDGET)
        evloop_bh_schedule(c->tx_bh);
    virtio_mmio_notify(vm, VIRTIO_CONSOLE_TXQ);
    virtio_mmio_unlock(vm);
}

/* ---- device interface (transport lock held) ------------------------------------------ */

static void con_notify(void *dev, unsigned q)
{
    virtio_console_t *c = dev;
    evloop_bh_schedule(q == VIRTIO_CONSOLE_TXQ ? c->tx_bh : c->rx_bh);
}

static void con_config_read(void *dev, uint8_t *cfg)
{
    (void)dev;
    memset(cfg, 0, 12); /* cols, rows (no SIZE), max_nr_ports (no MULTIPORT), emerg_wr */
}

static void con_reset(void *dev)
{
    virtio_console_t *c = dev;
    c->rx_held = false;
    c->tx_held = false;
}

static void con_destroy(void *dev)
{
    virtio_console_t *c = dev;
    evloop_bh_free(c->rx_bh);
    evloop_bh_free(c->tx_bh);
    chardev_free(c->chr);
    virtq_elem_free(&c->rx_elem);
    virtq_elem_free(&c->tx_elem);
    free(c);
}

static const virtio_dev_ops_t con_ops = {
    .name = "virtio-console",
    .device_id = VIRTIO_ID_CONSOLE,
    .num_queues = 2,
    .queue_max = VIRTIO_CONSOLE_QUEUE_SIZE,
    .config_size = 12,
    .config_read = con_config_read,
    .queue_notify = con_notify,
    .reset = con_reset,
    .destroy = con_destroy,
};

virtio_console_t *virtio_console_create(virtio_mmio_t *vm)
{
    virtio_console_t *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    c->vm = vm;
    c->rx_bh = evloop_bh_new(vm->io, rx_bh, c);
    c->tx_bh = evloop_bh_new(vm->io, tx_bh, c);
    if (!c->rx_bh || !c->tx_bh) {
        con_destroy(c);
        return NULL;
    }
    virtio_mmio_attach(vm, &con_ops, c, 0);
    return c;
}

void virtio_console_set_chardev(virtio_console_t *c, chardev_t *chr)
{
    c->chr = chr;
    chardev_attach(chr, &con_frontend, c);
}

bool virtio_console_has_chardev(const virtio_console_t *c)
{
    return c->chr != NULL;
}
