#include "front/qmp.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "front/hartview.h"
#include "front/json.h"
#include "front/sock.h"
#include "front/version.h"

#define MSG_MAX (64 * 1024)

struct qmp_client {
    int fd;
    bool negotiated; /* qmp_capabilities done: commands run and events arrive */
    bool discard;    /* dropping input up to the next newline (after an oversized message) */
    bool in_str, esc;
    unsigned depth;  /* bracket depth of the value being received */
    size_t len, scan; /* bytes buffered; bytes already scanned */
    char buf[MSG_MAX];
};

struct qmp_event {
    qmp_event_t *next;
    char text[]; /* one JSON line */
};

typedef struct request {
    qmp_t *q;
    qmp_client_t *c;
    const json_t *args;
    strbuf_t *ret; /* the "return" value's JSON text */
    char err[256]; /* set: the command failed with this description */
    const char *err_class;
} request_t;

void qmp_init(qmp_t *q, control_t *ctl, monitor_t *mon)
{
    memset(q, 0, sizeof(*q));
    q->ctl = ctl;
    q->mon = mon;
    q->wake[0] = q->wake[1] = -1;
    q->events_tail = &q->events;
    lock_init(&q->lock, LOCK_RANK_EVENTS, "qmp.lock");
    atomic_init(&q->stop, false);
}

/* ---- options and listening ---- */

static bool option_ok(const char *opt, char *err, size_t errlen)
{
    static const char *const ok[] = {"server", "server=on", "wait=off", "nowait"};
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
        if (strcmp(opt, ok[i]) == 0)
            return true;
    if (strcmp(opt, "wait=on") == 0 || strcmp(opt, "server=off") == 0)
        snprintf(err, errlen, "-qmp: '%s' is not supported (polyhart's QMP is a server that "
                              "does not wait: use server=on,wait=off)", opt);
    else
        snprintf(err, errlen, "-qmp: unknown option '%s'", opt);
    return false;
}

int qmp_add_listener(qmp_t *q, const char *spec, char *err, size_t errlen)
{
    char buf[512];
    snprintf(buf, sizeof(buf), "%s", spec);
    char *comma = strchr(buf, ','), *save = NULL;
    if (comma) {
        *comma = '\0';
        for (char *o = strtok_r(comma + 1, ",", &save); o; o = strtok_r(NULL, ",", &save))
            if (!option_ok(o, err, errlen))
                return -1;
    }
    if (q->nlisten == QMP_MAX_LISTENERS) {
        snprintf(err, errlen, "-qmp: at most %d", QMP_MAX_LISTENERS);
        return -1;
    }
    int fd = sock_listen(buf, err, errlen);
    if (fd < 0)
        return -1;
    q->unix_path[q->nlisten] = strncmp(buf, "unix:", 5) == 0 ? strdup(buf + 5) : NULL;
    q->listen_fd[q->nlisten++] = fd;
    return 0;
}

/* ---- sending ---- */

static void client_close(qmp_t *q, unsigned i)
{
    close(q->clients[i]->fd);
    free(q->clients[i]);
    q->clients[i] = NULL;
}

static bool client_send(qmp_client_t *c, const char *text, size_t len)
{
    return sock_send_all(c->fd, text, len) && sock_send_all(c->fd, "\r\n", 2);
}

/* {"KEY": VALUE, "id": ID} (no id when the command had none). */
static void send_reply(qmp_client_t *c, const json_t *id, const char *key, const char *value)
{
    strbuf_t sb;
    sb_init(&sb);
    sb_printf(&sb, "{\"%s\": %s", key, value);
    if (id) {
        sb_puts(&sb, ", \"id\": ");
        json_write(&sb, id);
    }
    sb_puts(&sb, "}");
    client_send(c, sb_str(&sb), sb.len);
    sb_free(&sb);
}

static void send_error(qmp_client_t *c, const json_t *id, const char *cls, const char *desc)
{
    strbuf_t err;
    sb_init(&err);
    sb_printf(&err, "{\"class\": \"%s\", \"desc\": ", cls);
    sb_json_string(&err, desc);
    sb_puts(&err, "}");
    send_reply(c, id, "error", sb_str(&err));
    sb_free(&err);
}

static void send_return(qmp_client_t *c, const json_t *id, const char *value)
{
    send_reply(c, id, "return", value);
}

static void qmp_emit(void *ctx, const char *name, const char *data)
{
    qmp_t *q = ctx;
    struct timeval tv;
    gettimeofday(&tv, NULL);
    char head[160];
    int n = snprintf(head, sizeof(head),
                     "{\"timestamp\": {\"seconds\": %ld, \"microseconds\": %ld}, \"event\": \"%s\", "
                     "\"data\": ", (long)tv.tv_sec, (long)tv.tv_usec, name);
    size_t dlen = strlen(data);
    qmp_event_t *e = malloc(sizeof(*e) + (size_t)n + dlen + 2);
    if (!e)
        return;
    memcpy(e->text, head, (size_t)n);
    memcpy(e->text + n, data, dlen);
    strcpy(e->text + n + dlen, "}");
    e->next = NULL;
    lock_take(&q->lock);
    *q->events_tail = e;
    q->events_tail = &e->next;
    lock_drop(&q->lock);
    if (write(q->wake[1], "e", 1) < 0) {
        /* the pipe is full: the thread is awake already */
    }
}

static void flush_events(qmp_t *q)
{
    lock_take(&q->lock);
    qmp_event_t *list = q->events;
    q->events = NULL;
    q->events_tail = &q->events;
    lock_drop(&q->lock);
    while (list) {
        qmp_event_t *next = list->next;
        for (unsigned i = 0; i < QMP_MAX_CLIENTS; i++)
            if (q->clients[i] && q->clients[i]->negotiated &&
                !client_send(q->clients[i], list->text, strlen(list->text)))
                client_close(q, i);
        free(list);
        list = next;
    }
}

/* ---- commands ---- */

static void cmd_capabilities(request_t *r)
{
    if (r->c->negotiated) {
        r->err_class = "CommandNotFound";
        snprintf(r->err, sizeof(r->err), "Capabilities negotiation is already complete, "
                                         "command ignored");
        return;
    }
    r->c->negotiated = true;
}

static void cmd_query_status(request_t *r)
{
    bool running;
    const char *st = control_status(r->q->ctl, &running);
    sb_printf(r->ret, "{\"status\": \"%s\", \"singlestep\": false, \"running\": %s}", st,
              running ? "true" : "false");
}

static void cmd_stop(request_t *r) { control_stop(r->q->ctl); }
static void cmd_cont(request_t *r) { control_cont(r->q->ctl); }
static void cmd_reset(request_t *r) { control_reset(r->q->ctl); }
static void cmd_powerdown(request_t *r) { control_powerdown(r->q->ctl); }
static void cmd_quit(request_t *r) { control_quit(r->q->ctl); }

static void cmd_query_cpus_fast(request_t *r)
{
    machine_t *m = r->q->ctl->m;
    sb_puts(r->ret, "[");
    for (unsigned i = 0; i < m->nharts; i++) {
        hart_snapshot_t s;
        hartview_snapshot(m, i, &s);
        sb_printf(r->ret,
                  "%s{\"cpu-index\": %u, \"qom-path\": \"/machine/soc/harts[%u]\", "
                  "\"thread-id\": %d, \"props\": {\"core-id\": %u, \"socket-id\": 0}, "
                  "\"target\": \"riscv64\", \"pc\": %" PRIu64 ", \"priv\": \"%s\"}",
                  i ? ", " : "", i, i, dbg_hart_tid(&m->runctl.dbg, i), i, s.pc,
                  hartview_priv_name(s.priv));
    }
    sb_puts(r->ret, "]");
}

static void cmd_query_version(request_t *r)
{
    sb_printf(r->ret, "{\"qemu\": {\"major\": %d, \"minor\": %d, \"micro\": %d}, "
                      "\"package\": \"polyhart " POLYHART_VERSION "\"}",
              POLYHART_VERSION_MAJOR, POLYHART_VERSION_MINOR, POLYHART_VERSION_MICRO);
}

static void cmd_hmp(request_t *r)
{
    const json_t *line = json_get(r->args, "command-line");
    if (!line || line->kind != JSON_STRING) {
        r->err_class = "GenericError";
        snprintf(r->err, sizeof(r->err), "Parameter 'command-line' is missing or not a string");
        return;
    }
    strbuf_t out;
    sb_init(&out);
    monitor_exec(r->q->mon, line->str, &out);
    sb_json_string(r->ret, sb_str(&out));
    sb_free(&out);
}

static void cmd_query_commands(request_t *r);

typedef struct command {
    const char *name;
    void (*fn)(request_t *r);
} command_t;

static const command_t commands[] = {
    {"qmp_capabilities", cmd_capabilities},
    {"query-status", cmd_query_status},
    {"stop", cmd_stop},
    {"cont", cmd_cont},
    {"system_reset", cmd_reset},
    {"system_powerdown", cmd_powerdown},
    {"quit", cmd_quit},
    {"query-cpus-fast", cmd_query_cpus_fast},
    {"query-version", cmd_query_version},
    {"query-commands", cmd_query_commands},
    {"human-monitor-command", cmd_hmp},
};

static void cmd_query_commands(request_t *r)
{
    sb_puts(r->ret, "[");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        sb_printf(r->ret, "%s{\"name\": \"%s\"}", i ? ", " : "", commands[i].name);
    sb_puts(r->ret, "]");
}

static const command_t *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

/* Checks the message's shape; NULL if it is a well-formed command, else the error text. */
static const char *malformed(const json_t *v, const json_t **exec, const json_t **args)
{
    if (v->kind != JSON_OBJECT)
        return "QMP input must be a JSON object";
    *exec = json_get(v, "execute");
    *args = json_get(v, "arguments");
    if (!*exec)
        return "QMP input lacks member 'execute'";
    if ((*exec)->kind != JSON_STRING)
        return "QMP input member 'execute' must be a string";
    if (*args && (*args)->kind != JSON_OBJECT)
        return "QMP input member 'arguments' must be an object";
    return NULL;
}

static void run_request(qmp_t *q, qmp_client_t *c, const json_t *id, const char *name,
                        const json_t *args)
{
    const command_t *cmd = find_command(name);
    char desc[300];
    if (!cmd || (!c->negotiated && cmd->fn != cmd_capabilities)) {
        if (!cmd)
            snprintf(desc, sizeof(desc), "The command %.200s has not been found", name);
        else
            snprintf(desc, sizeof(desc), "Expecting capabilities negotiation with "
                                         "'qmp_capabilities'");
        send_error(c, id, "CommandNotFound", desc);
        return;
    }
    strbuf_t ret;
    sb_init(&ret);
    request_t r = {.q = q, .c = c, .args = args, .ret = &ret};
    cmd->fn(&r);
    flush_events(q); /* events the command caused (STOP...) come before its reply, as in QEMU */
    if (r.err_class)
        send_error(c, id, r.err_class, r.err);
    else
        send_return(c, id, ret.len ? sb_str(&ret) : "{}");
    sb_free(&ret);
}

static void handle_message(qmp_t *q, qmp_client_t *c, const char *text, size_t len)
{
    char err[200];
    json_t *v = json_parse(text, len, err, sizeof(err));
    if (!v) {
        send_error(c, NULL, "GenericError", err);
        return;
    }
    const json_t *exec = NULL, *args = NULL, *id = json_get(v, "id");
    const char *bad = malformed(v, &exec, &args);
    if (bad)
        send_error(c, id, "GenericError", bad);
    else
        run_request(q, c, id, exec->str, args);
    json_free(v);
}

/* ---- input: splitting the byte stream into JSON values ---- */

static void consume(qmp_client_t *c, size_t n)
{
    memmove(c->buf, c->buf + n, c->len - n);
    c->len -= n;
    c->scan = 0;
}

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* Bytes outside any value: skips whitespace and reports other runs of characters (up to the
 * next whitespace or bracket) as invalid. False if more input is needed. */
static bool top_level(qmp_client_t *c)
{
    if (is_space(c->buf[0])) {
        consume(c, 1);
        return true;
    }
    if (c->buf[0] == '{' || c->buf[0] == '[') {
        c->depth = 1;
        c->scan = 1;
        return true;
    }
    size_t n = 1;
    while (n < c->len && !is_space(c->buf[n]) && c->buf[n] != '{' && c->buf[n] != '[')
        n++;
    if (n == c->len && c->len < MSG_MAX)
        return false;
    send_error(c, NULL, "GenericError", "JSON parse error, invalid token outside an object");
    consume(c, n);
    return true;
}

/* Scans a value being received; true once it is complete (c->scan is its length). */
static bool scan_value(qmp_client_t *c)
{
    for (; c->scan < c->len; c->scan++) {
        char ch = c->buf[c->scan];
        if (c->in_str) {
            if (c->esc)
                c->esc = false;
            else if (ch == '\\')
                c->esc = true;
            else if (ch == '"')
                c->in_str = false;
        } else if (ch == '"') {
            c->in_str = true;
        } else if (ch == '{' || ch == '[') {
            c->depth++;
        } else if ((ch == '}' || ch == ']') && --c->depth == 0) {
            c->scan++;
            return true;
        }
    }
    return false;
}

static void discard_line(qmp_client_t *c)
{
    char *nl = memchr(c->buf, '\n', c->len);
    if (nl) {
        c->discard = false;
        consume(c, (size_t)(nl - c->buf) + 1);
    } else {
        consume(c, c->len);
    }
}

static void client_feed(qmp_t *q, qmp_client_t *c)
{
    while (c->len > 0) {
        if (c->discard) {
            discard_line(c);
        } else if (c->scan == 0) {
            if (!top_level(c))
                return;
        } else if (scan_value(c)) {
            size_t n = c->scan;
            c->depth = 0;
            handle_message(q, c, c->buf, n);
            consume(c, n);
        } else if (c->len == MSG_MAX) {
            send_error(c, NULL, "GenericError", "JSON parse error, message too long");
            c->depth = 0;
            c->in_str = c->esc = false;
            c->discard = true;
            c->scan = 0;
        } else {
            return;
        }
    }
}

/* ---- the thread ---- */

static void client_read(qmp_t *q, unsigned i)
{
    qmp_client_t *c = q->clients[i];
    ssize_t n = recv(c->fd, c->buf + c->len, MSG_MAX - c->len, 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        client_close(q, i); /* a half-sent command is dropped with its client */
        return;
    }
    c->len += (size_t)n;
    client_feed(q, c);
}

static void client_accept(qmp_t *q, int lfd)
{
    int fd = sock_accept(lfd);
    if (fd < 0)
        return;
    unsigned i = 0;
    while (i < QMP_MAX_CLIENTS && q->clients[i])
        i++;
    qmp_client_t *c = i < QMP_MAX_CLIENTS ? calloc(1, sizeof(*c)) : NULL;
    if (!c) {
        close(fd);
        return;
    }
    struct timeval tv = {.tv_sec = 1}; /* a client that stops reading is dropped */
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    c->fd = fd;
    q->clients[i] = c;
    char greeting[256];
    int n = snprintf(greeting, sizeof(greeting),
                     "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": %d, \"minor\": %d, "
                     "\"major\": %d}, \"package\": \"polyhart " POLYHART_VERSION "\"}, "
                     "\"capabilities\": []}}",
                     POLYHART_VERSION_MICRO, POLYHART_VERSION_MINOR, POLYHART_VERSION_MAJOR);
    if (!client_send(c, greeting, (size_t)n))
        client_close(q, i);
}

static void drain_wake(qmp_t *q)
{
    char buf[64];
    while (read(q->wake[0], buf, sizeof(buf)) > 0)
        ;
}

/* Fills pfd: the wake pipe, the listeners, then the clients (their indexes in map). */
static unsigned fill_poll(qmp_t *q, struct pollfd *pfd, unsigned *map)
{
    unsigned n = 0;
    pfd[n++] = (struct pollfd){.fd = q->wake[0], .events = POLLIN};
    for (unsigned i = 0; i < q->nlisten; i++)
        pfd[n++] = (struct pollfd){.fd = q->listen_fd[i], .events = POLLIN};
    for (unsigned i = 0; i < QMP_MAX_CLIENTS; i++) {
        if (!q->clients[i])
            continue;
        map[n] = i;
        pfd[n++] = (struct pollfd){.fd = q->clients[i]->fd, .events = POLLIN};
    }
    return n;
}

static void *qmp_thread(void *arg)
{
    qmp_t *q = arg;
    struct pollfd pfd[1 + QMP_MAX_LISTENERS + QMP_MAX_CLIENTS];
    unsigned map[1 + QMP_MAX_LISTENERS + QMP_MAX_CLIENTS];
    while (!atomic_load(&q->stop)) {
        unsigned n = fill_poll(q, pfd, map);
        if (poll(pfd, n, -1) < 0)
            continue; /* EINTR */
        if (pfd[0].revents) {
            drain_wake(q);
            flush_events(q);
        }
        for (unsigned i = 0; i < q->nlisten; i++)
            if (pfd[1 + i].revents & POLLIN)
                client_accept(q, q->listen_fd[i]);
        for (unsigned k = 1 + q->nlisten; k < n; k++)
            if (pfd[k].revents && q->clients[map[k]] && q->clients[map[k]]->fd == pfd[k].fd)
                client_read(q, map[k]);
    }
    flush_events(q);
    return NULL;
}

bool qmp_start(qmp_t *q)
{
    if (pipe(q->wake) < 0)
        return false;
    for (int i = 0; i < 2; i++) {
        fcntl(q->wake[i], F_SETFL, O_NONBLOCK);
        fcntl(q->wake[i], F_SETFD, FD_CLOEXEC);
    }
    control_set_events(q->ctl, qmp_emit, q);
    q->started = pthread_create(&q->tid, NULL, qmp_thread, q) == 0;
    return q->started;
}

void qmp_stop(qmp_t *q)
{
    if (q->started) {
        atomic_store(&q->stop, true);
        if (write(q->wake[1], "s", 1) < 0) {
            /* full: the thread wakes anyway */
        }
        pthread_join(q->tid, NULL);
        q->started = false;
    }
    control_set_events(q->ctl, NULL, NULL);
    flush_events(q); /* frees what nobody will read */
    for (unsigned i = 0; i < QMP_MAX_CLIENTS; i++)
        if (q->clients[i])
            client_close(q, i);
    for (unsigned i = 0; i < q->nlisten; i++) {
        close(q->listen_fd[i]);
        if (q->unix_path[i])
            unlink(q->unix_path[i]);
        free(q->unix_path[i]);
    }
    q->nlisten = 0;
    for (int i = 0; i < 2; i++)
        if (q->wake[i] >= 0)
            close(q->wake[i]);
    lock_destroy(&q->lock);
}
