#include "dev/virtio_net.h"

#include <stdlib.h>
#include <string.h>

#include "dev/net_offload.h"

#define TX_BUDGET 256 /* chains per bottom-half run before yielding to other work */
#define ETH_HLEN 14

typedef struct rx_frame {
    uint8_t *data;
    size_t len;
} rx_frame_t;

/* Frames waiting for receive buffers: a ring, oldest at `head` (transport lock). */
typedef struct rx_backlog {
    rx_frame_t f[VIRTIO_NET_BACKLOG_FRAMES];
    unsigned head, count;
    size_t bytes;
} rx_backlog_t;

struct virtio_net {
    virtio_mmio_t *vm;
    uint8_t mac[6];
    net_peer_t peer;          /* set before the guest runs, then read-only */
    evloop_bh_t *tx_bh, *rx_bh;
    uint8_t *tx_frame;        /* I/O thread only: the frame being sent */
    uint8_t *tx_seg;          /* I/O thread only: one TSO segment */
    rx_backlog_t backlog;     /* transport lock */
    virtio_net_stats_t stats; /* transport lock */
};

typedef enum { RX_DONE, RX_NO_BUF, RX_DROPPED } rx_result_t;

static void put_le16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static uint16_t get_le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

static bool negotiated(virtio_net_t *n, unsigned bit)
{
    return (virtio_mmio_features(n->vm) >> bit) & 1;
}

/* ---- receive (lock held) ------------------------------------------------------------- */

/* Puts one frame into the next receive chain. */
static rx_result_t rx_deliver(virtio_net_t *n, const uint8_t *frame, size_t len)
{
    virtio_mmio_t *vm = n->vm;
    virtq_elem_t e = {0};
    int r = virtio_mmio_pop(vm, VIRTIO_NET_RXQ, &e);
    if (r <= 0)
        return r == 0 ? RX_NO_BUF : RX_DROPPED;
    rx_result_t res = RX_DONE;
    if (e.nread) {
        virtio_mmio_set_needs_reset(vm, "receive chain has device-readable buffers");
        res = RX_DROPPED;
    } else if (e.write_len < VIRTIO_NET_HDR_LEN + len) {
        log_guest_error(vm->log, "virtio-net: receive chain of %llu bytes is too small for a "
                        "%zu-byte frame: frame dropped\n", (unsigned long long)e.write_len,
                        len + VIRTIO_NET_HDR_LEN);
        virtio_mmio_push(vm, VIRTIO_NET_RXQ, &e, 0);
        res = RX_DROPPED;
    } else {
        uint8_t hdr[VIRTIO_NET_HDR_LEN] = {0};
        if (negotiated(n, VIRTIO_NET_F_GUEST_CSUM))
            hdr[0] = VIRTIO_NET_HDR_F_DATA_VALID; /* the back end's checksums are correct */
        put_le16(hdr + 10, 1);                    /* num_buffers */
        size_t put = virtq_elem_write(vm->phys, &e, 0, hdr, sizeof(hdr));
        put += virtq_elem_write(vm->phys, &e, sizeof(hdr), frame, len);
        virtio_mmio_push(vm, VIRTIO_NET_RXQ, &e, (uint32_t)put);
    }
    virtq_elem_free(&e);
    return res;
}

static void backlog_drop_head(rx_backlog_t *b)
{
    rx_frame_t *f = &b->f[b->head];
    b->bytes -= f->len;
    free(f->data);
    f->data = NULL;
    b->head = (b->head + 1) % VIRTIO_NET_BACKLOG_FRAMES;
    b->count--;
}

static void backlog_clear(rx_backlog_t *b)
{
    while (b->count)
        backlog_drop_head(b);
}

static bool backlog_add(rx_backlog_t *b, const uint8_t *frame, size_t len)
{
    if (b->count == VIRTIO_NET_BACKLOG_FRAMES || b->bytes + len > VIRTIO_NET_BACKLOG_BYTES)
        return false;
    uint8_t *copy = malloc(len);
    if (!copy)
        return false;
    memcpy(copy, frame, len);
    b->f[(b->head + b->count) % VIRTIO_NET_BACKLOG_FRAMES] = (rx_frame_t){copy, len};
    b->count++;
    b->bytes += len;
    return true;
}

/* Moves backlogged frames into receive chains while there are chains. */
static void backlog_drain(virtio_net_t *n)
{
    rx_backlog_t *b = &n->backlog;
    while (b->count) {
        rx_frame_t *f = &b->f[b->head];
        rx_result_t r = rx_deliver(n, f->data, f->len);
        if (r == RX_NO_BUF)
            break;
        if (r == RX_DONE)
            n->stats.rx_frames++;
        else
            n->stats.rx_dropped++;
        backlog_drop_head(b);
    }
}

void virtio_net_receive(virtio_net_t *n, const uint8_t *frame, size_t len)
{
    virtio_mmio_t *vm = n->vm;
    virtio_mmio_lock(vm);
    if (!virtio_mmio_queue_ready(vm, VIRTIO_NET_RXQ)) {
        n->stats.rx_dropped++; /* no driver: the link is effectively down */
    } else {
        backlog_drain(n);
        rx_result_t r = n->backlog.count ? RX_NO_BUF : rx_deliver(n, frame, len);
        if (r == RX_NO_BUF) {
            if (backlog_add(&n->backlog, frame, len))
                n->stats.rx_backlogged++;
            else
                n->stats.rx_dropped++;
        } else if (r == RX_DONE) {
            n->stats.rx_frames++;
        } else {
            n->stats.rx_dropped++;
        }
        virtio_mmio_notify(vm, VIRTIO_NET_RXQ);
    }
    virtio_mmio_unlock(vm);
}

static void rx_bh(void *opaque)
{
    virtio_net_t *n = opaque;
    virtio_mmio_lock(n->vm);
    backlog_drain(n);
    virtio_mmio_notify(n->vm, VIRTIO_NET_RXQ);
    virtio_mmio_unlock(n->vm);
}

/* ---- transmit (I/O thread) ----------------------------------------------------------- */

static void peer_emit(void *opaque, const uint8_t *frame, size_t len)
{
    virtio_net_t *n = opaque;
    if (n->peer.send)
        n->peer.send(n->peer.opaque, frame, len);
}

/* Copies the frame of a transmit chain into n->tx_frame and applies the header's checksum
 * request. The frame length, 0 if the chain is to be dropped, -1 if the device must reset.
 * Lock held; *hdr receives the header. */
static long tx_load(virtio_net_t *n, const virtq_elem_t *e, uint8_t hdr[VIRTIO_NET_HDR_LEN])
{
    virtio_mmio_t *vm = n->vm;
    if (e->nwrite) {
        virtio_mmio_set_needs_reset(vm, "transmit chain has device-writable buffers");
        return -1;
    }
    if (e->read_len < VIRTIO_NET_HDR_LEN + ETH_HLEN ||
        e->read_len > VIRTIO_NET_HDR_LEN + VIRTIO_NET_MAX_FRAME) {
        log_guest_error(vm->log, "virtio-net: transmit chain of %llu bytes (header %d, frame "
                        "%d to %d bytes): dropped\n", (unsigned long long)e->read_len,
                        VIRTIO_NET_HDR_LEN, ETH_HLEN, VIRTIO_NET_MAX_FRAME);
        return 0;
    }
    size_t len = (size_t)e->read_len - VIRTIO_NET_HDR_LEN;
    if (virtq_elem_read(vm->phys, e, 0, hdr, VIRTIO_NET_HDR_LEN) != VIRTIO_NET_HDR_LEN ||
        virtq_elem_read(vm->phys, e, VIRTIO_NET_HDR_LEN, n->tx_frame, len) != len)
        return 0; /* buffers were checked when popped; a failure means RAM vanished */
    /* A TSO frame gets its checksums computed afresh in tx_send (per segment, or whole). */
    if ((hdr[0] & VIRTIO_NET_HDR_F_NEEDS_CSUM) && hdr[1] == VIRTIO_NET_HDR_GSO_NONE) {
        size_t start = get_le16(hdr + 6), off = get_le16(hdr + 8);
        if (!negotiated(n, VIRTIO_NET_F_CSUM) || !net_csum_complete(n->tx_frame, len, start, off)) {
            log_guest_error(vm->log, "virtio-net: bad checksum request (start %zu, offset %zu, "
                            "frame %zu bytes): dropped\n", start, off, len);
            return 0;
        }
    }
    return (long)len;
}

/* Hands a loaded frame to the peer, segmenting it if the header asks for TSO. No lock. */
static bool tx_send(virtio_net_t *n, const uint8_t hdr[VIRTIO_NET_HDR_LEN], size_t len)
{
    uint8_t gso = hdr[1] & (uint8_t)~VIRTIO_NET_HDR_GSO_ECN;
    if (gso == VIRTIO_NET_HDR_GSO_NONE) {
        peer_emit(n, n->tx_frame, len);
        return true;
    }
    if (gso != VIRTIO_NET_HDR_GSO_TCPV4 || get_le16(hdr + 4) == 0)
        return false;
    if (n->peer.large_segments) {
        if (!net_tcp4_checksum(n->tx_frame, len))
            return false;
        peer_emit(n, n->tx_frame, len);
        return true;
    }
    return net_tso4_segment(n->tx_frame, len, get_le16(hdr + 4), n->tx_seg,
                            VIRTIO_NET_MAX_FRAME, peer_emit, n);
}

static void tx_bh(void *opaque)
{
    virtio_net_t *n = opaque;
    virtio_mmio_t *vm = n->vm;
    virtq_elem_t e = {0};
    uint8_t hdr[VIRTIO_NET_HDR_LEN];
    unsigned done = 0;
    virtio_mmio_lock(vm);
    while (virtio_mmio_pop(vm, VIRTIO_NET_TXQ, &e) > 0) {
        memset(hdr, 0, sizeof(hdr));
        long len = tx_load(n, &e, hdr);
        if (len < 0)
            break;
        bool gso_ok = hdr[1] == VIRTIO_NET_HDR_GSO_NONE || negotiated(n, VIRTIO_NET_F_HOST_TSO4);
        virtio_mmio_push(vm, VIRTIO_NET_TXQ, &e, 0);
        virtio_mmio_unlock(vm);
        bool sent = len > 0 && gso_ok && tx_send(n, hdr, (size_t)len);
        virtio_mmio_lock(vm);
        if (len > 0 && !sent)
            log_guest_error(vm->log, "virtio-net: bad segmentation request (gso_type %u, "
                            "gso_size %u): dropped\n", hdr[1], get_le16(hdr + 4));
        if (sent)
            n->stats.tx_frames++;
        else
            n->stats.tx_dropped++;
        if (++done == TX_BUDGET) { /* let the loop serve others; finish later */
            evloop_bh_schedule(n->tx_bh);
            break;
        }
    }
    virtio_mmio_notify(vm, VIRTIO_NET_TXQ);
    virtio_mmio_unlock(vm);
    virtq_elem_free(&e);
}

/* ---- device interface (transport lock held) ------------------------------------------ */

static void net_notify(void *dev, unsigned q)
{
    virtio_net_t *n = dev;
    evloop_bh_schedule(q == VIRTIO_NET_TXQ ? n->tx_bh : n->rx_bh);
}

static void net_config_read(void *dev, uint8_t *cfg)
{
    virtio_net_t *n = dev;
    memcpy(cfg, n->mac, 6);
    put_le16(cfg + 6, VIRTIO_NET_S_LINK_UP);
    put_le16(cfg + 8, 1);    /* max_virtqueue_pairs (meaningful with MQ only) */
    put_le16(cfg + 10, 1500); /* mtu (meaningful with MTU only) */
}

static void net_reset(void *dev)
{
    virtio_net_t *n = dev;
    backlog_clear(&n->backlog);
}

static void net_destroy(void *dev)
{
    virtio_net_t *n = dev;
    evloop_bh_free(n->tx_bh); /* no more sends to the peer */
    if (n->peer.destroy)
        n->peer.destroy(n->peer.opaque); /* no more receives from it */
    evloop_bh_free(n->rx_bh);
    backlog_clear(&n->backlog);
    free(n->tx_frame);
    free(n->tx_seg);
    free(n);
}

static const virtio_dev_ops_t net_ops = {
    .name = "virtio-net",
    .device_id = VIRTIO_ID_NET,
    .num_queues = 2,
    .queue_max = VIRTIO_NET_QUEUE_SIZE,
    .config_size = 12,
    .config_read = net_config_read,
    .queue_notify = net_notify,
    .reset = net_reset,
    .destroy = net_destroy,
};

virtio_net_t *virtio_net_create(virtio_mmio_t *vm, const uint8_t mac[6])
{
    virtio_net_t *n = calloc(1, sizeof(*n));
    if (!n)
        return NULL;
    n->vm = vm;
    memcpy(n->mac, mac, 6);
    n->tx_frame = malloc(VIRTIO_NET_MAX_FRAME);
    n->tx_seg = malloc(VIRTIO_NET_MAX_FRAME);
    n->tx_bh = evloop_bh_new(vm->io, tx_bh, n);
    n->rx_bh = evloop_bh_new(vm->io, rx_bh, n);
    if (!n->tx_frame || !n->tx_seg || !n->tx_bh || !n->rx_bh) {
        net_destroy(n);
        return NULL;
    }
    uint64_t features = 1ULL << VIRTIO_NET_F_MAC | 1ULL << VIRTIO_NET_F_STATUS |
                        1ULL << VIRTIO_NET_F_CSUM | 1ULL << VIRTIO_NET_F_GUEST_CSUM |
                        1ULL << VIRTIO_NET_F_HOST_TSO4;
    virtio_mmio_attach(vm, &net_ops, n, features);
    return n;
}

void virtio_net_set_peer(virtio_net_t *n, const net_peer_t *peer)
{
    n->peer = *peer;
}

void virtio_net_get_stats(virtio_net_t *n, virtio_net_stats_t *st)
{
    *st = n->stats;
}
