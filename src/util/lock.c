#include "util/lock.h"

#include <stdio.h>
#include <stdlib.h>

void lock_init(lock_t *l, int rank, const char *name)
{
    pthread_mutex_init(&l->m, NULL);
    l->rank = rank;
    l->name = name;
}

void lock_destroy(lock_t *l)
{
    pthread_mutex_destroy(&l->m);
}

int lock_timedwait(lock_t *l, pthread_cond_t *c, const struct timespec *abstime)
{
    return pthread_cond_timedwait(c, &l->m, abstime);
}

#ifdef POLYHART_LOCK_CHECK
#define LOCK_MAX_HELD 16

/* The locks this thread holds, in acquisition order. */
static _Thread_local const lock_t *held[LOCK_MAX_HELD];
static _Thread_local unsigned nheld;

static void lock_order_violation(const lock_t *want, const lock_t *have)
{
    fprintf(stderr,
            "polyhart: lock order violation: taking '%s' (rank %d) while holding '%s' "
            "(rank %d); see the lock order in docs/ARCHITECTURE.md\n",
            want->name, want->rank, have->name, have->rank);
    abort();
}

void lock_take(lock_t *l)
{
    for (unsigned i = 0; i < nheld; i++)
        if (held[i]->rank >= l->rank)
            lock_order_violation(l, held[i]);
    if (nheld == LOCK_MAX_HELD) {
        fprintf(stderr, "polyhart: more than %d locks held at once\n", LOCK_MAX_HELD);
        abort();
    }
    pthread_mutex_lock(&l->m);
    held[nheld++] = l;
}

void lock_drop(lock_t *l)
{
    for (unsigned i = nheld; i-- > 0;) {
        if (held[i] == l) {
            held[i] = held[--nheld];
            pthread_mutex_unlock(&l->m);
            return;
        }
    }
    fprintf(stderr, "polyhart: releasing '%s', which this thread does not hold\n", l->name);
    abort();
}
#endif
