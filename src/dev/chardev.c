#define _GNU_SOURCE /* accept4 */
#include "dev/chardev.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "util/kvopt.h"

#define READ_CHUNK 4096

struct chardev {
    evloop_t *io;
    log_ctx_t *log;
    chardev_cfg_t cfg;
    int fd;                 /* the file, or the listening socket; -1 for null */
    int client;             /* the connected client, or -1 */
    bool listening;         /* the listener is watched (for chardev_free) */
    const chardev_frontend_t *fe;
    void *fe_opaque;
    bool input_paused;      /* the front end could take nothing */
    bool out_blocked;       /* chardev_write refused bytes: call fe->writable when there is room */
    bool write_failed;      /* file output failed (logged once) */
    size_t out_head, out_len;
    uint8_t out[CHARDEV_OUT_BUF];
};

/* ---- options ------------------------------------------------------------------------- */

static int parse_socket_prop(chardev_cfg_t *cfg, const kvopt_t *kv, bool *server, bool *nowait)
{
    const char *k = kv->key, *v = kv->val;
    if (strcmp(k, "path") == 0 && kv->has_val)
        return snprintf(cfg->path, sizeof(cfg->path), "%s", v) < (int)sizeof(cfg->path) ? 0 : -1;
    if (strcmp(k, "host") == 0 && kv->has_val)
        return snprintf(cfg->host, sizeof(cfg->host), "%s", v) < (int)sizeof(cfg->host) ? 0 : -1;
    if (strcmp(k, "port") == 0 && kv->has_val) {
        char *end;
        long p = strtol(v, &end, 10);
        if (!*v || *end || p < 1 || p > 65535)
            return -1;
        cfg->port = (uint16_t)p;
        return 0;
    }
    if (strcmp(k, "server") == 0) { /* "server" alone means server=on */
        if (!kv->has_val) {
            *server = true;
            return 0;
        }
        return kvopt_bool(v, server) ? 0 : -1;
    }
    if (strcmp(k, "wait") == 0) {
        bool wait;
        if (!kv->has_val || !kvopt_bool(v, &wait))
            return -1;
        *nowait = !wait;
        return 0;
    }
    if (strcmp(k, "nowait") == 0 && !kv->has_val) {
        *nowait = true;
        return 0;
    }
    return -2;
}

static int check_socket(chardev_cfg_t *cfg, bool server, bool nowait, char *err, size_t errlen)
{
    if (!server) {
        snprintf(err, errlen, "-chardev socket: only server=on is supported");
        return -1;
    }
    if (!nowait) {
        snprintf(err, errlen, "-chardev socket: only wait=off is supported (the guest does "
                 "not wait for a client)");
        return -1;
    }
    bool tcp = cfg->host[0] || cfg->port;
    if (cfg->path[0] ? tcp : !cfg->port) {
        snprintf(err, errlen, "-chardev socket: give either path=PATH or [host=ADDR,]port=N");
        return -1;
    }
    struct in_addr a;
    if (tcp && !cfg->host[0])
        snprintf(cfg->host, sizeof(cfg->host), "127.0.0.1");
    if (tcp && inet_pton(AF_INET, cfg->host, &a) != 1) {
        snprintf(err, errlen, "-chardev socket: host '%s' is not a numeric IPv4 address",
                 cfg->host);
        return -1;
    }
    return 0;
}

static int parse_props(chardev_cfg_t *cfg, const char *type, const char *props, char *err,
                       size_t errlen)
{
    bool server = false, nowait = false;
    kvopt_t kv;
    int r;
    while ((r = kvopt_next(&props, &kv)) != 0) {
        int bad = r < 0 ? -1 : -2;
        if (r > 0 && strcmp(kv.key, "id") == 0)
            continue;
        if (r > 0 && cfg->kind == CHARDEV_SOCKET)
            bad = parse_socket_prop(cfg, &kv, &server, &nowait);
        else if (r > 0 && cfg->kind == CHARDEV_FILE && strcmp(kv.key, "path") == 0 &&
                 kv.has_val)
            bad = snprintf(cfg->path, sizeof(cfg->path), "%s", kv.val) < (int)sizeof(cfg->path)
                      ? 0 : -1;
        if (bad) {
            snprintf(err, errlen, "-chardev %s: %s property '%s%s%s'", type,
                     bad == -2 ? "unknown" : "invalid", kv.key, kv.has_val ? "=" : "", kv.val);
            return -1;
        }
    }
    if (cfg->kind == CHARDEV_SOCKET)
        return check_socket(cfg, server, nowait, err, errlen);
    if (cfg->kind == CHARDEV_FILE && !cfg->path[0]) {
        snprintf(err, errlen, "-chardev file: path=PATH is required");
        return -1;
    }
    return 0;
}

int chardev_parse(const char *type, const char *props, chardev_cfg_t *cfg, char *err,
                  size_t errlen)
{
    memset(cfg, 0, sizeof(*cfg));
    if (strcmp(type, "socket") == 0)
        cfg->kind = CHARDEV_SOCKET;
    else if (strcmp(type, "file") == 0)
        cfg->kind = CHARDEV_FILE;
    else if (strcmp(type, "null") == 0)
        cfg->kind = CHARDEV_NULL;
    else {
        snprintf(err, errlen, "-chardev: unknown type '%s' (known: socket, file, null)", type);
        return -1;
    }
    return parse_props(cfg, type, props, err, errlen);
}

/* ---- the connected client (I/O thread) ----------------------------------------------- */

static void client_update(chardev_t *c)
{
    short ev = 0;
    if (c->fe && !c->input_paused)
        ev |= POLLIN;
    if (c->out_len)
        ev |= POLLOUT;
    evloop_set_events(c->io, c->client, ev);
}

static void writable_again(chardev_t *c)
{
    if (c->out_blocked && c->out_len < CHARDEV_OUT_BUF) {
        c->out_blocked = false;
        if (c->fe && c->fe->writable)
            c->fe->writable(c->fe_opaque);
    }
}

static void client_drop(chardev_t *c)
{
    evloop_unwatch_fd(c->io, c->client);
    close(c->client);
    c->client = -1;
    c->out_len = c->out_head = 0; /* nobody to send it to */
    evloop_set_events(c->io, c->fd, POLLIN); /* accept the next client */
    writable_again(c);
}

/* Sends buffered output; false if the client is gone. */
static bool out_flush(chardev_t *c)
{
    while (c->out_len) {
        size_t run = c->out_len < CHARDEV_OUT_BUF - c->out_head ? c->out_len
                                                                : CHARDEV_OUT_BUF - c->out_head;
        ssize_t n = send(c->client, c->out + c->out_head, run, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n <= 0)
            return false;
        c->out_head = (c->out_head + (size_t)n) % CHARDEV_OUT_BUF;
        c->out_len -= (size_t)n;
    }
    if (!c->out_len)
        c->out_head = 0;
    return true;
}

/* Reads what the front end can take; false if the client is gone. */
static bool client_read(chardev_t *c)
{
    size_t want = c->fe ? c->fe->can_read(c->fe_opaque) : 0;
    if (!want) {
        c->input_paused = true;
        return true;
    }
    uint8_t buf[READ_CHUNK];
    ssize_t n = read(c->client, buf, want < sizeof(buf) ? want : sizeof(buf));
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return true;
    if (n <= 0)
        return false;
    c->fe->read(c->fe_opaque, buf, (size_t)n);
    return true;
}

static void on_client(void *opaque, int fd, short revents)
{
    (void)fd;
    chardev_t *c = opaque;
    bool ok = !(revents & (POLLERR | POLLNVAL));
    if (ok && (revents & POLLOUT))
        ok = out_flush(c);
    if (ok && (revents & (POLLIN | POLLHUP)))
        ok = c->input_paused ? !(revents & POLLHUP) : client_read(c);
    if (!ok) {
        client_drop(c);
        return;
    }
    client_update(c);
    writable_again(c);
}

static void on_listen(void *opaque, int fd, short revents)
{
    (void)revents;
    chardev_t *c = opaque;
    int s = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (s < 0)
        return; /* EAGAIN, or the client left already */
    if (c->client >= 0) { /* cannot happen: the listener is paused while a client is here */
        close(s);
        return;
    }
    if (!evloop_watch_fd(c->io, s, 0, on_client, c)) {
        close(s);
        return;
    }
    c->client = s;
    c->input_paused = false;
    evloop_set_events(c->io, fd, 0); /* one client at a time */
    client_update(c);
}

/* ---- output -------------------------------------------------------------------------- */

static size_t file_write(chardev_t *c, const uint8_t *buf, size_t len)
{
    size_t done = 0;
    while (done < len && !c->write_failed) {
        ssize_t n = write(c->fd, buf + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            c->write_failed = true;
            fprintf(stderr, "polyhart: chardev %s: write failed (%s); output dropped from now on\n",
                    c->cfg.path, n < 0 ? strerror(errno) : "no progress");
        }
        done += n > 0 ? (size_t)n : 0;
    }
    return len;
}

size_t chardev_write(chardev_t *c, const uint8_t *buf, size_t len)
{
    if (c->cfg.kind == CHARDEV_FILE)
        return file_write(c, buf, len);
    if (c->cfg.kind != CHARDEV_SOCKET || c->client < 0 || !len)
        return len;
    size_t done = 0;
    if (!c->out_len) { /* fast path: straight to the socket */
        ssize_t n = send(c->client, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            client_drop(c);
            return len;
        }
        done = n > 0 ? (size_t)n : 0;
    }
    while (done < len && c->out_len < CHARDEV_OUT_BUF) {
        size_t tail = (c->out_head + c->out_len) % CHARDEV_OUT_BUF;
        size_t room = CHARDEV_OUT_BUF - c->out_len;
        size_t run = tail >= c->out_head ? CHARDEV_OUT_BUF - tail : room;
        size_t n = len - done < run ? len - done : run;
        memcpy(c->out + tail, buf + done, n);
        c->out_len += n;
        done += n;
    }
    if (done < len)
        c->out_blocked = true;
    if (c->out_len)
        client_update(c);
    return done;
}

void chardev_accept_input(chardev_t *c)
{
    if (c->input_paused) {
        c->input_paused = false;
        if (c->client >= 0)
            client_update(c);
    }
}

bool chardev_connected(const chardev_t *c)
{
    return c->cfg.kind != CHARDEV_SOCKET || c->client >= 0;
}

void chardev_attach(chardev_t *c, const chardev_frontend_t *fe, void *opaque)
{
    c->fe = fe;
    c->fe_opaque = opaque;
}

/* ---- life cycle ---------------------------------------------------------------------- */

static int listen_unix(const char *path, char *err, size_t errlen)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    struct stat st;
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
    if (lstat(path, &st) == 0) {
        if (!S_ISSOCK(st.st_mode)) {
            snprintf(err, errlen, "-chardev socket: %s exists and is not a socket", path);
            return -1;
        }
        unlink(path); /* a stale socket from an earlier run */
    }
    int s = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (s < 0 || bind(s, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(s, 1) < 0) {
        snprintf(err, errlen, "-chardev socket: cannot listen on %s: %s", path, strerror(errno));
        if (s >= 0)
            close(s);
        return -1;
    }
    return s;
}

static int listen_tcp(const char *host, uint16_t port, char *err, size_t errlen)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, host, &sa.sin_addr);
    int one = 1;
    int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
        bind(s, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(s, 1) < 0) {
        snprintf(err, errlen, "-chardev socket: cannot listen on %s:%u: %s", host, port,
                 strerror(errno));
        if (s >= 0)
            close(s);
        return -1;
    }
    return s;
}

static int open_backend(const chardev_cfg_t *cfg, char *err, size_t errlen)
{
    if (cfg->kind == CHARDEV_NULL)
        return -1;
    if (cfg->kind == CHARDEV_SOCKET)
        return cfg->path[0] ? listen_unix(cfg->path, err, errlen)
                            : listen_tcp(cfg->host, cfg->port, err, errlen);
    int fd = open(cfg->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        snprintf(err, errlen, "-chardev file: cannot open %s: %s", cfg->path, strerror(errno));
    return fd;
}

chardev_t *chardev_new(evloop_t *io, log_ctx_t *log, const chardev_cfg_t *cfg, char *err,
                       size_t errlen)
{
    chardev_t *c = calloc(1, sizeof(*c));
    if (!c) {
        snprintf(err, errlen, "-chardev: out of memory");
        return NULL;
    }
    c->io = io;
    c->log = log;
    c->cfg = *cfg;
    c->client = -1;
    c->fd = open_backend(cfg, err, errlen);
    if (c->fd < 0 && cfg->kind != CHARDEV_NULL) {
        free(c);
        return NULL;
    }
    if (cfg->kind == CHARDEV_SOCKET) {
        c->listening = evloop_watch_fd(io, c->fd, POLLIN, on_listen, c);
        if (!c->listening) {
            snprintf(err, errlen, "-chardev: out of memory");
            chardev_free(c);
            return NULL;
        }
    }
    return c;
}

/* On the loop thread (or with the loop stopped): nothing else touches the chardev then. */
static void do_free(void *opaque)
{
    chardev_t *c = opaque;
    if (c->client >= 0) {
        evloop_unwatch_fd(c->io, c->client);
        close(c->client);
    }
    if (c->listening)
        evloop_unwatch_fd(c->io, c->fd);
    if (c->fd >= 0)
        close(c->fd);
    if (c->cfg.kind == CHARDEV_SOCKET && c->cfg.path[0])
        unlink(c->cfg.path);
}

void chardev_free(chardev_t *c)
{
    if (!c)
        return;
    evloop_run_sync(c->io, do_free, c);
    free(c);
}
