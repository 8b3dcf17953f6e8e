/* Loads, stores and the A extension. AMOs run as host atomic operations on guest RAM, each
 * inside its granule's reservation word (mem/resv.h) so that they break other harts' LR/SC
 * reservations; docs/ARCHITECTURE.md describes the scheme and its limits. */
#include "cpu/decode_tables.h"
#include "cpu/mmu.h"
#include "cpu/trap.h"

#define RS1 (h->x[in->rs1])
#define RS2 (h->x[in->rs2])

#define DEF_LOAD(name, size, conv)                                   \
    static int op_##name(hart_t *h, const insn_t *in)                \
    {                                                                \
        uint64_t v;                                                  \
        if (!mmu_load(h, RS1 + (uint64_t)in->imm, size, &v))         \
            return hart_raise(h, in);                                \
        hart_set_x(h, in->rd, (conv));                               \
        return exec_next(h, in);                                     \
    }
DEF_LOAD(lb, 1, (uint64_t)(int64_t)(int8_t)v)
DEF_LOAD(lh, 2, (uint64_t)(int64_t)(int16_t)v)
DEF_LOAD(lw, 4, (uint64_t)(int64_t)(int32_t)v)
DEF_LOAD(ld, 8, v)
DEF_LOAD(lbu, 1, v)
DEF_LOAD(lhu, 2, v)
DEF_LOAD(lwu, 4, v)

#define DEF_STORE(name, size)                                        \
    static int op_##name(hart_t *h, const insn_t *in)                \
    {                                                                \
        if (!mmu_store(h, RS1 + (uint64_t)in->imm, size, RS2))       \
            return hart_raise(h, in);                                \
        return exec_next(h, in);                                     \
    }
DEF_STORE(sb, 1)
DEF_STORE(sh, 2)
DEF_STORE(sw, 4)
DEF_STORE(sd, 8)

static uint64_t amo_result(uint64_t old, unsigned size)
{
    return size == 4 ? (uint64_t)(int64_t)(int32_t)old : old;
}

/* SC and AMO bump their granule's version themselves: only translated code is left. */
static void amo_done(hart_t *h, const tlb_entry_t *e)
{
    if (__atomic_load_n(e->code, __ATOMIC_RELAXED) & PAGE_CODE_MASK)
        mmu_store_flagged(h, e, NULL, 0);
}

/* The first LR on a page makes every later plain store to it bump reservation versions. The
 * barrier orders the flag against stores in flight on other harts: one issued before it is
 * visible to the loads below, one issued after it sees the flag. */
static void lr_mark_page(hart_t *h, const tlb_entry_t *e)
{
    if (__atomic_load_n(e->code, __ATOMIC_ACQUIRE) & PAGE_RESV)
        return;
    __atomic_fetch_or(e->code, PAGE_RESV, __ATOMIC_SEQ_CST);
    util_membarrier(h->phys->barrier_cmd);
}

/* Read-modify-write AMOs with a direct host atomic, under the granule's reservation word. */
#define DEF_AMO_FETCH(name, size, builtin)                                            \
    static int op_##name(hart_t *h, const insn_t *in)                                 \
    {                                                                                 \
        void *p = mmu_atomic_ptr(h, RS1, size, false);                                \
        if (!p)                                                                       \
            return hart_raise(h, in);                                                 \
        const tlb_entry_t *e = h->atomic_entry;                                       \
        _Atomic uint64_t *w = resv_word(&h->phys->resv, p);                           \
        uint64_t ver = resv_lock(w);                                                  \
        uint64_t old = size == 4 ? (uint64_t)builtin((uint32_t *)p, (uint32_t)RS2,    \
                                                     __ATOMIC_SEQ_CST)                \
                                 : builtin((uint64_t *)p, RS2, __ATOMIC_SEQ_CST);     \
        resv_unlock(w, ver, true);                                                    \
        amo_done(h, e);                                                               \
        hart_set_x(h, in->rd, amo_result(old, size));                                 \
        return exec_next(h, in);                                                      \
    }
#define DEF_AMO_FETCH_WD(name, builtin) \
    DEF_AMO_FETCH(name##_w, 4, builtin) DEF_AMO_FETCH(name##_d, 8, builtin)
DEF_AMO_FETCH_WD(amoswap, __atomic_exchange_n)
DEF_AMO_FETCH_WD(amoadd, __atomic_fetch_add)
DEF_AMO_FETCH_WD(amoxor, __atomic_fetch_xor)
DEF_AMO_FETCH_WD(amoand, __atomic_fetch_and)
DEF_AMO_FETCH_WD(amoor, __atomic_fetch_or)

/* min/max: compare-and-swap loop on the 32- or 64-bit value. */
typedef uint64_t (*amo_pick_fn)(uint64_t old, uint64_t val, unsigned size);

static int64_t amo_signed(uint64_t v, unsigned size)
{
    return size == 4 ? (int32_t)v : (int64_t)v;
}
static uint64_t amo_unsigned(uint64_t v, unsigned size)
{
    return size == 4 ? (uint32_t)v : v;
}
static uint64_t pick_min(uint64_t o, uint64_t v, unsigned s)
{
    return amo_signed(v, s) < amo_signed(o, s) ? v : o;
}
static uint64_t pick_max(uint64_t o, uint64_t v, unsigned s)
{
    return amo_signed(v, s) > amo_signed(o, s) ? v : o;
}
static uint64_t pick_minu(uint64_t o, uint64_t v, unsigned s)
{
    return amo_unsigned(v, s) < amo_unsigned(o, s) ? v : o;
}
static uint64_t pick_maxu(uint64_t o, uint64_t v, unsigned s)
{
    return amo_unsigned(v, s) > amo_unsigned(o, s) ? v : o;
}

static int amo_cas_loop(hart_t *h, const insn_t *in, unsigned size, amo_pick_fn pick)
{
    void *p = mmu_atomic_ptr(h, RS1, size, false);
    if (!p)
        return hart_raise(h, in);
    const tlb_entry_t *e = h->atomic_entry;
    _Atomic uint64_t *w = resv_word(&h->phys->resv, p);
    uint64_t ver = resv_lock(w), old;
    if (size == 4) {
        uint32_t o = __atomic_load_n((uint32_t *)p, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n((uint32_t *)p, &o, (uint32_t)pick(o, RS2, 4), false,
                                            __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
            ;
        old = o;
    } else {
        uint64_t o = __atomic_load_n((uint64_t *)p, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n((uint64_t *)p, &o, pick(o, RS2, 8), false,
                                            __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
            ;
        old = o;
    }
    resv_unlock(w, ver, true);
    amo_done(h, e);
    hart_set_x(h, in->rd, amo_result(old, size));
    return exec_next(h, in);
}

#define DEF_AMO_CAS(name, size, pick) \
    static int op_##name(hart_t *h, const insn_t *in) { return amo_cas_loop(h, in, size, pick); }
DEF_AMO_CAS(amomin_w, 4, pick_min)
DEF_AMO_CAS(amomin_d, 8, pick_min)
DEF_AMO_CAS(amomax_w, 4, pick_max)
DEF_AMO_CAS(amomax_d, 8, pick_max)
DEF_AMO_CAS(amominu_w, 4, pick_minu)
DEF_AMO_CAS(amominu_d, 8, pick_minu)
DEF_AMO_CAS(amomaxu_w, 4, pick_maxu)
DEF_AMO_CAS(amomaxu_d, 8, pick_maxu)

/* The version is read before the value: any store by another hart (SC, AMO or, on a marked
 * page, a plain store) that lands after the version read bumps it, so the SC below fails even
 * if the value it leaves is the one loaded here. */
static int lr(hart_t *h, const insn_t *in, unsigned size)
{
    void *p = mmu_atomic_ptr(h, RS1, size, true);
    if (!p)
        return hart_raise(h, in);
    const tlb_entry_t *e = h->atomic_entry;
    lr_mark_page(h, e);
    h->resv_version = resv_observe(resv_word(&h->phys->resv, p));
    h->resv_epoch = atomic_load_explicit(&h->phys->resv.dma_epoch, memory_order_acquire);
    uint64_t v = size == 4 ? __atomic_load_n((uint32_t *)p, __ATOMIC_SEQ_CST)
                           : __atomic_load_n((uint64_t *)p, __ATOMIC_SEQ_CST);
    h->resv_addr = (uint64_t)(uintptr_t)p;
    h->resv_val = v;
    h->resv_valid = true;
    hart_set_x(h, in->rd, amo_result(v, size));
    return exec_next(h, in);
}

static bool sc_store(void *p, unsigned size, uint64_t expect, uint64_t val)
{
    if (size == 4) {
        uint32_t e32 = (uint32_t)expect;
        return __atomic_compare_exchange_n((uint32_t *)p, &e32, (uint32_t)val, false,
                                           __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
    }
    return __atomic_compare_exchange_n((uint64_t *)p, &expect, val, false, __ATOMIC_SEQ_CST,
                                       __ATOMIC_RELAXED);
}

/* Succeeds only while the granule's version is the one LR saw (no store since), no large
 * device write broke every reservation (dma_epoch), and the value is unchanged (which also
 * covers a plain store or a device write landing between its write and its bump). */
static int sc(hart_t *h, const insn_t *in, unsigned size)
{
    void *p = mmu_atomic_ptr(h, RS1, size, false);
    if (!p)
        return hart_raise(h, in);
    const tlb_entry_t *e = h->atomic_entry;
    bool ok = h->resv_valid && h->resv_addr == (uint64_t)(uintptr_t)p;
    h->resv_valid = false;
    if (ok) {
        _Atomic uint64_t *w = resv_word(&h->phys->resv, p);
        ok = resv_lock_if(w, h->resv_version);
        if (ok) {
            ok = atomic_load_explicit(&h->phys->resv.dma_epoch, memory_order_relaxed) ==
                     h->resv_epoch &&
                 sc_store(p, size, h->resv_val, RS2);
            resv_unlock(w, h->resv_version, ok);
        }
    }
    if (ok)
        amo_done(h, e);
    hart_set_x(h, in->rd, !ok);
    return exec_next(h, in);
}

static int op_lr_w(hart_t *h, const insn_t *in) { return lr(h, in, 4); }
static int op_lr_d(hart_t *h, const insn_t *in) { return lr(h, in, 8); }
static int op_sc_w(hart_t *h, const insn_t *in) { return sc(h, in, 4); }
static int op_sc_d(hart_t *h, const insn_t *in) { return sc(h, in, 8); }

#define LD(f3, name, jop) {0x707f, ((f3) << 12) | 0x03, op_##name, FMT_I, KIND_NORMAL, jop}
static const decode_pat_t load_pats[] = {
    LD(0, lb, JOP_LB), LD(1, lh, JOP_LH), LD(2, lw, JOP_LW), LD(3, ld, JOP_LD),
    LD(4, lbu, JOP_LBU), LD(5, lhu, JOP_LHU), LD(6, lwu, JOP_LWU),
};
#define ST(f3, name, jop) {0x707f, ((f3) << 12) | 0x23, op_##name, FMT_S, KIND_NORMAL, jop}
static const decode_pat_t store_pats[] = {
    ST(0, sb, JOP_SB), ST(1, sh, JOP_SH), ST(2, sw, JOP_SW), ST(3, sd, JOP_SD),
};

#define AMO_PAT(f5, f3, fn) \
    {0xf800707f, ((uint32_t)(f5) << 27) | ((f3) << 12) | 0x2f, fn, FMT_R, KIND_NORMAL, JOP_NONE}
#define AMO(f5, name) AMO_PAT(f5, 2, op_##name##_w), AMO_PAT(f5, 3, op_##name##_d)
static const decode_pat_t amo_pats[] = {
    {0xf9f0707f, (0x02u << 27) | (2 << 12) | 0x2f, op_lr_w, FMT_R, KIND_NORMAL, JOP_NONE},
    {0xf9f0707f, (0x02u << 27) | (3 << 12) | 0x2f, op_lr_d, FMT_R, KIND_NORMAL, JOP_NONE},
    AMO(0x03, sc), AMO(0x00, amoadd), AMO(0x01, amoswap), AMO(0x04, amoxor), AMO(0x08, amoor),
    AMO(0x0c, amoand), AMO(0x10, amomin), AMO(0x14, amomax), AMO(0x18, amominu),
    AMO(0x1c, amomaxu),
};

const decode_table_t decode_mem_load = DECODE_TABLE(load_pats);
const decode_table_t decode_mem_store = DECODE_TABLE(store_pats);
const decode_table_t decode_mem_amo = DECODE_TABLE(amo_pats);
