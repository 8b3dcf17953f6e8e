/* Control of the machine shared by QMP, the human monitor and the GDB stub: stop, cont,
 * reset, powerdown, quit and the run status, and the asynchronous events these and the guest
 * cause (QMP's STOP, RESUME, RESET, POWERDOWN, SHUTDOWN), handed to one event sink (QMP).
 *
 * system_powerdown: the virt board has no ACPI and no power button (neither has QEMU's RISC-V
 * virt), and the guest image has no input device that could take one, so polyhart does what
 * QEMU's virt does: it emits POWERDOWN and the guest is not told. `quit` ends the emulator. */
#ifndef FRONT_CONTROL_H
#define FRONT_CONTROL_H

#include <stdatomic.h>
#include <stdbool.h>

#include "machine/virt.h"

/* name: the event; data: a JSON object's text. Called from any thread, possibly with the
 * debug controller's lock held: it must only queue and notify. */
typedef void (*control_event_fn)(void *ctx, const char *name, const char *data);

typedef struct control {
    machine_t *m;
    control_event_fn emit; /* NULL until an event sink is attached */
    void *emit_ctx;
    atomic_bool quit;       /* the host asked to quit (SHUTDOWN reason) */
    atomic_int signal;      /* the signal that ended the run, 0 if none */
} control_t;

/* Hooks into the machine's debug controller and reset; before the machine runs. */
bool control_init(control_t *c, machine_t *m);
/* Attaches the event sink; before the machine runs. */
void control_set_events(control_t *c, control_event_fn fn, void *ctx);

/* Stops every hart and returns once all have parked. */
void control_stop(control_t *c);
void control_cont(control_t *c);
void control_reset(control_t *c);
void control_powerdown(control_t *c);
void control_quit(control_t *c);
/* The signal thread ends the run. */
void control_signal(control_t *c, int sig);
/* QEMU's run-state name: running, paused, debug, prelaunch; *running as query-status says. */
const char *control_status(control_t *c, bool *running);
/* After virt_run returned: the SHUTDOWN event with its reason. */
void control_finish(control_t *c);
/* Emits an event through the sink (data: JSON object text, or NULL for {}). */
void control_emit(control_t *c, const char *name, const char *data);

#endif
