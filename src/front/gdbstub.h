/* GDB remote stub: every hart is a GDB thread (ids 1..N), all-stop mode, on its own thread
 * with blocking sockets.
 *
 * One client at a time; a second connection is accepted and closed at once. A client that
 * connects stops the machine (as QEMU does); detaching, or disconnecting, removes its
 * breakpoints and watchpoints and lets the machine run; `kill` ends the emulator. While the
 * machine runs for the client, the stub waits for the stop (breakpoint, watchpoint, step, a
 * QMP/monitor `stop`, or Ctrl-C from the client) and reports it; when the machine ends it
 * reports the exit status (W). Memory is read and written through the selected hart's current
 * translation (cpu/mmu.h: mmu_debug_rw), registers on the hart's own thread.
 *
 * Packets: ? g G p P m M X c s vCont vCont? Z0-Z4 z0-z4 H T D k vKill qSupported
 * QStartNoAckMode qAttached qC qfThreadInfo qsThreadInfo qThreadExtraInfo qXfer:features:read
 * qXfer:threads:read qRcmd (the human monitor) qSymbol; anything else gets the empty reply.
 * Bad checksums are NAKed; packets longer than PacketSize, malformed arguments, memory that
 * is not mapped and unknown threads get error replies (Exx). */
#ifndef FRONT_GDBSTUB_H
#define FRONT_GDBSTUB_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "front/control.h"
#include "front/monitor.h"
#include "front/strbuf.h"

#define GDB_PACKET_MAX 4096 /* PacketSize: the longest packet payload accepted */

typedef struct gdbstub {
    control_t *ctl;
    monitor_t *mon;
    machine_t *m;
    int listen_fd;
    int wake[2];        /* pipe: the machine stopped, or the stub must end */
    atomic_bool quit;
    atomic_int exit_code;
    pthread_t tid;
    bool started;
    strbuf_t xml;       /* target.xml */
    /* The connection; the stub thread's only. */
    int fd;
    bool noack;         /* QStartNoAckMode was accepted */
    bool running;       /* the client waits for a stop reply */
    bool in_packet, overflow;
    unsigned csum_left; /* checksum characters still to read */
    uint64_t reported;  /* seq of the last stop reported */
    unsigned g_hart, c_hart; /* Hg and Hc selections (hart indexes) */
    size_t plen;
    char pkt[GDB_PACKET_MAX + 4]; /* payload being received, then its checksum */
    strbuf_t last;      /* the last packet sent, for a NAK */
} gdbstub_t;

/* "tcp:[HOST]:PORT" (-gdb) or NULL for tcp::1234 (-s). Listens at once: -1 with a reason
 * (e.g. the port is in use). */
int gdbstub_init(gdbstub_t *g, control_t *ctl, monitor_t *mon, const char *spec, char *err,
                 size_t errlen);
bool gdbstub_start(gdbstub_t *g);
/* The machine ended with exit_code: tells a waiting client (W), closes and joins. */
void gdbstub_stop(gdbstub_t *g, int exit_code);

#endif
