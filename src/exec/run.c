/* The block loop of one hart: interrupts, block lookup, execution with chaining, WFI sleep. */
#include "exec/run.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cpu/decode.h"
#include "cpu/mmu.h"
#include "cpu/trap.h"
#include "exec/tcache.h"
#include "util/rcu.h"

#define CHECK_INTERVAL 256 /* most blocks run through chains before returning to the loop */
#define CHECK_LOOKUPS 16   /* loop iterations between timer checks and quiescent states */

bool runctl_init(runctl_t *rc, hart_t **harts, unsigned nharts)
{
    memset(rc, 0, sizeof(*rc));
    rc->harts = harts;
    rc->nharts = nharts;
    if (!work_init(&rc->work, harts, nharts))
        return false;
    return dbg_init(&rc->dbg, harts, nharts, &rc->work, nharts ? harts[0]->tcache : NULL,
                    &rc->stopping, false);
}

void runctl_destroy(runctl_t *rc)
{
    dbg_destroy(&rc->dbg);
    work_destroy(&rc->work);
}

void runctl_rearm(runctl_t *rc)
{
    atomic_store(&rc->stopping, 0);
    rc->exit_code = 0;
    work_rearm(&rc->work);
}

void runctl_request_stop(runctl_t *rc, int exit_code)
{
    int expect = 0;
    if (atomic_compare_exchange_strong(&rc->stopping, &expect, 1))
        rc->exit_code = exit_code;
    for (unsigned i = 0; i < rc->nharts; i++)
        hart_kick(rc->harts[i]);
}

static void code_written(hart_t *h, uint64_t pa_page)
{
    tcache_invalidate_page(h->tcache, pa_page);
}

void run_attach_hart(hart_t *h)
{
    h->code_written = code_written;
}

/* Runs *bp, and the blocks its JIT code chains to (which account their own instructions);
 * *bp becomes the block that exited. */
static inline int block_exec(hart_t *h, block_t **bp)
{
    const block_t *b = *bp;
    h->exit_base = b->insns;
    int r = b->entry(h, b->insns);
    if (unlikely(h->exit_base != b->insns))
        *bp = (block_t *)((uintptr_t)h->exit_base - offsetof(block_t, insns));
    uint64_t n = (uint64_t)(h->exit_insn - h->exit_base) + (r == EXEC_JUMP);
    h->instret += n;
    if (unlikely(h->mcountinhibit & 5)) {
        if (h->mcountinhibit & 1)
            h->cycle_delta -= n;
        if (h->mcountinhibit & 4)
            h->instret_delta -= n;
    }
    return r;
}

static uint16_t code_half(const uint8_t *p)
{
    return (uint16_t)__atomic_load_n((const uint16_t *)(const void *)p, __ATOMIC_RELAXED);
}

/* Executes one instruction whose first bytes are at `host`, without caching it. */
static void exec_uncached(hart_t *h, const uint8_t *host, uint64_t pa)
{
    uint32_t raw = code_half(host);
    unsigned len = (raw & 3) == 3 ? 4 : 2;
    if (len == 4 && (pa & ~PAGE_MASK) == PAGE_SIZE - 2) {
        uint64_t pa_hi;
        const uint8_t *hi = mmu_fetch_ptr(h, h->pc + 2, &pa_hi);
        if (!hi) {
            hart_take_trap(h, h->exc_cause, false, h->exc_tval, h->pc);
            return;
        }
        raw |= (uint32_t)code_half(hi) << 16;
    } else if (len == 4) {
        raw |= (uint32_t)code_half(host + 2) << 16;
    }
    struct {
        block_t b;
        insn_t insns[2];
    } tmp;
    memset(&tmp, 0, sizeof(tmp));
    decode_insn(&tmp.b.insns[0], raw, len);
    tmp.b.insns[1] = (insn_t){.fn = op_block_end, .off = (uint16_t)len};
    tmp.b.ninsn = 2;
    tmp.b.entry = tmp.b.insns[0].fn;
    block_t *b = &tmp.b;
    block_exec(h, &b);
}

void run_exec_one(hart_t *h)
{
    uint64_t pa;
    const uint8_t *host = mmu_fetch_ptr(h, h->pc, &pa);
    if (!host) {
        hart_take_trap(h, h->exc_cause, false, h->exc_tval, h->pc);
        return;
    }
    exec_uncached(h, host, pa);
}

/* The page number is folded in so that blocks at the same offset of different pages (function
 * entries, say) do not all compete for one slot. */
static inline block_t **bcache_slot(hart_t *h, uint64_t pa)
{
    return &h->bcache[((pa >> 1) ^ (pa >> PAGE_SHIFT)) & (HART_BCACHE_SIZE - 1)];
}

/* The block at h->pc, or NULL if a fetch fault was taken or the instruction was executed
 * on the straddling path. */
static block_t *find_block(hart_t *h)
{
    uint64_t pa;
    const uint8_t *host = mmu_fetch_ptr(h, h->pc, &pa);
    if (!host) {
        hart_take_trap(h, h->exc_cause, false, h->exc_tval, h->pc);
        return NULL;
    }
    block_t **slot = bcache_slot(h, pa);
    block_t *b = *slot;
    if (b && b->paddr == pa && !atomic_load_explicit(&b->invalid, memory_order_relaxed))
        return b;
    b = tcache_get(h->tcache, pa, host, h->pc);
    if (!b) {
        exec_uncached(h, host, pa); /* straddles the page end */
        return NULL;
    }
    *slot = b;
    return b;
}

/* The next block within the same page, through the chain or the caches. */
static block_t *next_in_page(hart_t *h, block_t *b)
{
    uint64_t pa = (b->paddr & PAGE_MASK) | (h->pc & ~PAGE_MASK);
    block_t *n = block_chain_find(b, pa);
    if (n)
        return n;
    block_t **slot = bcache_slot(h, pa);
    n = *slot;
    if (!n || n->paddr != pa || atomic_load_explicit(&n->invalid, memory_order_relaxed)) {
        const uint8_t *host = b->host - (b->paddr & ~PAGE_MASK) + (pa & ~PAGE_MASK);
        n = tcache_get(h->tcache, pa, host, h->pc);
        if (!n)
            return NULL;
        *slot = n;
    }
    block_chain_add(b, n);
    return n;
}

/* Up to CHECK_INTERVAL blocks, chained here or by JIT code (h->chain_budget is the budget
 * left for both). While debugging or logging every block, one block at a time: the loop
 * checks breakpoints before each. */
static void exec_blocks(hart_t *h, block_t *b)
{
    bool single = unlikely(h->dbg_active) || log_enabled(h->log, LOG_EXEC);
    h->chain_budget = single ? 0 : CHECK_INTERVAL - 1;
    for (;;) {
        uint64_t start = h->pc;
        if (single && log_enabled(h->log, LOG_EXEC))
            log_printf(h->log, LOG_EXEC, "exec: hart %u pc %#lx\n", h->hartid, (unsigned long)start);
        int r = block_exec(h, &b);
        if (r == EXEC_TRAP || b->nochain || ((h->pc ^ start) & PAGE_MASK) ||
            atomic_load_explicit(&h->kick, memory_order_relaxed) || h->chain_budget == 0)
            break;
        h->chain_budget--;
        b = next_in_page(h, b);
        if (!b)
            break;
    }
}

static void flush_exclusive(void *arg)
{
    tcache_t *tc = arg;
    if (atomic_load(&tc->flush_wanted))
        tcache_flush(tc);
}

static void drop_stale_bcache(hart_t *h)
{
    uint64_t gen = atomic_load(&h->tcache->gen);
    if (gen != h->bcache_gen) {
        memset(h->bcache, 0, sizeof(h->bcache));
        h->bcache_gen = gen;
    }
}

static void periodic_checks(hart_t *h, runctl_t *rc)
{
    hart_update_timers(h);
    if (unlikely(atomic_load_explicit(&h->tcache->flush_wanted, memory_order_relaxed)))
        run_exclusive(&rc->work, h, flush_exclusive, h->tcache);
    tcache_quiescent(h->tcache);
    drop_stale_bcache(h);
}

/* Halt polling (util_poll_window_t): a hart with a host CPU to spare spins for a while in WFI
 * before it sleeps, since a device's completion often arrives sooner than a sleeping thread
 * could be woken (about 80 us on the development VM). Pending interrupts and kicks are
 * checked on every turn, the timer and the window's end every 64. */
static bool wfi_poll(hart_t *h, runctl_t *rc, uint64_t start)
{
    if (!h->wfi_poll.ns)
        return false;
    for (unsigned i = 1;; i++) {
        if (atomic_load(&h->kick) || atomic_load(&rc->stopping) || (hart_mip(h) & h->mie))
            return true;
        if (i % 64 == 0) {
            if (hart_mtime(h) >= hart_next_timer(h))
                return true;
            if (util_now_ns() - start >= h->wfi_poll.ns)
                return false;
        }
        util_cpu_relax();
    }
}

static void wfi_block(hart_t *h, runctl_t *rc)
{
    lock_take(&h->wake_lock);
    while (!atomic_load(&h->kick) && !atomic_load(&rc->stopping)) {
        if (hart_mip(h) & h->mie)
            break;
        uint64_t next = hart_next_timer(h), now = hart_mtime(h);
        if (now >= next)
            break;
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        uint64_t wait_ns = next - now < 10000000ULL ? (next - now) * 100 : 1000000000ULL;
        ts.tv_sec += (time_t)(wait_ns / 1000000000ULL);
        ts.tv_nsec += (long)(wait_ns % 1000000000ULL);
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        lock_timedwait(&h->wake_lock, &h->wake, &ts);
    }
    lock_drop(&h->wake_lock);
}

static void wfi_sleep(hart_t *h, runctl_t *rc)
{
    tcache_offline(h->tcache);
    work_hart_leave(&rc->work);
    uint64_t start = util_now_ns();
    if (!wfi_poll(h, rc, start)) {
        uint64_t blocked = util_now_ns();
        wfi_block(h, rc);
        if (h->wfi_poll.max_ns)
            util_poll_window_update(&h->wfi_poll, util_now_ns() - blocked);
    }
    work_hart_enter(&rc->work);
    tcache_online();
    drop_stale_bcache(h); /* blocks it cached may have been freed while it was offline */
    hart_update_timers(h);
    if (hart_mip(h) & h->mie)
        h->wfi = false;
}

static void hart_loop(hart_t *h, runctl_t *rc)
{
    h->check_countdown = 1;
    if (dbg_safe_point(&rc->dbg, h)) /* started stopped (-S) */
        drop_stale_bcache(h);
    for (;;) {
        if (atomic_load_explicit(&h->kick, memory_order_acquire)) {
            atomic_store(&h->kick, 0);
            if (atomic_load(&rc->stopping))
                return;
            work_safe_point(&rc->work, h);
            if (dbg_safe_point(&rc->dbg, h)) {
                drop_stale_bcache(h); /* blocks may have been retired while it was parked */
                continue;
            }
        }
        if (--h->check_countdown == 0) {
            h->check_countdown = CHECK_LOOKUPS;
            periodic_checks(h, rc);
        }
        if (unlikely(h->dbg_active) && dbg_before_block(&rc->dbg, h))
            continue;
        if (unlikely(h->wfi)) {
            wfi_sleep(h, rc);
            continue;
        }
        if (hart_mip(h) & h->mie)
            hart_check_interrupts(h);
        block_t *b = find_block(h);
        if (b)
            exec_blocks(h, b);
    }
}

typedef struct hart_thread {
    hart_t *h;
    runctl_t *rc;
    pthread_t tid;
} hart_thread_t;

static void *hart_thread_main(void *arg)
{
    hart_thread_t *t = arg;
    util_rcu_register();
    dbg_hart_started(&t->rc->dbg, t->h);
    work_hart_enter(&t->rc->work);
    hart_loop(t->h, t->rc);
    work_hart_exit(&t->rc->work, t->h);
    dbg_hart_exited(&t->rc->dbg, t->h);
    util_rcu_unregister();
    return NULL;
}

int runctl_run(runctl_t *rc)
{
    hart_thread_t threads[rc->nharts];
    for (unsigned i = 0; i < rc->nharts; i++) {
        threads[i] = (hart_thread_t){.h = rc->harts[i], .rc = rc};
        int err = pthread_create(&threads[i].tid, NULL, hart_thread_main, &threads[i]);
        if (err) {
            fprintf(stderr, "polyhart: cannot create hart thread: %s\n", strerror(err));
            runctl_request_stop(rc, 1);
            for (unsigned j = 0; j < i; j++)
                pthread_join(threads[j].tid, NULL);
            return 1;
        }
    }
    for (unsigned i = 0; i < rc->nharts; i++)
        pthread_join(threads[i].tid, NULL);
    return rc->exit_code;
}
