/* Stopping the machine and debugging it: all-stop pause and resume of every hart, breakpoints,
 * watchpoints and single-step, for the GDB stub, QMP and the human monitor (front/).
 *
 * Run state. The machine is *running* or *stopped*. A stop (dbg_stop from any non-hart thread,
 * or a hart reaching a breakpoint, a watchpoint or the end of a step) clears every hart's
 * `may_run` flag and kicks it; each hart parks at its next safe point (between blocks, at an
 * instruction boundary). A parked hart sleeps on its own condition variable (no spinning), is
 * an RCU-offline thread that does not count as running for exclusive work, and wakes only to
 * serve its run-on-hart queue (so the front end reads and writes its state through its own
 * thread, dbg_hart_call) or to leave when resumed or when the machine ends. When the last hart
 * has parked, the stop is announced to the listeners (DBG_EV_STOP); dbg_resume announces
 * DBG_EV_RESUME and lets harts go with per-hart actions (continue, single-step, stay stopped).
 * Threads that do not run (not started yet, or exited) count as parked.
 *
 * Points. Breakpoints and watchpoints are guest-virtual addresses matched on every hart. The
 * debugger edits a wanted set under dbgctl.lock; it takes effect (is *committed*) when the
 * machine resumes, or at once if it is running, in one exclusive section (exec/work.h) run for
 * hart 0: it publishes the live set, splits translated blocks at the page offsets of
 * breakpoints and retires the pages whose blocks a change affects (exec/tcache.h), and flushes
 * every hart's TLB when watchpoints change, so watched pages take the slow path (cpu/watch.h).
 * A breakpoint is therefore honoured whether its code was translated before or not, and
 * removing it leaves no trace in the translation cache. Since GDB removes its breakpoints at
 * each stop and re-inserts them before resuming, an unchanged set commits nothing.
 *
 * A hart with `dbg_active` runs dbg_before_block before each block and does not chain blocks:
 * it stops at a breakpoint before executing the instruction there; a single step executes one
 * instruction outside the translation cache, with interrupts held off (QEMU's default), and a
 * step that traps stops at the trap handler's first instruction. The hart that stopped at a
 * breakpoint or watchpoint executes that one instruction without them when resumed, so a
 * plain `cont` makes progress.
 *
 * Locks: dbgctl.lock ranks after the work locks and before tcache.lock's users and the hart
 * wake locks (docs/ARCHITECTURE.md); it is never held while waiting for a hart or for
 * exclusive work. Listeners run with it held and must only queue and notify (a pipe write). */
#ifndef EXEC_DEBUG_H
#define EXEC_DEBUG_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "cpu/hart.h"
#include "cpu/watch.h"
#include "exec/tcache.h"
#include "exec/work.h"
#include "util/lock.h"

#define DBG_MAX_BP 64
#define DBG_MAX_LISTENERS 4

typedef enum {
    DBG_STOP_NONE,
    DBG_STOP_PRELAUNCH, /* -S: stopped before the first instruction */
    DBG_STOP_PAUSE,     /* a stop request: QMP/monitor `stop`, GDB attaching or Ctrl-C */
    DBG_STOP_BREAK,     /* `hart` reached a breakpoint */
    DBG_STOP_WATCH,     /* `hart`'s access hit a watchpoint (not performed yet) */
    DBG_STOP_STEP,      /* `hart` finished a single step */
} dbg_stop_kind_t;

typedef struct dbg_stop {
    dbg_stop_kind_t kind;
    unsigned hart;       /* the hart that stopped the machine (0 for requests) */
    uint64_t addr;       /* WATCH: the data address, within the watched range */
    unsigned watch_kind; /* WATCH: WATCH_READ, WATCH_WRITE or WATCH_ACCESS */
    uint64_t seq;        /* numbers the stops, to tell a new one from the last */
} dbg_stop_t;

typedef enum { DBG_EV_STOP, DBG_EV_RESUME } dbg_event_t;
typedef void (*dbg_listener_fn)(void *ctx, dbg_event_t ev, const dbg_stop_t *stop);

typedef enum { DBG_ACT_STOP, DBG_ACT_CONT, DBG_ACT_STEP } dbg_action_t;

/* A set of points: the wanted one (dbgctl.lock) or the live one (exclusive work only). */
typedef struct dbg_points {
    unsigned nbp;
    uint64_t bp[DBG_MAX_BP];
    uint64_t bp_offsets[TC_OFFSET_WORDS]; /* page offsets of the breakpoints */
    watch_set_t watch;
} dbg_points_t;

/* Per hart. `may_run` is written under dbgctl.lock and read by the hart at safe points. */
typedef struct dbg_hart {
    atomic_bool may_run;
    bool step, skip;  /* lock: orders for the hart, taken when it leaves its park */
    atomic_int tid;   /* host thread id while the hart's thread runs, else 0 */
} dbg_hart_t;

typedef struct dbgctl {
    lock_t lock;
    pthread_cond_t cond; /* harts parked, resets finished, callers gone */
    hart_t **harts;
    unsigned nharts;
    work_ctl_t *work;
    tcache_t *tc;
    atomic_int *stopping; /* the run control's: the machine is ending this run */
    dbg_hart_t *hs;
    bool stopped;         /* no hart may run; set by the first stop, cleared by resume */
    bool announced;       /* the current stop was announced (every hart had parked) */
    unsigned nparked;     /* harts parked, not started or exited */
    dbg_stop_t stop;      /* why the machine stopped (valid while `stopped`) */
    uint64_t seq;
    bool resetting;       /* the board is being reset: hart state is the main thread's */
    unsigned callers;     /* dbg_hart_call in progress */
    bool points_dirty;    /* `want` differs from what was last committed */
    dbg_points_t want;    /* lock */
    dbg_points_t live;    /* exclusive work only; the harts and the translator read it */
    bool live_active;     /* live has a breakpoint or watchpoint */
    unsigned nlisteners;
    struct {
        dbg_listener_fn fn;
        void *ctx;
    } listeners[DBG_MAX_LISTENERS];
} dbgctl_t;

/* start_stopped: the harts park before their first instruction (-S). False if out of memory. */
bool dbg_init(dbgctl_t *d, hart_t **harts, unsigned nharts, work_ctl_t *work, tcache_t *tc,
              atomic_int *stopping, bool start_stopped);
void dbg_destroy(dbgctl_t *d);
/* Before the harts start: they will park before their first instruction (-S). */
void dbg_start_stopped(dbgctl_t *d);
/* Before the harts start; false if there are too many. */
bool dbg_add_listener(dbgctl_t *d, dbg_listener_fn fn, void *ctx);

/* --- control, from threads other than the harts' --- */

/* Stops every hart (nothing if stopped already; the first reason stays). With `wait`, returns
 * once every hart has parked, or the run is ending. */
void dbg_stop(dbgctl_t *d, dbg_stop_kind_t why, bool wait);
/* Waits until every hart of a stopped machine has parked, commits changed points and lets the
 * harts go: actions[i] for hart i, or every hart continues if actions is NULL. False (nothing
 * done) if every action is DBG_ACT_STOP. Resuming a running machine does nothing. */
bool dbg_resume(dbgctl_t *d, const dbg_action_t *actions);
/* True if stopped; *out (may be NULL) receives the stop. `announced` is false while harts are
 * still on their way to parking. */
bool dbg_get_state(dbgctl_t *d, dbg_stop_t *out, bool *announced);
/* Runs fn on hart i's thread and waits (directly on the caller if that thread is not running);
 * never during a board reset. The caller holds no lock. */
void dbg_hart_call(dbgctl_t *d, unsigned i, hart_work_fn fn, void *arg);
/* Host thread id of hart i's thread, 0 if it is not running. */
int dbg_hart_tid(dbgctl_t *d, unsigned i);

/* Breakpoints and watchpoints (guest-virtual). Insert returns false when the table is full or
 * the arguments are invalid; remove returns false if there was no such point. Inserting an
 * existing breakpoint succeeds (GDB may insert twice). */
bool dbg_bp_insert(dbgctl_t *d, uint64_t addr);
bool dbg_bp_remove(dbgctl_t *d, uint64_t addr);
bool dbg_watch_insert(dbgctl_t *d, uint64_t addr, uint64_t len, unsigned kind);
bool dbg_watch_remove(dbgctl_t *d, uint64_t addr, uint64_t len, unsigned kind);
void dbg_points_clear(dbgctl_t *d);

/* The board brackets a reset with these (main thread, hart threads joined): hart accessors
 * wait, and per-hart debug state starts afresh. */
void dbg_reset_begin(dbgctl_t *d);
void dbg_reset_end(dbgctl_t *d);

/* --- the hart side (exec/run.c) --- */

void dbg_hart_started(dbgctl_t *d, hart_t *h);
void dbg_hart_exited(dbgctl_t *d, hart_t *h);
/* At a safe point: parks the hart while it may not run. True if it parked (its block cache
 * may be stale, and it must re-check its kick). */
bool dbg_park(dbgctl_t *d, hart_t *h);
static inline bool dbg_safe_point(dbgctl_t *d, hart_t *h)
{
    if (atomic_load_explicit(&d->hs[h->hartid].may_run, memory_order_acquire))
        return false;
    return dbg_park(d, h);
}
/* Before each block while h->dbg_active: reports watchpoint hits, runs single steps, takes
 * pending interrupts and stops at breakpoints. True if it did something and the run loop must
 * start over (re-check kicks) instead of executing the block at h->pc. */
bool dbg_before_block(dbgctl_t *d, hart_t *h);

#endif
