/*
 * test_chardev.c - character back ends (dev/chardev.h) on a real event loop.
 *
 * Options: socket/file/null forms that parse, and the one-line errors for the rest. Socket:
 * a client's bytes reach the front end only as far as can_read allows, a front end that can
 * take nothing pauses input until chardev_accept_input; output reaches the client, a client
 * that does not read fills the bounded buffer (chardev_write then takes less and `writable`
 * follows once it reads), output without a client is dropped, a second client is served once
 * the first leaves, and the socket file is removed at the end; a TCP socket the same, and a
 * second listener on its port fails with a message. File: output lands in the file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <time.h>
#include <unistd.h>

#include "dev/chardev.h"

typedef struct fixture {
    evloop_t *io;
    log_ctx_t log;
    chardev_t *c;
    char path[96];
    /* front end state: loop thread writes, test reads after a sync */
    atomic_size_t can;     /* what can_read answers */
    atomic_int writables;
    char in[8192];
    atomic_size_t inlen;
} fixture_t;

static size_t fe_can_read(void *opaque)
{
    fixture_t *f = opaque;
    size_t room = sizeof(f->in) - atomic_load(&f->inlen);
    size_t can = atomic_load(&f->can);
    return can < room ? can : room;
}

static void fe_read(void *opaque, const uint8_t *buf, size_t len)
{
    fixture_t *f = opaque;
    size_t at = atomic_load(&f->inlen);
    memcpy(f->in + at, buf, len);
    atomic_store(&f->inlen, at + len);
}

static void fe_writable(void *opaque)
{
    fixture_t *f = opaque;
    atomic_fetch_add(&f->writables, 1);
}

static const chardev_frontend_t fe = {fe_can_read, fe_read, fe_writable};

static void sleep_ms(int ms)
{
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    log_init(&f->log);
    f->io = evloop_new("test-io");
    assert_non_null(f->io);
    assert_true(evloop_start(f->io));
    snprintf(f->path, sizeof(f->path), "/tmp/polyhart-chardev-%d.sock", (int)getpid());
    atomic_store(&f->can, 1 << 20);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    chardev_free(f->c);
    evloop_stop(f->io);
    evloop_free(f->io);
    free(f);
    return 0;
}

static int parse(const char *type, const char *props, chardev_cfg_t *cfg, char *err)
{
    return chardev_parse(type, props, cfg, err, 256);
}

static void test_parse(void **state)
{
    (void)state;
    chardev_cfg_t cfg;
    char err[256];
    assert_int_equal(parse("socket", "id=c0,path=/tmp/s,server=on,wait=off", &cfg, err), 0);
    assert_int_equal(cfg.kind, CHARDEV_SOCKET);
    assert_string_equal(cfg.path, "/tmp/s");
    assert_int_equal(parse("socket", "id=c0,host=127.0.0.1,port=4444,server,nowait", &cfg, err), 0);
    assert_int_equal(cfg.port, 4444);
    assert_string_equal(cfg.host, "127.0.0.1");
    assert_int_equal(parse("socket", "id=c0,port=4444,server=on,wait=off", &cfg, err), 0);
    assert_string_equal(cfg.host, "127.0.0.1");
    assert_int_equal(parse("file", "id=c0,path=/tmp/f", &cfg, err), 0);
    assert_int_equal(cfg.kind, CHARDEV_FILE);
    assert_int_equal(parse("null", "id=c0", &cfg, err), 0);

    struct { const char *type, *props, *msg; } bad[] = {
        {"pty", "id=c0", "unknown type 'pty'"},
        {"socket", "id=c0,path=/tmp/s", "only server=on"},
        {"socket", "id=c0,path=/tmp/s,server=on", "only wait=off"},
        {"socket", "id=c0,server=on,wait=off", "either path=PATH or"},
        {"socket", "id=c0,path=/tmp/s,port=1,server=on,wait=off", "either path=PATH or"},
        {"socket", "id=c0,port=70000,server=on,wait=off", "invalid property 'port=70000'"},
        {"socket", "id=c0,host=localhost,port=1,server=on,wait=off", "not a numeric IPv4"},
        {"socket", "id=c0,path=/tmp/s,server=maybe,wait=off", "invalid property 'server=maybe'"},
        {"file", "id=c0", "path=PATH is required"},
        {"file", "id=c0,path=/tmp/f,mux=on", "unknown property 'mux=on'"},
        {"null", "id=c0,path=/x", "unknown property 'path=/x'"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err[0] = '\0';
        assert_int_equal(parse(bad[i].type, bad[i].props, &cfg, err), -1);
        if (!strstr(err, bad[i].msg))
            fail_msg("%s,%s: '%s' lacks '%s'", bad[i].type, bad[i].props, err, bad[i].msg);
    }
}

static chardev_t *open_unix(fixture_t *f)
{
    chardev_cfg_t cfg;
    char err[256], props[160];
    snprintf(props, sizeof(props), "id=c0,path=%s,server=on,wait=off", f->path);
    assert_int_equal(parse("socket", props, &cfg, err), 0);
    f->c = chardev_new(f->io, &f->log, &cfg, err, sizeof(err));
    assert_non_null(f->c);
    chardev_attach(f->c, &fe, f);
    return f->c;
}

static int connect_unix(const char *path)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(s >= 0);
    assert_int_equal(connect(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
    return s;
}

/* Waits (up to 2 s) until cond(f) holds. */
static bool wait_until(fixture_t *f, bool (*cond)(fixture_t *))
{
    for (int i = 0; i < 2000; i++) {
        if (cond(f))
            return true;
        sleep_ms(1);
    }
    return false;
}

typedef struct write_req {
    chardev_t *c;
    const void *buf;
    size_t len, taken;
    bool connected;
} write_req_t;

static void do_write(void *opaque)
{
    write_req_t *r = opaque;
    r->connected = chardev_connected(r->c);
    r->taken = chardev_write(r->c, r->buf, r->len);
}

/* chardev_write on the loop thread, as a device's bottom half calls it. */
static size_t write_on_loop(fixture_t *f, const void *buf, size_t len, bool *connected)
{
    write_req_t r = {f->c, buf, len, 0, false};
    evloop_run_sync(f->io, do_write, &r);
    if (connected)
        *connected = r.connected;
    return r.taken;
}

static void accept_input(void *opaque) { chardev_accept_input(opaque); }

static bool got_5(fixture_t *f) { return atomic_load(&f->inlen) >= 5; }
static bool got_11(fixture_t *f) { return atomic_load(&f->inlen) >= 11; }

static void test_socket_input(void **state)
{
    fixture_t *f = *state;
    open_unix(f);
    int s = connect_unix(f->path);
    assert_int_equal(write(s, "hello", 5), 5);
    assert_true(wait_until(f, got_5));
    assert_memory_equal(f->in, "hello", 5);
    atomic_store(&f->can, 0); /* the front end is full: input pauses */
    assert_int_equal(write(s, "world!", 6), 6);
    sleep_ms(50);
    assert_int_equal(atomic_load(&f->inlen), 5);
    atomic_store(&f->can, 2); /* room for two bytes at a time */
    evloop_run_sync(f->io, accept_input, f->c);
    assert_true(wait_until(f, got_11));
    assert_memory_equal(f->in, "helloworld!", 11);
    close(s);
}

static void test_socket_output(void **state)
{
    fixture_t *f = *state;
    open_unix(f);
    bool connected;
    assert_int_equal(write_on_loop(f, "lost", 4, &connected), 4); /* no client: dropped */
    assert_false(connected);
    int s = connect_unix(f->path);
    for (int i = 0; i < 1000 && !connected; i++) {
        sleep_ms(1);
        write_on_loop(f, "", 0, &connected);
    }
    assert_true(connected);
    assert_int_equal(write_on_loop(f, "out\n", 4, NULL), 4);
    char buf[16];
    assert_int_equal(read(s, buf, sizeof(buf)), 4);
    assert_memory_equal(buf, "out\n", 4);

    /* A client that does not read: the socket buffer, then ours, fill up. */
    static uint8_t chunk[65536];
    size_t total = 0, taken;
    int rounds = 0;
    while ((taken = write_on_loop(f, chunk, sizeof(chunk), NULL)) == sizeof(chunk)) {
        total += taken;
        assert_true(++rounds < 10000);
    }
    total += taken;
    assert_int_equal(atomic_load(&f->writables), 0);
    size_t drained = 0;
    while (drained < total) { /* read it all: writable must be called */
        ssize_t n = read(s, chunk, sizeof(chunk));
        assert_true(n > 0);
        drained += (size_t)n;
    }
    for (int i = 0; i < 1000 && !atomic_load(&f->writables); i++)
        sleep_ms(1);
    assert_int_equal(atomic_load(&f->writables), 1);
    close(s);
}

static void test_socket_reconnect(void **state)
{
    fixture_t *f = *state;
    open_unix(f);
    int s = connect_unix(f->path);
    assert_int_equal(write(s, "one..", 5), 5);
    assert_true(wait_until(f, got_5));
    close(s);
    bool connected = true;
    for (int i = 0; i < 1000 && connected; i++) {
        sleep_ms(1);
        write_on_loop(f, "x", 1, &connected); /* the hang-up is seen, output dropped */
    }
    assert_false(connected);
    s = connect_unix(f->path);
    assert_int_equal(write(s, "two...", 6), 6);
    assert_true(wait_until(f, got_11));
    assert_memory_equal(f->in, "one..two...", 11);
    close(s);
    chardev_free(f->c);
    f->c = NULL;
    assert_int_equal(access(f->path, F_OK), -1); /* the socket file is gone */
}

/* A port that was free a moment ago. */
static unsigned free_port(void)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof(sa);
    assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
    assert_int_equal(getsockname(s, (struct sockaddr *)&sa, &len), 0);
    close(s);
    return ntohs(sa.sin_port);
}

static void test_socket_tcp(void **state)
{
    fixture_t *f = *state;
    char props[160], err[256];
    unsigned port = free_port();
    snprintf(props, sizeof(props), "id=c0,host=127.0.0.1,port=%u,server=on,wait=off", port);
    chardev_cfg_t cfg;
    assert_int_equal(parse("socket", props, &cfg, err), 0);
    f->c = chardev_new(f->io, &f->log, &cfg, err, sizeof(err));
    assert_non_null(f->c);
    chardev_attach(f->c, &fe, f);
    chardev_t *again = chardev_new(f->io, &f->log, &cfg, err, sizeof(err));
    assert_null(again); /* the port is taken now */
    assert_non_null(strstr(err, "cannot listen on 127.0.0.1:"));
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    assert_int_equal(connect(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
    assert_int_equal(write(s, "hello", 5), 5);
    assert_true(wait_until(f, got_5));
    assert_memory_equal(f->in, "hello", 5);
    close(s);
}

static void test_file(void **state)
{
    fixture_t *f = *state;
    char path[96], err[256], props[160];
    snprintf(path, sizeof(path), "/tmp/polyhart-chardev-%d.txt", (int)getpid());
    snprintf(props, sizeof(props), "id=c0,path=%s", path);
    chardev_cfg_t cfg;
    assert_int_equal(parse("file", props, &cfg, err), 0);
    f->c = chardev_new(f->io, &f->log, &cfg, err, sizeof(err));
    assert_non_null(f->c);
    assert_int_equal(write_on_loop(f, "abc", 3, NULL), 3);
    assert_int_equal(write_on_loop(f, "def\n", 4, NULL), 4);
    chardev_free(f->c);
    f->c = NULL;
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char line[32] = {0};
    assert_non_null(fgets(line, sizeof(line), fp));
    assert_string_equal(line, "abcdef\n");
    fclose(fp);
    unlink(path);
    snprintf(props, sizeof(props), "id=c0,path=/nonexistent/dir/x");
    assert_int_equal(parse("file", props, &cfg, err), 0);
    assert_null(chardev_new(f->io, &f->log, &cfg, err, sizeof(err)));
    assert_non_null(strstr(err, "cannot open /nonexistent/dir/x"));
}

static void test_socket_not_a_socket(void **state)
{
    fixture_t *f = *state;
    char err[256], props[160];
    FILE *fp = fopen(f->path, "w"); /* a regular file where the socket should go */
    assert_non_null(fp);
    fclose(fp);
    snprintf(props, sizeof(props), "id=c0,path=%s,server=on,wait=off", f->path);
    chardev_cfg_t cfg;
    assert_int_equal(parse("socket", props, &cfg, err), 0);
    assert_null(chardev_new(f->io, &f->log, &cfg, err, sizeof(err)));
    assert_non_null(strstr(err, "exists and is not a socket"));
    unlink(f->path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test_setup_teardown(test_socket_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_socket_output, setup, teardown),
        cmocka_unit_test_setup_teardown(test_socket_reconnect, setup, teardown),
        cmocka_unit_test_setup_teardown(test_socket_tcp, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_socket_not_a_socket, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
