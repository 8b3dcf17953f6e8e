#include "mem/pmp.h"

#include "util/util.h"

#define PRIV_M 3

/* Byte range [*lo, *hi) covered by entry i; false if the entry is off or empty. */
static bool entry_range(const pmp_t *p, int i, uint64_t *lo, uint64_t *hi)
{
    uint64_t a = p->addr[i];
    switch ((p->cfg[i] >> PMP_A_SHIFT) & 3) {
    case PMP_TOR:
        *lo = i ? p->addr[i - 1] << 2 : 0;
        *hi = a << 2;
        return *lo < *hi;
    case PMP_NA4:
        *lo = a << 2;
        *hi = *lo + 4;
        return true;
    case PMP_NAPOT: {
        unsigned ones = (unsigned)__builtin_ctzll(~a);
        if (ones >= 54) {
            *lo = 0;
            *hi = ~0ULL;
            return true;
        }
        uint64_t size = 8ULL << ones;
        *lo = (a << 2) & ~(size - 1);
        *hi = *lo + size;
        return true;
    }
    default:
        return false;
    }
}

static int entry_perms(const pmp_t *p, int i, unsigned priv)
{
    if (priv == PRIV_M && !(p->cfg[i] & PMP_L))
        return PMP_R | PMP_W | PMP_X;
    return p->cfg[i] & (PMP_R | PMP_W | PMP_X);
}

static int default_perms(unsigned priv)
{
    return priv == PRIV_M ? PMP_R | PMP_W | PMP_X : 0;
}

bool pmp_check(const pmp_t *p, uint64_t pa, unsigned len, access_t access, unsigned priv)
{
    if (!p->any_active)
        return priv == PRIV_M;
    uint64_t end = pa + len;
    int perms = default_perms(priv);
    for (int i = 0; i < PMP_COUNT; i++) {
        uint64_t lo, hi;
        if (!entry_range(p, i, &lo, &hi) || pa >= hi || end <= lo)
            continue;
        if (pa < lo || end > hi)
            return false; /* partial match of the highest-priority entry */
        perms = entry_perms(p, i, priv);
        break;
    }
    int need = access == ACCESS_READ ? PMP_R : access == ACCESS_WRITE ? PMP_W : PMP_X;
    return (perms & need) != 0;
}

int pmp_page_perms(const pmp_t *p, uint64_t pa_page, unsigned priv)
{
    if (!p->any_active)
        return default_perms(priv);
    uint64_t end = pa_page + 4096;
    for (int i = 0; i < PMP_COUNT; i++) {
        uint64_t lo, hi;
        if (!entry_range(p, i, &lo, &hi) || pa_page >= hi || end <= lo)
            continue;
        if (pa_page < lo || end > hi)
            return -1;
        return entry_perms(p, i, priv);
    }
    return default_perms(priv);
}

uint8_t pmp_legalize_cfg(uint8_t v)
{
    if ((v & (PMP_R | PMP_W)) == PMP_W)
        v &= (uint8_t)~PMP_W;
    return v & (uint8_t)~0x60; /* bits 6:5 are reserved, read as zero */
}

void pmp_update(pmp_t *p)
{
    p->any_active = false;
    for (int i = 0; i < PMP_COUNT; i++)
        if ((p->cfg[i] >> PMP_A_SHIFT) & 3)
            p->any_active = true;
}
