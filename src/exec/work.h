/* Work that must run on a particular hart, or while no hart runs guest code.
 *
 *  - run-on-hart: a function queued for one hart, run by that hart's thread at its next safe
 *    point (between blocks, holding no block pointer), e.g. to touch its TLB, which only its
 *    own thread may write. Asynchronous, or synchronous (the caller waits until it ran).
 *  - exclusive work: every hart parks at a safe point, the function runs on the caller's
 *    thread, then the harts resume. Requests from several threads are serialised.
 *
 * Callers pass `self`, the hart whose thread they run on, or NULL from any other thread; a
 * waiting hart keeps serving its own queue and exclusive requests, so harts that wait on each
 * other cannot deadlock. Never call the waiting forms while holding a lock, and never wait on a
 * hart from exclusive work (every hart is parked: touch their state directly instead). */
#ifndef EXEC_WORK_H
#define EXEC_WORK_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "util/lock.h"
#include "cpu/hart.h"

typedef void (*hart_work_fn)(hart_t *h, void *arg);
typedef struct hart_work hart_work_t;

/* Per-hart queue. */
typedef struct work_queue {
    lock_t lock;
    hart_work_t *head, *tail;
    atomic_uint pending; /* items queued: lets a safe point skip the lock */
    bool exited; /* the hart's thread left its loop: new work runs on the caller */
} work_queue_t;

typedef struct work_ctl {
    hart_t **harts;
    unsigned nharts;
    work_queue_t *queues;      /* one per hart, indexed like `harts` */
    lock_t ex_lock;   /* protects running and the exclusive hand-over */
    pthread_cond_t ex_cond;
    unsigned running;          /* harts executing guest code (not parked, asleep or exited) */
    atomic_bool ex_pending;    /* an exclusive section wants or holds the machine */
    lock_t done_lock; /* wakes non-hart threads waiting for synchronous work */
    pthread_cond_t done_cond;
} work_ctl_t;

/* Returns false if memory for the queues cannot be had. */
bool work_init(work_ctl_t *w, hart_t **harts, unsigned nharts);
void work_destroy(work_ctl_t *w);

void run_on_hart_async(work_ctl_t *w, hart_t *target, hart_work_fn fn, void *arg);
void run_on_hart_sync(work_ctl_t *w, hart_t *self, hart_t *target, hart_work_fn fn, void *arg);
void run_exclusive(work_ctl_t *w, hart_t *self, void (*fn)(void *arg), void *arg);

/* Hart side. A safe point: runs queued work and parks while an exclusive section is pending.
 * Cheap when neither is there (two relaxed loads). */
void work_safe_point(work_ctl_t *w, hart_t *h);
/* The hart starts or stops counting as running (thread start/exit, WFI sleep). Entering
 * waits for any exclusive section to end. */
void work_hart_enter(work_ctl_t *w);
void work_hart_leave(work_ctl_t *w);
/* The hart's thread is leaving for good: runs what is queued, later work runs on callers. */
void work_hart_exit(work_ctl_t *w, hart_t *h);
/* Before the harts' threads start again (guest reset): queues accept work again. */
void work_rearm(work_ctl_t *w);

#endif
