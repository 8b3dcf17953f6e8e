/* x86-64 code emission for the JIT (exec/jit_x86.c, exec/jit_x86_stubs.c): the emitter
 * state, instruction encoders for the few forms the JIT uses (64- and 32-bit ALU operations
 * on rax, rcx, rdx, rbx, rsi, rdi and on [base + disp32] / [base + index + disp32]), jumps
 * with their fixups, and the offsets of the hart and TLB fields that generated code uses. */
#ifndef EXEC_X86_EMIT_H
#define EXEC_X86_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cpu/hart.h"
#include "exec/jit.h"
#include "exec/tcache.h"

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
#define JIT_INSN_MAX 256 /* bytes one instruction can take, checked before emitting it */
#define OFF_X(r) ((int32_t)(offsetof(hart_t, x) + 8 * (r)))
#define OFF_F(r) ((int32_t)(offsetof(hart_t, f) + 8 * (r)))
#define OFF_MSTATUS ((int32_t)offsetof(hart_t, mstatus))
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
    uint32_t body; /* offset of the first instruction's code, after the entry's prologue */
} emit_t;

static inline void b1(emit_t *e, uint8_t v) { *e->p++ = v; }
static inline void b4(emit_t *e, uint32_t v) { memcpy(e->p, &v, 4); e->p += 4; }
static inline void b8(emit_t *e, uint64_t v) { memcpy(e->p, &v, 8); e->p += 8; }
static inline uint32_t here(const emit_t *e) { return (uint32_t)(e->p - e->buf); }

/* op reg, [base + disp32] (index < 0) or [base + index + disp32]. */
static inline void rm(emit_t *e, bool w, const uint8_t *op, unsigned nop, int reg, int base,
                      int index, int32_t disp)
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
static inline void rm1(emit_t *e, bool w, uint8_t op, int reg, int base, int32_t disp)
{
    rm(e, w, &op, 1, reg, base, -1, disp);
}
/* op dst, src, both registers (the ModRM's rm field is dst). */
static inline void rr(emit_t *e, bool w, uint8_t op, int src, int dst)
{
    if (w)
        b1(e, 0x48);
    b1(e, op);
    b1(e, (uint8_t)(0xc0 | (src << 3) | dst));
}

static inline void load_x(emit_t *e, int reg, unsigned x)
{
    rm1(e, true, 0x8b, reg, RBX, OFF_X(x));
}
static inline void store_x(emit_t *e, unsigned x, int reg)
{
    rm1(e, true, 0x89, reg, RBX, OFF_X(x));
}

static inline void mov_imm(emit_t *e, int reg, uint64_t v)
{
    if ((int64_t)v == (int32_t)v) {
        b1(e, 0x48), b1(e, 0xc7), b1(e, (uint8_t)(0xc0 | reg)), b4(e, (uint32_t)v);
    } else if (v <= UINT32_MAX) {
        b1(e, (uint8_t)(0xb8 | reg)), b4(e, (uint32_t)v);
    } else {
        b1(e, 0x48), b1(e, (uint8_t)(0xb8 | reg)), b8(e, v);
    }
}
static inline void mov_imm64(emit_t *e, int reg, uint64_t v)
{
    b1(e, 0x48), b1(e, (uint8_t)(0xb8 | reg)), b8(e, v);
}

/* op reg, simm32 with a /ext opcode (81 /ext). */
static inline void alu_imm(emit_t *e, bool w, int ext, int reg, int32_t imm)
{
    if (w)
        b1(e, 0x48);
    b1(e, 0x81), b1(e, (uint8_t)(0xc0 | (ext << 3) | reg)), b4(e, (uint32_t)imm);
}
static inline void shift_imm(emit_t *e, bool w, int ext, int reg, unsigned n)
{
    if (w)
        b1(e, 0x48);
    b1(e, 0xc1), b1(e, (uint8_t)(0xc0 | (ext << 3) | reg)), b1(e, (uint8_t)n);
}
static inline void shift_cl(emit_t *e, bool w, int ext, int reg)
{
    if (w)
        b1(e, 0x48);
    b1(e, 0xd3), b1(e, (uint8_t)(0xc0 | (ext << 3) | reg));
}
static inline void sext32(emit_t *e, int reg) { rr(e, true, 0x63, reg, reg); } /* movsxd reg, reg32 */
/* Forward jump; returns where its rel32 goes, for bind(). */
static inline uint32_t jcc_fwd(emit_t *e, int cc)
{
    b1(e, 0x0f), b1(e, (uint8_t)(0x80 | cc)), b4(e, 0);
    return here(e) - 4;
}
static inline uint32_t jmp_fwd(emit_t *e)
{
    b1(e, 0xe9), b4(e, 0);
    return here(e) - 4;
}
static inline void bind(emit_t *e, uint32_t at)
{
    uint32_t rel = here(e) - (at + 4);
    memcpy(e->buf + at, &rel, 4);
}
static inline void jmp_stub(emit_t *e, const uint8_t *stub)
{
    b1(e, 0xe9), b4(e, 0);
    e->relocs[e->nreloc++] = (reloc_t){.at = here(e) - 4, .target = stub};
}
static inline void call_stub(emit_t *e, const uint8_t *stub)
{
    b1(e, 0xe8), b4(e, 0);
    e->relocs[e->nreloc++] = (reloc_t){.at = here(e) - 4, .target = stub};
}
/* Short forward jump over at most 127 bytes; returns where its rel8 goes, for bind8(). */
static inline uint32_t jcc8_fwd(emit_t *e, int cc)
{
    b1(e, (uint8_t)(0x70 | cc)), b1(e, 0);
    return here(e) - 1;
}
static inline uint32_t jmp8_fwd(emit_t *e)
{
    b1(e, 0xeb), b1(e, 0);
    return here(e) - 1;
}
static inline void bind8(emit_t *e, uint32_t at)
{
    e->buf[at] = (uint8_t)(here(e) - (at + 1));
}
static inline void jcc_back(emit_t *e, int cc, uint32_t target)
{
    b1(e, 0x0f), b1(e, (uint8_t)(0x80 | cc)), b4(e, (uint32_t)(target - (here(e) + 4)));
}
static inline void call_abs(emit_t *e, const void *fn)
{
    mov_imm64(e, RAX, (uint64_t)(uintptr_t)fn);
    b1(e, 0xff), b1(e, 0xd0); /* call rax */
}

/* Test k (0..2) of what the block loop requires before it goes on to another block: no
 * counter inhibited (the loop adjusts those), no kick pending, chain budget left. Emits the
 * test; returns the condition under which the code must not go on. */
static inline int chain_test(emit_t *e, int k)
{
    static const int32_t at[3] = {OFF_INHIBIT, OFF_KICK, OFF_BUDGET};
    b1(e, k == 0 ? 0xf6 : 0x83), b1(e, k == 0 ? 0x83 : 0xbb), b4(e, (uint32_t)at[k]);
    b1(e, k == 0 ? 5 : 0); /* test byte [inhibit], 5; cmp dword [kick or budget], 0 */
    return k == 2 ? CC_E : CC_NE;
}

/* Writes the stubs at the start of j's arena; returns the bytes they take (0: no memory). */
size_t jit_x86_stubs(jit_t *j);

#endif
