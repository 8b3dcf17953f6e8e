/* ThreadSanitizer annotations for synchronization it cannot see.
 *
 * liburcu is not instrumented, so TSan does not know that an RCU callback runs only after every
 * reader has passed a quiescent state. Readers announce `tsan_release(token)` where they report
 * a quiescent state (or go offline) and reclaim callbacks `tsan_acquire(token)` before freeing:
 * exactly the happens-before edge that the grace period guarantees. No-ops in other builds. */
#ifndef UTIL_TSAN_H
#define UTIL_TSAN_H

#if defined(__SANITIZE_THREAD__)
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
static inline void tsan_acquire(void *addr) { __tsan_acquire(addr); }
static inline void tsan_release(void *addr) { __tsan_release(addr); }
#else
static inline void tsan_acquire(void *addr) { (void)addr; }
static inline void tsan_release(void *addr) { (void)addr; }
#endif

#endif
