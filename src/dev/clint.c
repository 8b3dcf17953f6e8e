#include "dev/clint.h"

#include <inttypes.h>

#include "cpu/trap.h"

#define MSIP_BASE 0x0
#define MTIMECMP_BASE 0x4000
#define MTIME_OFF 0xbff8

void clint_init(clint_t *c, hart_t **harts, unsigned nharts, log_ctx_t *log)
{
    c->harts = harts;
    c->nharts = nharts;
    c->log = log;
    lock_init(&c->lock, LOCK_RANK_DEVICE, "clint.lock");
}

/* Value of the 64-bit register seen through an access of `size` at byte `shift`. */
static uint64_t part(uint64_t reg, unsigned shift, unsigned size)
{
    uint64_t v = reg >> (8 * shift);
    return size == 8 ? v : v & ((1ULL << (8 * size)) - 1);
}

static uint64_t clint_read(void *opaque, uint64_t off, unsigned size)
{
    clint_t *c = opaque;
    if (off < MSIP_BASE + 4ULL * c->nharts && size == 4)
        return (atomic_load(&c->harts[off / 4]->mip) & MIP_MSIP) ? 1 : 0;
    if (off >= MTIMECMP_BASE && off < MTIMECMP_BASE + 8ULL * c->nharts && size >= 4) {
        hart_t *h = c->harts[(off - MTIMECMP_BASE) / 8];
        return part(atomic_load(&h->mtimecmp), (unsigned)(off & 7), size);
    }
    if (off >= MTIME_OFF && off < MTIME_OFF + 8 && size >= 4)
        return part(hart_mtime(c->harts[0]), (unsigned)(off & 7), size);
    log_guest_error(c->log, "clint: read of %u bytes at unknown offset %#" PRIx64 "\n", size, off);
    return 0;
}

static void write_mtimecmp(hart_t *h, unsigned shift, unsigned size, uint64_t val)
{
    uint64_t old = atomic_load(&h->mtimecmp), v;
    if (size == 8)
        v = val;
    else if (shift == 0)
        v = (old & ~0xffffffffULL) | (uint32_t)val;
    else
        v = (old & 0xffffffffULL) | ((uint64_t)(uint32_t)val << 32);
    atomic_store(&h->mtimecmp, v);
    hart_set_mip(h, MIP_MTIP, hart_mtime(h) >= v);
    hart_kick(h); /* a sleeping hart recomputes its deadline */
}

static void clint_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
    clint_t *c = opaque;
    if (off < MSIP_BASE + 4ULL * c->nharts && size == 4) {
        hart_set_mip(c->harts[off / 4], MIP_MSIP, val & 1);
        return;
    }
    if (off >= MTIMECMP_BASE && off < MTIMECMP_BASE + 8ULL * c->nharts && size >= 4) {
        write_mtimecmp(c->harts[(off - MTIMECMP_BASE) / 8], (unsigned)(off & 7), size, val);
        return;
    }
    if (off >= MTIME_OFF && off < MTIME_OFF + 8) {
        log_printf(c->log, LOG_UNIMP, "clint: writes to mtime are ignored\n");
        return;
    }
    log_guest_error(c->log, "clint: write of %u bytes at unknown offset %#" PRIx64 "\n", size,
                    off);
}

const mmio_ops_t clint_ops = {.read = clint_read, .write = clint_write};
