/*
 * test_virtio_console.c - virtio-console (dev/virtio_console.h) with a Unix-socket chardev,
 * driven through its virtqueues.
 *
 * Output: transmit chains (one or several buffers) reach the client in order and come back
 * with length 0; without a client they are consumed and dropped. Input: the client's bytes
 * fill posted receive buffers (used length = bytes); with no buffer posted, input waits and
 * arrives once the guest posts one and notifies. Bad chains: device-writable transmit buffers
 * or device-readable receive buffers give DEVICE_NEEDS_RESET. Config: device ID 3, no
 * features of its own.
 */
#include "vq_driver.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "dev/virtio_console.h"

#define RXQ VIRTIO_CONSOLE_RXQ
#define TXQ VIRTIO_CONSOLE_TXQ

typedef struct fixture {
    vqd_t *d;
    virtio_console_t *c;
    char path[96];
} fixture_t;

static void sleep_ms(int ms)
{
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    f->d = vqd_new();
    f->c = virtio_console_create(&f->d->vm);
    assert_non_null(f->c);
    snprintf(f->path, sizeof(f->path), "/tmp/polyhart-vcon-%d.sock", (int)getpid());
    char props[160], err[256];
    snprintf(props, sizeof(props), "id=c0,path=%s,server=on,wait=off", f->path);
    chardev_cfg_t cfg;
    assert_int_equal(chardev_parse("socket", props, &cfg, err, sizeof(err)), 0);
    chardev_t *chr = chardev_new(f->d->io, &f->d->log, &cfg, err, sizeof(err));
    assert_non_null(chr);
    virtio_console_set_chardev(f->c, chr);
    vqd_map(f->d);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    vqd_free(f->d);
    free(f);
    return 0;
}

static int client(fixture_t *f)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", f->path);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(s >= 0);
    assert_int_equal(connect(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
    struct timeval tv = {2, 0};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    vqd_sync(f->d); /* accepted */
    return s;
}

static void send_text(fixture_t *f, const char *a, const char *b)
{
    size_t la = strlen(a), lb = b ? strlen(b) : 0;
    uint64_t p = vqd_alloc(f->d, (uint32_t)(la + lb));
    memcpy(vqd_host(f->d, p), a, la);
    memcpy(vqd_host(f->d, p + la), b ? b : "", lb);
    vqd_buf_t two[2] = {{p, (uint32_t)la, false}, {p + la, (uint32_t)lb, false}};
    vqd_add(f->d, TXQ, two, b ? 2 : 1);
    vqd_notify(f->d, TXQ);
    vqd_sync(f->d);
}

static uint64_t post_rx(fixture_t *f, uint32_t len)
{
    uint64_t a = vqd_alloc(f->d, len);
    vqd_buf_t b = {a, len, true};
    vqd_add(f->d, RXQ, &b, 1);
    return a;
}

/* Waits up to 2 s for a used element on q. */
static bool wait_used(fixture_t *f, unsigned q, uint16_t *id, uint32_t *len)
{
    for (int i = 0; i < 2000; i++) {
        vqd_sync(f->d);
        if (vqd_used(f->d, q, id, len))
            return true;
        sleep_ms(1);
    }
    return false;
}

static void test_config(void **state)
{
    fixture_t *f = *state;
    assert_int_equal(vqd_rd(f->d, VQD_DEVICE_ID, 4), VIRTIO_ID_CONSOLE);
    vqd_wr(f->d, VQD_DEV_FEATURES_SEL, 0);
    assert_int_equal(vqd_rd(f->d, VQD_DEV_FEATURES, 4) & 0xffffff, 0);
    assert_int_equal(vqd_rd(f->d, VQD_CONFIG + 4, 4), 0);
}

static void test_output(void **state)
{
    fixture_t *f = *state;
    vqd_bring_up(f->d, 0, 2);
    send_text(f, "dropped: nobody is connected\n", NULL);
    uint16_t id;
    uint32_t len;
    assert_true(vqd_used(f->d, TXQ, &id, &len));
    int s = client(f);
    send_text(f, "hello ", "world\n");
    send_text(f, "again\n", NULL);
    char buf[64] = {0};
    size_t got = 0;
    while (got < 18) {
        ssize_t n = read(s, buf + got, sizeof(buf) - 1 - got);
        assert_true(n > 0);
        got += (size_t)n;
    }
    assert_string_equal(buf, "hello world\nagain\n");
    assert_true(vqd_used(f->d, TXQ, &id, &len));
    assert_int_equal(len, 0);
    assert_true(vqd_used(f->d, TXQ, &id, &len));
    assert_false(vqd_needs_reset(f->d));
    close(s);
}

static void test_input(void **state)
{
    fixture_t *f = *state;
    vqd_bring_up(f->d, 1ULL << VIRTIO_F_EVENT_IDX, 2);
    int s = client(f);
    uint64_t a = post_rx(f, 64);
    vqd_notify(f->d, RXQ);
    assert_int_equal(write(s, "ping\n", 5), 5);
    uint16_t id;
    uint32_t len;
    assert_true(wait_used(f, RXQ, &id, &len));
    assert_int_equal(len, 5);
    assert_memory_equal(vqd_host(f->d, a), "ping\n", 5);
    /* No buffer now: the input waits until the guest posts one. */
    assert_int_equal(write(s, "later\n", 6), 6);
    sleep_ms(50);
    vqd_sync(f->d);
    assert_false(vqd_used(f->d, RXQ, &id, &len));
    a = post_rx(f, 64);
    vqd_notify(f->d, RXQ);
    assert_true(wait_used(f, RXQ, &id, &len));
    assert_int_equal(len, 6);
    assert_memory_equal(vqd_host(f->d, a), "later\n", 6);
    close(s);
}

static void test_tx_writable(void **state)
{
    fixture_t *f = *state;
    vqd_bring_up(f->d, 0, 2);
    uint64_t a = vqd_alloc(f->d, 32);
    vqd_buf_t b = {a, 32, true};
    vqd_add(f->d, TXQ, &b, 1);
    vqd_notify(f->d, TXQ);
    vqd_sync(f->d);
    assert_true(vqd_needs_reset(f->d));
    assert_true(vqd_logged(f->d, "transmit chain has device-writable buffers"));
}

static void test_rx_readable(void **state)
{
    fixture_t *f = *state;
    vqd_bring_up(f->d, 0, 2);
    int s = client(f);
    uint64_t a = vqd_alloc(f->d, 32);
    vqd_buf_t b = {a, 32, false};
    vqd_add(f->d, RXQ, &b, 1);
    vqd_notify(f->d, RXQ);
    assert_int_equal(write(s, "x", 1), 1);
    for (int i = 0; i < 2000 && !vqd_needs_reset(f->d); i++)
        sleep_ms(1);
    assert_true(vqd_needs_reset(f->d));
    vqd_sync(f->d);
    assert_true(vqd_logged(f->d, "receive chain has device-readable buffers"));
    close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_config, setup, teardown),
        cmocka_unit_test_setup_teardown(test_output, setup, teardown),
        cmocka_unit_test_setup_teardown(test_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tx_writable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rx_readable, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
