/* Run-on-hart queues and exclusive sections (see work.h; rules in docs/ARCHITECTURE.md). */
#include "exec/work.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cpu/trap.h"

struct hart_work {
    hart_work_fn fn;
    void *arg;
    hart_work_t *next;
    bool owned_by_queue; /* asynchronous: freed once it ran */
    atomic_bool done;
    hart_t *waiter;      /* hart thread waiting for `done` (kicked), or NULL (done_cond) */
};

#define WAIT_SLICE_NS 10000000L /* a waiting hart re-checks its own duties this often */

bool work_init(work_ctl_t *w, hart_t **harts, unsigned nharts)
{
    memset(w, 0, sizeof(*w));
    w->harts = harts;
    w->nharts = nharts;
    w->queues = calloc(nharts ? nharts : 1, sizeof(*w->queues));
    if (!w->queues)
        return false;
    for (unsigned i = 0; i < nharts; i++)
        lock_init(&w->queues[i].lock, LOCK_RANK_WORK, "work_queue.lock");
    lock_init(&w->ex_lock, LOCK_RANK_WORK, "work_ctl.ex_lock");
    pthread_cond_init(&w->ex_cond, NULL);
    lock_init(&w->done_lock, LOCK_RANK_WORK, "work_ctl.done_lock");
    pthread_cond_init(&w->done_cond, NULL);
    return true;
}

void work_destroy(work_ctl_t *w)
{
    for (unsigned i = 0; i < w->nharts; i++)
        lock_destroy(&w->queues[i].lock);
    free(w->queues);
    w->queues = NULL;
    lock_destroy(&w->ex_lock);
    pthread_cond_destroy(&w->ex_cond);
    lock_destroy(&w->done_lock);
    pthread_cond_destroy(&w->done_cond);
}

static work_queue_t *queue_of(work_ctl_t *w, const hart_t *h)
{
    for (unsigned i = 0; i < w->nharts; i++)
        if (w->harts[i] == h)
            return &w->queues[i];
    abort(); /* a hart of another machine: a programming error */
}

static void work_complete(work_ctl_t *w, hart_t *h, hart_work_t *item)
{
    item->fn(h, item->arg);
    if (item->owned_by_queue) {
        free(item);
        return;
    }
    hart_t *waiter = item->waiter;
    atomic_store_explicit(&item->done, true, memory_order_release);
    /* `item` lives on the waiter's stack and may be gone from here on */
    if (waiter) {
        hart_kick(waiter);
        return;
    }
    lock_take(&w->done_lock);
    pthread_cond_broadcast(&w->done_cond);
    lock_drop(&w->done_lock);
}

/* Queues `item`, or returns false if the hart's thread is gone (the caller runs it). */
static bool queue_push(work_ctl_t *w, hart_t *target, hart_work_t *item)
{
    work_queue_t *q = queue_of(w, target);
    lock_take(&q->lock);
    bool queued = !q->exited;
    if (queued) {
        item->next = NULL;
        if (q->tail)
            q->tail->next = item;
        else
            q->head = item;
        q->tail = item;
        atomic_fetch_add_explicit(&q->pending, 1, memory_order_relaxed);
    }
    lock_drop(&q->lock);
    if (queued)
        hart_kick(target);
    return queued;
}

static hart_work_t *queue_take_all(work_queue_t *q)
{
    lock_take(&q->lock);
    hart_work_t *list = q->head;
    q->head = q->tail = NULL;
    atomic_store_explicit(&q->pending, 0, memory_order_relaxed);
    lock_drop(&q->lock);
    return list;
}

static void queue_run(work_ctl_t *w, hart_t *h, work_queue_t *q)
{
    for (hart_work_t *item = queue_take_all(q), *next; item; item = next) {
        next = item->next;
        work_complete(w, h, item);
    }
}

void run_on_hart_async(work_ctl_t *w, hart_t *target, hart_work_fn fn, void *arg)
{
    hart_work_t *item = calloc(1, sizeof(*item));
    if (!item)
        abort();
    item->fn = fn;
    item->arg = arg;
    item->owned_by_queue = true;
    if (!queue_push(w, target, item))
        work_complete(w, target, item);
}

static void wait_as_thread(work_ctl_t *w, hart_work_t *item)
{
    lock_take(&w->done_lock);
    while (!atomic_load_explicit(&item->done, memory_order_acquire))
        lock_wait(&w->done_lock, &w->done_cond);
    lock_drop(&w->done_lock);
}

static void sleep_slice(hart_t *self, hart_work_t *item)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts); /* the hart's condition variable runs on it */
    ts.tv_nsec += WAIT_SLICE_NS;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    lock_take(&self->wake_lock);
    if (!atomic_load(&self->kick) && !atomic_load(&item->done))
        lock_timedwait(&self->wake_lock, &self->wake, &ts);
    lock_drop(&self->wake_lock);
}

/* A hart waiting for another keeps serving its own queue and exclusive sections. It consumes
 * kicks while it waits, so it leaves one behind for its run loop to re-check (stop requests). */
static void wait_as_hart(work_ctl_t *w, hart_t *self, hart_work_t *item)
{
    while (!atomic_load_explicit(&item->done, memory_order_acquire)) {
        atomic_store(&self->kick, 0);
        work_safe_point(w, self);
        if (atomic_load_explicit(&item->done, memory_order_acquire))
            break;
        sleep_slice(self, item);
    }
    atomic_store(&self->kick, 1);
}

void run_on_hart_sync(work_ctl_t *w, hart_t *self, hart_t *target, hart_work_fn fn, void *arg)
{
    if (target == self) {
        fn(self, arg);
        return;
    }
    hart_work_t item = {.fn = fn, .arg = arg, .waiter = self};
    if (!queue_push(w, target, &item)) {
        fn(target, arg);
        return;
    }
    if (self)
        wait_as_hart(w, self, &item);
    else
        wait_as_thread(w, &item);
}

static void park(work_ctl_t *w)
{
    lock_take(&w->ex_lock);
    w->running--;
    pthread_cond_broadcast(&w->ex_cond);
    while (atomic_load(&w->ex_pending))
        lock_wait(&w->ex_lock, &w->ex_cond);
    w->running++;
    lock_drop(&w->ex_lock);
}

void work_safe_point(work_ctl_t *w, hart_t *h)
{
    work_queue_t *q = queue_of(w, h);
    if (atomic_load_explicit(&q->pending, memory_order_relaxed))
        queue_run(w, h, q);
    if (atomic_load_explicit(&w->ex_pending, memory_order_relaxed))
        park(w);
}

void run_exclusive(work_ctl_t *w, hart_t *self, void (*fn)(void *arg), void *arg)
{
    lock_take(&w->ex_lock);
    if (self) {
        w->running--;
        pthread_cond_broadcast(&w->ex_cond);
    }
    while (atomic_load(&w->ex_pending))
        lock_wait(&w->ex_lock, &w->ex_cond);
    atomic_store(&w->ex_pending, true);
    for (unsigned i = 0; i < w->nharts; i++)
        hart_kick(w->harts[i]);
    while (w->running > 0)
        lock_wait(&w->ex_lock, &w->ex_cond);
    lock_drop(&w->ex_lock);
    fn(arg);
    lock_take(&w->ex_lock);
    atomic_store(&w->ex_pending, false);
    if (self)
        w->running++;
    pthread_cond_broadcast(&w->ex_cond);
    lock_drop(&w->ex_lock);
}

void work_hart_enter(work_ctl_t *w)
{
    lock_take(&w->ex_lock);
    while (atomic_load(&w->ex_pending))
        lock_wait(&w->ex_lock, &w->ex_cond);
    w->running++;
    lock_drop(&w->ex_lock);
}

void work_hart_leave(work_ctl_t *w)
{
    lock_take(&w->ex_lock);
    w->running--;
    pthread_cond_broadcast(&w->ex_cond);
    lock_drop(&w->ex_lock);
}

void work_hart_exit(work_ctl_t *w, hart_t *h)
{
    work_queue_t *q = queue_of(w, h);
    lock_take(&q->lock);
    q->exited = true;
    lock_drop(&q->lock);
    queue_run(w, h, q);
    work_hart_leave(w);
}

void work_rearm(work_ctl_t *w)
{
    for (unsigned i = 0; i < w->nharts; i++) {
        lock_take(&w->queues[i].lock);
        w->queues[i].exited = false;
        lock_drop(&w->queues[i].lock);
    }
}
