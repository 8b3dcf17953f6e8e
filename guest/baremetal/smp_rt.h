/* Multi-hart runtime of the smp_*.c programs (with smp_crt0.S and smp_link.ld): CSR and CLINT
 * access, atomics and waits bounded by mtime, a barrier, a print lock, a minimal device-tree
 * reader (harts in /cpus, /chosen/bootargs) and smp_boot(), which every hart calls first.
 *
 * A program defines int smp_main(unsigned hartid, const void *dtb), run by every hart once
 * hart 0 has cleared .bss; hart 0's return value goes to the test finisher (0 passes, n fails
 * with status n). A program that expects traps defines smp_trap(); the default one prints
 * the trap and fails with SMP_EXIT_TRAP. Each program is a single C file, so the static
 * functions and variables below exist once per program. */
#ifndef SMP_RT_H
#define SMP_RT_H

#define SMP_MAX_HARTS 16
#define SMP_STACK_SHIFT 14 /* 16 KiB per hart */
#define SMP_EXIT_BOOT 98   /* not every hart of the device tree checked in */
#define SMP_EXIT_TRAP 99   /* a trap the program did not expect */

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

#include "lib.h"

#define CLINT_BASE 0x2000000UL
#define CLINT_MSIP(h) (CLINT_BASE + 4UL * (h))
#define CLINT_MTIMECMP(h) (CLINT_BASE + 0x4000UL + 8UL * (h))
#define CLINT_MTIME (CLINT_BASE + 0xbff8UL)
#define MTIME_PER_MS 10000ULL /* the virt board's 10 MHz timebase */

#define MCAUSE_MSI ((1ULL << 63) | 3)
#define MCAUSE_MTI ((1ULL << 63) | 7)
#define MIP_MSIP (1UL << 3)
#define MIP_MTIP (1UL << 7)
#define MSTATUS_MIE (1UL << 3)

#define CSR_READ(csr)                                      \
    ({                                                     \
        uint64_t v_;                                       \
        __asm__ volatile("csrr %0, " #csr : "=r"(v_));     \
        v_;                                                \
    })
#define CSR_WRITE(csr, v) __asm__ volatile("csrw " #csr ", %0" ::"r"((uint64_t)(v)) : "memory")
#define CSR_SET(csr, v) __asm__ volatile("csrs " #csr ", %0" ::"r"((uint64_t)(v)) : "memory")
#define CSR_CLEAR(csr, v) __asm__ volatile("csrc " #csr ", %0" ::"r"((uint64_t)(v)) : "memory")

int smp_main(unsigned hartid, const void *dtb);
uint64_t smp_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval);
void smp_park(void) __attribute__((noreturn));
extern char __smp_stacks_top[];

/* ---- time, CLINT, ordering ---- */

static inline uint64_t smp_mtime(void)
{
    return *(volatile uint64_t *)CLINT_MTIME;
}

/* Orders every earlier memory and device access before every later one: a RAM store that a
 * receiver reads after an IPI must be visible before the msip write that sends it. */
static inline void smp_fence_io(void)
{
    __asm__ volatile("fence iorw, iorw" ::: "memory");
}

static inline void clint_set_msip(unsigned hart, uint32_t v)
{
    *(volatile uint32_t *)CLINT_MSIP(hart) = v;
}

static inline uint32_t clint_get_msip(unsigned hart)
{
    return *(volatile uint32_t *)CLINT_MSIP(hart);
}

static inline void clint_set_mtimecmp(unsigned hart, uint64_t v)
{
    *(volatile uint64_t *)CLINT_MTIMECMP(hart) = v;
}

/* PAUSE (Zihintpause); harts without it execute it as a FENCE with no successor. */
static inline void smp_pause(void)
{
    __asm__ volatile(".4byte 0x0100000f" ::: "memory");
}

static inline uint32_t smp_load(const uint32_t *p)
{
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static inline void smp_store(uint32_t *p, uint32_t v)
{
    __atomic_store_n(p, v, __ATOMIC_RELEASE);
}

/* Polls *p until it equals want or `ticks` of mtime pass (mtime is a device register, so it
 * is read only every 64 polls); true if the value was seen. */
static inline bool smp_wait_eq(const uint32_t *p, uint32_t want, uint64_t ticks)
{
    uint64_t end = smp_mtime() + ticks;
    for (unsigned i = 1; smp_load(p) != want; i++) {
        if (i % 64 == 0 && smp_mtime() > end)
            return false;
        smp_pause();
    }
    return true;
}

static inline void smp_delay_until(uint64_t end)
{
    while (smp_mtime() < end)
        smp_pause();
}

static inline void smp_delay(uint64_t ticks)
{
    smp_delay_until(smp_mtime() + ticks);
}

/* ---- barrier and print lock ---- */

typedef struct smp_barrier {
    uint32_t count;
    uint32_t gen;
} smp_barrier_t;

/* Sense-reversing barrier: the last of n arrivals resets the count and bumps gen, which the
 * others wait for; gen is read before arriving, so it cannot have moved on already. */
static inline void smp_barrier_wait(smp_barrier_t *b, unsigned n)
{
    uint32_t gen = smp_load(&b->gen);
    if (__atomic_add_fetch(&b->count, 1, __ATOMIC_ACQ_REL) == n) {
        __atomic_store_n(&b->count, 0, __ATOMIC_RELAXED);
        smp_store(&b->gen, gen + 1);
        return;
    }
    while (smp_load(&b->gen) == gen)
        smp_pause();
}

/* smp_barrier_wait that gives up at mtime `end` (false), leaving the barrier unusable: for
 * turning a hart that never arrives into a failure instead of a hang. */
static inline bool smp_barrier_wait_until(smp_barrier_t *b, unsigned n, uint64_t end)
{
    uint32_t gen = smp_load(&b->gen);
    if (__atomic_add_fetch(&b->count, 1, __ATOMIC_ACQ_REL) == n) {
        __atomic_store_n(&b->count, 0, __ATOMIC_RELAXED);
        smp_store(&b->gen, gen + 1);
        return true;
    }
    for (unsigned i = 1; smp_load(&b->gen) == gen; i++) {
        if (i % 64 == 0 && smp_mtime() > end)
            return false;
        smp_pause();
    }
    return true;
}

static uint32_t smp_print_lock;

static inline void smp_print_begin(void)
{
    while (__atomic_exchange_n(&smp_print_lock, 1, __ATOMIC_ACQUIRE))
        smp_pause();
}

static inline void smp_print_end(void)
{
    smp_store(&smp_print_lock, 0);
}

/* Prints "smp: FAIL <what> <value>" and ends the machine with status `code`; any hart may
 * call it. */
static inline void __attribute__((noreturn)) smp_fail(const char *what, uint64_t value, int code)
{
    smp_print_begin();
    bm_puts("smp: FAIL ");
    bm_puts(what);
    bm_putc(' ');
    bm_put_u64(value);
    bm_putc('\n');
    bm_exit(code);
}

/* ---- device tree: just what the programs need ---- */

#define FDT_MAGIC 0xd00dfeedU
#define FDT_BEGIN_NODE 1U
#define FDT_END_NODE 2U
#define FDT_PROP 3U
#define FDT_NOP 4U

typedef struct fdt_walk {
    const uint8_t *base;
    uint32_t pos, end, strings;
} fdt_walk_t;

typedef struct fdt_token {
    uint32_t kind;
    const char *name;     /* node or property name */
    const uint8_t *value; /* property value */
    uint32_t len;
} fdt_token_t;

static inline uint32_t fdt_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline bool fdt_walk_init(fdt_walk_t *w, const void *dtb)
{
    const uint8_t *b = dtb;
    if (!b || fdt_be32(b) != FDT_MAGIC)
        return false;
    w->base = b;
    w->pos = fdt_be32(b + 8);
    w->end = w->pos + fdt_be32(b + 36);
    w->strings = fdt_be32(b + 12);
    return true;
}

static inline uint32_t fdt_align4(uint32_t x)
{
    return (x + 3) & ~3U;
}

/* The next node begin, node end or property; false at the end of the structure block. */
static inline bool fdt_walk_next(fdt_walk_t *w, fdt_token_t *t)
{
    while (w->pos + 4 <= w->end) {
        const uint8_t *p = w->base + w->pos;
        t->kind = fdt_be32(p);
        w->pos += 4;
        if (t->kind == FDT_NOP)
            continue;
        if (t->kind == FDT_BEGIN_NODE) {
            t->name = (const char *)p + 4;
            uint32_t n = 0;
            while (t->name[n])
                n++;
            w->pos += fdt_align4(n + 1);
            return true;
        }
        if (t->kind == FDT_END_NODE)
            return true;
        if (t->kind != FDT_PROP)
            return false;
        t->len = fdt_be32(p + 4);
        t->name = (const char *)w->base + w->strings + fdt_be32(p + 8);
        t->value = p + 12;
        w->pos += 8 + fdt_align4(t->len);
        return true;
    }
    return false;
}

static inline bool smp_str_eq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

static inline bool smp_str_starts(const char *s, const char *prefix)
{
    while (*prefix && *s == *prefix)
        s++, prefix++;
    return *prefix == 0;
}

/* Number of cpu@N nodes directly under /cpus (0 if a1 held no device tree). */
static inline unsigned fdt_count_cpus(const void *dtb)
{
    fdt_walk_t w;
    fdt_token_t t;
    unsigned depth = 0, cpus_depth = 0, n = 0;
    if (!fdt_walk_init(&w, dtb))
        return 0;
    while (fdt_walk_next(&w, &t)) {
        if (t.kind == FDT_BEGIN_NODE) {
            depth++;
            if (depth == 2 && smp_str_eq(t.name, "cpus"))
                cpus_depth = depth;
            else if (cpus_depth && depth == cpus_depth + 1 && smp_str_starts(t.name, "cpu@"))
                n++;
        } else if (t.kind == FDT_END_NODE) {
            if (depth == cpus_depth)
                cpus_depth = 0;
            depth--;
        }
    }
    return n;
}

/* /chosen/bootargs (the -append string), or "" if there is none. */
static inline const char *fdt_bootargs(const void *dtb)
{
    fdt_walk_t w;
    fdt_token_t t;
    unsigned depth = 0;
    bool in_chosen = false;
    if (!fdt_walk_init(&w, dtb))
        return "";
    while (fdt_walk_next(&w, &t)) {
        if (t.kind == FDT_BEGIN_NODE) {
            depth++;
            in_chosen = depth == 2 && smp_str_eq(t.name, "chosen");
        } else if (t.kind == FDT_END_NODE) {
            depth--;
            in_chosen = false;
        } else if (in_chosen && smp_str_eq(t.name, "bootargs") && t.len > 0) {
            return (const char *)t.value;
        }
    }
    return "";
}

/* ---- start-up ---- */

#define SMP_BOOT_TICKS (10000 * MTIME_PER_MS) /* slow hosts, sanitizers, 8 harts on 2 cores */

static uint32_t smp_checked_in;
static uint32_t smp_expected;

/* Every hart checks in; hart 0 waits until as many harts as the device tree lists have
 * arrived (failing after SMP_BOOT_TICKS) and then publishes the count, which every hart
 * returns. */
static inline unsigned smp_boot(unsigned hartid, const void *dtb)
{
    __atomic_fetch_add(&smp_checked_in, 1, __ATOMIC_ACQ_REL);
    if (hartid != 0) {
        while (smp_load(&smp_expected) == 0)
            smp_pause();
        return smp_load(&smp_expected);
    }
    unsigned n = fdt_count_cpus(dtb);
    if (n == 0 || n > SMP_MAX_HARTS)
        smp_fail("harts in the device tree:", n, SMP_EXIT_BOOT);
    if (!smp_wait_eq(&smp_checked_in, n, SMP_BOOT_TICKS))
        smp_fail("harts checked in within the deadline:", smp_load(&smp_checked_in),
                 SMP_EXIT_BOOT);
    smp_store(&smp_expected, n);
    return n;
}
#endif
#endif
