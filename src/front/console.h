/* The stdio console: raw terminal mode (restored on every exit path), Ctrl-A escapes, and a
 * thread that feeds input into the guest UART. Works with pipes and files as well.
 * Ctrl-A c switches the input between the guest and the human monitor (front/monitor.h),
 * which reads a line at a time with its prompt "(polyhart) " and prints on stdout. */
#ifndef FRONT_CONSOLE_H
#define FRONT_CONSOLE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <termios.h>

#include "front/monitor.h"
#include "machine/virt.h"

#define CONSOLE_LINE_MAX 200

typedef struct console {
    machine_t *machine;
    monitor_t *mon;       /* NULL: Ctrl-A c does nothing */
    bool in_monitor;      /* input goes to the monitor */
    size_t line_len;
    char line[CONSOLE_LINE_MAX];
    int in_fd;
    bool raw;             /* the terminal was switched to raw mode */
    struct termios saved; /* its mode before */
    bool escape;          /* Ctrl-A seen */
    atomic_bool stop;
    pthread_t tid;
    bool started;
} console_t;

void console_start(console_t *c, machine_t *m, monitor_t *mon, int in_fd);
void console_stop(console_t *c);

#endif
