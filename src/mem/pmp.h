/* Physical memory protection: 16 entries, granularity 4 bytes, checked for S/U accesses and for
 * M-mode accesses that match a locked entry. Pure functions over a hart's PMP state. */
#ifndef MEM_PMP_H
#define MEM_PMP_H

#include <stdbool.h>
#include <stdint.h>

#include "mem/tlb.h"

#define PMP_COUNT 16
#define PMP_R 0x01
#define PMP_W 0x02
#define PMP_X 0x04
#define PMP_A_SHIFT 3
#define PMP_L 0x80
enum { PMP_OFF, PMP_TOR, PMP_NA4, PMP_NAPOT };

typedef struct pmp {
    uint8_t cfg[PMP_COUNT];
    uint64_t addr[PMP_COUNT]; /* physical address bits 55:2 */
    bool any_active;          /* cached: some entry is not OFF (else the defaults apply) */
} pmp_t;

/* Whether the access of `len` bytes at `pa` with privilege `priv` (0 U, 1 S, 3 M) is allowed. */
bool pmp_check(const pmp_t *p, uint64_t pa, unsigned len, access_t access, unsigned priv);
/* Permission bits (PMP_R/W/X) that hold for every byte of the 4 KiB page at `pa_page`, or -1 if
 * the rules differ inside the page (then every access must be checked on its own). */
int pmp_page_perms(const pmp_t *p, uint64_t pa_page, unsigned priv);
/* Recomputes the cached summary after a pmpcfg write. */
void pmp_update(pmp_t *p);
/* Legal value of a pmpcfg byte write (reserved R=0/W=1 cleared). */
uint8_t pmp_legalize_cfg(uint8_t v);

#endif
