/*
 * test_net_slirp.c - the libslirp back end (dev/net_slirp.h): -netdev user options (defaults,
 * hostfwd forms, derived addresses, and one-line errors), a real stack on a real loop that
 * answers an ARP request for the gateway, and a hostfwd on a host port already in use failing
 * with a message naming it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dev/net_slirp.h"

static const char *ip(struct in_addr a)
{
    static char buf[4][INET_ADDRSTRLEN];
    static int i;
    i = (i + 1) % 4;
    return inet_ntop(AF_INET, &a, buf[i], sizeof(buf[i]));
}

static void test_defaults(void **state)
{
    (void)state;
    net_slirp_cfg_t c;
    char err[256];
    assert_int_equal(net_slirp_parse("id=n0", &c, err, sizeof(err)), 0);
    assert_string_equal(ip(c.net), "10.0.2.0");
    assert_string_equal(ip(c.mask), "255.255.255.0");
    assert_string_equal(ip(c.host), "10.0.2.2");
    assert_string_equal(ip(c.dns), "10.0.2.3");
    assert_string_equal(ip(c.dhcp_start), "10.0.2.15");
    assert_int_equal(c.nfwd, 0);
    assert_false(c.restricted);
}

static void test_hostfwd(void **state)
{
    (void)state;
    net_slirp_cfg_t c;
    char err[256];
    assert_int_equal(net_slirp_parse("id=n0,hostfwd=tcp:127.0.0.1:2222-:22,"
                                     "hostfwd=udp::5555-10.0.2.20:55,hostfwd=::8080-:80",
                                     &c, err, sizeof(err)), 0);
    assert_int_equal(c.nfwd, 3);
    assert_false(c.fwd[0].udp);
    assert_string_equal(ip(c.fwd[0].host_addr), "127.0.0.1");
    assert_int_equal(c.fwd[0].host_port, 2222);
    assert_string_equal(ip(c.fwd[0].guest_addr), "10.0.2.15"); /* the DHCP address */
    assert_int_equal(c.fwd[0].guest_port, 22);
    assert_true(c.fwd[1].udp);
    assert_string_equal(ip(c.fwd[1].host_addr), "0.0.0.0");
    assert_string_equal(ip(c.fwd[1].guest_addr), "10.0.2.20");
    assert_false(c.fwd[2].udp);
    assert_int_equal(c.fwd[2].host_port, 8080);
}

static void test_network(void **state)
{
    (void)state;
    net_slirp_cfg_t c;
    char err[256];
    assert_int_equal(net_slirp_parse("id=n0,net=192.168.76.0/24,restrict=on", &c, err,
                                     sizeof(err)), 0);
    assert_string_equal(ip(c.host), "192.168.76.2");
    assert_string_equal(ip(c.dns), "192.168.76.3");
    assert_string_equal(ip(c.dhcp_start), "192.168.76.15");
    assert_true(c.restricted);
    assert_int_equal(net_slirp_parse("net=10.9.0.0/255.255.0.0,host=10.9.8.1,dns=10.9.8.2,"
                                     "dhcpstart=10.9.8.100", &c, err, sizeof(err)), 0);
    assert_string_equal(ip(c.mask), "255.255.0.0");
    assert_string_equal(ip(c.host), "10.9.8.1");
    assert_string_equal(ip(c.dhcp_start), "10.9.8.100");
}

static void test_errors(void **state)
{
    (void)state;
    struct { const char *props, *msg; } bad[] = {
        {"id=n0,foo=1", "unknown property 'foo'"},
        {"id=n0,hostfwd", "malformed property 'hostfwd'"},
        {"id=n0,hostfwd=tcp:127.0.0.1:22", "invalid hostfwd 'tcp:127.0.0.1:22'"},
        {"id=n0,hostfwd=tcp:127.0.0.1:0-:22", "invalid hostfwd"},
        {"id=n0,hostfwd=tcp:127.0.0.1:22-:70000", "invalid hostfwd"},
        {"id=n0,hostfwd=sctp::22-:22", "invalid hostfwd"},
        {"id=n0,hostfwd=tcp:host:22-:22", "invalid hostfwd"},
        {"id=n0,net=10.0.2.0/33", "invalid net"},
        {"id=n0,net=10.0.2.0/255.0.255.0", "invalid net"},
        {"id=n0,host=10.0.3.2", "the host address is not inside net"},
        {"id=n0,dns=1.2.3.4", "the dns address is not inside net"},
        {"id=n0,restrict=perhaps", "invalid restrict"},
        {"id=n0,,", "malformed property"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        net_slirp_cfg_t c;
        char err[256] = "";
        assert_int_equal(net_slirp_parse(bad[i].props, &c, err, sizeof(err)), -1);
        if (!strstr(err, bad[i].msg))
            fail_msg("'%s': '%s' lacks '%s'", bad[i].props, err, bad[i].msg);
    }
    char many[2048] = "id=n0";
    for (int i = 0; i <= NET_SLIRP_MAX_FWD; i++)
        snprintf(many + strlen(many), sizeof(many) - strlen(many), ",hostfwd=::%d-:1", 1000 + i);
    net_slirp_cfg_t c;
    char err[256];
    assert_int_equal(net_slirp_parse(many, &c, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "more than"));
}

/* ---- a live stack ------------------------------------------------------------------- */

typedef struct rx_log {
    pthread_mutex_t m;
    uint8_t frame[1600];
    size_t len;
    unsigned count;
} rx_log_t;

static void on_rx(void *opaque, const uint8_t *frame, size_t len)
{
    rx_log_t *r = opaque;
    pthread_mutex_lock(&r->m);
    if (len <= sizeof(r->frame)) {
        memcpy(r->frame, frame, len);
        r->len = len;
    }
    r->count++;
    pthread_mutex_unlock(&r->m);
}

typedef struct input_req {
    net_slirp_t *s;
    const uint8_t *frame;
    size_t len;
} input_req_t;

static void do_input(void *opaque)
{
    input_req_t *r = opaque;
    net_slirp_input(r->s, r->frame, r->len);
}

static const uint8_t guest_mac[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};

static size_t arp_request(uint8_t *f)
{
    memset(f, 0, 42);
    memset(f, 0xff, 6);
    memcpy(f + 6, guest_mac, 6);
    f[12] = 0x08; f[13] = 0x06;
    f[14] = 0; f[15] = 1;       /* Ethernet */
    f[16] = 0x08; f[17] = 0;    /* IPv4 */
    f[18] = 6; f[19] = 4;
    f[20] = 0; f[21] = 1;       /* request */
    memcpy(f + 22, guest_mac, 6);
    memcpy(f + 28, "\x0a\x00\x02\x0f", 4); /* 10.0.2.15 */
    memcpy(f + 38, "\x0a\x00\x02\x02", 4); /* who has 10.0.2.2? */
    return 42;
}

static void test_arp(void **state)
{
    (void)state;
    log_ctx_t log;
    log_init(&log);
    evloop_t *io = evloop_new("test-io");
    assert_non_null(io);
    assert_true(evloop_start(io));
    rx_log_t r = {.len = 0};
    pthread_mutex_init(&r.m, NULL);
    net_slirp_cfg_t c;
    char err[256];
    assert_int_equal(net_slirp_parse("id=n0", &c, err, sizeof(err)), 0);
    net_slirp_t *s = net_slirp_new(io, &log, &c, on_rx, &r, err, sizeof(err));
    assert_non_null(s);
    uint8_t req[64];
    input_req_t in = {s, req, arp_request(req)};
    evloop_run_sync(io, do_input, &in);
    pthread_mutex_lock(&r.m);
    assert_int_equal(r.count, 1);
    assert_true(r.len >= 42);
    assert_memory_equal(r.frame, guest_mac, 6);          /* to us */
    assert_int_equal(r.frame[12] << 8 | r.frame[13], 0x0806);
    assert_int_equal(r.frame[21], 2);                   /* a reply */
    assert_memory_equal(r.frame + 28, "\x0a\x00\x02\x02", 4); /* 10.0.2.2 is at ... */
    assert_memory_equal(r.frame + 22, r.frame + 6, 6);  /* ... the sender's MAC */
    pthread_mutex_unlock(&r.m);
    net_slirp_free(s);
    evloop_stop(io);
    evloop_free(io);
    pthread_mutex_destroy(&r.m);
}

static void test_port_in_use(void **state)
{
    (void)state;
    log_ctx_t log;
    log_init(&log);
    evloop_t *io = evloop_new("test-io");
    assert_non_null(io);
    int busy = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t slen = sizeof(sa);
    assert_int_equal(bind(busy, (struct sockaddr *)&sa, sizeof(sa)), 0);
    assert_int_equal(listen(busy, 1), 0);
    assert_int_equal(getsockname(busy, (struct sockaddr *)&sa, &slen), 0);
    char props[128], err[256] = "", want[64];
    unsigned port = ntohs(sa.sin_port);
    snprintf(props, sizeof(props), "id=n0,hostfwd=tcp:127.0.0.1:%u-:80", port);
    net_slirp_cfg_t c;
    assert_int_equal(net_slirp_parse(props, &c, err, sizeof(err)), 0);
    rx_log_t r;
    assert_null(net_slirp_new(io, &log, &c, on_rx, &r, err, sizeof(err))); /* loop not started */
    snprintf(want, sizeof(want), "cannot listen on host port %u", port);
    if (!strstr(err, want))
        fail_msg("'%s' lacks '%s'", err, want);
    close(busy);
    evloop_free(io);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_hostfwd),
        cmocka_unit_test(test_network),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_arp),
        cmocka_unit_test(test_port_in_use),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
