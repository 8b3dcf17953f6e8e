/* virtio-net (virtio 1.2 §5.1): one receive and one transmit queue, a MAC address and a link
 * that is always up, in front of a frame back end (the net_peer_t, e.g. dev/net_slirp).
 *
 * Features: MAC, STATUS, CSUM (the guest may leave TCP/UDP checksums to the device, which
 * completes them before the frame leaves), GUEST_CSUM (received frames are marked DATA_VALID:
 * the back end only produces frames with correct checksums), HOST_TSO4 (the guest may send TCP
 * segments of up to 64 KiB, which the device cuts to gso_size before the back end sees them,
 * or hands over whole to a back end that takes large segments).
 * No MRG_RXBUF: every receive chain must hold the 12-byte header and a whole frame (Linux
 * posts 1530-byte buffers in that mode), no control queue, no multiqueue.
 *
 * THREADS AND LOCKS. Every queue operation and the receive backlog are under the transport
 * lock (virtio_mmio.lock). A notify on a hart only schedules a bottom half. Transmit (bottom
 * half, I/O thread): pop a chain and copy its frame under the lock, push it, drop the lock,
 * hand the frame to the back end. Receive (the back end, I/O thread, no lock held): under the
 * lock, put the frame into the next receive chain and notify; with no chain available it joins
 * a bounded backlog (oldest first; frames beyond the bound are dropped, as a real NIC would),
 * drained by the receive bottom half when the guest adds buffers (its notify). The back end is
 * never called with the transport lock held, because it may answer re-entrantly.
 *
 * GUEST ERRORS. A transmit chain with device-writable buffers or a receive chain with
 * device-readable ones puts the device into DEVICE_NEEDS_RESET. A transmit chain shorter than
 * the header plus an Ethernet header, a bad checksum or segmentation request, or a receive
 * chain too small for the frame are logged (-d guest_errors) and the frame dropped (the chain
 * is returned with length 0). */
#ifndef DEV_VIRTIO_NET_H
#define DEV_VIRTIO_NET_H

#include <stddef.h>
#include <stdint.h>

#include "dev/virtio_mmio.h"

#define VIRTIO_NET_QUEUE_SIZE 256
#define VIRTIO_NET_RXQ 0
#define VIRTIO_NET_TXQ 1

/* Feature bits (§5.1.3). */
#define VIRTIO_NET_F_CSUM 0
#define VIRTIO_NET_F_GUEST_CSUM 1
#define VIRTIO_NET_F_MAC 5
#define VIRTIO_NET_F_HOST_TSO4 11
#define VIRTIO_NET_F_MRG_RXBUF 15
#define VIRTIO_NET_F_STATUS 16

#define VIRTIO_NET_S_LINK_UP 1

/* struct virtio_net_hdr (§5.1.6), 12 bytes with VIRTIO_F_VERSION_1. */
#define VIRTIO_NET_HDR_LEN 12
#define VIRTIO_NET_HDR_F_NEEDS_CSUM 1
#define VIRTIO_NET_HDR_F_DATA_VALID 2
#define VIRTIO_NET_HDR_GSO_NONE 0
#define VIRTIO_NET_HDR_GSO_TCPV4 1
#define VIRTIO_NET_HDR_GSO_ECN 0x80

/* Largest frame accepted from the guest: a 64 KiB TSO segment plus its headers. */
#define VIRTIO_NET_MAX_FRAME (65536 + 14 + 4)
/* Receive backlog bound while the guest has no buffers posted. */
#define VIRTIO_NET_BACKLOG_FRAMES 2048
#define VIRTIO_NET_BACKLOG_BYTES (4u << 20)

/* The back end a virtio-net device sends to. */
typedef struct net_peer {
    /* A frame from the guest (Ethernet, no FCS). I/O thread, no lock held. */
    void (*send)(void *opaque, const uint8_t *frame, size_t len);
    /* Frees the back end (from the device's destroy); after it returns, the back end no
     * longer calls virtio_net_receive. Optional. */
    void (*destroy)(void *opaque);
    /* The back end takes TCP segments larger than the MTU (libslirp's TCP does): TSO frames
     * then go to it whole, with their checksums completed, instead of being cut up. This is
     * what lets one ACK answer 64 KiB instead of one per MSS, which is most of the guest's
     * work when it sends. */
    bool large_segments;
    void *opaque;
} net_peer_t;

typedef struct virtio_net virtio_net_t;

/* Creates the device in the empty slot `vm` (whose loop vm->io must exist) with MAC address
 * `mac`. Frames from the guest go nowhere until virtio_net_set_peer. NULL if out of memory.
 * Freed (with its peer) by virtio_mmio_destroy. */
virtio_net_t *virtio_net_create(virtio_mmio_t *vm, const uint8_t mac[6]);
/* Connects the back end (before the guest runs). */
void virtio_net_set_peer(virtio_net_t *n, const net_peer_t *peer);
/* A frame for the guest, from the back end. I/O thread (or any thread), no lock held. */
void virtio_net_receive(virtio_net_t *n, const uint8_t *frame, size_t len);

/* Counters, for tests and logs (read under the transport lock or once the device is idle). */
typedef struct virtio_net_stats {
    uint64_t tx_frames, tx_dropped, rx_frames, rx_dropped, rx_backlogged;
} virtio_net_stats_t;
void virtio_net_get_stats(virtio_net_t *n, virtio_net_stats_t *st);

#endif
