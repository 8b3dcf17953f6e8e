#include "util/rcu.h"

#include "util/tsan.h"

/* The ThreadSanitizer synchronisation object standing for "a quiescent state was announced";
 * its contents are never read or written. */
static char quiescent_token;

void util_rcu_register(void)
{
    rcu_register_thread();
}

void util_rcu_unregister(void)
{
    tsan_release(&quiescent_token);
    rcu_unregister_thread();
}

void util_rcu_quiescent(void)
{
    tsan_release(&quiescent_token);
    rcu_quiescent_state();
}

void util_rcu_offline(void)
{
    tsan_release(&quiescent_token);
    rcu_thread_offline();
}

void util_rcu_online(void)
{
    rcu_thread_online();
}

void util_rcu_synchronize(void)
{
    synchronize_rcu();
    tsan_acquire(&quiescent_token);
}

void util_rcu_reclaim_begin(void)
{
    tsan_acquire(&quiescent_token);
}
