/* The stdio console: raw terminal mode (restored on every exit path), Ctrl-A escapes, and a
 * thread that feeds input into the guest UART. Works with pipes and files as well. */
#ifndef FRONT_CONSOLE_H
#define FRONT_CONSOLE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <termios.h>

#include "machine/virt.h"

typedef struct console {
    machine_t *machine;
    int in_fd;
    bool raw;             /* the terminal was switched to raw mode */
    struct termios saved; /* its mode before */
    bool escape;          /* Ctrl-A seen */
    atomic_bool stop;
    pthread_t tid;
    bool started;
} console_t;

void console_start(console_t *c, machine_t *m, int in_fd);
void console_stop(console_t *c);

#endif
