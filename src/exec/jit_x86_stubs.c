/* The stubs shared by every block, at the start of the JIT's arena (exec/jit_x86.c): the
 * plain exit, the chain lookup and tail call, the memory slow-path calls and the trap. */
#if defined(__x86_64__)

#include "exec/x86_emit.h"

#include <stdlib.h>

#include "cpu/mmu.h"
#include "cpu/trap.h"

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
    for (int k = 0; k < 3; k++)
        jcc_back(e, chain_test(e, k), exit_at);
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

size_t jit_x86_stubs(jit_t *j)
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

#endif
