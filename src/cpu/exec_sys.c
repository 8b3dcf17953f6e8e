/* SYSTEM and MISC-MEM instructions: CSR access, ECALL/EBREAK, MRET/SRET, WFI, SFENCE.VMA,
 * FENCE, PAUSE and FENCE.I. Except FENCE and PAUSE, each runs alone in its block, so hart->pc is its own pc and
 * instret is exact when a CSR reads it. */
#include <sched.h>

#include "cpu/csr.h"
#include "cpu/decode_tables.h"
#include "cpu/trap.h"

enum { CSR_OP_W = 1, CSR_OP_S = 2, CSR_OP_C = 3 };

static int next_insn(hart_t *h, const insn_t *in)
{
    h->pc += in->off + in->len;
    return exec_jump(h, in);
}

static int csr_op(hart_t *h, const insn_t *in, uint64_t src)
{
    unsigned csr = (unsigned)in->imm, op = in->aux & 3;
    bool write = op == CSR_OP_W || in->rs1 != 0;
    bool read = op != CSR_OP_W || in->rd != 0;
    if (!csr_accessible(h, csr, write))
        return op_illegal(h, in);
    uint64_t old = 0;
    if (read && !csr_read(h, csr, &old))
        return op_illegal(h, in);
    if (write) {
        uint64_t base = csr_rmw_base(h, csr, old);
        uint64_t v = op == CSR_OP_W ? src : op == CSR_OP_S ? base | src : base & ~src;
        if (!csr_write(h, csr, v))
            return op_illegal(h, in);
    }
    hart_set_x(h, in->rd, old);
    return next_insn(h, in);
}

static int op_csr_reg(hart_t *h, const insn_t *in) { return csr_op(h, in, h->x[in->rs1]); }
static int op_csr_imm(hart_t *h, const insn_t *in) { return csr_op(h, in, in->rs1); }

static int op_ecall(hart_t *h, const insn_t *in)
{
    static const uint64_t cause[4] = {EXC_ECALL_U, EXC_ECALL_S, EXC_ILLEGAL, EXC_ECALL_M};
    return hart_trap_insn(h, in, cause[h->priv], 0);
}

static int op_ebreak(hart_t *h, const insn_t *in)
{
    return hart_trap_insn(h, in, EXC_BREAKPOINT, insn_pc(h, in));
}

static int op_mret(hart_t *h, const insn_t *in)
{
    if (h->priv != PRIV_M)
        return op_illegal(h, in);
    uint64_t st = h->mstatus;
    unsigned mpp = (unsigned)((st & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
    st = (st & ~(MSTATUS_MIE | MSTATUS_MPP)) | ((st & MSTATUS_MPIE) ? MSTATUS_MIE : 0) |
         MSTATUS_MPIE;
    if (mpp != PRIV_M)
        st &= ~MSTATUS_MPRV;
    h->mstatus = st;
    h->priv = mpp;
    h->resv_valid = false;
    h->pc = h->mepc;
    hart_update_mmu_idx(h);
    return exec_jump(h, in);
}

static int op_sret(hart_t *h, const insn_t *in)
{
    if (h->priv == PRIV_U || (h->priv == PRIV_S && (h->mstatus & MSTATUS_TSR)))
        return op_illegal(h, in);
    uint64_t st = h->mstatus;
    unsigned spp = (st & MSTATUS_SPP) ? PRIV_S : PRIV_U;
    st = (st & ~(MSTATUS_SIE | MSTATUS_SPP | MSTATUS_MPRV)) |
         ((st & MSTATUS_SPIE) ? MSTATUS_SIE : 0) | MSTATUS_SPIE;
    h->mstatus = st;
    h->priv = spp;
    h->resv_valid = false;
    h->pc = h->sepc;
    hart_update_mmu_idx(h);
    return exec_jump(h, in);
}

static int op_wfi(hart_t *h, const insn_t *in)
{
    if (h->priv == PRIV_U || (h->priv == PRIV_S && (h->mstatus & MSTATUS_TW)))
        return op_illegal(h, in);
    h->wfi = true;
    return next_insn(h, in);
}

static int op_sfence_vma(hart_t *h, const insn_t *in)
{
    if (h->priv == PRIV_U || (h->priv == PRIV_S && (h->mstatus & MSTATUS_TVM)))
        return op_illegal(h, in);
    if (in->rs1)
        tlb_flush_page(&h->tlb, h->x[in->rs1]);
    else
        tlb_flush_translated(&h->tlb);
    return next_insn(h, in);
}

/* x86-64 is TSO: only store->load ordering needs a barrier (predecessor W, successor R). */
static int op_fence(hart_t *h, const insn_t *in)
{
    (void)h;
    unsigned pred = (in->raw >> 24) & 0xf, succ = (in->raw >> 20) & 0xf;
    if ((pred & 0x5) && (succ & 0xa)) /* pred W or O, succ R or I */
        atomic_thread_fence(memory_order_seq_cst);
    return exec_next(h, in);
}

/* Zihintpause: a spin-wait hint. When the machine has more harts than host CPUs, the spinning
 * hart's thread gives its CPU away, so that a lock holder sharing it can make progress. */
static int op_pause(hart_t *h, const insn_t *in)
{
    if (h->pause_yields)
        sched_yield();
    else
        util_cpu_relax();
    return exec_next(h, in);
}

/* Stores to code pages invalidate blocks as they happen, so FENCE.I only has to end the block
 * so that the next instruction is fetched through a fresh lookup. */
static int op_fence_i(hart_t *h, const insn_t *in)
{
    return next_insn(h, in);
}

#define CSR(f3, fn) {0x707f, ((f3) << 12) | 0x73, fn, FMT_CSR, KIND_SYSTEM, JOP_NONE}
static const decode_pat_t system_pats[] = {
    {0xffffffff, 0x00000073, op_ecall, FMT_NONE, KIND_SYSTEM, JOP_NONE},
    {0xffffffff, 0x00100073, op_ebreak, FMT_NONE, KIND_SYSTEM, JOP_NONE},
    {0xffffffff, 0x30200073, op_mret, FMT_NONE, KIND_SYSTEM, JOP_NONE},
    {0xffffffff, 0x10200073, op_sret, FMT_NONE, KIND_SYSTEM, JOP_NONE},
    {0xffffffff, 0x10500073, op_wfi, FMT_NONE, KIND_SYSTEM, JOP_NONE},
    {0xfe007fff, 0x12000073, op_sfence_vma, FMT_R, KIND_SYSTEM, JOP_NONE},
    CSR(1, op_csr_reg), CSR(2, op_csr_reg), CSR(3, op_csr_reg),
    CSR(5, op_csr_imm), CSR(6, op_csr_imm), CSR(7, op_csr_imm),
};

static const decode_pat_t miscmem_pats[] = {
    {0xffffffff, 0x0100000f, op_pause, FMT_NONE, KIND_NORMAL, JOP_NONE},
    {0x707f, 0x0f, op_fence, FMT_I, KIND_NORMAL, JOP_NONE},
    {0x707f, 0x100f, op_fence_i, FMT_I, KIND_SYSTEM, JOP_NONE},
};

const decode_table_t decode_sys_system = DECODE_TABLE(system_pats);
const decode_table_t decode_sys_miscmem = DECODE_TABLE(miscmem_pats);
