#include "front/console.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/util.h"

#define CTRL_A 0x01
#define CONSOLE_RETRY_NS 2000000ULL

/* The terminal state a fatal-signal handler must restore. A signal handler cannot be given a
 * handle, so this is the one process-wide variable; it is written before raw mode starts. */
static struct termios fatal_restore;
static volatile sig_atomic_t fatal_restore_fd = -1;

static void fatal_signal(int sig)
{
    if (fatal_restore_fd >= 0)
        tcsetattr(fatal_restore_fd, TCSANOW, &fatal_restore);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void enter_raw(console_t *c)
{
    if (!isatty(c->in_fd) || tcgetattr(c->in_fd, &c->saved) != 0)
        return;
    fatal_restore = c->saved;
    fatal_restore_fd = c->in_fd;
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (unsigned i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
        signal(fatal[i], fatal_signal);
    struct termios t = c->saved;
    t.c_iflag &= ~(unsigned)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t.c_lflag &= ~(unsigned)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    t.c_cflag = (t.c_cflag & ~(unsigned)(CSIZE | PARENB)) | CS8;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    c->raw = tcsetattr(c->in_fd, TCSANOW, &t) == 0;
}

static void print_help(void)
{
    static const char help[] = "\r\nC-a h    print this help\r\n"
                               "C-a x    exit the emulator\r\n"
                               "C-a c    switch between the guest and the monitor\r\n"
                               "C-a C-a  send C-a to the guest\r\n";
    if (write(STDERR_FILENO, help, sizeof(help) - 1) < 0)
        return;
}

static void out(const char *s, size_t n)
{
    if (write(STDOUT_FILENO, s, n) < 0)
        return; /* nowhere to report it */
}

static void prompt(void)
{
    out("(polyhart) ", 11);
}

static void toggle_monitor(console_t *c)
{
    if (!c->mon)
        return;
    c->in_monitor = !c->in_monitor;
    c->line_len = 0;
    if (c->in_monitor) {
        static const char hello[] = "\r\npolyhart monitor - type 'help' for a list of commands\r\n";
        out(hello, sizeof(hello) - 1);
        prompt();
    } else {
        out("\r\n", 2);
    }
}

/* On the I/O thread: hands a complete line to the monitor thread; false while its queue is
 * full (the caller holds the input back until the monitor thread catches up). */
static bool queue_line(console_t *c)
{
    lock_take(&c->mon_lock);
    bool room = c->q_count < CONSOLE_QUEUE;
    if (room) {
        memcpy(c->queue[(c->q_head + c->q_count) % CONSOLE_QUEUE], c->line, c->line_len + 1);
        c->q_count++;
        pthread_cond_signal(&c->mon_cond);
    }
    lock_drop(&c->mon_lock);
    return room;
}

/* The monitor thread: runs queued lines, prints their output and the next prompt. */
static void *monitor_thread(void *arg)
{
    console_t *c = arg;
    char line[CONSOLE_LINE_MAX];
    for (;;) {
        lock_take(&c->mon_lock);
        while (!c->q_count && !c->mon_quit)
            lock_wait(&c->mon_lock, &c->mon_cond);
        if (c->mon_quit) {
            lock_drop(&c->mon_lock);
            return NULL;
        }
        memcpy(line, c->queue[c->q_head], sizeof(line));
        c->q_head = (c->q_head + 1) % CONSOLE_QUEUE;
        c->q_count--;
        lock_drop(&c->mon_lock);
        evloop_bh_schedule(c->mon_bh); /* held-back input may go on */
        strbuf_t sb;
        sb_init(&sb);
        monitor_exec(c->mon, line, &sb);
        out(sb_str(&sb), sb.len);
        sb_free(&sb);
        prompt();
    }
}

/* A line editor for the monitor, on the I/O thread: echo, backspace, Enter queues the line.
 * False if the byte could not be taken yet. */
static bool monitor_byte(console_t *c, uint8_t byte)
{
    if (byte == '\r' || byte == '\n') {
        c->line[c->line_len] = '\0';
        if (!queue_line(c))
            return false;
        out("\r\n", 2);
        c->line_len = 0;
    } else if (byte == 0x7f || byte == 0x08) {
        if (c->line_len > 0) {
            c->line_len--;
            out("\b \b", 3);
        }
    } else if (byte >= 0x20 && c->line_len + 1 < sizeof(c->line)) {
        c->line[c->line_len++] = (char)byte;
        out((const char *)&byte, 1);
    }
    return true;
}


/* Feeds held-back input to the UART; false while some remains (the guest has not drained its
 * receive FIFO yet). */
static bool flush_pending(console_t *c)
{
    while (c->npending) {
        size_t n = uart_receive(&c->machine->uart, c->pending, c->npending);
        if (n == 0)
            return false;
        memmove(c->pending, c->pending + n, c->npending - n);
        c->npending -= n;
    }
    return true;
}

/* Input waits while the FIFO is full: the stdin watch pauses (the terminal buffers for us) and
 * a timer retries, so the I/O thread never blocks on the guest. */
static void deliver(console_t *c, uint8_t byte)
{
    if (c->npending < sizeof(c->pending))
        c->pending[c->npending++] = byte;
    if (!flush_pending(c)) {
        evloop_set_events(c->machine->io, c->in_fd, 0);
        evloop_timer_arm(c->retry, util_now_ns() + CONSOLE_RETRY_NS);
    }
}

static void retry_pending(void *opaque)
{
    console_t *c = opaque;
    if (flush_pending(c))
        evloop_set_events(c->machine->io, c->in_fd, POLLIN);
    else
        evloop_timer_arm(c->retry, util_now_ns() + CONSOLE_RETRY_NS);
}

/* Ctrl-A starts a two-key command; everything else goes to the guest or the monitor. False if
 * the byte could not be taken yet (the monitor is busy). */
static bool handle_byte(console_t *c, uint8_t byte)
{
    if (!c->escape) {
        if (byte == CTRL_A)
            c->escape = true;
        else if (c->in_monitor)
            return monitor_byte(c, byte);
        else
            deliver(c, byte);
        return true;
    }
    c->escape = false;
    switch (byte) {
    case 'x':
        fprintf(stderr, "\r\npolyhart: terminated (C-a x)\r\n");
        virt_request_stop(c->machine, 0);
        break;
    case 'h': print_help(); break;
    case 'c': toggle_monitor(c); break;
    case CTRL_A: deliver(c, CTRL_A); break;
    default: break;
    }
    return true;
}

/* On the I/O thread, whenever stdin is readable (and no input is held back). */
static void on_input(void *opaque, int fd, short revents)
{
    console_t *c = opaque;
    uint8_t buf[64];
    (void)revents;
    ssize_t n = read(fd, buf, sizeof(buf));
    if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
        evloop_unwatch_fd(c->machine->io, fd); /* end of input: the guest runs on without it */
        return;
    }
    for (ssize_t i = 0; i < n; i++) {
        if (!handle_byte(c, buf[i])) { /* the monitor is busy: hold the rest back */
            memcpy(c->held, buf + i, (size_t)(n - i));
            c->nheld = (size_t)(n - i);
            evloop_set_events(c->machine->io, fd, 0);
            return;
        }
    }
}

/* A bottom half the monitor thread schedules when it takes a line: replays held-back input. */
static void replay_held(void *opaque)
{
    console_t *c = opaque;
    size_t i = 0;
    while (i < c->nheld && handle_byte(c, c->held[i]))
        i++;
    memmove(c->held, c->held + i, c->nheld - i);
    c->nheld -= i;
    if (i > 0 && c->nheld == 0 && c->npending == 0 && c->watching)
        evloop_set_events(c->machine->io, c->in_fd, POLLIN);
}

void console_start(console_t *c, machine_t *m, monitor_t *mon, int in_fd)
{
    memset(c, 0, sizeof(*c));
    c->machine = m;
    c->mon = mon;
    c->in_fd = in_fd;
    lock_init(&c->mon_lock, LOCK_RANK_EVENTS, "console.mon_lock");
    pthread_cond_init(&c->mon_cond, NULL);
    c->mon_bh = mon ? evloop_bh_new(m->io, replay_held, c) : NULL;
    if (c->mon_bh)
        c->mon_started = pthread_create(&c->mon_tid, NULL, monitor_thread, c) == 0;
    if (!c->mon_started)
        c->mon = NULL; /* Ctrl-A c then does nothing */
    enter_raw(c);
    c->retry = evloop_timer_new(m->io, retry_pending, c);
    c->watching = c->retry && evloop_watch_fd(m->io, in_fd, POLLIN, on_input, c);
    if (!c->watching)
        fprintf(stderr, "polyhart: warning: cannot watch the console input\n");
}

void console_stop(console_t *c)
{
    if (c->watching)
        evloop_unwatch_fd(c->machine->io, c->in_fd);
    evloop_timer_free(c->retry);
    if (c->mon_started) {
        lock_take(&c->mon_lock);
        c->mon_quit = true;
        pthread_cond_signal(&c->mon_cond);
        lock_drop(&c->mon_lock);
        pthread_join(c->mon_tid, NULL);
    }
    if (c->mon_bh)
        evloop_bh_free(c->mon_bh); /* after the monitor thread, which schedules it */
    lock_destroy(&c->mon_lock);
    pthread_cond_destroy(&c->mon_cond);
    if (c->raw) {
        tcsetattr(c->in_fd, TCSANOW, &c->saved);
        fatal_restore_fd = -1;
    }
}
