/* Per-hart software TLB. A hart only ever writes its own TLB (brief R3).
 *
 * One direct-mapped table per MMU index, so that switching privilege or toggling mstatus.SUM
 * never needs a flush. Each entry has one tag per access kind; a tag equals the page's virtual
 * address only when that access is allowed in that MMU index, so the fast path is a single
 * compare. Tags with TLB_SLOW set belong to pages that must take the slow path on every access
 * (MMIO, or PMP rules finer than a page). */
#ifndef MEM_TLB_H
#define MEM_TLB_H

#include <stdbool.h>
#include <stdint.h>

#define TLB_BITS 10
#define TLB_SIZE (1u << TLB_BITS)
#define TLB_INVALID (~0ULL)
#define TLB_SLOW 1ULL

typedef enum {
    MMU_IDX_U,     /* user */
    MMU_IDX_S,     /* supervisor, SUM=0; also supervisor instruction fetch */
    MMU_IDX_S_SUM, /* supervisor data with SUM=1 */
    MMU_IDX_M,     /* machine, untranslated */
    MMU_IDX_COUNT
} mmu_idx_t;

typedef enum { ACCESS_READ, ACCESS_WRITE, ACCESS_EXEC } access_t;

typedef struct tlb_entry {
    uint64_t tag_r, tag_w, tag_x;
    uintptr_t addend;  /* host address = guest virtual address + addend (RAM/ROM only) */
    uint64_t pa_page;  /* physical address of the page */
    uint8_t *code;     /* RAM: the page's "holds translated code" byte, checked after stores */
} tlb_entry_t;

typedef struct tlb {
    tlb_entry_t e[MMU_IDX_COUNT][TLB_SIZE];
    bool has_large; /* some entry came from a superpage: address flushes must flush all */
} tlb_t;

static inline tlb_entry_t *tlb_entry(tlb_t *t, mmu_idx_t idx, uint64_t va)
{
    return &t->e[idx][(va >> 12) & (TLB_SIZE - 1)];
}

void tlb_flush_all(tlb_t *t);
/* Flushes every MMU index's translation of the page holding `va`; while superpage entries
 * exist, flushes all translated (S/U) entries instead. */
void tlb_flush_page(tlb_t *t, uint64_t va);
/* Flushes translated (S/U) entries only: what SATP writes and SFENCE.VMA need. */
void tlb_flush_translated(tlb_t *t);

#endif
