#include "cpu/csr.h"

#include "util/util.h"

typedef bool (*csr_read_fn)(hart_t *h, unsigned csr, uint64_t *v);
typedef bool (*csr_write_fn)(hart_t *h, unsigned csr, uint64_t v);

typedef struct csr_def {
    csr_read_fn read;
    csr_write_fn write; /* NULL: read-only */
    const char *name;
} csr_def_t;

#define MSTATUS_WMASK                                                                        \
    (MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_MPP |   \
     MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW |       \
     MSTATUS_TSR)
#define SSTATUS_MASK                                                                     \
    (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | MSTATUS_MXR |  \
     MSTATUS_UXL | MSTATUS_SD)
#define MEDELEG_MASK 0xb3ffULL
#define MIDELEG_MASK (MIP_SSIP | MIP_STIP | MIP_SEIP)
#define MIE_MASK (MIP_SSIP | MIP_MSIP | MIP_STIP | MIP_MTIP | MIP_SEIP | MIP_MEIP)
#define MIP_WMASK (MIP_SSIP | MIP_STIP | MIP_SEIP)

static uint64_t status_read(const hart_t *h)
{
    uint64_t st = h->mstatus | (2ULL << 32) | (2ULL << 34); /* UXL = SXL = 64-bit */
    if ((st & MSTATUS_FS) == MSTATUS_FS)
        st |= MSTATUS_SD;
    else
        st &= ~MSTATUS_SD;
    return st;
}

static void status_write(hart_t *h, uint64_t mask, uint64_t v)
{
    uint64_t old = h->mstatus;
    uint64_t st = (old & ~mask) | (v & mask);
    if (((st & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT) == 2)
        st = (st & ~MSTATUS_MPP) | (old & MSTATUS_MPP); /* MPP=2 is reserved: keep */
    h->mstatus = st;
    if ((old ^ st) & MSTATUS_MXR)
        tlb_flush_translated(&h->tlb);
    hart_update_mmu_idx(h);
}

static bool rd_mstatus(hart_t *h, unsigned c, uint64_t *v) { (void)c; *v = status_read(h); return true; }
static bool wr_mstatus(hart_t *h, unsigned c, uint64_t v) { (void)c; status_write(h, MSTATUS_WMASK, v); return true; }
static bool rd_sstatus(hart_t *h, unsigned c, uint64_t *v) { (void)c; *v = status_read(h) & SSTATUS_MASK; return true; }
static bool wr_sstatus(hart_t *h, unsigned c, uint64_t v) { (void)c; status_write(h, SSTATUS_MASK & MSTATUS_WMASK, v); return true; }

static bool rd_misa(hart_t *h, unsigned c, uint64_t *v) { (void)h; (void)c; *v = MISA_VALUE; return true; }
static bool wr_ignore(hart_t *h, unsigned c, uint64_t v) { (void)h; (void)c; (void)v; return true; }
static bool rd_zero(hart_t *h, unsigned c, uint64_t *v) { (void)h; (void)c; *v = 0; return true; }
static bool rd_hartid(hart_t *h, unsigned c, uint64_t *v) { (void)c; *v = h->hartid; return true; }

/* Plain registers stored in the hart, with a write mask. */
#define DEF_REG(name, field, wmask)                                                          \
    static bool rd_##name(hart_t *h, unsigned c, uint64_t *v) { (void)c; *v = h->field; return true; } \
    static bool wr_##name(hart_t *h, unsigned c, uint64_t v) { (void)c; h->field = v & (wmask); return true; }
DEF_REG(medeleg, medeleg, MEDELEG_MASK)
DEF_REG(mideleg, mideleg, MIDELEG_MASK)
DEF_REG(mscratch, mscratch, ~0ULL)
DEF_REG(sscratch, sscratch, ~0ULL)
DEF_REG(mepc, mepc, ~1ULL)
DEF_REG(sepc, sepc, ~1ULL)
DEF_REG(mcause, mcause, ~0ULL)
DEF_REG(scause, scause, ~0ULL)
DEF_REG(mtval, mtval, ~0ULL)
DEF_REG(stval, stval, ~0ULL)
DEF_REG(mcounteren, mcounteren, 0xffffffffULL)
DEF_REG(scounteren, scounteren, 0xffffffffULL)
static bool rd_menvcfg(hart_t *h, unsigned c, uint64_t *v) { (void)c; *v = h->menvcfg; return true; }
static bool wr_menvcfg(hart_t *h, unsigned c, uint64_t v)
{
    (void)c;
    h->menvcfg = v & (MENVCFG_FIOM | MENVCFG_STCE);
    hart_update_timers(h);
    return true;
}

/* Sstc */
static bool rd_stimecmp(hart_t *h, unsigned c, uint64_t *v) { (void)c; *v = h->stimecmp; return true; }
static bool wr_stimecmp(hart_t *h, unsigned c, uint64_t v)
{
    (void)c;
    h->stimecmp = v;
    hart_update_timers(h);
    return true;
}
DEF_REG(senvcfg, senvcfg, 1ULL)

static uint64_t tvec_legal(uint64_t v)
{
    return (v & ~3ULL) | (v & 1); /* modes 2 and 3 are reserved: read as direct/vectored */
}
static bool rd_mtvec(hart_t *h, unsigned c, uint64_t *v) { (void)c; *v = h->mtvec; return true; }
static bool wr_mtvec(hart_t *h, unsigned c, uint64_t v) { (void)c; h->mtvec = tvec_legal(v); return true; }
static bool rd_stvec(hart_t *h, unsigned c, uint64_t *v) { (void)c; *v = h->stvec; return true; }
static bool wr_stvec(hart_t *h, unsigned c, uint64_t v) { (void)c; h->stvec = tvec_legal(v); return true; }

static bool rd_mie(hart_t *h, unsigned c, uint64_t *v) { (void)c; *v = h->mie; return true; }
static bool wr_mie(hart_t *h, unsigned c, uint64_t v) { (void)c; h->mie = v & MIE_MASK; return true; }
static bool rd_sie(hart_t *h, unsigned c, uint64_t *v) { (void)c; *v = h->mie & h->mideleg; return true; }
static bool wr_sie(hart_t *h, unsigned c, uint64_t v)
{
    (void)c;
    h->mie = (h->mie & ~h->mideleg) | (v & h->mideleg & MIE_MASK);
    return true;
}

/* SEIP writes go to the software copy only: the PLIC's line is never overwritten. */
static void mip_update(hart_t *h, uint64_t mask, uint64_t v)
{
    if (mask & MIP_SEIP)
        h->mip_sw_seip = v & MIP_SEIP;
    mask &= ~MIP_SEIP;
    uint64_t set = v & mask, clear = ~v & mask;
    if (set)
        atomic_fetch_or(&h->mip, set);
    if (clear)
        atomic_fetch_and(&h->mip, ~clear);
}
static bool rd_mip(hart_t *h, unsigned c, uint64_t *v) { (void)c; *v = hart_mip(h); return true; }
static bool wr_mip(hart_t *h, unsigned c, uint64_t v)
{
    (void)c;
    uint64_t mask = MIP_WMASK & ((h->menvcfg & MENVCFG_STCE) ? ~MIP_STIP : ~0ULL);
    mip_update(h, mask, v);
    return true;
}
static bool rd_sip(hart_t *h, unsigned c, uint64_t *v) { (void)c; *v = hart_mip(h) & h->mideleg; return true; }
static bool wr_sip(hart_t *h, unsigned c, uint64_t v) { (void)c; mip_update(h, MIP_SSIP & h->mideleg, v); return true; }

static bool rd_satp(hart_t *h, unsigned c, uint64_t *v) { (void)c; *v = h->satp; return true; }
static bool wr_satp(hart_t *h, unsigned c, uint64_t v)
{
    (void)c;
    unsigned mode = (unsigned)(v >> 60);
    if (mode != 0 && (mode < 8 || mode > 10))
        return true; /* unsupported mode: the whole write has no effect */
    v &= (0xfULL << 60) | (0xffffULL << 44) | ((1ULL << 44) - 1);
    if (mode == 0)
        v = 0;
    h->satp = v;
    tlb_flush_translated(&h->tlb);
    return true;
}

/* Counters: mcycle counts one per retired instruction. */
static uint64_t counter_value(const hart_t *h, unsigned which)
{
    if (which == 0)
        return h->instret + h->cycle_delta;
    if (which == 1)
        return hart_mtime(h);
    return h->instret + h->instret_delta;
}
static bool rd_counter(hart_t *h, unsigned c, uint64_t *v)
{
    unsigned which = c & 0x1f;
    *v = which <= 2 ? counter_value(h, which) : 0;
    return true;
}
static bool wr_mcounter(hart_t *h, unsigned c, uint64_t v)
{
    /* The writing instruction itself retires afterwards and counts unless the counter is
     * inhibited: compensate so that the written value is what the next instruction reads. */
    unsigned which = c & 0x1f;
    uint64_t own = (h->mcountinhibit >> which) & 1 ? 0 : 1;
    if (which == 0)
        h->cycle_delta = v - h->instret - own;
    else if (which == 2)
        h->instret_delta = v - h->instret - own;
    return true;
}
static bool rd_mcountinhibit(hart_t *h, unsigned c, uint64_t *v) { (void)c; *v = h->mcountinhibit; return true; }
static bool wr_mcountinhibit(hart_t *h, unsigned c, uint64_t v) { (void)c; h->mcountinhibit = v & ~2ULL & 0xffffffffULL; return true; }

static bool rd_fflags(hart_t *h, unsigned c, uint64_t *v) { (void)c; *v = h->fflags; return true; }
static bool rd_frm(hart_t *h, unsigned c, uint64_t *v) { (void)c; *v = h->frm; return true; }
static bool rd_fcsr(hart_t *h, unsigned c, uint64_t *v) { (void)c; *v = h->fflags | (h->frm << 5); return true; }
static bool wr_fflags(hart_t *h, unsigned c, uint64_t v) { (void)c; h->fflags = v & 0x1f; hart_fp_set_dirty(h); return true; }
static bool wr_frm(hart_t *h, unsigned c, uint64_t v) { (void)c; h->frm = v & 7; hart_fp_set_dirty(h); return true; }
static bool wr_fcsr(hart_t *h, unsigned c, uint64_t v)
{
    (void)c;
    h->fflags = v & 0x1f;
    h->frm = (v >> 5) & 7;
    hart_fp_set_dirty(h);
    return true;
}

static bool rd_pmpcfg(hart_t *h, unsigned c, uint64_t *v)
{
    unsigned first = (c - 0x3a0) * 4;
    *v = 0;
    for (unsigned i = 0; i < 8 && first + i < PMP_COUNT; i++)
        *v |= (uint64_t)h->pmp.cfg[first + i] << (8 * i);
    return true;
}
static bool wr_pmpcfg(hart_t *h, unsigned c, uint64_t v)
{
    unsigned first = (c - 0x3a0) * 4;
    for (unsigned i = 0; i < 8 && first + i < PMP_COUNT; i++)
        if (!(h->pmp.cfg[first + i] & PMP_L))
            h->pmp.cfg[first + i] = pmp_legalize_cfg((uint8_t)(v >> (8 * i)));
    pmp_update(&h->pmp);
    tlb_flush_all(&h->tlb);
    return true;
}
static bool rd_pmpaddr(hart_t *h, unsigned c, uint64_t *v)
{
    unsigned i = c - 0x3b0;
    *v = i < PMP_COUNT ? h->pmp.addr[i] : 0;
    return true;
}
static bool pmpaddr_locked(const hart_t *h, unsigned i)
{
    if (h->pmp.cfg[i] & PMP_L)
        return true;
    return i + 1 < PMP_COUNT && (h->pmp.cfg[i + 1] & PMP_L) &&
           ((h->pmp.cfg[i + 1] >> PMP_A_SHIFT) & 3) == PMP_TOR;
}
static bool wr_pmpaddr(hart_t *h, unsigned c, uint64_t v)
{
    unsigned i = c - 0x3b0;
    if (i < PMP_COUNT && !pmpaddr_locked(h, i)) {
        h->pmp.addr[i] = v & ((1ULL << 54) - 1);
        tlb_flush_all(&h->tlb);
    }
    return true;
}

#include "cpu/csr_table.inc"

static const csr_def_t *csr_def(unsigned csr)
{
    if (csr >= ARRAY_SIZE(csr_table) || !csr_table[csr].read)
        return NULL;
    return &csr_table[csr];
}

/* Counter enable check for cycle/time/instret/hpmcounter* from S and U. */
static bool counter_enabled(const hart_t *h, unsigned csr)
{
    if (csr < 0xc00 || csr > 0xc1f || h->priv == PRIV_M)
        return true;
    uint64_t bit = 1ULL << (csr & 0x1f);
    if (!(h->mcounteren & bit))
        return false;
    return h->priv == PRIV_S || (h->scounteren & bit);
}

bool csr_accessible(const hart_t *h, unsigned csr, bool write)
{
    const csr_def_t *d = csr_def(csr);
    if (!d || ((csr >> 8) & 3) > h->priv)
        return false;
    if (write && (((csr >> 10) & 3) == 3 || !d->write))
        return false;
    if (csr <= 3 && !hart_fp_enabled(h))
        return false;
    if (csr == 0x180 && h->priv == PRIV_S && (h->mstatus & MSTATUS_TVM))
        return false;
    if (csr == 0x14d && h->priv < PRIV_M &&
        (!(h->menvcfg & MENVCFG_STCE) || !(h->mcounteren & 2)))
        return false; /* stimecmp: Sstc off, or time not delegated */
    return counter_enabled(h, csr);
}

bool csr_read(hart_t *h, unsigned csr, uint64_t *val)
{
    const csr_def_t *d = csr_def(csr);
    return d && d->read(h, csr, val);
}

bool csr_write(hart_t *h, unsigned csr, uint64_t val)
{
    const csr_def_t *d = csr_def(csr);
    return d && d->write && d->write(h, csr, val);
}

uint64_t csr_rmw_base(const hart_t *h, unsigned csr, uint64_t read_value)
{
    if (csr == 0x344)
        return (read_value & ~MIP_SEIP) | h->mip_sw_seip;
    return read_value;
}

const char *csr_name(unsigned csr)
{
    const csr_def_t *d = csr_def(csr);
    return d ? d->name : NULL;
}
