/* All-stop run control, breakpoints, watchpoints and single-step (rules in debug.h and
 * docs/ARCHITECTURE.md). */
#include "exec/debug.h"

#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cpu/trap.h"
#include "exec/run.h"

static int thread_id(void)
{
    return (int)syscall(SYS_gettid);
}

bool dbg_init(dbgctl_t *d, hart_t **harts, unsigned nharts, work_ctl_t *work, tcache_t *tc,
              atomic_int *stopping, bool start_stopped)
{
    memset(d, 0, sizeof(*d));
    d->hs = calloc(nharts ? nharts : 1, sizeof(*d->hs));
    if (!d->hs)
        return false;
    lock_init(&d->lock, LOCK_RANK_DEBUG, "dbgctl.lock");
    pthread_cond_init(&d->cond, NULL);
    d->harts = harts;
    d->nharts = nharts;
    d->work = work;
    d->tc = tc;
    d->stopping = stopping;
    d->nparked = nharts; /* no hart thread runs yet */
    for (unsigned i = 0; i < nharts; i++)
        atomic_init(&d->hs[i].may_run, true);
    if (start_stopped)
        dbg_start_stopped(d);
    return true;
}

void dbg_start_stopped(dbgctl_t *d)
{
    lock_take(&d->lock);
    d->stopped = true;
    d->announced = true; /* the initial state, not an event */
    d->stop = (dbg_stop_t){.kind = DBG_STOP_PRELAUNCH, .seq = ++d->seq};
    for (unsigned i = 0; i < d->nharts; i++)
        atomic_store(&d->hs[i].may_run, false);
    lock_drop(&d->lock);
}

void dbg_destroy(dbgctl_t *d)
{
    free(d->hs);
    d->hs = NULL;
    lock_destroy(&d->lock);
    pthread_cond_destroy(&d->cond);
}

bool dbg_add_listener(dbgctl_t *d, dbg_listener_fn fn, void *ctx)
{
    lock_take(&d->lock);
    bool ok = d->nlisteners < DBG_MAX_LISTENERS;
    if (ok)
        d->listeners[d->nlisteners++] = (typeof(d->listeners[0])){fn, ctx};
    lock_drop(&d->lock);
    return ok;
}

static void notify_locked(dbgctl_t *d, dbg_event_t ev)
{
    for (unsigned i = 0; i < d->nlisteners; i++)
        d->listeners[i].fn(d->listeners[i].ctx, ev, &d->stop);
}

/* Announces the stop once every hart has parked (not while the run is ending: the machine
 * is then going away or being reset, and a stop requested meanwhile is announced after). */
static void announce_locked(dbgctl_t *d)
{
    if (d->stopped && !d->announced && d->nparked == d->nharts && !atomic_load(d->stopping)) {
        d->announced = true;
        notify_locked(d, DBG_EV_STOP);
    }
    pthread_cond_broadcast(&d->cond);
}

static void stop_locked(dbgctl_t *d, const dbg_stop_t *why)
{
    if (d->stopped)
        return; /* the first reason stays */
    d->stopped = true;
    d->announced = false;
    d->stop = *why;
    d->stop.seq = ++d->seq;
    if (why->kind == DBG_STOP_BREAK || why->kind == DBG_STOP_WATCH)
        d->hs[why->hart].skip = true; /* resuming must get past what it stopped at */
    for (unsigned i = 0; i < d->nharts; i++)
        atomic_store(&d->hs[i].may_run, false);
    for (unsigned i = 0; i < d->nharts; i++)
        hart_kick(d->harts[i]);
    announce_locked(d);
}

void dbg_stop(dbgctl_t *d, dbg_stop_kind_t why, bool wait)
{
    dbg_stop_t s = {.kind = why};
    lock_take(&d->lock);
    stop_locked(d, &s);
    while (wait && d->nparked < d->nharts) /* exiting harts count as parked */
        lock_wait(&d->lock, &d->cond);
    lock_drop(&d->lock);
}

bool dbg_get_state(dbgctl_t *d, dbg_stop_t *out, bool *announced)
{
    lock_take(&d->lock);
    bool stopped = d->stopped;
    if (out)
        *out = d->stop;
    if (announced)
        *announced = d->announced;
    lock_drop(&d->lock);
    return stopped;
}

int dbg_hart_tid(dbgctl_t *d, unsigned i)
{
    return i < d->nharts ? atomic_load(&d->hs[i].tid) : 0;
}

void dbg_hart_call(dbgctl_t *d, unsigned i, hart_work_fn fn, void *arg)
{
    lock_take(&d->lock);
    while (d->resetting)
        lock_wait(&d->lock, &d->cond);
    d->callers++;
    lock_drop(&d->lock);
    run_on_hart_sync(d->work, NULL, d->harts[i], fn, arg);
    lock_take(&d->lock);
    d->callers--;
    pthread_cond_broadcast(&d->cond);
    lock_drop(&d->lock);
}

void dbg_reset_begin(dbgctl_t *d)
{
    lock_take(&d->lock);
    d->resetting = true;
    while (d->callers)
        lock_wait(&d->lock, &d->cond);
    lock_drop(&d->lock);
}

void dbg_reset_end(dbgctl_t *d)
{
    lock_take(&d->lock);
    for (unsigned i = 0; i < d->nharts; i++) {
        hart_t *h = d->harts[i];
        h->dbg_step = h->dbg_skip = h->dbg_hit = h->dbg_watch_off = false;
        h->dbg_active = d->live_active;
        d->hs[i].step = d->hs[i].skip = false;
    }
    d->resetting = false;
    pthread_cond_broadcast(&d->cond);
    lock_drop(&d->lock);
}

/* ---- points ---- */

typedef struct commit {
    dbgctl_t *d;
    dbg_points_t pts;
    bool may_retire; /* on a hart's thread (an RCU reader): pages can be retired */
} commit_t;

static bool watch_equal(const watch_set_t *a, const watch_set_t *b)
{
    if (a->count != b->count)
        return false;
    for (unsigned i = 0; i < a->count; i++)
        if (a->w[i].addr != b->w[i].addr || a->w[i].len != b->w[i].len ||
            a->w[i].kind != b->w[i].kind)
            return false;
    return true;
}

/* Runs with every hart stopped (exclusive work), or with no hart thread running. */
static void commit_exclusive(void *arg)
{
    commit_t *c = arg;
    dbgctl_t *d = c->d;
    uint64_t changed[TC_OFFSET_WORDS];
    bool split_changed = false;
    for (unsigned w = 0; w < TC_OFFSET_WORDS; w++) {
        changed[w] = d->live.bp_offsets[w] ^ c->pts.bp_offsets[w];
        split_changed |= changed[w] != 0;
    }
    bool watch_changed = !watch_equal(&d->live.watch, &c->pts.watch);
    d->live = c->pts;
    d->live_active = d->live.nbp || d->live.watch.count;
    d->tc->bp_split = d->live.nbp ? d->live.bp_offsets : NULL;
    if (split_changed && c->may_retire)
        tcache_invalidate_offsets(d->tc, changed);
    for (unsigned i = 0; i < d->nharts; i++) {
        hart_t *h = d->harts[i];
        if (watch_changed) {
            tlb_flush_all(&h->tlb); /* refills mark watched pages slow (R3: exclusive work) */
            h->watch = d->live.watch.count ? &d->live.watch : NULL;
        }
        h->dbg_active = d->live_active || h->dbg_step || h->dbg_skip;
    }
}

/* Hart 0's thread asks for the exclusive section: exclusive work may retire blocks only on a
 * registered RCU thread. With no hart thread running (before the first start, after the end),
 * the caller commits directly; the translation cache then holds nothing that will run. */
static void commit_on_hart(hart_t *h, void *arg)
{
    commit_t *c = arg;
    c->may_retire = atomic_load(&c->d->hs[h->hartid].tid) == thread_id();
    if (c->may_retire)
        run_exclusive(c->d->work, h, commit_exclusive, c);
    else
        commit_exclusive(c);
}

static void commit_points(dbgctl_t *d)
{
    commit_t *c = calloc(1, sizeof(*c));
    if (!c)
        abort();
    lock_take(&d->lock);
    bool dirty = d->points_dirty;
    d->points_dirty = false;
    c->pts = d->want;
    lock_drop(&d->lock);
    c->d = d;
    if (dirty && d->nharts)
        dbg_hart_call(d, 0, commit_on_hart, c);
    free(c);
}

static void rebuild_offsets(dbg_points_t *p)
{
    memset(p->bp_offsets, 0, sizeof(p->bp_offsets));
    for (unsigned i = 0; i < p->nbp; i++)
        tc_offset_set(p->bp_offsets, (unsigned)(p->bp[i] & (PAGE_SIZE - 1)));
}

/* After an edit under the lock: a running machine commits at once, a stopped one on resume. */
static void edited(dbgctl_t *d, bool changed)
{
    if (changed)
        d->points_dirty = true;
    bool running = !d->stopped;
    lock_drop(&d->lock);
    if (changed && running)
        commit_points(d);
}

static int bp_index(const dbg_points_t *p, uint64_t addr)
{
    for (unsigned i = 0; i < p->nbp; i++)
        if (p->bp[i] == addr)
            return (int)i;
    return -1;
}

bool dbg_bp_insert(dbgctl_t *d, uint64_t addr)
{
    if (addr & 1)
        return false;
    lock_take(&d->lock);
    dbg_points_t *p = &d->want;
    bool add = bp_index(p, addr) < 0, ok = !add || p->nbp < DBG_MAX_BP;
    if (add && ok) {
        p->bp[p->nbp++] = addr;
        rebuild_offsets(p);
    }
    edited(d, add && ok);
    return ok;
}

bool dbg_bp_remove(dbgctl_t *d, uint64_t addr)
{
    lock_take(&d->lock);
    dbg_points_t *p = &d->want;
    int i = bp_index(p, addr);
    if (i >= 0) {
        p->bp[i] = p->bp[--p->nbp];
        rebuild_offsets(p);
    }
    edited(d, i >= 0);
    return i >= 0;
}

static int watch_index(const watch_set_t *ws, uint64_t addr, uint64_t len, unsigned kind)
{
    for (unsigned i = 0; i < ws->count; i++)
        if (ws->w[i].addr == addr && ws->w[i].len == len && ws->w[i].kind == kind)
            return (int)i;
    return -1;
}

bool dbg_watch_insert(dbgctl_t *d, uint64_t addr, uint64_t len, unsigned kind)
{
    if (len == 0 || addr + len < addr || kind < WATCH_READ || kind > WATCH_ACCESS)
        return false;
    lock_take(&d->lock);
    watch_set_t *ws = &d->want.watch;
    bool add = watch_index(ws, addr, len, kind) < 0, ok = !add || ws->count < WATCH_MAX;
    if (add && ok)
        ws->w[ws->count++] = (watchpoint_t){.addr = addr, .len = len, .kind = kind};
    edited(d, add && ok);
    return ok;
}

bool dbg_watch_remove(dbgctl_t *d, uint64_t addr, uint64_t len, unsigned kind)
{
    lock_take(&d->lock);
    watch_set_t *ws = &d->want.watch;
    int i = watch_index(ws, addr, len, kind);
    if (i >= 0)
        ws->w[i] = ws->w[--ws->count];
    edited(d, i >= 0);
    return i >= 0;
}

void dbg_points_clear(dbgctl_t *d)
{
    lock_take(&d->lock);
    bool any = d->want.nbp || d->want.watch.count;
    memset(&d->want, 0, sizeof(d->want));
    edited(d, any);
}

/* ---- resume ---- */

static bool all_stay(const dbgctl_t *d, const dbg_action_t *actions)
{
    for (unsigned i = 0; actions && i < d->nharts; i++)
        if (actions[i] != DBG_ACT_STOP)
            return false;
    return actions != NULL;
}

static void go_locked(dbgctl_t *d, const dbg_action_t *actions)
{
    d->stopped = false;
    if (d->announced)
        notify_locked(d, DBG_EV_RESUME);
    d->announced = false;
    for (unsigned i = 0; i < d->nharts; i++) {
        dbg_action_t a = actions ? actions[i] : DBG_ACT_CONT;
        if (a == DBG_ACT_STOP)
            continue;
        d->hs[i].step = a == DBG_ACT_STEP;
        atomic_store(&d->hs[i].may_run, true);
        hart_kick(d->harts[i]);
    }
}

bool dbg_resume(dbgctl_t *d, const dbg_action_t *actions)
{
    if (all_stay(d, actions))
        return false;
    lock_take(&d->lock);
    while (d->nparked < d->nharts)
        lock_wait(&d->lock, &d->cond);
    bool stopped = d->stopped;
    lock_drop(&d->lock);
    if (!stopped)
        return true;
    commit_points(d);
    lock_take(&d->lock);
    if (d->stopped) /* unless someone else resumed it meanwhile */
        go_locked(d, actions);
    lock_drop(&d->lock);
    return true;
}

/* ---- the hart side ---- */

static void take_orders_locked(dbgctl_t *d, hart_t *h);

void dbg_hart_started(dbgctl_t *d, hart_t *h)
{
    atomic_store(&d->hs[h->hartid].tid, thread_id());
    lock_take(&d->lock);
    d->nparked--;
    take_orders_locked(d, h); /* a resume may have come before the thread started */
    lock_drop(&d->lock);
}

void dbg_hart_exited(dbgctl_t *d, hart_t *h)
{
    atomic_store(&d->hs[h->hartid].tid, 0);
    lock_take(&d->lock);
    d->nparked++;
    announce_locked(d);
    lock_drop(&d->lock);
}

/* Sleeps until kicked, then serves the run-on-hart queue and exclusive sections as a running
 * hart would at a safe point. */
static void park_sleep(dbgctl_t *d, hart_t *h)
{
    lock_take(&h->wake_lock);
    while (!atomic_load(&h->kick))
        lock_wait(&h->wake_lock, &h->wake);
    lock_drop(&h->wake_lock);
    atomic_store(&h->kick, 0);
    tcache_online();
    work_hart_enter(d->work);
    work_safe_point(d->work, h);
    work_hart_leave(d->work);
    tcache_offline(h->tcache);
}

/* The debugger's orders, taken as the hart leaves its park (lock held). */
static void take_orders_locked(dbgctl_t *d, hart_t *h)
{
    dbg_hart_t *hs = &d->hs[h->hartid];
    if (!atomic_load(&hs->may_run))
        return; /* leaving because the run ends */
    h->dbg_step = hs->step;
    h->dbg_skip = hs->skip;
    hs->step = hs->skip = false;
    h->dbg_active = d->live_active || h->dbg_step || h->dbg_skip;
}

bool dbg_park(dbgctl_t *d, hart_t *h)
{
    dbg_hart_t *hs = &d->hs[h->hartid];
    tcache_offline(h->tcache);
    work_hart_leave(d->work);
    lock_take(&d->lock);
    d->nparked++;
    announce_locked(d);
    while (!atomic_load(&hs->may_run) && !atomic_load(d->stopping)) {
        lock_drop(&d->lock);
        park_sleep(d, h);
        lock_take(&d->lock);
    }
    d->nparked--;
    take_orders_locked(d, h);
    lock_drop(&d->lock);
    work_hart_enter(d->work);
    tcache_online();
    atomic_store(&h->kick, 1); /* the run loop re-checks stop requests and work first */
    return true;
}

/* The hart stops the machine itself (breakpoint, watchpoint, end of a step). */
static void hart_stops(dbgctl_t *d, hart_t *h, dbg_stop_kind_t kind)
{
    dbg_stop_t why = {.kind = kind, .hart = h->hartid};
    if (kind == DBG_STOP_WATCH) {
        why.addr = h->dbg_hit_addr;
        why.watch_kind = h->dbg_hit_kind;
    }
    h->dbg_skip_pc = h->pc;
    lock_take(&d->lock);
    stop_locked(d, &why);
    lock_drop(&d->lock);
}

static void refresh_active(dbgctl_t *d, hart_t *h)
{
    h->dbg_active = d->live_active || h->dbg_step || h->dbg_skip;
}

/* One instruction, interrupts held off; a trap it takes ends the step at the handler. A hart
 * asleep in WFI completes the WFI instead (the pc is already past it). */
static void step_one(dbgctl_t *d, hart_t *h)
{
    h->dbg_step = false;
    if (h->wfi) {
        h->wfi = false;
    } else {
        h->dbg_watch_off = h->dbg_skip && h->pc == h->dbg_skip_pc;
        run_exec_one(h);
        h->dbg_watch_off = false;
    }
    h->dbg_skip = false;
    refresh_active(d, h);
    bool hit = h->dbg_hit;
    h->dbg_hit = false;
    hart_stops(d, h, hit ? DBG_STOP_WATCH : DBG_STOP_STEP);
}

static bool bp_at(const dbg_points_t *p, uint64_t pc)
{
    if (!p->nbp || !tc_offset_test(p->bp_offsets, (unsigned)(pc & (PAGE_SIZE - 1))))
        return false;
    return bp_index(p, pc) >= 0;
}

bool dbg_before_block(dbgctl_t *d, hart_t *h)
{
    if (h->dbg_hit) {
        h->dbg_hit = false;
        hart_stops(d, h, DBG_STOP_WATCH);
        return true;
    }
    if (h->dbg_step) {
        step_one(d, h);
        return true;
    }
    if (h->wfi)
        return false;
    if (hart_mip(h) & h->mie)
        hart_check_interrupts(h); /* first, so that a breakpoint on the handler is seen */
    if (h->dbg_skip) {
        h->dbg_skip = false;
        refresh_active(d, h);
        if (h->pc == h->dbg_skip_pc) {
            h->dbg_watch_off = true;
            run_exec_one(h);
            h->dbg_watch_off = false;
            return true;
        }
    }
    if (bp_at(&d->live, h->pc)) {
        hart_stops(d, h, DBG_STOP_BREAK);
        return true;
    }
    return false;
}
