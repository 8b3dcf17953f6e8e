/* Ranked mutexes: every lock has a rank from the lock order in docs/ARCHITECTURE.md, and a thread
 * may only take a lock whose rank is higher than every lock it already holds.
 *
 * Debug builds (`make DEBUG=1` and every sanitizer build, i.e. POLYHART_LOCK_CHECK) keep a
 * per-thread list of held locks and abort with both lock names on an out-of-order acquisition,
 * so an inversion is found the first time the path runs, not when it deadlocks. Release builds
 * compile lock_take/lock_drop down to the pthread calls. */
#ifndef UTIL_LOCK_H
#define UTIL_LOCK_H

#include <pthread.h>

/* The lock order (lower ranks first). Gaps leave room for new rows. */
enum lock_rank {
    LOCK_RANK_WORK = 10,     /* work_ctl.ex_lock, work_queue.lock, work_ctl.done_lock */
    LOCK_RANK_DEBUG = 15,    /* dbgctl.lock: stop/resume state; kicks harts, calls listeners */
    LOCK_RANK_MAP = 20,      /* phys_map.update_lock: memory-map writers */
    LOCK_RANK_DEVICE = 30,   /* a device's own lock, or phys_map.big_lock */
    LOCK_RANK_BACKEND = 35,  /* a device back end's lock (disk file, network stack) */
    LOCK_RANK_IRQCHIP = 40,  /* plic.lock: devices raise lines while holding their lock */
    LOCK_RANK_TCACHE = 50,   /* tcache.lock: DMA into code pages invalidates under a device lock */
    LOCK_RANK_EVLOOP = 60,   /* an event loop's own lock (bottom halves, timers, watches) */
    LOCK_RANK_EVENTS = 65,   /* qmp.lock (event queue, filled under dbgctl.lock), console.mon_lock */
    LOCK_RANK_WAKE = 70,     /* hart.wake_lock, around its condition variable */
    LOCK_RANK_LOG = 80,      /* log_ctx.lock */
};

typedef struct lock {
    pthread_mutex_t m;
    int rank;
    const char *name;
} lock_t;

void lock_init(lock_t *l, int rank, const char *name);
void lock_destroy(lock_t *l);

#ifdef POLYHART_LOCK_CHECK
void lock_take(lock_t *l);
void lock_drop(lock_t *l);
/* For pthread_cond_wait on l->m: the lock stays held as far as the order is concerned. */
#else
static inline void lock_take(lock_t *l) { pthread_mutex_lock(&l->m); }
static inline void lock_drop(lock_t *l) { pthread_mutex_unlock(&l->m); }
#endif

/* Waits on `c` with `l` held (as pthread_cond_wait; the lock order is unchanged). */
static inline void lock_wait(lock_t *l, pthread_cond_t *c) { pthread_cond_wait(c, &l->m); }
int lock_timedwait(lock_t *l, pthread_cond_t *c, const struct timespec *abstime);

#endif
