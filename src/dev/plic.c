#include "dev/plic.h"

#include <inttypes.h>
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "cpu/trap.h"

#define PRIORITY_BASE 0x0ULL
#define PENDING_BASE 0x1000ULL
#define ENABLE_BASE 0x2000ULL
#define ENABLE_STRIDE 0x80ULL
#define CONTEXT_BASE 0x200000ULL
#define CONTEXT_STRIDE 0x1000ULL
#define CONTEXT_THRESHOLD 0x0
#define CONTEXT_CLAIM 0x4
/* Architectural extents of each block (1024 sources), valid or not on this PLIC. */
#define ARCH_SOURCES 1024ULL
#define ARCH_WORDS (ARCH_SOURCES / 32)

static bool bit_test(const uint32_t *w, unsigned n)
{
    return (w[n / 32] >> (n % 32)) & 1;
}

static void bit_put(uint32_t *w, unsigned n, bool v)
{
    if (v)
        w[n / 32] |= 1u << (n % 32);
    else
        w[n / 32] &= ~(1u << (n % 32));
}

void plic_init(plic_t *p, hart_t **harts, unsigned nharts, log_ctx_t *log)
{
    *p = (plic_t){.harts = harts, .log = log};
    p->nharts = nharts > PLIC_MAX_HARTS ? PLIC_MAX_HARTS : nharts;
    p->ncontexts = 2 * p->nharts;
    lock_init(&p->lock, LOCK_RANK_IRQCHIP, "plic.lock");
}

void plic_destroy(plic_t *p)
{
    lock_destroy(&p->lock);
}

void plic_reset(plic_t *p)
{
    lock_take(&p->lock);
    memset(p->priority, 0, sizeof(p->priority));
    memset(p->threshold, 0, sizeof(p->threshold));
    memset(p->enable, 0, sizeof(p->enable));
    memset(p->in_service, 0, sizeof(p->in_service));
    memcpy(p->pending, p->level, sizeof(p->pending)); /* lines still high: new requests */
    for (unsigned ctx = 0; ctx < p->ncontexts; ctx++) {
        p->eip[ctx] = false;
        if (p->harts[ctx / 2])
            hart_set_mip(p->harts[ctx / 2], (ctx & 1) ? MIP_SEIP : MIP_MEIP, false);
    }
    lock_drop(&p->lock);
}

/* Highest-priority pending source enabled for `ctx` (ties: lowest id), or 0. Priority 0 means
 * "never interrupt", so such a source is never chosen. */
static unsigned best_source(const plic_t *p, unsigned ctx)
{
    unsigned best = 0, best_prio = 0;
    for (unsigned w = 0; w < PLIC_WORDS; w++) {
        uint32_t cand = p->pending[w] & p->enable[ctx][w];
        while (cand) {
            unsigned s = w * 32 + (unsigned)__builtin_ctz(cand);
            cand &= cand - 1;
            if (p->priority[s] > best_prio) {
                best = s;
                best_prio = p->priority[s];
            }
        }
    }
    return best;
}

/* Recomputes every context's EIP and drives the harts' MEIP/SEIP. A high output is asserted
 * again even if unchanged (an atomic OR, no kick when already set): M-mode software can write
 * mip.SEIP, and a write racing with the PLIC must not lose the signal for good. */
static void update_outputs_locked(plic_t *p)
{
    for (unsigned ctx = 0; ctx < p->ncontexts; ctx++) {
        unsigned s = best_source(p, ctx);
        bool eip = s != 0 && p->priority[s] > p->threshold[ctx];
        if (!eip && !p->eip[ctx])
            continue;
        p->eip[ctx] = eip;
        hart_t *h = p->harts[ctx / 2];
        if (h)
            hart_set_mip(h, (ctx & 1) ? MIP_SEIP : MIP_MEIP, eip);
    }
}

/* The gateway forwards a rising line as a request unless one is outstanding (pending or in
 * service); a request is never retracted when the line falls. */
static void set_irq_locked(plic_t *p, unsigned source, bool level)
{
    if (bit_test(p->level, source) == level)
        return;
    bit_put(p->level, source, level);
    if (level && !bit_test(p->in_service, source) && !bit_test(p->pending, source)) {
        bit_put(p->pending, source, true);
        update_outputs_locked(p);
    }
}

void plic_set_irq(void *plic, unsigned source, bool level)
{
    plic_t *p = plic;
    if (source == 0 || source >= PLIC_NUM_SOURCES) {
        log_guest_error(p->log, "plic: irq line %u does not exist\n", source);
        return;
    }
    lock_take(&p->lock);
    set_irq_locked(p, source, level);
    lock_drop(&p->lock);
}

static uint32_t claim_locked(plic_t *p, unsigned ctx)
{
    unsigned s = best_source(p, ctx);
    if (s) {
        bit_put(p->pending, s, false);
        bit_put(p->in_service, s, true);
        update_outputs_locked(p);
    }
    return s;
}

/* The specification ignores a completion whose id is not enabled for the context (Linux
 * enables a masked source around its completion for this reason), and completing a source
 * that is not in service changes nothing. */
static void complete_locked(plic_t *p, unsigned ctx, uint32_t id)
{
    if (id == 0 || id >= PLIC_NUM_SOURCES || !bit_test(p->enable[ctx], id) ||
        !bit_test(p->in_service, id))
        return;
    bit_put(p->in_service, id, false);
    bit_put(p->pending, id, bit_test(p->level, id));
    update_outputs_locked(p);
}

static void bad_access(plic_t *p, const char *what, uint64_t off, unsigned size)
{
    log_guest_error(p->log, "plic: ignored %u-byte %s at offset %#" PRIx64 "\n", size, what,
                    off);
}

/* Register decoding shared by reads and writes. */
typedef enum { REG_NONE, REG_PRIORITY, REG_PENDING, REG_ENABLE, REG_THRESHOLD, REG_CLAIM } reg_t;

typedef struct {
    reg_t reg;
    unsigned index; /* source for PRIORITY, word for PENDING/ENABLE */
    unsigned ctx;
} decoded_t;

/* Decodes `off`; REG_NONE for offsets that name no implemented register (source 0's priority,
 * sources above 95, contexts above the last hart's, reserved holes). */
static decoded_t decode(const plic_t *p, uint64_t off)
{
    decoded_t d = {REG_NONE, 0, 0};
    if (off < PENDING_BASE) {
        unsigned s = (unsigned)(off / 4);
        if (s != 0 && s < PLIC_NUM_SOURCES)
            d = (decoded_t){REG_PRIORITY, s, 0};
    } else if (off < PENDING_BASE + ARCH_WORDS * 4) {
        unsigned w = (unsigned)((off - PENDING_BASE) / 4);
        if (w < PLIC_WORDS)
            d = (decoded_t){REG_PENDING, w, 0};
    } else if (off >= ENABLE_BASE && off < CONTEXT_BASE) {
        uint64_t ctx = (off - ENABLE_BASE) / ENABLE_STRIDE;
        unsigned w = (unsigned)((off - ENABLE_BASE) % ENABLE_STRIDE / 4);
        if (ctx < p->ncontexts && w < PLIC_WORDS)
            d = (decoded_t){REG_ENABLE, w, (unsigned)ctx};
    } else if (off >= CONTEXT_BASE) {
        uint64_t ctx = (off - CONTEXT_BASE) / CONTEXT_STRIDE;
        uint64_t r = (off - CONTEXT_BASE) % CONTEXT_STRIDE;
        if (ctx < p->ncontexts && r == CONTEXT_THRESHOLD)
            d = (decoded_t){REG_THRESHOLD, 0, (unsigned)ctx};
        else if (ctx < p->ncontexts && r == CONTEXT_CLAIM)
            d = (decoded_t){REG_CLAIM, 0, (unsigned)ctx};
    }
    return d;
}

static uint64_t plic_read(void *opaque, uint64_t off, unsigned size)
{
    plic_t *p = opaque;
    decoded_t d = decode(p, off);
    if (size != 4 || (off & 3) || d.reg == REG_NONE) {
        bad_access(p, "read", off, size);
        return 0;
    }
    switch (d.reg) {
    case REG_PRIORITY: return p->priority[d.index];
    case REG_PENDING: return p->pending[d.index];
    case REG_ENABLE: return p->enable[d.ctx][d.index];
    case REG_THRESHOLD: return p->threshold[d.ctx];
    case REG_CLAIM: return claim_locked(p, d.ctx);
    case REG_NONE: break;
    }
    return 0;
}

static void plic_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
    plic_t *p = opaque;
    decoded_t d = decode(p, off);
    if (size != 4 || (off & 3) || d.reg == REG_NONE || d.reg == REG_PENDING) {
        bad_access(p, "write", off, size);
        return;
    }
    uint32_t v = (uint32_t)val;
    switch (d.reg) {
    case REG_PRIORITY: p->priority[d.index] = v & PLIC_MAX_PRIORITY; break;
    case REG_ENABLE:
        /* source 0 does not exist: its enable bit is hard-wired to 0 */
        p->enable[d.ctx][d.index] = d.index == 0 ? v & ~1u : v;
        break;
    case REG_THRESHOLD: p->threshold[d.ctx] = v & PLIC_MAX_PRIORITY; break;
    case REG_CLAIM: complete_locked(p, d.ctx, v); return;
    case REG_PENDING:
    case REG_NONE: return;
    }
    update_outputs_locked(p);
}

const mmio_ops_t plic_ops = {.read = plic_read, .write = plic_write};

static int fdt_reg(void *fdt, uint64_t base, uint64_t size)
{
    fdt64_t reg[2] = {cpu_to_fdt64(base), cpu_to_fdt64(size)};
    return fdt_property(fdt, "reg", reg, sizeof(reg));
}

/* Each hart's two contexts, in context order: M external (11), then S external (9). */
static int fdt_interrupts_extended(void *fdt, const fdt_ctx_t *ctx, unsigned nharts)
{
    fdt32_t cells[4 * PLIC_MAX_HARTS];
    for (unsigned h = 0; h < nharts; h++) {
        cells[4 * h + 0] = cpu_to_fdt32(ctx->intc_phandles[h]);
        cells[4 * h + 1] = cpu_to_fdt32(IRQ_MEI);
        cells[4 * h + 2] = cpu_to_fdt32(ctx->intc_phandles[h]);
        cells[4 * h + 3] = cpu_to_fdt32(IRQ_SEI);
    }
    return fdt_property(fdt, "interrupts-extended", cells, 16 * nharts);
}

int plic_fdt(plic_t *p, fdt_ctx_t *ctx, uint64_t base, uint64_t size)
{
    static const char compat[] = "sifive,plic-1.0.0\0riscv,plic0";
    void *fdt = ctx->fdt;
    unsigned nharts = ctx->nharts < p->nharts ? ctx->nharts : p->nharts;
    char name[32];
    snprintf(name, sizeof(name), "plic@%" PRIx64, base);
    int rc = fdt_begin_node(fdt, name);
    rc = rc ? rc : fdt_property_u32(fdt, "phandle", ctx->plic_phandle);
    rc = rc ? rc : fdt_property_u32(fdt, "riscv,ndev", PLIC_NUM_SOURCES - 1);
    rc = rc ? rc : fdt_reg(fdt, base, size);
    rc = rc ? rc : fdt_interrupts_extended(fdt, ctx, nharts);
    rc = rc ? rc : fdt_property(fdt, "interrupt-controller", NULL, 0);
    rc = rc ? rc : fdt_property(fdt, "compatible", compat, sizeof(compat));
    rc = rc ? rc : fdt_property_u32(fdt, "#address-cells", 0);
    rc = rc ? rc : fdt_property_u32(fdt, "#interrupt-cells", 1);
    return rc ? rc : fdt_end_node(fdt);
}
