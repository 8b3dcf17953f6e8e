#include "exec/tcache.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/decode.h"
#include "cpu/disas.h"
#include "cpu/hart.h"
#include "util/rcu.h"
#include "util/tsan.h"

/* Translation states in a page's flag byte (the PAGE_CODE_MASK bits, mem/phys.h). */
enum { CODE_NONE = 0, CODE_ARMING = 1, CODE_ARMED = 2 };

struct tc_page {
    uint64_t pa_page;
    block_t *blocks;
    tc_page_t *next;
};

int op_block_end(hart_t *h, const insn_t *in)
{
    h->pc += in->off;
    h->exit_insn = in;
    return EXEC_END;
}

/* Device DMA into a page with translated code (mem/dma.c). */
static void dma_code_written(void *ctx, uint64_t pa_page)
{
    tcache_invalidate_page(ctx, pa_page);
}

void tcache_init(tcache_t *tc, phys_map_t *phys, log_ctx_t *log)
{
    memset(tc, 0, sizeof(*tc));
    lock_init(&tc->lock, LOCK_RANK_TCACHE, "tcache.lock");
    tc->phys = phys;
    tc->log = log;
    tc->max_bytes = TC_DEFAULT_MAX_BYTES;
    phys_set_code_hook(phys, dma_code_written, tc);
}

static unsigned hash_paddr(uint64_t pa)
{
    return (unsigned)(((pa >> 1) * 0x9e3779b97f4a7c15ULL) >> (64 - TC_HASH_BITS));
}

static unsigned hash_page(uint64_t pa_page)
{
    return (unsigned)(((pa_page >> PAGE_SHIFT) * 0x9e3779b97f4a7c15ULL) >> (64 - TC_PAGE_BITS));
}

block_t *tcache_lookup(tcache_t *tc, uint64_t paddr)
{
    block_t *b = atomic_load_explicit(&tc->buckets[hash_paddr(paddr)], memory_order_acquire);
    for (; b; b = rcu_dereference(b->hash_next))
        if (b->paddr == paddr)
            return b;
    return NULL;
}

static void log_block(tcache_t *tc, const block_t *b, uint64_t vpc)
{
    char line[96];
    lock_take(&tc->log->lock);
    fprintf(tc->log->out, "IN: pa %#" PRIx64 "\n", b->paddr);
    for (unsigned i = 0; i < b->ninsn; i++) {
        const insn_t *in = &b->insns[i];
        if (in->fn == op_block_end)
            break;
        disas_insn(line, sizeof(line), vpc + in->off, in->raw);
        fprintf(tc->log->out, "0x%016" PRIx64 ":  %0*x  %s\n", vpc + in->off, in->len * 2,
                in->raw, line);
    }
    fprintf(tc->log->out, "\n");
    lock_drop(&tc->log->lock);
}

/* True if the instruction at page offset `off` must start a block of its own (breakpoint). */
static bool split_before(const tcache_t *tc, unsigned off)
{
    return tc->bp_split && tc_offset_test(tc->bp_split, off);
}

/* Decodes instructions from `host` until an unconditional control transfer, a SYSTEM
 * instruction (which is always alone), a breakpoint's page offset, the page end or the size
 * limit. Conditional branches do not end a block: taken, they leave it; not taken, execution
 * goes on with the next instruction of the same block. */
static block_t *translate(const tcache_t *tc, uint64_t paddr, const uint8_t *host)
{
    insn_t tmp[BLOCK_MAX_INSNS + 1];
    unsigned avail = (unsigned)(PAGE_SIZE - (paddr & ~PAGE_MASK)), off = 0, n = 0;
    bool ended = false, nochain = false;
    while (n < BLOCK_MAX_INSNS && avail - off >= 2) {
        if (n > 0 && split_before(tc, (unsigned)((paddr & ~PAGE_MASK) + off)))
            break;
        uint16_t lo;
        memcpy(&lo, host + off, 2);
        unsigned len = (lo & 3) == 3 ? 4 : 2;
        if (avail - off < len)
            break;
        uint32_t raw = lo;
        if (len == 4)
            memcpy(&raw, host + off, 4);
        insn_kind_t kind = decode_insn(&tmp[n], raw, len);
        if (kind == KIND_SYSTEM && n > 0)
            break;
        tmp[n++].off = (uint16_t)off;
        off += len;
        if (kind != KIND_NORMAL && kind != KIND_BRANCH) {
            ended = true;
            nochain = kind == KIND_SYSTEM;
            break;
        }
    }
    if (n == 0)
        return NULL;
    if (!ended)
        tmp[n++] = (insn_t){.fn = op_block_end, .off = (uint16_t)off};
    block_t *b = calloc(1, sizeof(*b) + n * sizeof(insn_t));
    if (!b)
        abort();
    b->paddr = paddr;
    b->host = host;
    b->nochain = nochain;
    b->ninsn = (uint16_t)n;
    b->bytes = (uint16_t)off;
    b->entry = tmp[0].fn;
    memcpy(b->insns, tmp, n * sizeof(insn_t));
    return b;
}

static uint64_t block_size(const block_t *b)
{
    return sizeof(*b) + b->ninsn * sizeof(insn_t);
}

static tc_page_t *page_find(tcache_t *tc, uint64_t pa_page, bool create)
{
    tc_page_t **head = &tc->pages[hash_page(pa_page)];
    for (tc_page_t *p = *head; p; p = p->next)
        if (p->pa_page == pa_page)
            return p;
    if (!create)
        return NULL;
    tc_page_t *p = calloc(1, sizeof(*p));
    if (!p)
        abort();
    p->pa_page = pa_page;
    p->next = *head;
    *head = p;
    return p;
}

static uint8_t *code_byte(tcache_t *tc, uint64_t pa_page)
{
    const phys_region_t *r = phys_lookup(tc->phys, pa_page);
    if (!r || r->kind == REGION_MMIO)
        return NULL;
    return &r->code_pages[(pa_page - r->base) >> PAGE_SHIFT];
}

static void clear_code_byte(tcache_t *tc, uint64_t pa_page)
{
    uint8_t *cb = code_byte(tc, pa_page);
    if (cb)
        __atomic_fetch_and(cb, (uint8_t)~PAGE_CODE_MASK, __ATOMIC_SEQ_CST);
}

/* Moves the page's translation state from `from` to `to`, keeping the other flag bits; false
 * if the state is no longer `from`. */
static bool code_state_move(uint8_t *cb, uint8_t from, uint8_t to)
{
    uint8_t v = __atomic_load_n(cb, __ATOMIC_RELAXED);
    while ((v & PAGE_CODE_MASK) == from)
        if (__atomic_compare_exchange_n(cb, &v, (uint8_t)((v & ~PAGE_CODE_MASK) | to), false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
            return true;
    return false;
}

/* Makes the page's code byte visible to every hart before the caller reads the page's code.
 * A store by another hart is either issued before the barrier (and visible to our reads after
 * it) or after it (and then its code-byte check sees the byte and invalidates the page, which
 * bumps `gen` and discards our translation). See docs/ARCHITECTURE.md. */
static void page_arm(tcache_t *tc, uint64_t pa_page)
{
    uint8_t *cb = code_byte(tc, pa_page);
    if (!cb)
        return;
    for (;;) {
        uint8_t state = __atomic_load_n(cb, __ATOMIC_ACQUIRE) & PAGE_CODE_MASK;
        if (state == CODE_ARMED)
            return;
        if (state == CODE_NONE && !code_state_move(cb, CODE_NONE, CODE_ARMING))
            continue;
        util_membarrier(tc->phys->barrier_cmd);
        if (code_state_move(cb, CODE_ARMING, CODE_ARMED) ||
            (__atomic_load_n(cb, __ATOMIC_ACQUIRE) & PAGE_CODE_MASK) == CODE_ARMED)
            return;
    }
}

/* Inserts b unless an equal block appeared or the cache changed while b was decoded; returns
 * the block to use, or NULL to retry. Caller holds the lock. */
static block_t *insert_locked(tcache_t *tc, block_t *b, uint64_t gen_before)
{
    block_t *old = tcache_lookup(tc, b->paddr);
    if (old || atomic_load(&tc->gen) != gen_before) {
        free(b);
        return old;
    }
    uint64_t pa_page = b->paddr & PAGE_MASK;
    tc_page_t *p = page_find(tc, pa_page, true);
    b->page_next = p->blocks;
    p->blocks = b;
    _Atomic(block_t *) *bucket = &tc->buckets[hash_paddr(b->paddr)];
    b->hash_next = atomic_load_explicit(bucket, memory_order_relaxed);
    atomic_store_explicit(bucket, b, memory_order_release);
    atomic_fetch_add(&tc->stats.blocks_created, 1);
    tc->bytes += block_size(b);
    if (tc->bytes > tc->max_bytes)
        atomic_store(&tc->flush_wanted, true);
    return b;
}

/* Before the block is published, so that harts only ever see its final entry. */
static void compile(tcache_t *tc, block_t *b)
{
    if (!tc->jit.base)
        return;
    insn_fn_t fn = jit_compile(&tc->jit, b);
    if (fn)
        b->entry = fn;
    else if (jit_full(&tc->jit))
        atomic_store(&tc->flush_wanted, true);
}

block_t *tcache_get(tcache_t *tc, uint64_t paddr, const uint8_t *host, uint64_t vpc)
{
    block_t *b = tcache_lookup(tc, paddr);
    if (b)
        return b;
    atomic_fetch_add(&tc->stats.lookups_missed, 1);
    for (;;) {
        uint64_t gen = atomic_load(&tc->gen);
        page_arm(tc, paddr & PAGE_MASK);
        block_t *fresh = translate(tc, paddr, host);
        if (!fresh)
            return NULL;
        compile(tc, fresh);
        lock_take(&tc->lock);
        b = insert_locked(tc, fresh, gen);
        lock_drop(&tc->lock);
        if (b) {
            if (b == fresh && log_enabled(tc->log, LOG_IN_ASM))
                log_block(tc, b, vpc);
            return b;
        }
    }
}

static void block_free_rcu(struct rcu_head *head)
{
    block_t *b = caa_container_of(head, block_t, rcu);
    tsan_acquire(b); /* the retiring thread's writes */
    util_rcu_reclaim_begin();
    free(b);
}

void tcache_quiescent(tcache_t *tc)
{
    (void)tc;
    util_rcu_quiescent();
}

void tcache_offline(tcache_t *tc)
{
    (void)tc;
    util_rcu_offline();
}

void tcache_online(void)
{
    util_rcu_online();
}

/* Removes b from its hash bucket; readers already on it continue safely. */
static void unlink_hash(tcache_t *tc, block_t *b)
{
    _Atomic(block_t *) *bucket = &tc->buckets[hash_paddr(b->paddr)];
    block_t *cur = atomic_load_explicit(bucket, memory_order_relaxed);
    if (cur == b) {
        atomic_store_explicit(bucket, b->hash_next, memory_order_release);
        return;
    }
    for (; cur; cur = cur->hash_next) {
        if (cur->hash_next == b) {
            rcu_assign_pointer(cur->hash_next, b->hash_next);
            return;
        }
    }
}

/* Retiring blocks is two steps under the lock: retire_page_locked marks a page's blocks
 * invalid and unlinks them (onto the caller's `retired` list, through page_next), then
 * retire_finish_locked bumps `gen` and only then queues their frees. Both orders matter. A hart
 * that sees the new `gen` after a quiescent state drops its block cache: with `gen` bumped
 * before the unlinking, it could see the new value, drop its cache, then find a block of the
 * page being retired in its hash chain and cache it again, keeping it past the free; with the
 * free queued before the bump, the quiescent state that ends the grace period could come
 * before the bump, and the hart would read the old `gen` and keep the freed block (a
 * use-after-free in next_in_page, seen with DMA invalidating code under disk I/O).
 * Translations in progress are discarded all the same: they insert under the lock and compare
 * `gen` there. */
static void retire_page_locked(tcache_t *tc, tc_page_t *p, block_t **retired)
{
    for (block_t *b = p->blocks, *next; b; b = next) {
        next = b->page_next;
        tc->bytes -= block_size(b);
        atomic_store(&b->invalid, true);
        unlink_hash(tc, b);
        b->page_next = *retired;
        *retired = b;
    }
    p->blocks = NULL;
    clear_code_byte(tc, p->pa_page);
}

static void retire_finish_locked(tcache_t *tc, block_t *retired)
{
    atomic_fetch_add(&tc->gen, 1);
    for (block_t *b = retired, *next; b; b = next) {
        next = b->page_next;
        tsan_release(b);
        call_rcu(&b->rcu, block_free_rcu);
    }
}

static void page_remove_locked(tcache_t *tc, tc_page_t *victim)
{
    tc_page_t **pp = &tc->pages[hash_page(victim->pa_page)];
    while (*pp != victim)
        pp = &(*pp)->next;
    *pp = victim->next;
    free(victim);
}

/* Also called for a page that is armed but has no block yet: bumping `gen` then discards a
 * translation of it that is in progress. */
void tcache_invalidate_page(tcache_t *tc, uint64_t pa_page)
{
    block_t *retired = NULL;
    lock_take(&tc->lock);
    tc_page_t *p = page_find(tc, pa_page, false);
    if (p) {
        retire_page_locked(tc, p, &retired);
        page_remove_locked(tc, p);
        atomic_fetch_add(&tc->stats.pages_invalidated, 1);
    } else {
        clear_code_byte(tc, pa_page);
    }
    retire_finish_locked(tc, retired);
    lock_drop(&tc->lock);
}

/* True if a marked offset lies in [first, last] (page offsets). */
static bool offsets_in(const uint64_t *offsets, unsigned first, unsigned last)
{
    for (unsigned off = first & ~1u; off <= last && off < PAGE_SIZE; off += 2)
        if (tc_offset_test(offsets, off))
            return true;
    return false;
}

static bool page_touches(const tc_page_t *p, const uint64_t *offsets)
{
    for (const block_t *b = p->blocks; b; b = b->page_next) {
        unsigned start = (unsigned)(b->paddr & ~PAGE_MASK);
        if (offsets_in(offsets, start, start + b->bytes))
            return true;
    }
    return false;
}

void tcache_invalidate_offsets(tcache_t *tc, const uint64_t *offsets)
{
    block_t *retired = NULL;
    lock_take(&tc->lock);
    for (unsigned i = 0; i < (1u << TC_PAGE_BITS); i++) {
        for (tc_page_t **pp = &tc->pages[i]; *pp;) {
            tc_page_t *p = *pp;
            if (!page_touches(p, offsets)) {
                pp = &p->next;
                continue;
            }
            retire_page_locked(tc, p, &retired);
            *pp = p->next;
            free(p);
            atomic_fetch_add(&tc->stats.pages_invalidated, 1);
        }
    }
    retire_finish_locked(tc, retired);
    lock_drop(&tc->lock);
}

void tcache_get_info(tcache_t *tc, tcache_info_t *out)
{
    memset(out, 0, sizeof(*out));
    lock_take(&tc->lock);
    for (unsigned i = 0; i < (1u << TC_PAGE_BITS); i++) {
        for (const tc_page_t *p = tc->pages[i]; p; p = p->next) {
            out->pages++;
            for (const block_t *b = p->blocks; b; b = b->page_next)
                out->blocks++;
        }
    }
    out->bytes = tc->bytes;
    out->max_bytes = tc->max_bytes;
    lock_drop(&tc->lock);
    out->gen = atomic_load(&tc->gen);
    size_t used = atomic_load(&tc->jit.used);
    out->jit_bytes = used < tc->jit.size ? used : tc->jit.size;
    out->jit_max_bytes = tc->jit.size;
    out->jit_blocks = atomic_load(&tc->jit.blocks);
    out->jit_native = atomic_load(&tc->jit.native);
    out->jit_fallbacks = atomic_load(&tc->jit.fallbacks);
    out->blocks_created = atomic_load(&tc->stats.blocks_created);
    out->pages_invalidated = atomic_load(&tc->stats.pages_invalidated);
    out->flushes = atomic_load(&tc->stats.flushes);
    out->lookups_missed = atomic_load(&tc->stats.lookups_missed);
}

void tcache_flush(tcache_t *tc)
{
    block_t *retired = NULL;
    lock_take(&tc->lock);
    for (unsigned i = 0; i < (1u << TC_PAGE_BITS); i++) {
        while (tc->pages[i]) {
            tc_page_t *p = tc->pages[i];
            retire_page_locked(tc, p, &retired);
            tc->pages[i] = p->next;
            free(p);
        }
    }
    retire_finish_locked(tc, retired);
    jit_reset(&tc->jit); /* exclusive: no hart is inside a block or compiling one */
    atomic_fetch_add(&tc->stats.flushes, 1);
    atomic_store(&tc->flush_wanted, false);
    lock_drop(&tc->lock);
}

void tcache_drop_all(tcache_t *tc)
{
    rcu_barrier(); /* callbacks queued by the (now stopped) harts */
    atomic_fetch_add(&tc->gen, 1);
    for (unsigned i = 0; i < (1u << TC_PAGE_BITS); i++) {
        while (tc->pages[i]) {
            tc_page_t *p = tc->pages[i];
            for (block_t *b = p->blocks, *next; b; b = next) {
                next = b->page_next;
                free(b);
            }
            clear_code_byte(tc, p->pa_page);
            tc->pages[i] = p->next;
            free(p);
        }
    }
    for (unsigned i = 0; i < (1u << TC_HASH_BITS); i++)
        atomic_store(&tc->buckets[i], NULL);
    tc->bytes = 0;
    jit_reset(&tc->jit);
    atomic_store(&tc->flush_wanted, false);
}

bool tcache_enable_jit(tcache_t *tc, unsigned mib, char *err, size_t errlen)
{
    return jit_init(&tc->jit, mib, err, errlen);
}

void tcache_destroy(tcache_t *tc)
{
    jit_destroy(&tc->jit);
    lock_destroy(&tc->lock);
}

void block_chain_add(block_t *from, block_t *to)
{
    block_t *expect = NULL;
    if (!atomic_compare_exchange_strong(&from->chain[0], &expect, to))
        atomic_store_explicit(&from->chain[1], to, memory_order_release);
}
