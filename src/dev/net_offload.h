/* What a NIC does for the guest's network stack when it offers offloads: completing a
 * checksum the guest left partial (virtio-net CSUM) and cutting a large TCP/IPv4 segment into
 * MSS-sized frames (HOST_TSO4). Pure functions on frame bytes (Ethernet, no FCS), so that the
 * unit tests can check them byte for byte. */
#ifndef DEV_NET_OFFLOAD_H
#define DEV_NET_OFFLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Adds `len` bytes (big-endian 16-bit words; an odd last byte is padded) to a ones'-complement
 * partial sum. */
uint32_t net_csum_add(uint32_t sum, const uint8_t *p, size_t len);
/* Folds a partial sum to 16 bits (not complemented). */
uint16_t net_csum_fold(uint32_t sum);

/* Completes a partial checksum: stores the complement of the sum of frame[start..len) at
 * frame[start + off] (big endian). The 16-bit field there holds the driver's seed (the
 * pseudo-header sum). false if the field does not lie inside the summed range. */
bool net_csum_complete(uint8_t *frame, size_t len, size_t start, size_t off);

/* Called with each frame net_tso4_segment produces. */
typedef void (*net_emit_fn)(void *opaque, const uint8_t *frame, size_t len);

/* Cuts a TCP/IPv4 frame (no IP options limit, no VLAN tag) into frames of at most `mss` bytes
 * of TCP payload, each with its own IP total length, IP id (incremented), TCP sequence
 * number, flags (FIN and PSH only on the last, CWR only on the first) and both checksums
 * computed afresh, and calls emit for each in order. `scratch` must hold the headers plus
 * `mss` bytes. false (nothing emitted) if the frame is not TCP over IPv4 or mss is 0. */
bool net_tso4_segment(const uint8_t *frame, size_t len, unsigned mss, uint8_t *scratch,
                      size_t scratch_len, net_emit_fn emit, void *opaque);

/* Gives a TCP/IPv4 frame its IP total length and fresh IP and TCP checksums, whatever its
 * size (a whole TSO segment, for a back end that takes large segments). false if the frame is
 * not TCP over IPv4 or longer than an IP packet can be. */
bool net_tcp4_checksum(uint8_t *frame, size_t len);

#endif
