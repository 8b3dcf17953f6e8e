/* Small helpers shared by every layer: branch hints, bit extraction, sign extension. */
#ifndef UTIL_UTIL_H
#define UTIL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define UNUSED __attribute__((unused))

/* Bits hi..lo (inclusive) of x, shifted down. */
static inline uint64_t bits(uint64_t x, unsigned hi, unsigned lo)
{
    return (x >> lo) & ((2ULL << (hi - lo)) - 1);
}

/* Sign-extends the low `width` bits of x. */
static inline int64_t sext(uint64_t x, unsigned width)
{
    return (int64_t)(x << (64 - width)) >> (64 - width);
}

/* Spin-wait hint to the host CPU (x86 PAUSE): lets a sibling hyperthread run. */
static inline void util_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

/* The value of hexadecimal digit c (either case), or -1. */
static inline int util_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Spin-before-sleep window of a thread that waits for events (halt polling, as KVM does it):
 * waking a blocked host thread costs tens of microseconds, a spinning one a CPU. The window
 * starts at 20 us, doubles each time the thread, having blocked, was woken within `max_ns`,
 * and drops to 0 after a longer sleep. max_ns == 0: never spin. Owned by one thread. */
typedef struct util_poll_window {
    uint64_t ns, max_ns;
} util_poll_window_t;

#define UTIL_POLL_START_NS 20000ULL

static inline void util_poll_window_update(util_poll_window_t *w, uint64_t blocked_ns)
{
    if (blocked_ns > w->max_ns)
        w->ns = 0;
    else if (w->ns < w->max_ns)
        w->ns = w->ns ? w->ns * 2 : UTIL_POLL_START_NS;
}

/* Parses a size such as "128M", "2G", "4096" into bytes; false on malformed input. */
bool util_parse_size(const char *s, uint64_t *out);

/* The cheapest membarrier(2) command that runs a full memory barrier on every thread of the
 * process (registering for it), or 0 if the host kernel has none. */
int util_membarrier_setup(void);
/* Runs command `cmd` from util_membarrier_setup; nothing when it is 0. */
void util_membarrier(int cmd);

/* Host CPUs this process may run on (at least 1). */
unsigned util_host_cpus(void);

/* Monotonic host clock in nanoseconds. */
uint64_t util_now_ns(void);

#endif
