/* The translation cache: pre-decoded blocks keyed by guest physical address.
 *
 * A block never crosses a 4 KiB page, so invalidation works per page. Rules (details in
 * docs/ARCHITECTURE.md):
 *  - lookup is lock-free (RCU hash chains; harts are liburcu-qsbr readers between quiescent
 *    states);
 *  - creation, invalidation and flush serialise on tcache.lock; two harts creating the same block
 *    leave one copy;
 *  - a block may be chained only to blocks of its own page, so invalidating a page can never
 *    leave a chain pointing at a freed block;
 *  - invalidated blocks are marked, unlinked, and freed through call_rcu once every hart has
 *    passed a quiescent state; `gen` is bumped first so that harts drop their private caches;
 *  - while breakpoints exist, a block also ends before any instruction at the page offset of a
 *    breakpoint (`bp_split`), so every breakpoint address starts a block, whatever the
 *    virtual-to-physical mapping; `bp_split` changes only in exclusive work, together with
 *    tcache_invalidate_offsets (exec/debug.h). */
#ifndef EXEC_TCACHE_H
#define EXEC_TCACHE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <urcu-qsbr.h>

#include "util/lock.h"
#include "cpu/insn.h"
#include "exec/jit.h"
#include "mem/phys.h"
#include "util/log.h"

#define BLOCK_MAX_INSNS 128
#define TC_HASH_BITS 16
#define TC_PAGE_BITS 12
#define TC_DEFAULT_MAX_BYTES (256ULL << 20)

typedef struct block block_t;
struct block {
    uint64_t paddr;
    const uint8_t *host;            /* host address of the first instruction's bytes */
    block_t *hash_next;             /* RCU-protected bucket chain */
    block_t *page_next;             /* blocks of the same page (tcache.lock) */
    _Atomic(block_t *) chain[2];    /* successors in the same page, filled on first use */
    atomic_bool invalid;
    bool nochain;                   /* ends in a SYSTEM instruction: always do a full lookup */
    insn_fn_t entry;                /* runs the block: JIT code, or insns[0]'s handler */
    uint16_t ninsn, bytes;
    struct rcu_head rcu;
    insn_t insns[];
};

typedef struct tc_page tc_page_t;

typedef struct tcache_stats {
    atomic_uint_fast64_t blocks_created, pages_invalidated, flushes, lookups_missed;
} tcache_stats_t;

/* Bit per halfword offset in a 4 KiB page (2048 bits). */
#define TC_OFFSET_WORDS (4096 / 2 / 64)
static inline bool tc_offset_test(const uint64_t *bits, unsigned page_off)
{
    return (bits[page_off >> 7] >> ((page_off >> 1) & 63)) & 1;
}
static inline void tc_offset_set(uint64_t *bits, unsigned page_off)
{
    bits[page_off >> 7] |= 1ULL << ((page_off >> 1) & 63);
}

/* A snapshot for the monitor's statistics. */
typedef struct tcache_info {
    uint64_t blocks, pages, bytes, max_bytes, gen;
    uint64_t jit_bytes, jit_max_bytes, jit_blocks, jit_native, jit_fallbacks;
    uint64_t blocks_created, pages_invalidated, flushes, lookups_missed;
} tcache_info_t;

typedef struct tcache {
    lock_t lock;
    _Atomic(block_t *) buckets[1u << TC_HASH_BITS];
    tc_page_t *pages[1u << TC_PAGE_BITS];
    atomic_uint_fast64_t gen; /* bumped by every invalidation and flush */
    uint64_t bytes;           /* memory held by live blocks (tcache.lock) */
    uint64_t max_bytes;       /* above this, harts flush the cache as exclusive work */
    atomic_bool flush_wanted;
    const uint64_t *bp_split; /* TC_OFFSET_WORDS bits: end blocks before these page offsets
                                 (NULL: no breakpoints); written only in exclusive work */
    phys_map_t *phys;
    log_ctx_t *log;
    tcache_stats_t stats;
    jit_t jit;                /* blocks' host code; reset with every flush (exec/jit.h) */
} tcache_t;

void tcache_init(tcache_t *tc, phys_map_t *phys, log_ctx_t *log);
/* Compiles blocks from now on, into an arena of `mib` MiB; false with a reason if it cannot. */
bool tcache_enable_jit(tcache_t *tc, unsigned mib, char *err, size_t errlen);
/* Frees the JIT arena; after tcache_drop_all, with no hart running. */
void tcache_destroy(tcache_t *tc);
/* Frees every block at once; no hart may be running (reset, shutdown). */
void tcache_drop_all(tcache_t *tc);
block_t *tcache_lookup(tcache_t *tc, uint64_t paddr);
/* The block at paddr (host: its bytes), translating it if needed. NULL when the first
 * instruction straddles the page end (the caller executes it on its own). `vpc` is for logs. */
block_t *tcache_get(tcache_t *tc, uint64_t paddr, const uint8_t *host, uint64_t vpc);
void tcache_invalidate_page(tcache_t *tc, uint64_t pa_page);
/* Drops every block. With several harts this runs as exclusive work (exec/work.h): a hart
 * does it once `flush_wanted` is set, when live blocks exceed `max_bytes`. */
void tcache_flush(tcache_t *tc);

/* Retires every page that has a block starting, ending or containing an instruction at one of
 * the page offsets marked in `offsets` (TC_OFFSET_WORDS bits): what a change of breakpoints
 * must redo. Callers are registered RCU readers, online (a hart, or exclusive work). */
void tcache_invalidate_offsets(tcache_t *tc, const uint64_t *offsets);
void tcache_get_info(tcache_t *tc, tcache_info_t *out);

/* Chains `from` to `to` (same page) for the next time control passes between them. */
void block_chain_add(block_t *from, block_t *to);
static inline block_t *block_chain_find(block_t *b, uint64_t paddr)
{
    for (int i = 0; i < 2; i++) {
        block_t *n = atomic_load_explicit(&b->chain[i], memory_order_acquire);
        if (n && n->paddr == paddr && !atomic_load_explicit(&n->invalid, memory_order_relaxed))
            return n;
    }
    return NULL;
}

/* A hart reports a quiescent state: it holds no block pointer from before this point. */
void tcache_quiescent(tcache_t *tc);
/* A hart goes offline (WFI sleep) or back online. */
void tcache_offline(tcache_t *tc);
void tcache_online(void);

/* Handler of the synthetic last instruction of a fall-through block. */
int op_block_end(hart_t *h, const insn_t *in);

#endif
