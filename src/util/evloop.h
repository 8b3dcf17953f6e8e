/* An event loop on its own host thread (the I/O thread): file descriptors, bottom halves and
 * timers, dispatched one at a time on the loop's thread.
 *
 * Callbacks run on the loop thread with no lock held; they may take device locks. Everything
 * else here may be called from any thread (harts, other loops) unless it says otherwise.
 * The loop thread is a liburcu-qsbr reader: it may look up the physical memory map (DMA) inside
 * any callback; it is offline while it waits.
 *
 * Built on poll(2), so that back ends whose set of descriptors changes every iteration
 * (libslirp's fill/poll model) fit in as *pollers*. */
#ifndef UTIL_EVLOOP_H
#define UTIL_EVLOOP_H

#include <stdbool.h>
#include <stdint.h>

typedef struct evloop evloop_t;
typedef struct evloop_bh evloop_bh_t;
typedef struct evloop_timer evloop_timer_t;
typedef struct evloop_pollset evloop_pollset_t;

typedef void (*evloop_fn)(void *opaque);
/* `revents` as poll(2) reports them (POLLIN, POLLOUT, POLLHUP, POLLERR). */
typedef void (*evloop_fd_fn)(void *opaque, int fd, short revents);

/* A loop that is not running yet; NULL if out of memory. `name` names the thread. */
evloop_t *evloop_new(const char *name);
/* Starts the loop thread; false if it cannot be created. */
bool evloop_start(evloop_t *l);
/* Stops the thread (after the callback running now, if any) and joins it. Idempotent. */
void evloop_stop(evloop_t *l);
/* Frees a stopped loop. Watches, bottom halves and timers must have been removed first. */
void evloop_free(evloop_t *l);
/* Polling: before blocking, the loop spins for a window that adapts between 0 and `max_ns`
 * (it grows while wake-ups keep coming soon after the loop blocks, as on a busy disk, and
 * drops to nothing when the loop sleeps longer), checking for wake-ups and, every few
 * microseconds, its descriptors. Waking a blocked host thread costs tens of microseconds; a
 * spinning one costs a CPU. 0 (the default) never spins. Call before evloop_start. */
void evloop_set_polling(evloop_t *l, uint64_t max_ns);
/* True on the loop's own thread. */
bool evloop_in_thread(const evloop_t *l);

/* Calls fn(opaque, fd, revents) whenever fd is ready for `events` (POLLIN and/or POLLOUT).
 * At most one watch per fd; false if out of memory or fd is already watched. */
bool evloop_watch_fd(evloop_t *l, int fd, short events, evloop_fd_fn fn, void *opaque);
/* Changes the events of a watched fd (0 pauses it). */
void evloop_set_events(evloop_t *l, int fd, short events);
/* Removes the watch; once it returns, fn is not running and will not run again (unless called
 * from fn itself, which is allowed). */
void evloop_unwatch_fd(evloop_t *l, int fd);

/* Bottom half: fn runs once on the loop thread soon after evloop_bh_schedule; scheduling it
 * again before it ran is a no-op (requests coalesce). Scheduling never blocks on a callback,
 * so it may be called with device locks held (rank LOCK_RANK_EVLOOP). */
evloop_bh_t *evloop_bh_new(evloop_t *l, evloop_fn fn, void *opaque);
void evloop_bh_schedule(evloop_bh_t *bh);
/* Cancels and frees; once it returns, fn is not running and will not run. */
void evloop_bh_free(evloop_bh_t *bh);

/* One-shot timer on the util_now_ns() clock: fn runs on the loop thread at or after the
 * deadline. Re-arming replaces the deadline. */
evloop_timer_t *evloop_timer_new(evloop_t *l, evloop_fn fn, void *opaque);
void evloop_timer_arm(evloop_timer_t *t, uint64_t deadline_ns);
void evloop_timer_cancel(evloop_timer_t *t);
/* Cancels and frees; once it returns, fn is not running and will not run. */
void evloop_timer_free(evloop_timer_t *t);

/* A poller adds descriptors afresh before every wait and sees their results after it. fill()
 * may lower *timeout_ms (-1: no limit of its own); dispatch() runs after every wait, also when
 * nothing was ready (timers inside the back end), with `failed` set if poll itself failed. */
typedef struct evloop_poller_ops {
    void (*fill)(void *opaque, evloop_pollset_t *ps, int *timeout_ms);
    void (*dispatch)(void *opaque, evloop_pollset_t *ps, bool failed);
} evloop_poller_ops_t;
/* Adds fd to this iteration's set; returns the index to pass to evloop_pollset_revents, or -1
 * if the set is full. */
int evloop_pollset_add(evloop_pollset_t *ps, int fd, short events);
short evloop_pollset_revents(const evloop_pollset_t *ps, int idx);
bool evloop_add_poller(evloop_t *l, const evloop_poller_ops_t *ops, void *opaque);
/* Once it returns, neither callback is running or will run again. */
void evloop_remove_poller(evloop_t *l, void *opaque);

/* Runs fn(opaque) on the loop thread and waits for it to finish (directly when called on the
 * loop thread, or when the loop is not running). Must not be called with locks held. */
void evloop_run_sync(evloop_t *l, evloop_fn fn, void *opaque);

#endif
