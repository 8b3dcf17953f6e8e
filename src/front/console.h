/* The stdio console: raw terminal mode (restored on every exit path), Ctrl-A escapes, and input
 * fed into the guest UART from the machine's I/O thread (a watch on the input descriptor).
 * Works with pipes and files as well.
 *
 * Ctrl-A c switches the input between the guest and the human monitor (front/monitor.h): the
 * I/O thread edits a line (prompt "(polyhart) ", echo, backspace) and queues it on Enter; the
 * console's monitor thread runs it and prints the output on stdout. While the queue is full the
 * input watch pauses and the rest of the input waits (nothing is dropped). Monitor commands wait for
 * harts (stop, registers), which the I/O thread must never do: a hart or a board reset may be
 * waiting for it. */
#ifndef FRONT_CONSOLE_H
#define FRONT_CONSOLE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <termios.h>

#include "front/monitor.h"
#include "machine/virt.h"
#include "util/evloop.h"

#define CONSOLE_LINE_MAX 200
#define CONSOLE_QUEUE 4 /* monitor lines waiting for the monitor thread */

typedef struct console {
    machine_t *machine;
    monitor_t *mon;       /* NULL: Ctrl-A c does nothing */
    bool in_monitor;      /* input goes to the monitor (I/O thread only, like the line) */
    size_t line_len;
    char line[CONSOLE_LINE_MAX];
    lock_t mon_lock;      /* the queue of lines below, and mon_quit */
    pthread_cond_t mon_cond;
    char queue[CONSOLE_QUEUE][CONSOLE_LINE_MAX];
    unsigned q_head, q_count;
    bool mon_quit, mon_started;
    pthread_t mon_tid;
    evloop_bh_t *mon_bh;  /* replays held-back input once the monitor thread took a line */
    uint8_t held[64];     /* input not taken while the queue was full (I/O thread only) */
    size_t nheld;
    int in_fd;
    bool raw;             /* the terminal was switched to raw mode */
    struct termios saved; /* its mode before */
    bool escape;          /* Ctrl-A seen (I/O thread only, like the two fields below) */
    uint8_t pending[256]; /* input the UART's FIFO could not take yet */
    size_t npending;
    evloop_timer_t *retry;
    bool watching;
} console_t;

void console_start(console_t *c, machine_t *m, monitor_t *mon, int in_fd);
void console_stop(console_t *c);

#endif
