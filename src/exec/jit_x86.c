/* x86-64 back end of the JIT (exec/jit.h).
 *
 * Generated code: rbx holds the hart for the whole block; rax, rcx, rdx, rsi, rdi are
 * scratch. Guest registers stay in hart->x (the loads and stores hit L1 and keep every exit
 * and every handler call trivially consistent). A block starts with `push rbx; mov rbx, rdi`
 * and leaves through one of two stubs at the start of the arena, shared by every block:
 *     exit:  mov [rbx + exit_insn], rsi ; pop rbx ; ret    (rsi: exit insn, eax: status)
 *     chain: the same, unless the exit can be chained (chain_stub() below)
 * so an exit site is a few moves and a jump (relocated when the block is installed).
 * A block's code is built in a scratch buffer, then copied into the arena followed by the
 * copies of instructions that run through their handlers ("solo runs": a run of consecutive
 * such instructions, or one native instruction's slow path, ended by an entry that returns
 * EXEC_NEXT), whose addresses are patched into the code. */
#include "exec/jit.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "cpu/hart.h"
#include "cpu/mmu.h"
#include "cpu/trap.h"
#include "exec/tcache.h"

#if defined(__x86_64__)

enum { RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSI = 6, RDI = 7 };
enum { CC_B = 2, CC_AE = 3, CC_E = 4, CC_NE = 5, CC_A = 7, CC_L = 0xc, CC_GE = 0xd };
enum { ALU_ADD = 0x03, ALU_OR = 0x0b, ALU_AND = 0x23, ALU_SUB = 0x2b, ALU_XOR = 0x33,
       ALU_CMP = 0x3b };
enum { EXT_ADD = 0, EXT_OR = 1, EXT_AND = 4, EXT_SUB = 5, EXT_XOR = 6, EXT_CMP = 7 };
enum { SH_SHL = 4, SH_SHR = 5, SH_SAR = 7 };

/* The stubs at the arena's start (jit_t.stubs). */
enum { STUB_EXIT, STUB_CHAIN, STUB_LOAD, STUB_STORE, STUB_FLAGGED, STUB_RAISE, STUB_COUNT };
_Static_assert(STUB_COUNT <= JIT_STUBS, "room for the stubs");

#define JIT_SCRATCH (48u << 10)
#define JIT_INSN_MAX 400 /* bytes one instruction can take, checked before emitting it */
#define OFF_X(r) ((int32_t)(offsetof(hart_t, x) + 8 * (r)))
#define OFF_PC ((int32_t)offsetof(hart_t, pc))
#define OFF_EXIT ((int32_t)offsetof(hart_t, exit_insn))
#define OFF_EXIT_BASE ((int32_t)offsetof(hart_t, exit_base))
#define OFF_BUDGET ((int32_t)offsetof(hart_t, chain_budget))
#define OFF_INSTRET ((int32_t)offsetof(hart_t, instret))
#define OFF_INHIBIT ((int32_t)offsetof(hart_t, mcountinhibit))
#define OFF_KICK ((int32_t)offsetof(hart_t, kick))
#define OFF_MMU_DATA ((int32_t)offsetof(hart_t, mmu_data))
#define OFF_TLB ((int32_t)offsetof(hart_t, tlb))
#define OFF_TLBE(field) ((int32_t)(OFF_TLB + offsetof(tlb_entry_t, field)))

_Static_assert(sizeof(mmu_idx_t) == 4, "mmu_data is loaded as 32 bits");
_Static_assert(sizeof(atomic_uint) == 4, "kick is compared as 32 bits");
_Static_assert(sizeof(atomic_bool) == 1, "block.invalid is compared as a byte");
_Static_assert(offsetof(tlb_t, e) == 0, "TLB entries at the start of tlb_t");

/* A solo run: the code loads its address into rsi at `at`, and maps an exit_insn inside the
 * copy back to the block's own instruction by adding the imm64 at `delta_at`. */
typedef struct patch {
    uint32_t at, delta_at;
    uint16_t first, count; /* the block's instructions first..first+count-1 */
} patch_t;

/* A rel32 jump from the block to a stub: patched once the block's address is known. */
typedef struct reloc {
    uint32_t at;
    const uint8_t *target;
} reloc_t;

#define JIT_MAX_RELOCS (4 * (BLOCK_MAX_INSNS + 1))

typedef struct emit {
    uint8_t *buf, *p, *end;
    const jit_t *j;
    const block_t *b;
    patch_t patches[BLOCK_MAX_INSNS + 1];
    unsigned npatch, nsolo; /* nsolo: insn_t entries of all solo runs */
    reloc_t relocs[JIT_MAX_RELOCS];
    unsigned nreloc;
    uint64_t native, fallback;
} emit_t;

static void b1(emit_t *e, uint8_t v) { *e->p++ = v; }
static void b4(emit_t *e, uint32_t v) { memcpy(e->p, &v, 4); e->p += 4; }
static void b8(emit_t *e, uint64_t v) { memcpy(e->p, &v, 8); e->p += 8; }
static uint32_t here(const emit_t *e) { return (uint32_t)(e->p - e->buf); }

/* op reg, [base + disp32] (index < 0) or [base + index + disp32]. */
static void rm(emit_t *e, bool w, const uint8_t *op, unsigned nop, int reg, int base, int index,
               int32_t disp)
{
    if (w)
        b1(e, 0x48);
    for (unsigned i = 0; i < nop; i++)
        b1(e, op[i]);
    if (index < 0) {
        b1(e, (uint8_t)(0x80 | (reg << 3) | base));
    } else {
        b1(e, (uint8_t)(0x80 | (reg << 3) | 4));
        b1(e, (uint8_t)((index << 3) | base));
    }
    b4(e, (uint32_t)disp);
}
static void rm1(emit_t *e, bool w, uint8_t op, int reg, int base, int32_t disp)
{
    rm(e, w, &op, 1, reg, base, -1, disp);
}
/* op dst, src, both registers (the ModRM's rm field is dst). */
static void rr(emit_t *e, bool w, uint8_t op, int src, int dst)
{
    if (w)
        b1(e, 0x48);
    b1(e, op);
    b1(e, (uint8_t)(0xc0 | (src << 3) | dst));
}

static void load_x(emit_t *e, int reg, unsigned x) { rm1(e, true, 0x8b, reg, RBX, OFF_X(x)); }
static void store_x(emit_t *e, unsigned x, int reg) { rm1(e, true, 0x89, reg, RBX, OFF_X(x)); }

static void mov_imm(emit_t *e, int reg, uint64_t v)
{
    if ((int64_t)v == (int32_t)v) {
        b1(e, 0x48), b1(e, 0xc7), b1(e, (uint8_t)(0xc0 | reg)), b4(e, (uint32_t)v);
    } else if (v <= UINT32_MAX) {
        b1(e, (uint8_t)(0xb8 | reg)), b4(e, (uint32_t)v);
    } else {
        b1(e, 0x48), b1(e, (uint8_t)(0xb8 | reg)), b8(e, v);
    }
}
static void mov_imm64(emit_t *e, int reg, uint64_t v) { b1(e, 0x48), b1(e, (uint8_t)(0xb8 | reg)), b8(e, v); }

/* op reg, simm32 with a /ext opcode (81 /ext). */
static void alu_imm(emit_t *e, bool w, int ext, int reg, int32_t imm)
{
    if (w)
        b1(e, 0x48);
    b1(e, 0x81), b1(e, (uint8_t)(0xc0 | (ext << 3) | reg)), b4(e, (uint32_t)imm);
}
static void shift_imm(emit_t *e, bool w, int ext, int reg, unsigned n)
{
    if (w)
        b1(e, 0x48);
    b1(e, 0xc1), b1(e, (uint8_t)(0xc0 | (ext << 3) | reg)), b1(e, (uint8_t)n);
}
static void shift_cl(emit_t *e, bool w, int ext, int reg)
{
    if (w)
        b1(e, 0x48);
    b1(e, 0xd3), b1(e, (uint8_t)(0xc0 | (ext << 3) | reg));
}
static void sext32(emit_t *e, int reg) { rr(e, true, 0x63, reg, reg); } /* movsxd reg, reg32 */
/* Forward jump; returns where its rel32 goes, for bind(). */
static uint32_t jcc_fwd(emit_t *e, int cc)
{
    b1(e, 0x0f), b1(e, (uint8_t)(0x80 | cc)), b4(e, 0);
    return here(e) - 4;
}
static uint32_t jmp_fwd(emit_t *e)
{
    b1(e, 0xe9), b4(e, 0);
    return here(e) - 4;
}
static void bind(emit_t *e, uint32_t at)
{
    uint32_t rel = here(e) - (at + 4);
    memcpy(e->buf + at, &rel, 4);
}
static void jmp_stub(emit_t *e, const uint8_t *stub)
{
    b1(e, 0xe9), b4(e, 0);
    e->relocs[e->nreloc++] = (reloc_t){.at = here(e) - 4, .target = stub};
}
static void call_stub(emit_t *e, const uint8_t *stub)
{
    b1(e, 0xe8), b4(e, 0);
    e->relocs[e->nreloc++] = (reloc_t){.at = here(e) - 4, .target = stub};
}
/* Short forward jump over at most 127 bytes; returns where its rel8 goes, for bind8(). */
static uint32_t jcc8_fwd(emit_t *e, int cc)
{
    b1(e, (uint8_t)(0x70 | cc)), b1(e, 0);
    return here(e) - 1;
}
static void bind8(emit_t *e, uint32_t at)
{
    e->buf[at] = (uint8_t)(here(e) - (at + 1));
}
static void jcc_back(emit_t *e, int cc, uint32_t target)
{
    b1(e, 0x0f), b1(e, (uint8_t)(0x80 | cc)), b4(e, (uint32_t)(target - (here(e) + 4)));
}
static void call_abs(emit_t *e, const void *fn)
{
    mov_imm64(e, RAX, (uint64_t)(uintptr_t)fn);
    b1(e, 0xff), b1(e, 0xd0); /* call rax */
}

/* Leaves the block on instruction i with status `st`. */
static void exit_block(emit_t *e, unsigned i, int st)
{
    mov_imm64(e, RSI, (uint64_t)(uintptr_t)&e->b->insns[i]);
    b1(e, 0xb8), b4(e, (uint32_t)st); /* mov eax, st */
    jmp_stub(e, e->j->stubs[STUB_EXIT]);
}

/* A static exit of instruction i (status `st`) to `target_off` in the block's page: through
 * the chain stub when the target is in the same page, else the plain exit. */
static void exit_to(emit_t *e, unsigned i, int st, uint64_t target_off)
{
    if (target_off >= PAGE_SIZE) {
        exit_block(e, i, st);
        return;
    }
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

static void emit_load(emit_t *e, const insn_t *in, unsigned i)
{
    static const unsigned sizes[JOP_COUNT] = {
        [JOP_LB] = 1, [JOP_LBU] = 1, [JOP_LH] = 2, [JOP_LHU] = 2, [JOP_LW] = 4, [JOP_LWU] = 4,
        [JOP_LD] = 8,
    };
    unsigned size = sizes[in->jop];
    uint32_t miss[2];
    tlb_probe(e, in, size, OFF_TLBE(tag_r), miss);
    load_op(e, in->jop, 0x00);
    uint32_t got = jmp_fwd(e);
    bind_miss(e, miss);             /* mmu_load_slow(h, va, size, &h->slow_val), as mmu_load */
    rr(e, true, 0x89, RAX, RSI);
    b1(e, 0xba), b4(e, size);       /* mov edx, size */
    call_stub(e, e->j->stubs[STUB_LOAD]);
    b1(e, 0x84), b1(e, 0xc0);       /* test al, al */
    uint32_t ok = jcc8_fwd(e, CC_NE);
    raise_at(e, i);
    bind8(e, ok);
    rm1(e, true, 0x8b, RAX, RBX, (int32_t)offsetof(hart_t, slow_val));
    if (size < 8)
        load_op(e, in->jop, 0xc0);
    bind(e, got);
    if (in->rd)
        store_x(e, in->rd, RAX);
}

static void emit_store(emit_t *e, const insn_t *in, unsigned i)
{
    static const unsigned sizes[JOP_COUNT] = {[JOP_SB] = 1, [JOP_SH] = 2, [JOP_SW] = 4,
                                              [JOP_SD] = 8};
    unsigned size = sizes[in->jop];
    uint32_t miss[2];
    tlb_probe(e, in, size, OFF_TLBE(tag_w), miss);
    load_x(e, RDX, in->rs2);
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
    load_x(e, RCX, in->rs2);
    call_stub(e, e->j->stubs[STUB_STORE]);
    b1(e, 0x84), b1(e, 0xc0);
    uint32_t ok = jcc8_fwd(e, CC_NE);
    raise_at(e, i);
    bind8(e, ok);
    bind(e, done);
    bind(e, done2);
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
    [JOP_LUI] = emit_upper, [JOP_AUIPC] = emit_upper,
    [JOP_JAL] = emit_jump, [JOP_JALR] = emit_jump,
    [JOP_BEQ] = emit_branch, [JOP_BNE] = emit_branch, [JOP_BLT] = emit_branch,
    [JOP_BGE] = emit_branch, [JOP_BLTU] = emit_branch, [JOP_BGEU] = emit_branch,
    [JOP_LB] = emit_load, [JOP_LH] = emit_load, [JOP_LW] = emit_load, [JOP_LD] = emit_load,
    [JOP_LBU] = emit_load, [JOP_LHU] = emit_load, [JOP_LWU] = emit_load,
    [JOP_SB] = emit_store, [JOP_SH] = emit_store, [JOP_SW] = emit_store, [JOP_SD] = emit_store,
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

bool jit_supported(void) { return true; }

/* Copies the code and its solo pairs into the arena; NULL when it is full. */
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

/* ---- the stubs shared by every block, at the start of the arena ---- */

#if defined(__SANITIZE_THREAD__)
static block_t *chain_find(block_t *b, uint64_t pa) { return block_chain_find(b, pa); }

/* rdi = block_chain_find(rdx, rcx), keeping rsi, rax and rdx: under ThreadSanitizer a call,
 * so that TSan sees the acquire loads of block.chain that order the target's contents
 * (plain loads in generated code are invisible to it). Jumps to the exit when none. */
static void find_chained(emit_t *e, uint32_t exit_at)
{
    b1(e, 0x56), b1(e, 0x50), b1(e, 0x52);       /* push rsi; push rax; push rdx */
    alu_imm(e, true, EXT_SUB, 4 /* rsp */, 8);   /* keeps the stack 16-byte aligned */
    rr(e, true, 0x89, RDX, RDI);
    rr(e, true, 0x89, RCX, RSI);
    call_abs(e, (const void *)chain_find);
    rr(e, true, 0x89, RAX, RDI);
    alu_imm(e, true, EXT_ADD, 4 /* rsp */, 8);
    b1(e, 0x5a), b1(e, 0x58), b1(e, 0x5e);       /* pop rdx; pop rax; pop rsi */
    rr(e, true, 0x85, RDI, RDI);
    jcc_back(e, CC_E, exit_at);
}
#else
/* rdi = the block.chain[k] of block rdx whose paddr is rcx and that is still valid
 * (block_chain_find, inline). Jumps to the exit when none. */
static void find_chained(emit_t *e, uint32_t exit_at)
{
    uint32_t found = 0;
    for (int k = 0; k < 2; k++) {
        rm1(e, true, 0x8b, RDI, RDX, (int32_t)(offsetof(block_t, chain) + 8 * (size_t)k));
        rr(e, true, 0x85, RDI, RDI);
        if (k == 0) {
            uint32_t empty = jcc8_fwd(e, CC_E);
            rm1(e, true, 0x39, RCX, RDI, (int32_t)offsetof(block_t, paddr));
            found = jcc8_fwd(e, CC_E);
            bind8(e, empty);
        } else {
            jcc_back(e, CC_E, exit_at);
            rm1(e, true, 0x39, RCX, RDI, (int32_t)offsetof(block_t, paddr));
            jcc_back(e, CC_NE, exit_at);
        }
    }
    bind8(e, found);
    b1(e, 0x80), b1(e, 0xbf), b4(e, (uint32_t)offsetof(block_t, invalid)), b1(e, 0);
    jcc_back(e, CC_NE, exit_at);
}
#endif

/* The chain stub, entered from a static exit with rsi = the exit instruction, eax = its
 * status, rdx = its block and rcx = the target's physical address (same page). When the
 * block loop has chained that target to this block (block.chain only ever points into the
 * same page, so page retirement covers it), and no kick is pending, the chain budget is not
 * spent and no counter is inhibited (the loop adjusts those), it accounts the retired
 * instructions, sets exit_base, and tail-calls the target's entry (JIT code or its first
 * handler) as the loop would have. Otherwise it is the plain exit. */
static void chain_stub(emit_t *e, uint32_t exit_at)
{
    b1(e, 0xf6), b1(e, 0x83), b4(e, (uint32_t)OFF_INHIBIT), b1(e, 5); /* test byte [inhibit], 5 */
    jcc_back(e, CC_NE, exit_at);
    b1(e, 0x83), b1(e, 0xbb), b4(e, (uint32_t)OFF_KICK), b1(e, 0);    /* cmp dword [kick], 0 */
    jcc_back(e, CC_NE, exit_at);
    b1(e, 0x83), b1(e, 0xbb), b4(e, (uint32_t)OFF_BUDGET), b1(e, 0);  /* cmp dword [budget], 0 */
    jcc_back(e, CC_E, exit_at);
    find_chained(e, exit_at);
    /* retired = (rsi - rdx->insns) / sizeof(insn_t) + (eax == EXEC_JUMP) */
    rr(e, true, 0x29, RDX, RSI);                                       /* sub rsi, rdx */
    alu_imm(e, true, EXT_SUB, RSI, (int32_t)offsetof(block_t, insns));
    shift_imm(e, true, SH_SHR, RSI, 5);
    rr(e, false, 0x31, RCX, RCX);                                      /* xor ecx, ecx */
    alu_imm(e, false, EXT_CMP, RAX, EXEC_JUMP);
    b1(e, 0x0f), b1(e, 0x94), b1(e, 0xc1);                             /* sete cl */
    rr(e, true, 0x01, RCX, RSI);
    rm1(e, true, 0x01, RSI, RBX, OFF_INSTRET);                         /* add [instret], rsi */
    b1(e, 0xff), b1(e, 0x8b), b4(e, (uint32_t)OFF_BUDGET);            /* dec dword [budget] */
    static const uint8_t lea = 0x8d;
    rm(e, true, &lea, 1, RSI, RDI, -1, (int32_t)offsetof(block_t, insns));
    rm1(e, true, 0x89, RSI, RBX, OFF_EXIT_BASE);
    rr(e, true, 0x89, RDI, RAX);
    rr(e, true, 0x89, RBX, RDI);
    b1(e, 0x5b);                                                        /* pop rbx */
    b1(e, 0xff), b1(e, 0xa0), b4(e, (uint32_t)offsetof(block_t, entry)); /* jmp [rax + entry] */
}

/* Called from a block (the stack is 8 bytes off alignment): fn(h, rsi, rdx, rcx), with
 * rcx = &h->slow_val when `slow_val`. */
static void call_c_stub(emit_t *e, const void *fn, bool slow_val)
{
    static const uint8_t lea = 0x8d;
    alu_imm(e, true, EXT_SUB, 4 /* rsp */, 8);
    rr(e, true, 0x89, RBX, RDI);
    if (slow_val)
        rm(e, true, &lea, 1, RCX, RBX, -1, (int32_t)offsetof(hart_t, slow_val));
    call_abs(e, fn);
    alu_imm(e, true, EXT_ADD, 4 /* rsp */, 8);
    b1(e, 0xc3);
}

/* Jumped to with rsi = the faulting instruction: hart_raise(h, rsi) takes the trap the
 * handler would have and sets exit_insn; then the plain exit with its status. */
static void raise_stub(emit_t *e, uint32_t exit_at)
{
    b1(e, 0x56);                                 /* push rsi */
    alu_imm(e, true, EXT_SUB, 4 /* rsp */, 8);
    rr(e, true, 0x89, RBX, RDI);
    call_abs(e, (const void *)hart_raise);
    alu_imm(e, true, EXT_ADD, 4 /* rsp */, 8);
    b1(e, 0x5e);                                 /* pop rsi */
    b1(e, 0xe9), b4(e, (uint32_t)(exit_at - (here(e) + 4)));
}

_Static_assert(sizeof(insn_t) == 32, "the chain stub divides by shifting");
_Static_assert(offsetof(insn_t, fn) == 0, "solo runs are called through their first word");

/* Writes the stubs at the arena's start; returns the bytes they take. */
static size_t emit_stubs(jit_t *j)
{
    emit_t *e = calloc(1, sizeof(*e));
    if (!e)
        return 0;
    e->buf = e->p = j->base;
    e->end = j->base + 4096;
    e->j = j;
    j->stubs[STUB_EXIT] = e->p;
    rm1(e, true, 0x89, RSI, RBX, OFF_EXIT);
    b1(e, 0x5b), b1(e, 0xc3); /* pop rbx; ret */
    j->stubs[STUB_CHAIN] = e->p;
    chain_stub(e, 0);
    j->stubs[STUB_LOAD] = e->p;
    call_c_stub(e, (const void *)mmu_load_slow, true);
    j->stubs[STUB_STORE] = e->p;
    call_c_stub(e, (const void *)mmu_store_slow, false);
    j->stubs[STUB_FLAGGED] = e->p;
    call_c_stub(e, (const void *)mmu_store_flagged, false);
    j->stubs[STUB_RAISE] = e->p;
    raise_stub(e, 0);
    size_t bytes = (here(e) + 63) & ~(size_t)63;
    free(e);
    return bytes;
}

#else /* no back end for this host */

bool jit_supported(void) { return false; }

static size_t emit_stubs(jit_t *j)
{
    (void)j;
    return 0;
}

insn_fn_t jit_compile(jit_t *j, const block_t *b)
{
    (void)j, (void)b;
    return NULL;
}

#endif

bool jit_init(jit_t *j, unsigned mib, char *err, size_t errlen)
{
    memset(j, 0, sizeof(*j));
    if (!mib)
        return true;
    if (!jit_supported()) {
        snprintf(err, errlen, "no JIT for this host architecture (use -accel tcg,jit=off)");
        return false;
    }
    size_t size = (size_t)mib << 20;
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS |
                   MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        snprintf(err, errlen, "cannot map %u MiB of executable memory for the JIT", mib);
        return false;
    }
    j->base = p;
    j->size = size;
    j->stub_bytes = emit_stubs(j);
    if (!j->stub_bytes) {
        jit_destroy(j);
        snprintf(err, errlen, "out of memory for the JIT");
        return false;
    }
    atomic_store(&j->used, j->stub_bytes);
    return true;
}

void jit_destroy(jit_t *j)
{
    if (j->base)
        munmap(j->base, j->size);
    j->base = NULL;
}

bool jit_full(const jit_t *j)
{
    return atomic_load_explicit(&j->used, memory_order_relaxed) >= j->size - (64u << 10);
}

void jit_reset(jit_t *j)
{
    atomic_store(&j->used, j->stub_bytes);
}
