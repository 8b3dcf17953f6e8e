/*
 * test_virtio_net.c - virtio-net (dev/virtio_net.h) driven through its virtqueues, with a
 * recording back end in place of slirp.
 *
 * Transmit: a frame in one chain or split header/frame reaches the back end unchanged; a
 * partial checksum (CSUM) is completed; a TSO4 frame is cut into MSS-sized frames with valid
 * checksums (or, for a back end that takes large segments, passed whole with its checksums
 * completed); chains too short, checksum or segmentation requests that are out of bounds or
 * not negotiated are dropped and logged (chain returned, device keeps working); a chain with
 * device-writable buffers gives DEVICE_NEEDS_RESET. Receive: a frame lands after a 12-byte
 * header (num_buffers 1, DATA_VALID with GUEST_CSUM); a buffer too small drops the frame and
 * logs; device-readable receive buffers give DEVICE_NEEDS_RESET; frames arriving with no
 * buffers wait in a bounded backlog and are delivered in order once buffers are posted;
 * frames before DRIVER_OK are dropped; a reset empties the backlog. Config: MAC and link.
 */
#include "vq_driver.h"

#include <pthread.h>

#include "dev/virtio_net.h"

#define RXQ VIRTIO_NET_RXQ
#define TXQ VIRTIO_NET_TXQ
#define F(bit) (1ULL << (bit))
#define ALL_FEATURES (F(VIRTIO_NET_F_MAC) | F(VIRTIO_NET_F_STATUS) | F(VIRTIO_NET_F_CSUM) | \
                      F(VIRTIO_NET_F_GUEST_CSUM) | F(VIRTIO_NET_F_HOST_TSO4) | \
                      F(VIRTIO_F_EVENT_IDX))
#define MAXF 16

typedef struct fixture {
    vqd_t *d;
    virtio_net_t *n;
    pthread_mutex_t m; /* the frames below are written on the loop thread */
    unsigned nframes;
    size_t len[MAXF];
    uint8_t frame[MAXF][2048];
} fixture_t;

static const uint8_t mac[6] = {0x52, 0x54, 0x00, 0xab, 0xcd, 0xef};

static void record(void *opaque, const uint8_t *frame, size_t len)
{
    fixture_t *f = opaque;
    pthread_mutex_lock(&f->m);
    if (f->nframes < MAXF && len <= sizeof(f->frame[0])) {
        memcpy(f->frame[f->nframes], frame, len);
        f->len[f->nframes] = len;
    }
    f->nframes++;
    pthread_mutex_unlock(&f->m);
}

static unsigned frames(fixture_t *f)
{
    pthread_mutex_lock(&f->m);
    unsigned n = f->nframes;
    pthread_mutex_unlock(&f->m);
    return n;
}

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    pthread_mutex_init(&f->m, NULL);
    f->d = vqd_new();
    f->n = virtio_net_create(&f->d->vm, mac);
    assert_non_null(f->n);
    virtio_net_set_peer(f->n, &(net_peer_t){.send = record, .opaque = f});
    vqd_map(f->d);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    vqd_free(f->d);
    pthread_mutex_destroy(&f->m);
    free(f);
    return 0;
}

/* ---- frames ------------------------------------------------------------------------ */

static void be16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t rd32(const uint8_t *p) { return (uint32_t)rd16(p) << 16 | rd16(p + 2); }

/* Ones'-complement sum, written independently of dev/net_offload.c. */
static uint16_t csum(const uint8_t *p, size_t len, uint32_t seed)
{
    uint64_t s = seed;
    for (size_t i = 0; i < len; i++)
        s += i & 1 ? p[i] : (uint32_t)p[i] << 8;
    while (s >> 16)
        s = (s & 0xffff) + (s >> 16);
    return (uint16_t)s;
}

static uint32_t pseudo_sum(const uint8_t *ip, uint8_t proto, size_t l4len)
{
    uint8_t ph[12];
    memcpy(ph, ip + 12, 8);
    ph[8] = 0;
    ph[9] = proto;
    be16(ph + 10, (uint16_t)l4len);
    return csum(ph, sizeof(ph), 0);
}

/* Ethernet + IPv4 + TCP (20-byte header) with `payload` bytes; checksums valid unless the
 * caller changes them. Returns the frame length. */
static size_t tcp_frame(uint8_t *fr, size_t payload, uint32_t seq, uint8_t flags)
{
    memset(fr, 0, 54 + payload);
    memcpy(fr, "\x52\x55\x0a\x00\x02\x02", 6);
    memcpy(fr + 6, mac, 6);
    be16(fr + 12, 0x0800);
    uint8_t *ip = fr + 14, *tcp = ip + 20;
    ip[0] = 0x45;
    be16(ip + 2, (uint16_t)(40 + payload));
    be16(ip + 4, 0x1234);
    ip[6] = 0x40; /* DF */
    ip[8] = 64;
    ip[9] = 6;
    memcpy(ip + 12, "\x0a\x00\x02\x0f\x0a\x00\x02\x02", 8);
    be16(ip + 10, (uint16_t)~csum(ip, 20, 0));
    be16(tcp, 40000);
    be16(tcp + 2, 80);
    tcp[4] = (uint8_t)(seq >> 24); tcp[5] = (uint8_t)(seq >> 16);
    tcp[6] = (uint8_t)(seq >> 8); tcp[7] = (uint8_t)seq;
    tcp[12] = 5 << 4;
    tcp[13] = flags;
    be16(tcp + 14, 65535);
    for (size_t i = 0; i < payload; i++)
        tcp[20 + i] = (uint8_t)(i * 7 + 3);
    be16(tcp + 16, (uint16_t)~csum(tcp, 20 + payload, pseudo_sum(ip, 6, 20 + payload)));
    return 54 + payload;
}

static bool ip_ok(const uint8_t *fr) { return csum(fr + 14, 20, 0) == 0xffff; }
static bool tcp_ok(const uint8_t *fr, size_t len)
{
    return csum(fr + 34, len - 34, pseudo_sum(fr + 14, 6, len - 34)) == 0xffff;
}

/* Posts header + frame on the transmit queue (split in two buffers if `split`), notifies
 * and waits for the device. */
static void send_frame(fixture_t *f, const uint8_t hdr[12], const uint8_t *fr, size_t len,
                       bool split)
{
    uint64_t a = vqd_alloc(f->d, (uint32_t)(12 + len));
    memcpy(vqd_host(f->d, a), hdr, 12);
    memcpy(vqd_host(f->d, a + 12), fr, len);
    vqd_buf_t one = {a, (uint32_t)(12 + len), false};
    vqd_buf_t two[2] = {{a, 12, false}, {a + 12, (uint32_t)len, false}};
    if (split)
        vqd_add(f->d, TXQ, two, 2);
    else
        vqd_add(f->d, TXQ, &one, 1);
    vqd_notify(f->d, TXQ);
    vqd_sync(f->d);
}

static const uint8_t no_hdr[12];

/* ---- tests --------------------------------------------------------------------------- */

static void test_config(void **state)
{
    fixture_t *f = *state;
    vqd_t *d = f->d;
    assert_int_equal(vqd_rd(d, VQD_DEVICE_ID, 4), VIRTIO_ID_NET);
    vqd_wr(d, VQD_DEV_FEATURES_SEL, 0);
    uint32_t feat = vqd_rd(d, VQD_DEV_FEATURES, 4);
    assert_true(feat & F(VIRTIO_NET_F_MAC));
    assert_true(feat & F(VIRTIO_NET_F_STATUS));
    assert_false(feat & F(VIRTIO_NET_F_MRG_RXBUF));
    for (unsigned i = 0; i < 6; i++)
        assert_int_equal(vqd_rd(d, VQD_CONFIG + i, 1), mac[i]);
    assert_int_equal(vqd_rd(d, VQD_CONFIG + 6, 2), VIRTIO_NET_S_LINK_UP);
}

static void test_tx_frame(void **state)
{
    fixture_t *f = *state;
    uint8_t fr[200];
    size_t len = tcp_frame(fr, 100, 1, 0x18);
    vqd_bring_up(f->d, ALL_FEATURES, 2);
    send_frame(f, no_hdr, fr, len, false);
    send_frame(f, no_hdr, fr, len, true);
    assert_int_equal(frames(f), 2);
    for (unsigned i = 0; i < 2; i++) {
        assert_int_equal(f->len[i], len);
        assert_memory_equal(f->frame[i], fr, len);
    }
    uint16_t id;
    uint32_t ulen;
    assert_true(vqd_used(f->d, TXQ, &id, &ulen));
    assert_int_equal(ulen, 0);
    assert_true(vqd_used(f->d, TXQ, &id, &ulen));
    assert_false(vqd_needs_reset(f->d));
    assert_true(atomic_load(&f->d->raises) >= 1);
}

static void test_tx_csum(void **state)
{
    fixture_t *f = *state;
    uint8_t fr[200], hdr[12] = {VIRTIO_NET_HDR_F_NEEDS_CSUM, 0};
    size_t len = tcp_frame(fr, 77, 5, 0x18);
    /* As Linux leaves it: the field holds the pseudo-header sum, not the checksum. */
    be16(fr + 50, csum(NULL, 0, pseudo_sum(fr + 14, 6, len - 34)));
    hdr[6] = 34;  /* csum_start: the TCP header */
    hdr[8] = 16;  /* csum_offset: its checksum field */
    vqd_bring_up(f->d, ALL_FEATURES, 2);
    send_frame(f, hdr, fr, len, false);
    assert_int_equal(frames(f), 1);
    assert_true(tcp_ok(f->frame[0], len));
    hdr[6] = 250; /* beyond the frame */
    send_frame(f, hdr, fr, len, false);
    assert_int_equal(frames(f), 1);
    assert_true(vqd_logged(f->d, "bad checksum request"));
    assert_false(vqd_needs_reset(f->d));
}

static void test_tx_csum_not_negotiated(void **state)
{
    fixture_t *f = *state;
    uint8_t fr[200], hdr[12] = {VIRTIO_NET_HDR_F_NEEDS_CSUM, 0, 0, 0, 0, 0, 34, 0, 16, 0};
    size_t len = tcp_frame(fr, 10, 5, 0x18);
    vqd_bring_up(f->d, F(VIRTIO_NET_F_MAC), 2);
    send_frame(f, hdr, fr, len, false);
    assert_int_equal(frames(f), 0);
    assert_true(vqd_logged(f->d, "bad checksum request"));
}

static void test_tx_tso(void **state)
{
    fixture_t *f = *state;
    static uint8_t fr[4000];
    uint8_t hdr[12] = {VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_TCPV4, 54, 0,
                       0xe8, 0x03 /* gso_size 1000 */, 34, 0, 16, 0};
    size_t len = tcp_frame(fr, 2500, 1000000, 0x19 /* FIN PSH ACK */);
    vqd_bring_up(f->d, ALL_FEATURES, 2);
    send_frame(f, hdr, fr, len, false);
    assert_int_equal(frames(f), 3);
    size_t payloads[3] = {1000, 1000, 500};
    for (unsigned i = 0; i < 3; i++) {
        const uint8_t *s = f->frame[i];
        assert_int_equal(f->len[i], 54 + payloads[i]);
        assert_int_equal(rd16(s + 16), 40 + payloads[i]);
        assert_int_equal(rd16(s + 18), 0x1234 + i);
        assert_int_equal(rd32(s + 38), 1000000 + 1000 * i);
        assert_int_equal(s[47], i == 2 ? 0x19 : 0x10);
        assert_true(ip_ok(s));
        assert_true(tcp_ok(s, f->len[i]));
        assert_memory_equal(s + 54, fr + 54 + 1000 * i, payloads[i]);
    }
    hdr[4] = hdr[5] = 0; /* gso_size 0 */
    send_frame(f, hdr, fr, len, false);
    assert_int_equal(frames(f), 3);
    assert_true(vqd_logged(f->d, "bad segmentation request"));
}

static void test_tx_tso_large_segments(void **state)
{
    fixture_t *f = *state;
    static uint8_t fr[4000];
    uint8_t hdr[12] = {VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_TCPV4, 54, 0,
                       0xe8, 0x03, 34, 0, 16, 0};
    size_t len = tcp_frame(fr, 1900, 7, 0x18);
    fr[50] = fr[51] = 0; /* as the guest leaves it: not a valid checksum */
    virtio_net_set_peer(f->n, &(net_peer_t){.send = record, .opaque = f,
                                            .large_segments = true});
    vqd_bring_up(f->d, ALL_FEATURES, 2);
    send_frame(f, hdr, fr, len, false);
    assert_int_equal(frames(f), 1); /* whole, not cut */
    assert_int_equal(f->len[0], len);
    assert_true(ip_ok(f->frame[0]));
    assert_true(tcp_ok(f->frame[0], len));
    assert_memory_equal(f->frame[0] + 54, fr + 54, 1900);
}

static void test_tx_tso_not_negotiated(void **state)
{
    fixture_t *f = *state;
    static uint8_t fr[4000];
    uint8_t hdr[12] = {VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_TCPV4, 54, 0, 0xe8, 3,
                       34, 0, 16, 0};
    size_t len = tcp_frame(fr, 2500, 1, 0x10);
    vqd_bring_up(f->d, F(VIRTIO_NET_F_CSUM), 2);
    send_frame(f, hdr, fr, len, false);
    assert_int_equal(frames(f), 0);
    assert_true(vqd_logged(f->d, "bad segmentation request"));
    assert_false(vqd_needs_reset(f->d));
}

static void test_tx_short(void **state)
{
    fixture_t *f = *state;
    vqd_bring_up(f->d, ALL_FEATURES, 2);
    uint64_t a = vqd_alloc(f->d, 64);
    vqd_buf_t b = {a, 8, false}; /* not even a header */
    vqd_add(f->d, TXQ, &b, 1);
    b.len = 12 + 10; /* a header and 10 bytes: no Ethernet header */
    vqd_add(f->d, TXQ, &b, 1);
    vqd_notify(f->d, TXQ);
    vqd_sync(f->d);
    assert_int_equal(frames(f), 0);
    assert_true(vqd_logged(f->d, "transmit chain of 8 bytes"));
    uint16_t id;
    uint32_t len;
    assert_true(vqd_used(f->d, TXQ, &id, &len)); /* returned to the driver */
    assert_true(vqd_used(f->d, TXQ, &id, &len));
    assert_false(vqd_needs_reset(f->d));
    uint8_t fr[100];
    send_frame(f, no_hdr, fr, tcp_frame(fr, 10, 1, 0x10), false); /* still works */
    assert_int_equal(frames(f), 1);
}

static void test_tx_writable(void **state)
{
    fixture_t *f = *state;
    vqd_bring_up(f->d, ALL_FEATURES, 2);
    uint64_t a = vqd_alloc(f->d, 200);
    vqd_buf_t b[2] = {{a, 100, false}, {a + 100, 100, true}};
    vqd_add(f->d, TXQ, b, 2);
    vqd_notify(f->d, TXQ);
    vqd_sync(f->d);
    assert_true(vqd_needs_reset(f->d));
    assert_true(vqd_logged(f->d, "transmit chain has device-writable buffers"));
    assert_int_equal(frames(f), 0);
}

/* Posts one receive buffer of `len` bytes; returns its address. */
static uint64_t post_rx(fixture_t *f, uint32_t len)
{
    uint64_t a = vqd_alloc(f->d, len);
    vqd_buf_t b = {a, len, true};
    vqd_add(f->d, RXQ, &b, 1);
    return a;
}

static void test_rx_frame(void **state)
{
    fixture_t *f = *state;
    uint8_t fr[200];
    size_t len = tcp_frame(fr, 100, 9, 0x10);
    vqd_bring_up(f->d, ALL_FEATURES, 2);
    uint64_t a = post_rx(f, 1526);
    vqd_notify(f->d, RXQ);
    vqd_sync(f->d);
    int before = atomic_load(&f->d->raises);
    virtio_net_receive(f->n, fr, len);
    uint16_t id;
    uint32_t ulen;
    assert_true(vqd_used(f->d, RXQ, &id, &ulen));
    assert_int_equal(ulen, 12 + len);
    const uint8_t *h = vqd_host(f->d, a);
    assert_int_equal(h[0], VIRTIO_NET_HDR_F_DATA_VALID);
    assert_int_equal(h[1], VIRTIO_NET_HDR_GSO_NONE);
    assert_int_equal(h[10] | h[11] << 8, 1); /* num_buffers */
    assert_memory_equal(h + 12, fr, len);
    assert_int_equal(atomic_load(&f->d->raises), before + 1);
}

static void test_rx_no_guest_csum(void **state)
{
    fixture_t *f = *state;
    uint8_t fr[100];
    size_t len = tcp_frame(fr, 10, 9, 0x10);
    vqd_bring_up(f->d, F(VIRTIO_NET_F_MAC), 2);
    uint64_t a = post_rx(f, 1526);
    virtio_net_receive(f->n, fr, len);
    assert_int_equal(vqd_host(f->d, a)[0], 0); /* no DATA_VALID without GUEST_CSUM */
}

static void test_rx_small_buffer(void **state)
{
    fixture_t *f = *state;
    uint8_t fr[200];
    size_t len = tcp_frame(fr, 100, 9, 0x10);
    vqd_bring_up(f->d, ALL_FEATURES, 2);
    post_rx(f, 60);
    post_rx(f, 1526);
    virtio_net_receive(f->n, fr, len); /* dropped: the first buffer is too small */
    virtio_net_receive(f->n, fr, len); /* the next frame takes the next buffer */
    uint16_t id;
    uint32_t ulen;
    assert_true(vqd_used(f->d, RXQ, &id, &ulen));
    assert_int_equal(ulen, 0);
    assert_true(vqd_used(f->d, RXQ, &id, &ulen));
    assert_int_equal(ulen, 12 + len);
    assert_true(vqd_logged(f->d, "too small"));
    assert_false(vqd_needs_reset(f->d));
    virtio_net_stats_t st;
    virtio_net_get_stats(f->n, &st);
    assert_int_equal(st.rx_frames, 1);
    assert_int_equal(st.rx_dropped, 1);
}

static void test_rx_readable(void **state)
{
    fixture_t *f = *state;
    uint8_t fr[100];
    vqd_bring_up(f->d, ALL_FEATURES, 2);
    uint64_t a = vqd_alloc(f->d, 1600);
    vqd_buf_t b[2] = {{a, 12, false}, {a + 12, 1514, true}};
    vqd_add(f->d, RXQ, b, 2);
    virtio_net_receive(f->n, fr, tcp_frame(fr, 10, 1, 0x10));
    assert_true(vqd_needs_reset(f->d));
    assert_true(vqd_logged(f->d, "receive chain has device-readable buffers"));
}

static void test_rx_backlog(void **state)
{
    fixture_t *f = *state;
    uint8_t fr[3][200];
    size_t len[3];
    vqd_bring_up(f->d, ALL_FEATURES, 2);
    for (unsigned i = 0; i < 3; i++) {
        len[i] = tcp_frame(fr[i], 20 + i, i, 0x10);
        virtio_net_receive(f->n, fr[i], len[i]);
    }
    uint16_t id;
    uint32_t ulen;
    assert_false(vqd_used(f->d, RXQ, &id, &ulen));
    uint64_t a[3];
    for (unsigned i = 0; i < 3; i++)
        a[i] = post_rx(f, 1526);
    vqd_notify(f->d, RXQ);
    vqd_sync(f->d);
    for (unsigned i = 0; i < 3; i++) {
        assert_true(vqd_used(f->d, RXQ, &id, &ulen));
        assert_int_equal(ulen, 12 + len[i]);
        assert_memory_equal(vqd_host(f->d, a[i]) + 12, fr[i], len[i]);
    }
    virtio_net_stats_t st;
    virtio_net_get_stats(f->n, &st);
    assert_int_equal(st.rx_backlogged, 3);
    assert_int_equal(st.rx_frames, 3);
}

static void test_rx_backlog_bound(void **state)
{
    fixture_t *f = *state;
    uint8_t fr[100];
    size_t len = tcp_frame(fr, 10, 1, 0x10);
    vqd_bring_up(f->d, ALL_FEATURES, 2);
    for (unsigned i = 0; i < VIRTIO_NET_BACKLOG_FRAMES + 5; i++)
        virtio_net_receive(f->n, fr, len);
    virtio_net_stats_t st;
    virtio_net_get_stats(f->n, &st);
    assert_int_equal(st.rx_backlogged, VIRTIO_NET_BACKLOG_FRAMES);
    assert_int_equal(st.rx_dropped, 5);
    vqd_wr(f->d, VQD_STATUS, 0); /* a reset empties the backlog */
    vqd_bring_up(f->d, ALL_FEATURES, 2);
    post_rx(f, 1526);
    vqd_notify(f->d, RXQ);
    vqd_sync(f->d);
    uint16_t id;
    uint32_t ulen;
    assert_false(vqd_used(f->d, RXQ, &id, &ulen));
}

static void test_rx_before_driver_ok(void **state)
{
    fixture_t *f = *state;
    uint8_t fr[100];
    virtio_net_receive(f->n, fr, tcp_frame(fr, 10, 1, 0x10));
    virtio_net_stats_t st;
    virtio_net_get_stats(f->n, &st);
    assert_int_equal(st.rx_dropped, 1);
    assert_int_equal(st.rx_backlogged, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_config, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tx_frame, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tx_csum, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tx_csum_not_negotiated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tx_tso, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tx_tso_large_segments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tx_tso_not_negotiated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tx_short, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tx_writable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rx_frame, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rx_no_guest_csum, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rx_small_buffer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rx_readable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rx_backlog, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rx_backlog_bound, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rx_before_driver_ok, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
