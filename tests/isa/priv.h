/* Helpers shared by the privileged tests (priv_*.S): run code in another privilege mode and
 * catch its first trap in M-mode. Include after test.h; a file that defines U_ALIAS gets the
 * MRET_TO that enters U-mode code through that alias. */
#ifndef ISA_PRIV_H
#define ISA_PRIV_H

#define CATCH_M(label)      la t0, label; csrw mtvec, t0
#ifdef U_ALIAS
/* mret into prv at label; U code runs at the label's U alias */
#define MRET_TO(prv, label) \
  li t0, MSTATUS_MPP; csrc mstatus, t0; li t0, (prv) << 11; csrs mstatus, t0; \
  la t0, label; li t1, ((~(prv)) & 1) * U_ALIAS; add t0, t0, t1; csrw mepc, t0; mret
#else
#define MRET_TO(prv, label) \
  li t0, MSTATUS_MPP; csrc mstatus, t0; li t0, (prv) << 11; csrs mstatus, t0; \
  la t0, label; csrw mepc, t0; mret
#endif

/* setups for the macros below: a1 = the virtual address under test */
#define VA(x)               li a1, x
#define VA_OF(label, off)   la a1, label; li t0, off; add a1, a1, t0
/* Case n: after setup, insn run in prv traps into M with cause and tval = a1. */
#define TEST_FAULT(n, prv, cause, setup, insn...) \
  li TESTNUM, n; setup; CATCH_M(9801f); MRET_TO(prv, 9802f); \
  9802: insn; j test_fail; .balign 4; \
  9801: csrr t5, mcause; li t6, cause; TEST_FAIL_IF_NE(t5, t6); \
  csrr t5, mtval; TEST_FAIL_IF_NE(t5, a1)
/* Case n: after setup, code run in prv does not trap (its ecall is the first trap) and leaves
 * a0 = expected. */
#define TEST_ACCESS(n, prv, expected, setup, code...) \
  li TESTNUM, n; setup; li a0, 0; CATCH_M(9801f); MRET_TO(prv, 9802f); \
  9802: code; ecall; j test_fail; .balign 4; \
  9801: csrr t5, mcause; li t6, CAUSE_USER_ECALL + (prv); TEST_FAIL_IF_NE(t5, t6); \
  li t6, expected; TEST_FAIL_IF_NE(a0, t6)

/* PTE = (pa >> 12) << 10 | flags; pa_reg is page aligned, so pa >> 2 does it. */
#define PTE_SET(table, idx, pa_reg, flags) \
  srli t1, pa_reg, 2; ori t1, t1, flags; la t2, table; li t3, (idx) * 8; add t2, t2, t3; sd t1, 0(t2)
#define PTE_LA(table, idx, label, flags)  la t0, label; PTE_SET(table, idx, t0, flags)
#define PTE_PA(table, idx, pa, flags)     li t0, pa; PTE_SET(table, idx, t0, flags)

#endif
