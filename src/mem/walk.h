/* Sv39/Sv48/Sv57 page-table walker.
 *
 * Pure with respect to the hart: it reads PTEs through a callback (which applies PMP to the
 * implicit accesses) and sets A/D with a compare-and-swap on the PTE, retrying the walk if the
 * PTE changed underneath it, so concurrent walkers and guest stores never lose an update.
 * A debug walk (the debugger reading memory as a hart sees it) only reads PTEs. */
#ifndef MEM_WALK_H
#define MEM_WALK_H

#include <stdbool.h>
#include <stdint.h>

#include "mem/tlb.h"

#define SATP_MODE_BARE 0
#define SATP_MODE_SV39 8
#define SATP_MODE_SV48 9
#define SATP_MODE_SV57 10

typedef enum { WALK_OK, WALK_PAGE_FAULT, WALK_ACCESS_FAULT } walk_status_t;

typedef struct walk_req {
    uint64_t satp;
    uint64_t va;
    access_t access;
    bool user;  /* effective privilege is U */
    bool sum;   /* supervisor may access user pages (data only) */
    bool mxr;   /* executable pages are readable */
    bool debug; /* the debugger's view: any valid leaf maps (no permission check), A/D untouched */
    /* Returns the host address of the 8-byte PTE at physical address `pa`, or NULL if that is
     * not RAM or PMP forbids the access (an access fault). */
    uint64_t *(*pte_ptr)(void *ctx, uint64_t pa);
    void *ctx;
} walk_req_t;

typedef struct walk_result {
    uint64_t pa;         /* physical address of va */
    unsigned page_shift; /* 12 for a 4 KiB page, more for superpages */
    bool r, w, x;        /* what the mapping allows now for this request's privilege; w only
                            once D is set */
    unsigned levels;     /* PTEs read, for logging */
} walk_result_t;

walk_status_t walk_translate(const walk_req_t *req, walk_result_t *res);

#endif
