#define _GNU_SOURCE /* pthread_setname_np */
#include "util/evloop.h"

#include <errno.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "util/lock.h"
#include "util/rcu.h"
#include "util/util.h"

#define EVLOOP_MAX_FDS 256

/* Watches, bottom halves, timers and pollers are items on one list. The loop thread never
 * keeps an item pointer across dropping the lock except as `current`, which removers wait on;
 * that is what lets removal promise "not running and will not run". */
typedef enum { ITEM_WATCH, ITEM_BH, ITEM_TIMER, ITEM_POLLER } item_kind_t;

typedef struct evloop_item {
    struct evloop_item *next;
    item_kind_t kind;
    bool dead;
    bool orphan;                      /* removed from its own callback: freed when it returns */
    int ps_idx;                       /* watches: index in this iteration's poll set, or -1 */
    bool filled;                      /* pollers: filled this iteration (loop thread only) */
    void *opaque;
    evloop_fn fn;                     /* bottom halves and timers */
    evloop_fd_fn fd_fn;               /* watches */
    const evloop_poller_ops_t *ops;   /* pollers */
    int fd;
    short events;
    short revents;                    /* watches: what the dispatch reports */
    atomic_bool scheduled;            /* bottom halves */
    bool armed;                       /* timers */
    uint64_t deadline;
    uint64_t pass;                    /* the iteration that last ran it */
    evloop_t *loop;
} evloop_item_t;

struct evloop_bh { evloop_item_t item; };
struct evloop_timer { evloop_item_t item; };

typedef struct sync_req {
    struct sync_req *next;
    evloop_fn fn;
    void *opaque;
    bool done;
} sync_req_t;

struct evloop_pollset {
    struct pollfd fds[EVLOOP_MAX_FDS];
    int n;
};

struct evloop {
    lock_t lock;                 /* items, sync requests, current */
    pthread_cond_t idle;         /* `current` changed or a sync request finished */
    evloop_item_t *items;
    evloop_item_t *current;      /* being dispatched on the loop thread */
    sync_req_t *sync;
    int wake_fd;
    atomic_bool stop;
    atomic_bool running;
    pthread_t tid;
    uint64_t pass;               /* loop-thread only */
    evloop_pollset_t ps;         /* loop-thread only */
    char name[16];
    atomic_uint_fast64_t wakes;  /* bumped by every loop_wake: what a spinning loop watches */
    uint64_t wakes_seen;         /* loop-thread only: `wakes` when the loop last drained */
    util_poll_window_t poll;     /* loop-thread only after start */
};

static void loop_wake(evloop_t *l)
{
    uint64_t one = 1;
    atomic_fetch_add(&l->wakes, 1);
    while (write(l->wake_fd, &one, sizeof(one)) < 0 && errno == EINTR)
        ;
}

evloop_t *evloop_new(const char *name)
{
    evloop_t *l = calloc(1, sizeof(*l));
    if (!l)
        return NULL;
    l->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (l->wake_fd < 0) {
        free(l);
        return NULL;
    }
    lock_init(&l->lock, LOCK_RANK_EVLOOP, "evloop.lock");
    pthread_cond_init(&l->idle, NULL);
    snprintf(l->name, sizeof(l->name), "%s", name);
    return l;
}

bool evloop_in_thread(const evloop_t *l)
{
    return atomic_load(&((evloop_t *)l)->running) && pthread_equal(pthread_self(), l->tid);
}

static evloop_item_t *item_new(evloop_t *l, item_kind_t kind, void *opaque)
{
    evloop_item_t *it = calloc(1, sizeof(*it));
    if (it) {
        it->kind = kind;
        it->opaque = opaque;
        it->loop = l;
        it->fd = -1;
        it->ps_idx = -1;
    }
    return it;
}

static evloop_item_t *find_watch_locked(evloop_t *l, int fd);

/* Publishes a filled-in item; a watch of an fd already watched is refused (and freed). */
static evloop_item_t *item_link(evloop_t *l, evloop_item_t *it)
{
    if (!it)
        return NULL;
    lock_take(&l->lock);
    bool dup = it->kind == ITEM_WATCH && find_watch_locked(l, it->fd);
    if (!dup) {
        it->next = l->items;
        l->items = it;
    }
    lock_drop(&l->lock);
    if (dup) {
        free(it);
        return NULL;
    }
    if (!evloop_in_thread(l))
        loop_wake(l);
    return it;
}

/* Unlinks and frees `it` once the loop thread is not dispatching it. */
static void item_remove(evloop_t *l, evloop_item_t *it)
{
    lock_take(&l->lock);
    it->dead = true;
    if (!evloop_in_thread(l))
        while (l->current == it)
            lock_wait(&l->lock, &l->idle);
    for (evloop_item_t **pp = &l->items; *pp; pp = &(*pp)->next) {
        if (*pp == it) {
            *pp = it->next;
            break;
        }
    }
    it->orphan = l->current == it; /* removing itself from its own callback */
    bool free_now = !it->orphan;
    lock_drop(&l->lock);
    if (free_now)
        free(it);
}

static evloop_item_t *find_watch_locked(evloop_t *l, int fd)
{
    for (evloop_item_t *it = l->items; it; it = it->next)
        if (it->kind == ITEM_WATCH && !it->dead && it->fd == fd)
            return it;
    return NULL;
}

bool evloop_watch_fd(evloop_t *l, int fd, short events, evloop_fd_fn fn, void *opaque)
{
    evloop_item_t *it = item_new(l, ITEM_WATCH, opaque);
    if (it) {
        it->fd = fd;
        it->events = events;
        it->fd_fn = fn;
    }
    return item_link(l, it) != NULL;
}

void evloop_set_events(evloop_t *l, int fd, short events)
{
    lock_take(&l->lock);
    evloop_item_t *it = find_watch_locked(l, fd);
    if (it)
        it->events = events;
    lock_drop(&l->lock);
    loop_wake(l);
}

void evloop_unwatch_fd(evloop_t *l, int fd)
{
    lock_take(&l->lock);
    evloop_item_t *it = find_watch_locked(l, fd);
    lock_drop(&l->lock);
    if (it)
        item_remove(l, it);
}

evloop_bh_t *evloop_bh_new(evloop_t *l, evloop_fn fn, void *opaque)
{
    evloop_item_t *it = item_new(l, ITEM_BH, opaque);
    if (it)
        it->fn = fn;
    return (evloop_bh_t *)item_link(l, it);
}

void evloop_bh_schedule(evloop_bh_t *bh)
{
    evloop_t *l = bh->item.loop; /* read first: once scheduled, it may run and free itself */
    if (!atomic_exchange(&bh->item.scheduled, true))
        loop_wake(l);
}

void evloop_bh_free(evloop_bh_t *bh)
{
    if (bh)
        item_remove(bh->item.loop, &bh->item);
}

evloop_timer_t *evloop_timer_new(evloop_t *l, evloop_fn fn, void *opaque)
{
    evloop_item_t *it = item_new(l, ITEM_TIMER, opaque);
    if (it)
        it->fn = fn;
    return (evloop_timer_t *)item_link(l, it);
}

void evloop_timer_arm(evloop_timer_t *t, uint64_t deadline_ns)
{
    evloop_t *l = t->item.loop;
    lock_take(&l->lock);
    t->item.armed = true;
    t->item.deadline = deadline_ns;
    lock_drop(&l->lock);
    if (!evloop_in_thread(l))
        loop_wake(l);
}

void evloop_timer_cancel(evloop_timer_t *t)
{
    evloop_t *l = t->item.loop;
    lock_take(&l->lock);
    t->item.armed = false;
    lock_drop(&l->lock);
}

void evloop_timer_free(evloop_timer_t *t)
{
    if (t)
        item_remove(t->item.loop, &t->item);
}

bool evloop_add_poller(evloop_t *l, const evloop_poller_ops_t *ops, void *opaque)
{
    evloop_item_t *it = item_new(l, ITEM_POLLER, opaque);
    if (it)
        it->ops = ops;
    return item_link(l, it) != NULL;
}

void evloop_remove_poller(evloop_t *l, void *opaque)
{
    lock_take(&l->lock);
    evloop_item_t *found = NULL;
    for (evloop_item_t *it = l->items; it && !found; it = it->next)
        if (it->kind == ITEM_POLLER && !it->dead && it->opaque == opaque)
            found = it;
    lock_drop(&l->lock);
    if (found)
        item_remove(l, found);
}

int evloop_pollset_add(evloop_pollset_t *ps, int fd, short events)
{
    if (ps->n == EVLOOP_MAX_FDS)
        return -1;
    ps->fds[ps->n] = (struct pollfd){.fd = fd, .events = events};
    return ps->n++;
}

short evloop_pollset_revents(const evloop_pollset_t *ps, int idx)
{
    return idx >= 0 && idx < ps->n ? ps->fds[idx].revents : 0;
}

void evloop_run_sync(evloop_t *l, evloop_fn fn, void *opaque)
{
    sync_req_t req = {.fn = fn, .opaque = opaque};
    lock_take(&l->lock);
    bool direct = !l->running || atomic_load(&l->stop) || evloop_in_thread(l);
    if (!direct) {
        req.next = l->sync;
        l->sync = &req;
    }
    lock_drop(&l->lock);
    if (direct) {
        fn(opaque);
        return;
    }
    loop_wake(l);
    lock_take(&l->lock);
    while (!req.done)
        lock_wait(&l->lock, &l->idle);
    lock_drop(&l->lock);
}

static void run_sync_locked(evloop_t *l)
{
    while (l->sync) {
        sync_req_t *req = l->sync;
        l->sync = req->next;
        lock_drop(&l->lock);
        req->fn(req->opaque);
        lock_take(&l->lock);
        req->done = true;
        pthread_cond_broadcast(&l->idle);
    }
}

static short watch_revents(const evloop_t *l, const evloop_item_t *it)
{
    return l->ps.fds[it->ps_idx].revents & (it->events | POLLHUP | POLLERR | POLLNVAL);
}

/* The next item of `kind` that is due in this sweep; it becomes `current`. */
static evloop_item_t *next_due_locked(evloop_t *l, item_kind_t kind, uint64_t now)
{
    for (evloop_item_t *it = l->items; it; it = it->next) {
        if (it->dead || it->kind != kind || it->pass == l->pass)
            continue;
        it->pass = l->pass;
        bool due = true;
        if (kind == ITEM_BH)
            due = atomic_exchange(&it->scheduled, false);
        else if (kind == ITEM_TIMER)
            due = it->armed && it->deadline <= now;
        else if (kind == ITEM_WATCH) /* events may have changed since the poll set was made */
            due = it->ps_idx >= 0 && it->events && (it->revents = watch_revents(l, it));
        if (kind == ITEM_TIMER && due)
            it->armed = false;
        if (due) {
            l->current = it;
            return it;
        }
    }
    return NULL;
}

typedef void (*sweep_fn)(evloop_t *l, evloop_item_t *it, void *arg);

/* Calls `call` for every due item of `kind`, each with the lock dropped. */
static void sweep(evloop_t *l, item_kind_t kind, sweep_fn call, void *arg)
{
    lock_take(&l->lock);
    l->pass++;
    uint64_t now = util_now_ns();
    evloop_item_t *it;
    while ((it = next_due_locked(l, kind, now))) {
        lock_drop(&l->lock);
        call(l, it, arg);
        lock_take(&l->lock);
        l->current = NULL;
        if (it->orphan)
            free(it);
        pthread_cond_broadcast(&l->idle);
    }
    lock_drop(&l->lock);
}

static void call_fn(evloop_t *l, evloop_item_t *it, void *arg)
{
    (void)l;
    (void)arg;
    it->fn(it->opaque);
}

static void call_watch(evloop_t *l, evloop_item_t *it, void *arg)
{
    (void)l;
    (void)arg;
    it->fd_fn(it->opaque, it->fd, it->revents);
}

static void call_fill(evloop_t *l, evloop_item_t *it, void *arg)
{
    it->filled = true;
    it->ops->fill(it->opaque, &l->ps, arg);
}

/* A poller added after this iteration's fill waits for the next one. */
static void call_dispatch(evloop_t *l, evloop_item_t *it, void *arg)
{
    if (it->filled)
        it->ops->dispatch(it->opaque, &l->ps, *(bool *)arg);
    it->filled = false;
}

/* Sync requests, then this iteration's poll set from the watches and the timeout from the
 * timers (lock held). */
static int prepare_locked(evloop_t *l)
{
    run_sync_locked(l);
    l->ps.n = 0;
    evloop_pollset_add(&l->ps, l->wake_fd, POLLIN);
    int64_t timeout = -1;
    uint64_t now = util_now_ns();
    for (evloop_item_t *it = l->items; it; it = it->next) {
        if (it->dead)
            continue;
        if (it->kind == ITEM_WATCH)
            it->ps_idx = it->events ? evloop_pollset_add(&l->ps, it->fd, it->events) : -1;
        if (it->kind == ITEM_TIMER && it->armed) {
            int64_t ms = it->deadline <= now ? 0 : (int64_t)((it->deadline - now + 999999) / 1000000);
            if (timeout < 0 || ms < timeout)
                timeout = ms;
        }
    }
    return timeout > INT32_MAX ? INT32_MAX : (int)timeout;
}

#define EVLOOP_POLL_FDS_EVERY 256 /* spin iterations (a few microseconds) between fd checks */

/* Spins for up to the window (and the timeout); true once something is ready (a wake-up or a
 * descriptor event, which poll(2) with no timeout then collects). */
static bool loop_spin(evloop_t *l, int timeout)
{
    uint64_t window = l->poll.ns, start = util_now_ns();
    if (timeout >= 0 && (uint64_t)timeout * 1000000ULL < window)
        window = (uint64_t)timeout * 1000000ULL;
    for (unsigned i = 1; window; i++) {
        if (atomic_load_explicit(&l->wakes, memory_order_acquire) != l->wakes_seen)
            return true;
        if (i % EVLOOP_POLL_FDS_EVERY == 0) {
            if (poll(l->ps.fds, (nfds_t)l->ps.n, 0) > 0)
                return true;
            if (util_now_ns() - start >= window)
                return false;
        }
        util_cpu_relax();
    }
    return false;
}

static int loop_wait(evloop_t *l, int timeout)
{
    if (l->poll.max_ns && timeout != 0 && loop_spin(l, timeout))
        return poll(l->ps.fds, (nfds_t)l->ps.n, 0);
    uint64_t start = l->poll.max_ns ? util_now_ns() : 0;
    int n = poll(l->ps.fds, (nfds_t)l->ps.n, timeout);
    if (l->poll.max_ns && timeout != 0)
        util_poll_window_update(&l->poll, util_now_ns() - start);
    return n;
}

static void loop_iterate(evloop_t *l)
{
    lock_take(&l->lock);
    int timeout = prepare_locked(l);
    lock_drop(&l->lock);
    sweep(l, ITEM_POLLER, call_fill, &timeout);
    util_rcu_offline();
    int n = loop_wait(l, timeout);
    bool failed = n < 0 && errno != EINTR;
    util_rcu_online();
    if (n < 0)
        for (int i = 0; i < l->ps.n; i++)
            l->ps.fds[i].revents = 0;
    /* Wake-ups from here on are new: their bottom halves may be missed by the sweep below. */
    l->wakes_seen = atomic_load_explicit(&l->wakes, memory_order_acquire);
    if (l->ps.fds[0].revents) {
        uint64_t v;
        while (read(l->wake_fd, &v, sizeof(v)) < 0 && errno == EINTR)
            ;
    }
    sweep(l, ITEM_BH, call_fn, NULL);
    sweep(l, ITEM_WATCH, call_watch, NULL);
    sweep(l, ITEM_TIMER, call_fn, NULL);
    sweep(l, ITEM_POLLER, call_dispatch, &failed);
    util_rcu_quiescent();
}

static void *loop_thread(void *arg)
{
    evloop_t *l = arg;
    pthread_setname_np(pthread_self(), l->name);
    util_rcu_register();
    while (!atomic_load(&l->stop))
        loop_iterate(l);
    lock_take(&l->lock);
    run_sync_locked(l);
    lock_drop(&l->lock);
    util_rcu_unregister();
    return NULL;
}

void evloop_set_polling(evloop_t *l, uint64_t max_ns)
{
    l->poll = (util_poll_window_t){.max_ns = max_ns};
}

bool evloop_start(evloop_t *l)
{
    lock_take(&l->lock); /* the thread's first evloop_in_thread sees tid */
    bool ok = pthread_create(&l->tid, NULL, loop_thread, l) == 0;
    atomic_store(&l->running, ok);
    lock_drop(&l->lock);
    return ok;
}

void evloop_stop(evloop_t *l)
{
    if (!atomic_load(&l->running))
        return;
    atomic_store(&l->stop, true);
    loop_wake(l);
    pthread_join(l->tid, NULL);
    atomic_store(&l->running, false);
}

void evloop_free(evloop_t *l)
{
    if (!l)
        return;
    evloop_stop(l);
    while (l->items) {
        evloop_item_t *it = l->items;
        l->items = it->next;
        free(it);
    }
    close(l->wake_fd);
    pthread_cond_destroy(&l->idle);
    lock_destroy(&l->lock);
    free(l);
}
