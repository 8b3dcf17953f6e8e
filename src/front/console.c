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
                               "C-a C-a  send C-a to the guest\r\n";
    if (write(STDERR_FILENO, help, sizeof(help) - 1) < 0)
        return;
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

/* Ctrl-A starts a two-key command; everything else goes to the guest. */
static void handle_byte(console_t *c, uint8_t byte)
{
    if (!c->escape) {
        if (byte == CTRL_A)
            c->escape = true;
        else
            deliver(c, byte);
        return;
    }
    c->escape = false;
    switch (byte) {
    case 'x':
        fprintf(stderr, "\r\npolyhart: terminated (C-a x)\r\n");
        virt_request_stop(c->machine, 0);
        break;
    case 'h': print_help(); break;
    case CTRL_A: deliver(c, CTRL_A); break;
    default: break;
    }
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
    for (ssize_t i = 0; i < n; i++)
        handle_byte(c, buf[i]);
}

void console_start(console_t *c, machine_t *m, int in_fd)
{
    memset(c, 0, sizeof(*c));
    c->machine = m;
    c->in_fd = in_fd;
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
    if (c->raw) {
        tcsetattr(c->in_fd, TCSANOW, &c->saved);
        fatal_restore_fd = -1;
    }
}
