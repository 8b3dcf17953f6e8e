/* x86-64 back end of the JIT (exec/jit.h).
 *
 * Generated code: rbx holds the hart for the whole block; rax, rcx, rdx, rsi, rdi are
 * scratch. Guest registers stay in hart->x (the loads and stores hit L1 and keep every exit
 * and every handler call trivially consistent). A block starts with `push rbx; mov rbx, rdi`
 * and leaves through stubs at the start of the arena, shared by every block
 * (exec/jit_x86_stubs.c):
 *     exit:  mov [rbx + exit_insn], rsi ; pop rbx ; ret    (rsi: exit insn, eax: status)
 *     chain: the same, unless the exit can be chained
 *     raise: hart_raise for a failed load or store, then exit
 * and calls stubs for the memory slow paths, so an exit site or a slow path is a few moves
 * and a rel32 jump or call (relocated when the block is installed). A block's code is built
 * in a scratch buffer, then copied into the arena followed by copies of the instructions that
 * run through their handlers ("solo runs": each run of consecutive such instructions, ended
 * by an entry that returns EXEC_NEXT), whose addresses are patched into the code. */
#if defined(__x86_64__)

#include "exec/x86_emit.h"

#include <stdlib.h>

/* Leaves the block on instruction i with status `st`. */
static void exit_block(emit_t *e, unsigned i, int st)
{
    mov_imm64(e, RSI, (uint64_t)(uintptr_t)&e->b->insns[i]);
    b1(e, 0xb8), b4(e, (uint32_t)st); /* mov eax, st */
    jmp_stub(e, e->j->stubs[STUB_EXIT]);
}

/* A branch or jump back to the block's own start (a loop of one block) goes round again
 * in place, with the chain stub's checks but no lookup: the block is its own target while it
 * is not invalid. Falls through when it may not. */
static void loop_back(emit_t *e, unsigned retired)
{
    uint32_t out[4];
    for (int k = 0; k < 3; k++)
        out[k] = jcc8_fwd(e, chain_test(e, k));
    mov_imm64(e, RAX, (uint64_t)(uintptr_t)&e->b->invalid);
    b1(e, 0x80), b1(e, 0x38), b1(e, 0);                               /* cmp byte [rax], 0 */
    out[3] = jcc8_fwd(e, CC_NE);
    b1(e, 0xff), b1(e, 0x8b), b4(e, (uint32_t)OFF_BUDGET);            /* dec dword [budget] */
    rm1(e, true, 0x81, EXT_ADD, RBX, OFF_INSTRET);
    b4(e, retired);
    b1(e, 0xe9), b4(e, (uint32_t)(e->body - (here(e) + 4)));
    for (int k = 0; k < 4; k++)
        bind8(e, out[k]);
}

/* A static exit of instruction i (status `st`) to `target_off` in the block's page: round
 * again for a loop of one block, through the chain stub for another block of the page, else
 * the plain exit. */
static void exit_to(emit_t *e, unsigned i, int st, uint64_t target_off)
{
    if (target_off >= PAGE_SIZE) {
        exit_block(e, i, st);
        return;
    }
    if (target_off == (e->b->paddr & ~PAGE_MASK))
        loop_back(e, i + (st == EXEC_JUMP));
    mov_imm64(e, RSI, (uint64_t)(uintptr_t)&e->b->insns[i]);
    b1(e, 0xb8), b4(e, (uint32_t)st);
    mov_imm64(e, RDX, (uint64_t)(uintptr_t)e->b);
    mov_imm(e, RCX, (e->b->paddr & PAGE_MASK) + target_off);
    jmp_stub(e, e->j->stubs[STUB_CHAIN]);
}

/* Runs instructions i..i+count-1 through their handlers, which tail-call each other as in the
 * interpreter; leaves the block on the one that did not return EXEC_NEXT. */
static void fallback(emit_t *e, unsigned i, unsigned count)
{
    patch_t *pt = &e->patches[e->npatch++];
    *pt = (patch_t){.first = (uint16_t)i, .count = (uint16_t)count};
    e->nsolo += count + 1;
    rr(e, true, 0x89, RBX, RDI);    /* mov rdi, rbx */
    mov_imm64(e, RSI, 0);           /* the run's address */
    pt->at = here(e) - 8;
    b1(e, 0xff), b1(e, 0x16);       /* call [rsi]: the first handler (insn_t.fn) */
    rr(e, false, 0x85, RAX, RAX);   /* test eax, eax */
    uint32_t next = jcc8_fwd(e, CC_E);
    rm1(e, true, 0x8b, RSI, RBX, OFF_EXIT);
    mov_imm64(e, RCX, 0);           /* block instruction minus copy */
    pt->delta_at = here(e) - 8;
    rr(e, true, 0x01, RCX, RSI);    /* add rsi, rcx */
    jmp_stub(e, e->j->stubs[STUB_EXIT]);
    bind8(e, next);
}

/* ---- ALU ---- */

typedef struct alu_desc {
    uint8_t op;    /* ALU_* with a register operand, 0: shift or special */
    int ext;       /* EXT_* or SH_* for the immediate form */
    bool w32;      /* operate on 32 bits, then sign-extend */
} alu_desc_t;

static void emit_rr(emit_t *e, const insn_t *in, unsigned i)
{
    (void)i;
    if (!in->rd)
        return;
    static const alu_desc_t d[JOP_COUNT] = {
        [JOP_ADD] = {ALU_ADD, 0, false}, [JOP_SUB] = {ALU_SUB, 0, false},
        [JOP_XOR] = {ALU_XOR, 0, false}, [JOP_OR] = {ALU_OR, 0, false},
        [JOP_AND] = {ALU_AND, 0, false}, [JOP_ADDW] = {ALU_ADD, 0, true},
        [JOP_SUBW] = {ALU_SUB, 0, true},
        [JOP_SLL] = {0, SH_SHL, false}, [JOP_SRL] = {0, SH_SHR, false},
        [JOP_SRA] = {0, SH_SAR, false}, [JOP_SLLW] = {0, SH_SHL, true},
        [JOP_SRLW] = {0, SH_SHR, true}, [JOP_SRAW] = {0, SH_SAR, true},
    };
    const alu_desc_t *a = &d[in->jop];
    load_x(e, RAX, in->rs1);
    if (a->op) {
        rm1(e, !a->w32, a->op, RAX, RBX, OFF_X(in->rs2));
    } else {
        load_x(e, RCX, in->rs2); /* x86 masks the count as RISC-V does: 6 bits, 5 for W */
        shift_cl(e, !a->w32, a->ext, RAX);
    }
    if (a->w32)
        sext32(e, RAX);
    store_x(e, in->rd, RAX);
}

static void emit_ri(emit_t *e, const insn_t *in, unsigned i)
{
    (void)i;
    if (!in->rd)
        return;
    static const alu_desc_t d[JOP_COUNT] = {
        [JOP_ADDI] = {1, EXT_ADD, false}, [JOP_XORI] = {1, EXT_XOR, false},
        [JOP_ORI] = {1, EXT_OR, false}, [JOP_ANDI] = {1, EXT_AND, false},
        [JOP_ADDIW] = {1, EXT_ADD, true},
        [JOP_SLLI] = {0, SH_SHL, false}, [JOP_SRLI] = {0, SH_SHR, false},
        [JOP_SRAI] = {0, SH_SAR, false}, [JOP_SLLIW] = {0, SH_SHL, true},
        [JOP_SRLIW] = {0, SH_SHR, true}, [JOP_SRAIW] = {0, SH_SAR, true},
    };
    const alu_desc_t *a = &d[in->jop];
    if (in->rs1 == 0 && in->jop == JOP_ADDI) { /* li */
        mov_imm(e, RAX, (uint64_t)in->imm);
        store_x(e, in->rd, RAX);
        return;
    }
    load_x(e, RAX, in->rs1);
    if (a->op && (in->imm || a->ext == EXT_AND)) /* x + 0, x | 0, x ^ 0 are x; x & 0 is not */
        alu_imm(e, !a->w32, a->ext, RAX, (int32_t)in->imm);
    else if (!a->op && in->imm)
        shift_imm(e, !a->w32, a->ext, RAX, (unsigned)in->imm);
    if (a->w32)
        sext32(e, RAX);
    store_x(e, in->rd, RAX);
}

static void emit_compare_set(emit_t *e, const insn_t *in, unsigned i)
{
    (void)i;
    if (!in->rd)
        return;
    load_x(e, RCX, in->rs1);
    rr(e, false, 0x31, RAX, RAX); /* xor eax, eax: before the compare, it clobbers flags */
    if (in->jop == JOP_SLT || in->jop == JOP_SLTU)
        rm1(e, true, ALU_CMP, RCX, RBX, OFF_X(in->rs2));
    else
        alu_imm(e, true, EXT_CMP, RCX, (int32_t)in->imm);
    int cc = in->jop == JOP_SLT || in->jop == JOP_SLTI ? CC_L : CC_B;
    b1(e, 0x0f), b1(e, (uint8_t)(0x90 | cc)), b1(e, 0xc0); /* setcc al */
    store_x(e, in->rd, RAX);
}

static void emit_mul(emit_t *e, const insn_t *in, unsigned i)
{
    (void)i;
    if (!in->rd)
        return;
    static const uint8_t imul[2] = {0x0f, 0xaf};
    bool w32 = in->jop == JOP_MULW;
    load_x(e, RAX, in->rs1);
    rm(e, !w32, imul, 2, RAX, RBX, -1, OFF_X(in->rs2));
    if (w32)
        sext32(e, RAX);
    store_x(e, in->rd, RAX);
}

/* Division as RISC-V defines it: by zero, the quotient is all ones and the remainder the
 * dividend; the signed overflow (most negative / -1) gives the dividend and 0. x86 would
 * fault on both, so they are tested first. W forms work on 32 bits and sign-extend. */
static void emit_div(emit_t *e, const insn_t *in, unsigned i)
{
    (void)i;
    if (!in->rd)
        return;
    jit_op_t op = (jit_op_t)in->jop;
    bool w = op >= JOP_DIVW;
    bool sgn = op == JOP_DIV || op == JOP_REM || op == JOP_DIVW || op == JOP_REMW;
    bool rem = op == JOP_REM || op == JOP_REMU || op == JOP_REMW || op == JOP_REMUW;
    load_x(e, RCX, in->rs2);
    load_x(e, RAX, in->rs1);
    rr(e, !w, 0x85, RCX, RCX);                        /* test rcx, rcx */
    uint32_t zero = jcc8_fwd(e, CC_E), overflow = UINT32_MAX;
    if (sgn) {
        alu_imm(e, !w, EXT_CMP, RCX, -1);
        uint32_t normal = jcc8_fwd(e, CC_NE);
        if (w) {
            alu_imm(e, false, EXT_CMP, RAX, INT32_MIN);
        } else {
            mov_imm64(e, RDX, (uint64_t)INT64_MIN);
            rr(e, true, 0x39, RDX, RAX);              /* cmp rax, rdx */
        }
        overflow = jcc8_fwd(e, CC_E);
        bind8(e, normal);
        if (!w)
            b1(e, 0x48);
        b1(e, 0x99);                                  /* cqo / cdq */
    } else {
        rr(e, false, 0x31, RDX, RDX);                 /* xor edx, edx */
    }
    if (!w)
        b1(e, 0x48);
    b1(e, 0xf7), b1(e, sgn ? 0xf9 : 0xf1);            /* idiv / div rcx (ecx) */
    if (rem)
        rr(e, true, 0x89, RDX, RAX);
    uint32_t done[2] = {jmp8_fwd(e), UINT32_MAX};     /* to the result */
    bind8(e, zero);
    if (!rem)
        mov_imm(e, RAX, UINT64_MAX);
    if (sgn) {
        done[1] = jmp8_fwd(e);
        bind8(e, overflow);
        if (rem)
            rr(e, false, 0x31, RAX, RAX);             /* xor eax, eax */
    }
    bind8(e, done[0]);
    if (done[1] != UINT32_MAX)
        bind8(e, done[1]);
    if (w)
        sext32(e, RAX);
    store_x(e, in->rd, RAX);
}

/* ---- control transfer ---- */

/* Page offset of a pc-relative target (wraps to a huge value when outside the page). */
static uint64_t target_off(const emit_t *e, const insn_t *in)
{
    return (e->b->paddr & ~PAGE_MASK) + in->off + (uint64_t)in->imm;
}

static void emit_branch(emit_t *e, const insn_t *in, unsigned i)
{
    static const int not_taken[JOP_COUNT] = {
        [JOP_BEQ] = CC_NE, [JOP_BNE] = CC_E, [JOP_BLT] = CC_GE,
        [JOP_BGE] = CC_L, [JOP_BLTU] = CC_AE, [JOP_BGEU] = CC_B,
    };
    load_x(e, RAX, in->rs1);
    rm1(e, true, ALU_CMP, RAX, RBX, OFF_X(in->rs2));
    uint32_t skip = jcc_fwd(e, not_taken[in->jop]);
    rm1(e, true, 0x81, EXT_ADD, RBX, OFF_PC); /* add qword [rbx + pc], imm32 */
    b4(e, (uint32_t)(int32_t)(in->off + in->imm));
    exit_to(e, i, EXEC_JUMP, target_off(e, in));
    bind(e, skip);
}

static void emit_jump(emit_t *e, const insn_t *in, unsigned i)
{
    rm1(e, true, 0x8b, RCX, RBX, OFF_PC);
    if (in->jop == JOP_JALR) {
        load_x(e, RAX, in->rs1);
        alu_imm(e, true, EXT_ADD, RAX, (int32_t)in->imm);
        alu_imm(e, true, EXT_AND, RAX, -2);
    } else {
        rr(e, true, 0x89, RCX, RAX);
        alu_imm(e, true, EXT_ADD, RAX, (int32_t)(in->off + in->imm));
    }
    if (in->rd) {
        alu_imm(e, true, EXT_ADD, RCX, in->off + in->len);
        store_x(e, in->rd, RCX);
    }
    rm1(e, true, 0x89, RAX, RBX, OFF_PC);
    if (in->jop == JOP_JAL)
        exit_to(e, i, EXEC_JUMP, target_off(e, in));
    else
        exit_block(e, i, EXEC_JUMP);
}

/* ---- loads and stores ---- */

/* rax = guest address; leaves rcx = TLB entry index scaled to bytes and jumps to the returned
 * fixup when the `tag` does not match or the access crosses the page. */
static void tlb_probe(emit_t *e, const insn_t *in, unsigned size, int32_t tag, uint32_t miss[2])
{
    load_x(e, RAX, in->rs1);
    if (in->imm)
        alu_imm(e, true, EXT_ADD, RAX, (int32_t)in->imm);
    rm1(e, false, 0x8b, RDX, RBX, OFF_MMU_DATA);
    shift_imm(e, false, SH_SHL, RDX, TLB_BITS);
    rr(e, true, 0x89, RAX, RCX);
    shift_imm(e, true, SH_SHR, RCX, PAGE_SHIFT);
    alu_imm(e, false, EXT_AND, RCX, TLB_SIZE - 1);
    rr(e, false, 0x09, RDX, RCX);                     /* or ecx, edx */
    b1(e, 0x48), b1(e, 0x69), b1(e, 0xc9), b4(e, sizeof(tlb_entry_t)); /* imul rcx, rcx, sz */
    rr(e, true, 0x89, RAX, RDX);
    alu_imm(e, true, EXT_AND, RDX, (int32_t)PAGE_MASK);
    static const uint8_t cmp = ALU_CMP;
    rm(e, true, &cmp, 1, RDX, RBX, RCX, tag);
    miss[0] = jcc_fwd(e, CC_NE);
    miss[1] = UINT32_MAX;
    if (size > 1) {
        rr(e, false, 0x89, RAX, RDX);
        alu_imm(e, false, EXT_AND, RDX, PAGE_SIZE - 1);
        alu_imm(e, false, EXT_CMP, RDX, (int32_t)(PAGE_SIZE - size));
        miss[1] = jcc_fwd(e, CC_A);
    }
    static const uint8_t add = ALU_ADD;
    rm(e, true, &add, 1, RAX, RBX, RCX, OFF_TLBE(addend)); /* rax = host address */
}

static void bind_miss(emit_t *e, const uint32_t miss[2])
{
    bind(e, miss[0]);
    if (miss[1] != UINT32_MAX)
        bind(e, miss[1]);
}

/* A load or store that failed its slow path: the handler's trap, then the exit. */
static void raise_at(emit_t *e, unsigned i)
{
    mov_imm64(e, RSI, (uint64_t)(uintptr_t)&e->b->insns[i]);
    jmp_stub(e, e->j->stubs[STUB_RAISE]);
}

/* The load's extending move: from [rax] (modrm 0x00) or, on the slow path, from rax itself
 * (modrm 0xc0), into rax. */
static void load_op(emit_t *e, jit_op_t jop, uint8_t modrm)
{
    static const struct { uint8_t op[2]; unsigned nop; bool w; } d[JOP_COUNT] = {
        [JOP_LB] = {{0x0f, 0xbe}, 2, true}, [JOP_LBU] = {{0x0f, 0xb6}, 2, false},
        [JOP_LH] = {{0x0f, 0xbf}, 2, true}, [JOP_LHU] = {{0x0f, 0xb7}, 2, false},
        [JOP_LW] = {{0x63}, 1, true},       [JOP_LWU] = {{0x8b}, 1, false},
        [JOP_LD] = {{0x8b}, 1, true},
    };
    if (d[jop].w)
        b1(e, 0x48);
    for (unsigned k = 0; k < d[jop].nop; k++)
        b1(e, d[jop].op[k]);
    b1(e, modrm);
}

/* What a load or store moves: its size, the integer load whose extension it uses, and for F
 * and D whether it needs mstatus.FS on, boxes a single (NaN-boxing, as f_set_s) and lives in
 * the f registers. */
typedef struct mem_desc {
    uint8_t size, ext_jop;
    bool fp, box;
} mem_desc_t;

static const mem_desc_t mem_descs[JOP_COUNT] = {
    [JOP_LB] = {1, JOP_LB, false, false},  [JOP_LBU] = {1, JOP_LBU, false, false},
    [JOP_LH] = {2, JOP_LH, false, false},  [JOP_LHU] = {2, JOP_LHU, false, false},
    [JOP_LW] = {4, JOP_LW, false, false},  [JOP_LWU] = {4, JOP_LWU, false, false},
    [JOP_LD] = {8, JOP_LD, false, false},  [JOP_FLW] = {4, JOP_LWU, true, true},
    [JOP_FLD] = {8, JOP_LD, true, false},
    [JOP_SB] = {1, 0, false, false}, [JOP_SH] = {2, 0, false, false},
    [JOP_SW] = {4, 0, false, false}, [JOP_SD] = {8, 0, false, false},
    [JOP_FSW] = {4, 0, true, false}, [JOP_FSD] = {8, 0, true, false},
};

/* F and D loads and stores with mstatus.FS off run their handler (which raises the illegal
 * instruction trap); returns the jump to patch to the end of the instruction, or
 * UINT32_MAX. */
static uint32_t fp_enabled_check(emit_t *e, const mem_desc_t *d, unsigned i)
{
    if (!d->fp)
        return UINT32_MAX;
    rm1(e, true, 0xf7, 0, RBX, OFF_MSTATUS); /* test qword [mstatus], FS */
    b4(e, (uint32_t)MSTATUS_FS);
    uint32_t on = jcc_fwd(e, CC_NE);
    fallback(e, i, 1);
    uint32_t end = jmp_fwd(e);
    bind(e, on);
    return end;
}

/* rax = the loaded value, into its register (an f register: boxed, and FS made dirty). */
static void load_result(emit_t *e, const insn_t *in, const mem_desc_t *d)
{
    if (!d->fp) {
        if (in->rd)
            store_x(e, in->rd, RAX);
        return;
    }
    if (d->box) {
        mov_imm64(e, RCX, 0xffffffff00000000ULL);
        rr(e, true, 0x09, RCX, RAX); /* or rax, rcx */
    }
    rm1(e, true, 0x89, RAX, RBX, OFF_F(in->rd));
    mov_imm64(e, RCX, MSTATUS_FS | MSTATUS_SD);
    rm1(e, true, 0x09, RCX, RBX, OFF_MSTATUS); /* hart_fp_set_dirty */
}

static void emit_load(emit_t *e, const insn_t *in, unsigned i)
{
    const mem_desc_t *d = &mem_descs[in->jop];
    uint32_t end = fp_enabled_check(e, d, i);
    uint32_t miss[2];
    tlb_probe(e, in, d->size, OFF_TLBE(tag_r), miss);
    load_op(e, (jit_op_t)d->ext_jop, 0x00);
    uint32_t got = jmp_fwd(e);
    bind_miss(e, miss);             /* mmu_load_slow(h, va, size, &h->slow_val), as mmu_load */
    rr(e, true, 0x89, RAX, RSI);
    b1(e, 0xba), b4(e, d->size);    /* mov edx, size */
    call_stub(e, e->j->stubs[STUB_LOAD]);
    b1(e, 0x84), b1(e, 0xc0);       /* test al, al */
    uint32_t ok = jcc8_fwd(e, CC_NE);
    raise_at(e, i);
    bind8(e, ok);
    rm1(e, true, 0x8b, RAX, RBX, (int32_t)offsetof(hart_t, slow_val));
    if (d->size < 8)
        load_op(e, (jit_op_t)d->ext_jop, 0xc0);
    bind(e, got);
    load_result(e, in, d);
    if (end != UINT32_MAX)
        bind(e, end);
}

/* rdx (or rcx) = the value a store writes. */
static void store_value(emit_t *e, const insn_t *in, const mem_desc_t *d, int reg)
{
    rm1(e, true, 0x8b, reg, RBX, d->fp ? OFF_F(in->rs2) : OFF_X(in->rs2));
}

static void emit_store(emit_t *e, const insn_t *in, unsigned i)
{
    const mem_desc_t *d = &mem_descs[in->jop];
    unsigned size = d->size;
    uint32_t end = fp_enabled_check(e, d, i);
    uint32_t miss[2];
    tlb_probe(e, in, size, OFF_TLBE(tag_w), miss);
    store_value(e, in, d, RDX);
    if (size == 2)
        b1(e, 0x66);
    if (size == 8)
        b1(e, 0x48);
    b1(e, size == 1 ? 0x88 : 0x89), b1(e, 0x10); /* mov [rax], dl/dx/edx/rdx */
    /* As mmu_store: the page's flag byte is read after the store (mem/resv.h's ordering). */
    static const uint8_t mov = 0x8b, lea = 0x8d;
    rm(e, true, &mov, 1, RDX, RBX, RCX, OFF_TLBE(code));
    b1(e, 0x80), b1(e, 0x3a), b1(e, 0x00); /* cmp byte [rdx], 0 */
    uint32_t done = jcc_fwd(e, CC_E);
    rm(e, true, &lea, 1, RSI, RBX, RCX, OFF_TLB); /* mmu_store_flagged(h, entry, host, size) */
    rr(e, true, 0x89, RAX, RDX);
    b1(e, 0xb9), b4(e, size);                     /* mov ecx, size */
    call_stub(e, e->j->stubs[STUB_FLAGGED]);
    uint32_t done2 = jmp_fwd(e);
    bind_miss(e, miss);                           /* mmu_store_slow(h, va, size, value) */
    rr(e, true, 0x89, RAX, RSI);
    b1(e, 0xba), b4(e, size);
    store_value(e, in, d, RCX);
    call_stub(e, e->j->stubs[STUB_STORE]);
    b1(e, 0x84), b1(e, 0xc0);
    uint32_t ok = jcc8_fwd(e, CC_NE);
    raise_at(e, i);
    bind8(e, ok);
    bind(e, done);
    bind(e, done2);
    if (end != UINT32_MAX)
        bind(e, end);
}

/* ---- blocks ---- */

static void emit_upper(emit_t *e, const insn_t *in, unsigned i)
{
    (void)i;
    if (!in->rd)
        return;
    mov_imm(e, RAX, (uint64_t)in->imm);
    if (in->jop == JOP_AUIPC) {
        rm1(e, true, ALU_ADD, RAX, RBX, OFF_PC);
        if (in->off)
            alu_imm(e, true, EXT_ADD, RAX, in->off);
    }
    store_x(e, in->rd, RAX);
}

static void emit_block_end(emit_t *e, const insn_t *in, unsigned i)
{
    rm1(e, true, 0x81, EXT_ADD, RBX, OFF_PC);
    b4(e, in->off);
    exit_to(e, i, EXEC_END, (e->b->paddr & ~PAGE_MASK) + in->off);
}

typedef void (*emit_fn_t)(emit_t *e, const insn_t *in, unsigned i);

static const emit_fn_t emitters[JOP_COUNT] = {
    [JOP_ADD] = emit_rr, [JOP_SUB] = emit_rr, [JOP_SLL] = emit_rr, [JOP_XOR] = emit_rr,
    [JOP_SRL] = emit_rr, [JOP_SRA] = emit_rr, [JOP_OR] = emit_rr, [JOP_AND] = emit_rr,
    [JOP_ADDW] = emit_rr, [JOP_SUBW] = emit_rr, [JOP_SLLW] = emit_rr, [JOP_SRLW] = emit_rr,
    [JOP_SRAW] = emit_rr,
    [JOP_ADDI] = emit_ri, [JOP_XORI] = emit_ri, [JOP_ORI] = emit_ri, [JOP_ANDI] = emit_ri,
    [JOP_SLLI] = emit_ri, [JOP_SRLI] = emit_ri, [JOP_SRAI] = emit_ri, [JOP_ADDIW] = emit_ri,
    [JOP_SLLIW] = emit_ri, [JOP_SRLIW] = emit_ri, [JOP_SRAIW] = emit_ri,
    [JOP_SLT] = emit_compare_set, [JOP_SLTU] = emit_compare_set,
    [JOP_SLTI] = emit_compare_set, [JOP_SLTIU] = emit_compare_set,
    [JOP_MUL] = emit_mul, [JOP_MULW] = emit_mul,
    [JOP_DIV] = emit_div, [JOP_DIVU] = emit_div, [JOP_REM] = emit_div, [JOP_REMU] = emit_div,
    [JOP_DIVW] = emit_div, [JOP_DIVUW] = emit_div, [JOP_REMW] = emit_div,
    [JOP_REMUW] = emit_div,
    [JOP_LUI] = emit_upper, [JOP_AUIPC] = emit_upper,
    [JOP_JAL] = emit_jump, [JOP_JALR] = emit_jump,
    [JOP_BEQ] = emit_branch, [JOP_BNE] = emit_branch, [JOP_BLT] = emit_branch,
    [JOP_BGE] = emit_branch, [JOP_BLTU] = emit_branch, [JOP_BGEU] = emit_branch,
    [JOP_LB] = emit_load, [JOP_LH] = emit_load, [JOP_LW] = emit_load, [JOP_LD] = emit_load,
    [JOP_LBU] = emit_load, [JOP_LHU] = emit_load, [JOP_LWU] = emit_load,
    [JOP_SB] = emit_store, [JOP_SH] = emit_store, [JOP_SW] = emit_store, [JOP_SD] = emit_store,
    [JOP_FLW] = emit_load, [JOP_FLD] = emit_load, [JOP_FSW] = emit_store, [JOP_FSD] = emit_store,
};

static emit_fn_t emitter_of(const insn_t *in)
{
    return in->fn == op_block_end ? emit_block_end : emitters[in->jop];
}

/* Emits instruction i, or the run of handler-run instructions starting there; returns how
 * many instructions it covered. */
static unsigned emit_insn(emit_t *e, unsigned i)
{
    const insn_t *in = &e->b->insns[i];
    emit_fn_t fn = emitter_of(in);
    if (fn) {
        e->native += fn != emit_block_end;
        fn(e, in, i);
        return 1;
    }
    unsigned n = 1;
    while (i + n < e->b->ninsn && !emitter_of(&e->b->insns[i + n]))
        n++;
    e->fallback += n;
    fallback(e, i, n);
    return n;
}

/* The entry after every solo run: the last handler's exec_next lands here. */
static int solo_next(hart_t *h, const insn_t *in)
{
    (void)h, (void)in;
    return EXEC_NEXT;
}

/* Copies the code and its solo runs into the arena; NULL when it is full. */
static insn_fn_t install(jit_t *j, emit_t *e)
{
    size_t code = (here(e) + 15) & ~(size_t)15;
    size_t total = code + e->nsolo * sizeof(insn_t);
    total = (total + 15) & ~(size_t)15;
    size_t at = atomic_fetch_add(&j->used, total);
    if (at + total > j->size)
        return NULL;
    uint8_t *dst = j->base + at;
    insn_t *run = (insn_t *)(void *)(dst + code);
    for (unsigned k = 0; k < e->npatch; k++) {
        const patch_t *pt = &e->patches[k];
        const insn_t *src = &e->b->insns[pt->first];
        memcpy(run, src, pt->count * sizeof(insn_t));
        const insn_t *last = &run[pt->count - 1];
        run[pt->count] = (insn_t){.fn = solo_next, .off = (uint16_t)(last->off + last->len)};
        uint64_t addr = (uint64_t)(uintptr_t)run;
        uint64_t delta = (uint64_t)((uintptr_t)src - (uintptr_t)run);
        memcpy(e->buf + pt->at, &addr, 8);
        memcpy(e->buf + pt->delta_at, &delta, 8);
        run += pt->count + 1;
    }
    for (unsigned k = 0; k < e->nreloc; k++) {
        const reloc_t *r = &e->relocs[k];
        uint32_t rel = (uint32_t)(r->target - (dst + r->at + 4));
        memcpy(e->buf + r->at, &rel, 4);
    }
    memcpy(dst, e->buf, here(e));
    atomic_fetch_add(&j->blocks, 1);
    atomic_fetch_add(&j->native, e->native);
    atomic_fetch_add(&j->fallbacks, e->fallback);
    return (insn_fn_t)(void *)dst;
}

insn_fn_t jit_compile(jit_t *j, const block_t *b)
{
    if (!j->base || jit_full(j))
        return NULL;
    emit_t *e = malloc(sizeof(*e) + JIT_SCRATCH);
    if (!e)
        return NULL;
    memset(e, 0, sizeof(*e));
    e->buf = e->p = (uint8_t *)(e + 1);
    e->end = e->buf + JIT_SCRATCH;
    e->j = j;
    e->b = b;
    b1(e, 0x53); /* push rbx */
    rr(e, true, 0x89, RDI, RBX);
    e->body = here(e);
    insn_fn_t fn = NULL;
    for (unsigned i = 0; i < b->ninsn;) {
        if (e->end - e->p < JIT_INSN_MAX)
            goto out;
        i += emit_insn(e, i);
    }
    b1(e, 0x0f), b1(e, 0x0b); /* ud2: a block's last instruction always leaves it */
    fn = install(j, e);
out:
    free(e);
    return fn;
}

#endif
