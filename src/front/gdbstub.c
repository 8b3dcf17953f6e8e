/* The GDB stub's transport: listening, the one connection, packet framing and acks, Ctrl-C,
 * and reporting stops to a client that waits for one (see gdbstub.h). */
#include "front/gdbstub.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "front/gdb_internal.h"
#include "front/gdb_regs.h"
#include "front/sock.h"
#include "util/util.h"

static void wake_stub(gdbstub_t *g)
{
    if (write(g->wake[1], "w", 1) < 0) {
        /* the pipe is full: the stub wakes anyway */
    }
}

/* Runs with the debug controller's lock held: only a pipe write. */
static void on_dbg_event(void *ctx, dbg_event_t ev, const dbg_stop_t *stop)
{
    (void)stop;
    if (ev == DBG_EV_STOP)
        wake_stub(ctx);
}

int gdbstub_init(gdbstub_t *g, control_t *ctl, monitor_t *mon, const char *spec, char *err,
                 size_t errlen)
{
    memset(g, 0, sizeof(*g));
    g->ctl = ctl;
    g->mon = mon;
    g->m = ctl->m;
    g->fd = -1;
    g->wake[0] = g->wake[1] = -1;
    char where[300];
    snprintf(where, sizeof(where), "%s", spec ? spec : "tcp::1234");
    g->listen_fd = sock_listen(where, err, errlen);
    if (g->listen_fd < 0)
        return -1;
    if (pipe(g->wake) < 0 || !dbg_add_listener(&g->m->runctl.dbg, on_dbg_event, g)) {
        snprintf(err, errlen, "cannot set up the gdb stub");
        return -1;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(g->wake[i], F_SETFL, O_NONBLOCK);
        fcntl(g->wake[i], F_SETFD, FD_CLOEXEC);
    }
    sb_init(&g->xml);
    sb_init(&g->last);
    gdb_regs_target_xml(&g->xml);
    return 0;
}

static void send_raw(gdbstub_t *g, const char *s, size_t len)
{
    if (g->fd >= 0 && !sock_send_all(g->fd, s, len)) {
        close(g->fd); /* the client is gone; its session ends like a disconnect */
        g->fd = -2;
    }
}

void gdb_send(gdbstub_t *g, const char *data, size_t len)
{
    uint8_t sum = 0;
    sb_reset(&g->last);
    sb_puts(&g->last, "$");
    sb_append(&g->last, data, len);
    for (size_t i = 0; i < len; i++)
        sum = (uint8_t)(sum + (uint8_t)data[i]);
    sb_printf(&g->last, "#%02x", sum);
    send_raw(g, g->last.s, g->last.len);
}

void gdb_send_str(gdbstub_t *g, const char *s)
{
    gdb_send(g, s, strlen(s));
}

static void session_close(gdbstub_t *g)
{
    if (g->fd >= 0)
        close(g->fd);
    g->fd = -1;
    g->running = false;
}

void gdb_session_end(gdbstub_t *g)
{
    session_close(g);
    dbg_points_clear(&g->m->runctl.dbg);
    dbg_resume(&g->m->runctl.dbg, NULL);
}

static void session_start(gdbstub_t *g, int fd)
{
    g->fd = fd;
    g->noack = g->running = g->in_packet = false;
    g->g_hart = g->c_hart = 0;
    dbg_stop(&g->m->runctl.dbg, DBG_STOP_PAUSE, true); /* the client finds the machine stopped */
    dbg_stop_t st;
    dbg_get_state(&g->m->runctl.dbg, &st, NULL);
    g->reported = st.seq; /* '?' reports this stop; it is not sent unasked */
}

static void packet_done(gdbstub_t *g)
{
    g->in_packet = false;
    if (g->overflow) { /* cannot be checked; acknowledged and refused */
        if (!g->noack)
            send_raw(g, "+", 1);
        gdb_send_str(g, "E01");
        return;
    }
    uint8_t sum = 0;
    for (size_t i = 0; i < g->plen; i++)
        sum = (uint8_t)(sum + (uint8_t)g->pkt[i]);
    int hi = util_hex_digit(g->pkt[g->plen + 1]), lo = util_hex_digit(g->pkt[g->plen + 2]);
    if (hi < 0 || lo < 0 || (uint8_t)(hi << 4 | lo) != sum) {
        if (!g->noack)
            send_raw(g, "-", 1); /* the client sends it again */
        return;
    }
    if (!g->noack)
        send_raw(g, "+", 1);
    g->pkt[g->plen] = '\0';
    gdb_handle_packet(g, g->pkt, g->plen);
}

static void interrupt(gdbstub_t *g)
{
    if (g->running) /* the stop reply follows when every hart has parked */
        dbg_stop(&g->m->runctl.dbg, DBG_STOP_PAUSE, false);
}

/* Outside a packet: '$' starts one, Ctrl-C interrupts, '-' asks for the last one again. */
static void idle_byte(gdbstub_t *g, char ch)
{
    if (ch == '$') {
        g->in_packet = true;
        g->plen = 0;
        g->overflow = false;
        g->csum_left = 0;
    } else if (ch == 0x03) {
        interrupt(g);
    } else if (ch == '-' && !g->noack && g->last.len) {
        send_raw(g, g->last.s, g->last.len);
    } /* '+' and noise are ignored */
}

static void feed_byte(gdbstub_t *g, char ch)
{
    if (!g->in_packet) {
        idle_byte(g, ch);
    } else if (g->csum_left) {
        g->pkt[g->plen + 3 - g->csum_left] = ch; /* pkt[plen+1], pkt[plen+2] */
        if (--g->csum_left == 0)
            packet_done(g);
    } else if (ch == '#') {
        g->csum_left = 2;
    } else if (ch == '$') { /* a new packet: the previous one was cut short */
        g->plen = 0;
        g->overflow = false;
    } else if (g->plen < GDB_PACKET_MAX) {
        g->pkt[g->plen++] = ch;
    } else {
        g->overflow = true;
    }
}

static void client_input(gdbstub_t *g)
{
    char buf[4096];
    ssize_t n = recv(g->fd, buf, sizeof(buf), 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        gdb_session_end(g); /* disconnected without detaching: as a detach */
        return;
    }
    for (ssize_t i = 0; i < n && g->fd >= 0; i++)
        feed_byte(g, buf[i]);
}

/* A send failed (fd -2): the client is gone. */
static void reap_failed(gdbstub_t *g)
{
    if (g->fd == -2) {
        g->fd = -1;
        gdb_session_end(g);
    }
}

static void check_stop(gdbstub_t *g)
{
    dbg_stop_t st;
    bool announced;
    if (g->fd >= 0 && g->running && dbg_get_state(&g->m->runctl.dbg, &st, &announced) &&
        announced && st.seq != g->reported)
        gdb_send_stop_reply(g, true);
}

static void accept_client(gdbstub_t *g)
{
    int fd = sock_accept(g->listen_fd);
    if (fd < 0)
        return;
    if (g->fd >= 0) {
        close(fd); /* one client at a time */
        return;
    }
    session_start(g, fd);
}

static void drain(int fd)
{
    char buf[64];
    while (read(fd, buf, sizeof(buf)) > 0)
        ;
}

static void *stub_thread(void *arg)
{
    gdbstub_t *g = arg;
    while (!atomic_load(&g->quit)) {
        struct pollfd p[3] = {{.fd = g->wake[0], .events = POLLIN},
                              {.fd = g->listen_fd, .events = POLLIN},
                              {.fd = g->fd, .events = POLLIN}};
        if (poll(p, g->fd >= 0 ? 3 : 2, -1) < 0)
            continue;
        if (p[0].revents) {
            drain(g->wake[0]);
            check_stop(g);
            reap_failed(g);
        }
        if (p[1].revents & POLLIN)
            accept_client(g);
        if (g->fd >= 0 && p[2].fd == g->fd && p[2].revents)
            client_input(g);
        reap_failed(g);
    }
    if (g->fd >= 0 && g->running) { /* the machine ended while the client waited */
        char w[8];
        snprintf(w, sizeof(w), "W%02x", atomic_load(&g->exit_code) & 0xff);
        gdb_send_str(g, w);
    }
    session_close(g);
    return NULL;
}

bool gdbstub_start(gdbstub_t *g)
{
    g->started = pthread_create(&g->tid, NULL, stub_thread, g) == 0;
    return g->started;
}

void gdbstub_stop(gdbstub_t *g, int exit_code)
{
    if (g->started) {
        atomic_store(&g->exit_code, exit_code);
        atomic_store(&g->quit, true);
        wake_stub(g);
        pthread_join(g->tid, NULL);
        g->started = false;
    }
    if (g->listen_fd >= 0)
        close(g->listen_fd);
    for (int i = 0; i < 2; i++)
        if (g->wake[i] >= 0)
            close(g->wake[i]);
    sb_free(&g->xml);
    sb_free(&g->last);
}
