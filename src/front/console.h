/* The stdio console: raw terminal mode (restored on every exit path), Ctrl-A escapes, and input
 * fed into the guest UART from the machine's I/O thread (a watch on the input descriptor).
 * Works with pipes and files as well. */
#ifndef FRONT_CONSOLE_H
#define FRONT_CONSOLE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <termios.h>

#include "machine/virt.h"
#include "util/evloop.h"

typedef struct console {
    machine_t *machine;
    int in_fd;
    bool raw;             /* the terminal was switched to raw mode */
    struct termios saved; /* its mode before */
    bool escape;          /* Ctrl-A seen (I/O thread only, like the two fields below) */
    uint8_t pending[256]; /* input the UART's FIFO could not take yet */
    size_t npending;
    evloop_timer_t *retry;
    bool watching;
} console_t;

void console_start(console_t *c, machine_t *m, int in_fd);
void console_stop(console_t *c);

#endif
