/* The human monitor: QEMU-style text commands, used on the console (Ctrl-A c), through QMP's
 * human-monitor-command and through GDB's `monitor` command. Output lines end in "\r\n".
 *
 *   help                       list the commands
 *   info status|registers [-a]|cpus|mtree|tcache (alias jit)
 *   stop, cont (c), system_reset, system_powerdown, quit (q)
 *   cpu N                      select the hart `info registers` and `x` use
 *   x /[N][b|h|w|g] ADDR       dump guest memory through the selected hart's translation
 *   xp /[N][b|h|w|g] ADDR      dump guest physical memory */
#ifndef FRONT_MONITOR_H
#define FRONT_MONITOR_H

#include <stdatomic.h>

#include "front/control.h"
#include "front/strbuf.h"

typedef struct monitor {
    control_t *ctl;
    atomic_uint cpu; /* the selected hart: a console and a QMP client may share one monitor */
} monitor_t;

void monitor_init(monitor_t *mon, control_t *ctl);
/* Runs one command line, appending its output to out. */
void monitor_exec(monitor_t *mon, const char *line, strbuf_t *out);

#endif
