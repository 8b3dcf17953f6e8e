#include "front/console.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CTRL_A 0x01

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

/* A line editor for the monitor: echo, backspace, Enter runs the line. */
static void monitor_byte(console_t *c, uint8_t byte)
{
    if (byte == '\r' || byte == '\n') {
        c->line[c->line_len] = '\0';
        c->line_len = 0;
        out("\r\n", 2);
        strbuf_t sb;
        sb_init(&sb);
        monitor_exec(c->mon, c->line, &sb);
        out(sb_str(&sb), sb.len);
        sb_free(&sb);
        prompt();
    } else if (byte == 0x7f || byte == 0x08) {
        if (c->line_len > 0) {
            c->line_len--;
            out("\b \b", 3);
        }
    } else if (byte >= 0x20 && c->line_len + 1 < sizeof(c->line)) {
        c->line[c->line_len++] = (char)byte;
        out((const char *)&byte, 1);
    }
}

static void deliver(console_t *c, uint8_t byte)
{
    struct timespec pause = {0, 2000000};
    while (!atomic_load(&c->stop) && uart_receive(&c->machine->uart, &byte, 1) == 0)
        nanosleep(&pause, NULL); /* the guest has not drained its FIFO yet */
}

/* Ctrl-A starts a two-key command; everything else goes to the guest. */
static void handle_byte(console_t *c, uint8_t byte)
{
    if (!c->escape) {
        if (byte == CTRL_A)
            c->escape = true;
        else if (c->in_monitor)
            monitor_byte(c, byte);
        else
            deliver(c, byte);
        return;
    }
    c->escape = false;
    switch (byte) {
    case 'x':
        fprintf(stderr, "\r\npolyhart: terminated (C-a x)\r\n");
        virt_request_stop(c->machine, 0);
        atomic_store(&c->stop, true);
        break;
    case 'h': print_help(); break;
    case 'c': toggle_monitor(c); break;
    case CTRL_A: deliver(c, CTRL_A); break;
    default: break;
    }
}

static void *input_thread(void *arg)
{
    console_t *c = arg;
    uint8_t buf[256];
    while (!atomic_load(&c->stop)) {
        struct pollfd p = {.fd = c->in_fd, .events = POLLIN};
        int r = poll(&p, 1, 100);
        if (r < 0 && errno != EINTR)
            break;
        if (r <= 0)
            continue;
        ssize_t n = read(c->in_fd, buf, sizeof(buf));
        if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
            break; /* end of input: the guest keeps running without it */
        for (ssize_t i = 0; i < n && !atomic_load(&c->stop); i++)
            handle_byte(c, buf[i]);
    }
    return NULL;
}

void console_start(console_t *c, machine_t *m, monitor_t *mon, int in_fd)
{
    memset(c, 0, sizeof(*c));
    c->machine = m;
    c->mon = mon;
    c->in_fd = in_fd;
    enter_raw(c);
    c->started = pthread_create(&c->tid, NULL, input_thread, c) == 0;
}

void console_stop(console_t *c)
{
    atomic_store(&c->stop, true);
    if (c->started)
        pthread_join(c->tid, NULL);
    if (c->raw) {
        tcsetattr(c->in_fd, TCSANOW, &c->saved);
        fatal_restore_fd = -1;
    }
}
