/* Hart threads and run control: one host thread per hart runs the block loop; a stop request
 * (guest poweroff, fatal host error, signal) kicks every hart out of it. Run-on-hart and
 * exclusive work (exec/work.h) go through `runctl.work`, pausing and debugging the harts
 * (exec/debug.h) through `runctl.dbg`. */
#ifndef EXEC_RUN_H
#define EXEC_RUN_H

#include <stdatomic.h>

#include "cpu/hart.h"
#include "exec/debug.h"
#include "exec/work.h"

typedef struct runctl {
    atomic_int stopping; /* set once by the first stop request */
    int exit_code;
    hart_t **harts;
    unsigned nharts;
    work_ctl_t work;
    dbgctl_t dbg;
} runctl_t;

/* False if host memory runs out. The harts share `harts[0]->tcache`. */
bool runctl_init(runctl_t *rc, hart_t **harts, unsigned nharts);
void runctl_destroy(runctl_t *rc);
/* Clears a finished run's stop request before the harts run again (guest reset). */
void runctl_rearm(runctl_t *rc);
/* Asks every hart to stop; the first request's exit code wins. Callable from any thread. */
void runctl_request_stop(runctl_t *rc, int exit_code);
/* Runs every hart on its own thread until a stop request; returns the exit code. */
int runctl_run(runctl_t *rc);
/* Installs the exec layer's hooks into a hart (invalidation on stores to code pages). */
void run_attach_hart(hart_t *h);
/* On the hart's thread: executes the one instruction at h->pc outside the translation cache
 * (single-step, stepping past a breakpoint, an instruction straddling two pages); a fetch
 * fault is taken as a trap. */
void run_exec_one(hart_t *h);

#endif
