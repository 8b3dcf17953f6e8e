/* QMP, QEMU's machine protocol: JSON over unix or TCP sockets, on its own thread (poll(2)).
 *
 * Each client gets the greeting, must send qmp_capabilities first, and may then run
 * query-status, stop, cont, system_reset, system_powerdown, quit, query-cpus-fast (with each
 * hart's pc, a polyhart extension), query-version, query-commands and human-monitor-command
 * (front/monitor.h). Events (front/control.h) go to every client that has negotiated. Input is
 * a stream of JSON objects; malformed JSON, unknown commands and bad arguments get QMP error
 * replies and the stream goes on; a message over 64 KiB is an error and is discarded up to
 * the next newline. Up to 16 clients; more are refused. A client that stops reading is
 * dropped after a second rather than stalling the others. */
#ifndef FRONT_QMP_H
#define FRONT_QMP_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "front/control.h"
#include "front/monitor.h"
#include "util/lock.h"

#define QMP_MAX_LISTENERS 4
#define QMP_MAX_CLIENTS 16

typedef struct qmp_client qmp_client_t;
typedef struct qmp_event qmp_event_t;

typedef struct qmp {
    control_t *ctl;
    monitor_t *mon;
    int listen_fd[QMP_MAX_LISTENERS];
    char *unix_path[QMP_MAX_LISTENERS]; /* removed when the server stops */
    unsigned nlisten;
    qmp_client_t *clients[QMP_MAX_CLIENTS]; /* the QMP thread's */
    int wake[2];                  /* pipe: events queued, or stop */
    lock_t lock;                  /* the event queue */
    qmp_event_t *events, **events_tail;
    atomic_bool stop;
    pthread_t tid;
    bool started;
} qmp_t;

void qmp_init(qmp_t *q, control_t *ctl, monitor_t *mon);
/* "unix:PATH,server=on,wait=off" or "tcp:HOST:PORT,server=on,wait=off" ("server" and
 * "nowait" are accepted too; wait=on is not supported). Listens at once; -1 with a reason. */
int qmp_add_listener(qmp_t *q, const char *spec, char *err, size_t errlen);
/* Starts the thread and becomes the control's event sink; false if it cannot start. */
bool qmp_start(qmp_t *q);
/* Sends what is queued (the final SHUTDOWN), closes every socket and joins the thread. */
void qmp_stop(qmp_t *q);

#endif
