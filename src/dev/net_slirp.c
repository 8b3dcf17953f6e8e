#include "dev/net_slirp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libslirp.h>

#include "util/kvopt.h"
#include "util/util.h"

/* A libslirp timer: an event-loop timer that calls slirp's callback. */
typedef struct slirp_timer {
    evloop_timer_t *t;
    SlirpTimerCb cb;
    void *cb_opaque;
} slirp_timer_t;

struct net_slirp {
    Slirp *slirp;
    evloop_t *io;
    log_ctx_t *log;
    net_rx_fn rx;
    void *rx_opaque;
    bool polling; /* registered as a poller */
};

/* ---- options ------------------------------------------------------------------------- */

static bool parse_addr(const char *s, struct in_addr *out)
{
    return inet_pton(AF_INET, s, out) == 1;
}

/* "A.B.C.D" (a /24), "A.B.C.D/N" or "A.B.C.D/M.M.M.M". */
static bool parse_net(const char *s, struct in_addr *net, struct in_addr *mask)
{
    char buf[64];
    if (strlen(s) >= sizeof(buf))
        return false;
    memcpy(buf, s, strlen(s) + 1);
    char *slash = strchr(buf, '/');
    uint32_t m = 0xffffff00u;
    if (slash) {
        *slash++ = '\0';
        char *end;
        long bits = strtol(slash, &end, 10);
        if (*slash && !*end) {
            if (bits < 8 || bits > 30)
                return false;
            m = (uint32_t)(0xffffffffu << (32 - bits));
        } else {
            struct in_addr ma;
            if (!parse_addr(slash, &ma))
                return false;
            m = ntohl(ma.s_addr);
            if (m == 0 || (~m & (~m + 1)) != 0) /* contiguous ones */
                return false;
        }
    }
    if (!parse_addr(buf, net))
        return false;
    mask->s_addr = htonl(m);
    net->s_addr &= mask->s_addr;
    return true;
}

/* Copies the text of *p up to `sep` into buf (NUL-terminated) and moves past it. */
static bool take_field(const char **p, char sep, char *buf, size_t len)
{
    const char *end = strchr(*p, sep);
    if (!end || (size_t)(end - *p) >= len)
        return false;
    memcpy(buf, *p, (size_t)(end - *p));
    buf[end - *p] = '\0';
    *p = end + 1;
    return true;
}

static bool parse_port(const char *s, uint16_t *port)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 1 || v > 65535)
        return false;
    *port = (uint16_t)v;
    return true;
}

/* [tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport; an empty guest address is filled in
 * later (the DHCP start address). */
static bool parse_hostfwd(const char *s, net_hostfwd_t *f)
{
    char proto[8], haddr[32], hport[8], gaddr[32];
    const char *p = s;
    memset(f, 0, sizeof(*f));
    snprintf(f->text, sizeof(f->text), "%s", s);
    if (!take_field(&p, ':', proto, sizeof(proto)) || !take_field(&p, ':', haddr, sizeof(haddr)) ||
        !take_field(&p, '-', hport, sizeof(hport)) || !take_field(&p, ':', gaddr, sizeof(gaddr)))
        return false;
    if (strcmp(proto, "udp") == 0)
        f->udp = true;
    else if (proto[0] && strcmp(proto, "tcp") != 0)
        return false;
    f->host_addr.s_addr = htonl(INADDR_ANY);
    if (haddr[0] && !parse_addr(haddr, &f->host_addr))
        return false;
    if (gaddr[0] && !parse_addr(gaddr, &f->guest_addr))
        return false;
    return parse_port(hport, &f->host_port) && parse_port(p, &f->guest_port);
}

static void cfg_defaults(net_slirp_cfg_t *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    inet_pton(AF_INET, "10.0.2.0", &cfg->net);
    inet_pton(AF_INET, "255.255.255.0", &cfg->mask);
}

/* Host, DNS and DHCP addresses default to .2, .3 and .15 of the network. */
static void cfg_fill(net_slirp_cfg_t *cfg, bool host, bool dns, bool dhcp)
{
    uint32_t net = ntohl(cfg->net.s_addr);
    if (!host)
        cfg->host.s_addr = htonl(net | 2);
    if (!dns)
        cfg->dns.s_addr = htonl(net | 3);
    if (!dhcp)
        cfg->dhcp_start.s_addr = htonl(net | 15);
    for (unsigned i = 0; i < cfg->nfwd; i++)
        if (cfg->fwd[i].guest_addr.s_addr == 0)
            cfg->fwd[i].guest_addr = cfg->dhcp_start;
}

static bool in_net(const net_slirp_cfg_t *cfg, struct in_addr a)
{
    return (a.s_addr & cfg->mask.s_addr) == cfg->net.s_addr && a.s_addr != cfg->net.s_addr;
}

/* Applies one property; 0, or -1 with the reason in err. `seen` marks host/dns/dhcp given. */
static int apply_prop(net_slirp_cfg_t *cfg, const kvopt_t *kv, bool seen[3], char *err,
                      size_t errlen)
{
    const char *k = kv->key, *v = kv->val;
    bool ok = true;
    if (strcmp(k, "id") == 0)
        return 0;
    if (strcmp(k, "hostfwd") == 0) {
        if (cfg->nfwd == NET_SLIRP_MAX_FWD) {
            snprintf(err, errlen, "-netdev user: more than %d hostfwd rules", NET_SLIRP_MAX_FWD);
            return -1;
        }
        ok = parse_hostfwd(v, &cfg->fwd[cfg->nfwd++]);
        if (!ok) {
            snprintf(err, errlen, "-netdev user: invalid hostfwd '%s' (expected "
                     "[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT)", v);
            return -1;
        }
        return 0;
    }
    static const char *const addr_keys[3] = {"host", "dns", "dhcpstart"};
    struct in_addr *addrs[3] = {&cfg->host, &cfg->dns, &cfg->dhcp_start};
    for (unsigned i = 0; i < 3; i++) {
        if (strcmp(k, addr_keys[i]) == 0) {
            seen[i] = true;
            ok = parse_addr(v, addrs[i]);
            goto done;
        }
    }
    if (strcmp(k, "net") == 0)
        ok = parse_net(v, &cfg->net, &cfg->mask);
    else if (strcmp(k, "restrict") == 0)
        ok = kvopt_bool(v, &cfg->restricted);
    else {
        snprintf(err, errlen, "-netdev user: unknown property '%s' (known: id, hostfwd, net, "
                 "host, dns, dhcpstart, restrict)", k);
        return -1;
    }
done:
    if (!ok) {
        snprintf(err, errlen, "-netdev user: invalid %s '%s'", k, v);
        return -1;
    }
    return 0;
}

int net_slirp_parse(const char *props, net_slirp_cfg_t *cfg, char *err, size_t errlen)
{
    bool seen[3] = {false, false, false};
    kvopt_t kv;
    int r;
    cfg_defaults(cfg);
    while ((r = kvopt_next(&props, &kv)) != 0) {
        if (r < 0 || (!kv.has_val && strcmp(kv.key, "id") != 0)) {
            snprintf(err, errlen, "-netdev user: malformed property '%s' (expected KEY=VALUE)",
                     kv.key);
            return -1;
        }
        if (apply_prop(cfg, &kv, seen, err, errlen))
            return -1;
    }
    cfg_fill(cfg, seen[0], seen[1], seen[2]);
    const char *bad = !in_net(cfg, cfg->host) ? "host" : !in_net(cfg, cfg->dns) ? "dns"
                      : !in_net(cfg, cfg->dhcp_start) ? "dhcpstart" : NULL;
    if (bad) {
        snprintf(err, errlen, "-netdev user: the %s address is not inside net", bad);
        return -1;
    }
    return 0;
}

/* ---- libslirp callbacks (I/O thread) ------------------------------------------------- */

static ssize_t cb_send_packet(const void *buf, size_t len, void *opaque)
{
    net_slirp_t *s = opaque;
    s->rx(s->rx_opaque, buf, len);
    return (ssize_t)len;
}

static void cb_guest_error(const char *msg, void *opaque)
{
    net_slirp_t *s = opaque;
    log_guest_error(s->log, "slirp: %s\n", msg);
}

static int64_t cb_clock_get_ns(void *opaque)
{
    (void)opaque;
    return (int64_t)util_now_ns();
}

static void timer_fire(void *opaque)
{
    slirp_timer_t *t = opaque;
    t->cb(t->cb_opaque);
}

static void *cb_timer_new(SlirpTimerCb cb, void *cb_opaque, void *opaque)
{
    net_slirp_t *s = opaque;
    slirp_timer_t *t = calloc(1, sizeof(*t));
    if (!t)
        return NULL;
    t->cb = cb;
    t->cb_opaque = cb_opaque;
    t->t = evloop_timer_new(s->io, timer_fire, t);
    if (!t->t) {
        free(t);
        return NULL;
    }
    return t;
}

static void cb_timer_free(void *timer, void *opaque)
{
    (void)opaque;
    slirp_timer_t *t = timer;
    if (t) {
        evloop_timer_free(t->t);
        free(t);
    }
}

/* expire_ms is on the clock_get_ns clock, in milliseconds. */
static void cb_timer_mod(void *timer, int64_t expire_ms, void *opaque)
{
    (void)opaque;
    slirp_timer_t *t = timer;
    if (t)
        evloop_timer_arm(t->t, expire_ms < 0 ? 0 : (uint64_t)expire_ms * 1000000u);
}

static void cb_register_fd(int fd, void *opaque) { (void)fd; (void)opaque; }
static void cb_unregister_fd(int fd, void *opaque) { (void)fd; (void)opaque; }
static void cb_notify(void *opaque) { (void)opaque; } /* only guestfwd uses it; we have none */

static const SlirpCb slirp_callbacks = {
    .send_packet = cb_send_packet,
    .guest_error = cb_guest_error,
    .clock_get_ns = cb_clock_get_ns,
    .timer_new = cb_timer_new,
    .timer_free = cb_timer_free,
    .timer_mod = cb_timer_mod,
    .register_poll_fd = cb_register_fd,
    .unregister_poll_fd = cb_unregister_fd,
    .notify = cb_notify,
};

/* ---- the poller: slirp's sockets in the loop's poll set ------------------------------ */

static int add_poll(int fd, int events, void *opaque)
{
    short ev = 0;
    if (events & SLIRP_POLL_IN)
        ev |= POLLIN;
    if (events & SLIRP_POLL_OUT)
        ev |= POLLOUT;
    if (events & SLIRP_POLL_PRI)
        ev |= POLLPRI;
    return evloop_pollset_add(opaque, fd, ev);
}

static int get_revents(int idx, void *opaque)
{
    short rev = evloop_pollset_revents(opaque, idx);
    int ev = 0;
    if (rev & POLLIN)
        ev |= SLIRP_POLL_IN;
    if (rev & POLLOUT)
        ev |= SLIRP_POLL_OUT;
    if (rev & POLLPRI)
        ev |= SLIRP_POLL_PRI;
    if (rev & (POLLERR | POLLNVAL))
        ev |= SLIRP_POLL_ERR;
    if (rev & POLLHUP)
        ev |= SLIRP_POLL_HUP;
    return ev;
}

static void poller_fill(void *opaque, evloop_pollset_t *ps, int *timeout_ms)
{
    net_slirp_t *s = opaque;
    uint32_t t = *timeout_ms < 0 ? UINT32_MAX : (uint32_t)*timeout_ms;
    slirp_pollfds_fill(s->slirp, &t, add_poll, ps);
    if (t != UINT32_MAX && (*timeout_ms < 0 || t < (uint32_t)*timeout_ms))
        *timeout_ms = t > INT32_MAX ? INT32_MAX : (int)t;
}

static void poller_dispatch(void *opaque, evloop_pollset_t *ps, bool failed)
{
    net_slirp_t *s = opaque;
    slirp_pollfds_poll(s->slirp, failed, get_revents, ps);
}

static const evloop_poller_ops_t slirp_poller = {
    .fill = poller_fill,
    .dispatch = poller_dispatch,
};

/* ---- life cycle ---------------------------------------------------------------------- */

typedef struct new_req {
    net_slirp_t *s;
    const net_slirp_cfg_t *cfg;
    char *err;
    size_t errlen;
    bool ok;
} new_req_t;

static bool open_forwards(net_slirp_t *s, const net_slirp_cfg_t *cfg, char *err, size_t errlen)
{
    for (unsigned i = 0; i < cfg->nfwd; i++) {
        const net_hostfwd_t *f = &cfg->fwd[i];
        errno = 0;
        if (slirp_add_hostfwd(s->slirp, f->udp, f->host_addr, f->host_port, f->guest_addr,
                              f->guest_port) < 0) {
            snprintf(err, errlen, "-netdev user: hostfwd %s: cannot listen on host port %u: %s",
                     f->text, f->host_port, errno ? strerror(errno) : "failed");
            return false;
        }
    }
    return true;
}

/* On the loop thread (or before it runs): slirp_new and the forwards. */
static void do_new(void *opaque)
{
    new_req_t *r = opaque;
    const net_slirp_cfg_t *cfg = r->cfg;
    SlirpConfig sc = {
        .version = 4,
        .restricted = cfg->restricted,
        .in_enabled = true,
        .vnetwork = cfg->net,
        .vnetmask = cfg->mask,
        .vhost = cfg->host,
        .vdhcp_start = cfg->dhcp_start,
        .vnameserver = cfg->dns,
        .in6_enabled = false,
    };
    r->s->slirp = slirp_new(&sc, &slirp_callbacks, r->s);
    if (!r->s->slirp) {
        snprintf(r->err, r->errlen, "-netdev user: cannot create the network stack");
        return;
    }
    r->ok = open_forwards(r->s, cfg, r->err, r->errlen);
}

static void do_cleanup(void *opaque)
{
    net_slirp_t *s = opaque;
    if (s->slirp)
        slirp_cleanup(s->slirp); /* frees its timers through cb_timer_free */
    s->slirp = NULL;
}

net_slirp_t *net_slirp_new(evloop_t *io, log_ctx_t *log, const net_slirp_cfg_t *cfg,
                           net_rx_fn rx, void *rx_opaque, char *err, size_t errlen)
{
    net_slirp_t *s = calloc(1, sizeof(*s));
    if (!s) {
        snprintf(err, errlen, "-netdev user: out of memory");
        return NULL;
    }
    *s = (net_slirp_t){.io = io, .log = log, .rx = rx, .rx_opaque = rx_opaque};
    new_req_t req = {.s = s, .cfg = cfg, .err = err, .errlen = errlen};
    evloop_run_sync(io, do_new, &req);
    if (req.ok) {
        s->polling = evloop_add_poller(io, &slirp_poller, s);
        if (!s->polling) {
            snprintf(err, errlen, "-netdev user: out of memory");
            req.ok = false;
        }
    }
    if (!req.ok) {
        net_slirp_free(s);
        return NULL;
    }
    return s;
}

void net_slirp_input(net_slirp_t *s, const uint8_t *frame, size_t len)
{
    if (len <= INT32_MAX)
        slirp_input(s->slirp, frame, (int)len);
}

void net_slirp_free(net_slirp_t *s)
{
    if (!s)
        return;
    if (s->polling)
        evloop_remove_poller(s->io, s);
    evloop_run_sync(s->io, do_cleanup, s);
    free(s);
}
