/* RCU (liburcu-qsbr) for every shared structure that is read without locks: the translation
 * cache's blocks and the physical memory map's views.
 *
 * Readers are registered threads (harts, I/O threads) that are online except while they wait;
 * a reader holds no RCU-protected pointer across util_rcu_quiescent/util_rcu_offline. The
 * wrappers also tell ThreadSanitizer, which cannot see inside liburcu, about the happens-before
 * edge a grace period gives: every reader's accesses before its quiescent state happen before
 * the reclaimer's free (util/tsan.h). */
#ifndef UTIL_RCU_H
#define UTIL_RCU_H

#include <urcu-qsbr.h>

void util_rcu_register(void);   /* this thread becomes an online reader */
void util_rcu_unregister(void);
void util_rcu_quiescent(void);  /* holds no protected pointer now */
void util_rcu_offline(void);    /* before blocking */
void util_rcu_online(void);
/* Waits for a grace period (going offline meanwhile if the caller is an online reader). */
void util_rcu_synchronize(void);
/* First thing in a call_rcu callback (or after util_rcu_synchronize) before freeing. */
void util_rcu_reclaim_begin(void);

#endif
