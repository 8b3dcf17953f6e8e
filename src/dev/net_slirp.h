/* The user-mode network back end (-netdev user): a libslirp instance, which gives the guest a
 * private 10.0.2.0/24 network with a gateway (10.0.2.2, also the host's loopback), a DHCP
 * server handing out 10.0.2.15, a DNS forwarder (10.0.2.3, relaying to the host's resolver
 * from /etc/resolv.conf) and host port forwards (hostfwd), all without privileges.
 *
 * THREADS. libslirp is not thread-safe: every call into it happens on the I/O thread (the
 * loop's poller for its sockets, loop timers for its timers, net_slirp_input from a device's
 * bottom half), or before the loop starts. Frames for the guest come out of the `rx` callback,
 * also on the I/O thread, with no lock held; net_slirp_input may call it re-entrantly (an ARP
 * or ICMP reply), so a device must not hold its lock around net_slirp_input. */
#ifndef DEV_NET_SLIRP_H
#define DEV_NET_SLIRP_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/evloop.h"
#include "util/log.h"

#define NET_SLIRP_MAX_FWD 16

typedef struct net_hostfwd {
    bool udp;
    struct in_addr host_addr, guest_addr;
    uint16_t host_port, guest_port;
    char text[256]; /* as written, for error messages */
} net_hostfwd_t;

typedef struct net_slirp_cfg {
    struct in_addr net, mask; /* the guest network (default 10.0.2.0/24) */
    struct in_addr host;      /* the gateway / host address seen by the guest (.2) */
    struct in_addr dns;       /* the DNS forwarder (.3) */
    struct in_addr dhcp_start; /* first DHCP address (.15) */
    bool restricted;          /* restrict=on: the guest cannot reach the outside */
    unsigned nfwd;
    net_hostfwd_t fwd[NET_SLIRP_MAX_FWD];
} net_slirp_cfg_t;

/* Parses the properties of `-netdev user,...` (after the type): hostfwd=, net=, host=, dns=,
 * dhcpstart=, restrict= (and id=, which the caller handles and this skips). -1 with a
 * one-line reason. */
int net_slirp_parse(const char *props, net_slirp_cfg_t *cfg, char *err, size_t errlen);

typedef struct net_slirp net_slirp_t;
/* Called on the I/O thread with a frame for the guest (Ethernet, no FCS). */
typedef void (*net_rx_fn)(void *opaque, const uint8_t *frame, size_t len);

/* Creates the stack, opens the host forwards and registers with loop `io`. NULL with a
 * one-line reason (a host port in use, out of memory). Any thread; runs on the loop thread
 * if the loop is running. */
net_slirp_t *net_slirp_new(evloop_t *io, log_ctx_t *log, const net_slirp_cfg_t *cfg,
                           net_rx_fn rx, void *rx_opaque, char *err, size_t errlen);
/* Hands a frame from the guest to the stack. I/O thread only, no lock held. */
void net_slirp_input(net_slirp_t *s, const uint8_t *frame, size_t len);
/* Closes every socket and frees the stack; afterwards `rx` is never called again. Any thread
 * holding no lock. */
void net_slirp_free(net_slirp_t *s);

#endif
