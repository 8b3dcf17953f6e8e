/* Trap delegation (privileged spec v1.12, 3.1.8, 4.1.1, 4.1.7-4.1.9): medeleg sends
 * exceptions raised in S or U to the S handler (scause/sepc/stval, SPP/SPIE/SIE) while the M
 * handler only sees the later, undelegated trap; delegation is per cause; exceptions raised in M
 * are never delegated (and leave scause alone); sret back to U; a vectored stvec still takes
 * exceptions at BASE; the writable bits of medeleg and mideleg.
 *
 * The body runs in M. A delegated trap lands at a label set in stvec (direct mode); that S code
 * does an ecall (not delegated) which lands at a label set in mtvec, back in M, where the S trap
 * CSRs are still as the delegated trap left them. s11/s10 keep the harness's mtvec/stvec.
 */
#include "test.h"

TEST_ONLY_M

#define CATCH_S(label)      la t0, label; csrw stvec, t0
#define UNCATCH             csrw mtvec, s11; csrw stvec, s10
#define GET_FIELD(reg, csr, shift, mask) csrr reg, csr; srli reg, reg, shift; andi reg, reg, mask
#define TEST_CSR_ADDR(n, csr, label) \
  li TESTNUM, n; csrr a0, csr; la a1, label; TEST_FAIL_IF_NE(a0, a1)

#define MISA_H           (1 << 7)
/* medeleg bits every S-mode hart here must let through: causes 0-9, 12, 13, 15 */
#define MEDELEG_STANDARD 0xb3ff
/* hypervisor causes 10 (ecall from VS) and 20-23 (guest page faults): only with H */
#define MEDELEG_H        0xf00400
/* mideleg: SSI, STI, SEI; the M-level bits 3, 7, 11 can never be delegated */
#define MIDELEG_S        0x222
#define MIDELEG_M        0x888
/* VSSI, VSTI, VSEI, SGEI: only with H; bit 13 (LCOFI, Sscofpmf) is optional */
#define MIDELEG_H        0x1444
#define MIDELEG_LCOFI    0x2000
#define SCAUSE_MARK      0x5a           /* put in scause to see that traps taken in M leave it */

#include "priv.h"

TEST_BEGIN
  csrr s11, mtvec
  csrr s10, stvec
  csrw mie, zero
  csrr s9, misa

  /* ---- medeleg: what sticks when all ones are written ---- */
  li t0, -1
  csrw medeleg, t0
  csrr s8, medeleg
  TEST_CASE(1, a0, MEDELEG_STANDARD, li t0, MEDELEG_STANDARD; and a0, s8, t0)
  /* reserved causes 14, 16-19, 24-63 read 0; medeleg[11] (ecall from M, which cannot be
   * delegated) is checked in priv_spec_corners.S: QEMU 7.2 lets it be set */
  TEST_CASE(2, a0, 0, li t0, 0xffffffffff0f4000; and a0, s8, t0)
  TEST_CASE(3, a0, 0, li t0, ~(MEDELEG_STANDARD | MEDELEG_H | (1 << CAUSE_MACHINE_ECALL)); and a0, s8, t0)
  li TESTNUM, 4
  andi t0, s9, MISA_H
  beqz t0, 1f
  li t0, MEDELEG_H
  and a0, s8, t0
  TEST_FAIL_IF_NE(a0, t0)
1:TEST_CASE(5, a0, 0, csrw medeleg, zero; csrr a0, medeleg)
  TEST_CASE(6, a0, (1 << CAUSE_BREAKPOINT), li t0, (1 << CAUSE_BREAKPOINT); csrw medeleg, t0; csrr a0, medeleg)
  csrw medeleg, zero

  /* ---- mideleg ---- */
  li t0, -1
  csrw mideleg, t0
  csrr s8, mideleg
  TEST_CASE(7, a0, MIDELEG_S, li t0, MIDELEG_S; and a0, s8, t0)
  TEST_CASE(8, a0, 0, li t0, MIDELEG_M; and a0, s8, t0)
  TEST_CASE(9, a0, 0, li t0, ~(MIDELEG_S | MIDELEG_H | MIDELEG_LCOFI); and a0, s8, t0)
  li TESTNUM, 10
  andi t0, s9, MISA_H
  beqz t0, 1f
  li t0, MIDELEG_H
  and a0, s8, t0
  TEST_FAIL_IF_NE(a0, t0)
  /* (with H, the VS-level and SGEI bits are read-only one) */
1:TEST_CASE(11, a0, 0, csrw mideleg, zero; csrr a0, mideleg; li t0, ~MIDELEG_H; and a0, a0, t0)

  /* ---- ecall from U delegated, with sstatus.SIE = 1 ---- */
  li TESTNUM, 12
  li t0, (1 << CAUSE_USER_ECALL)
  csrw medeleg, t0
  csrsi mstatus, MSTATUS_SIE
  li t0, MSTATUS_SPIE
  csrc mstatus, t0
  CATCH_S(3f)
  CATCH_M(1f)
  MRET_TO(PRV_U, 2f)
2:ecall                         /* delegated: to S */
  j test_fail
  .balign 4
3:ecall                         /* from S, not delegated: to M */
  j test_fail
  .balign 4
1:UNCATCH
  TEST_CASE(12, a0, CAUSE_SUPERVISOR_ECALL, csrr a0, mcause)
  TEST_CSR_ADDR(13, mepc, 3b)
  TEST_CASE(14, a0, CAUSE_USER_ECALL, csrr a0, scause)
  TEST_CSR_ADDR(15, sepc, 2b)
  TEST_CASE(16, a0, 0, csrr a0, stval)
  TEST_CASE(17, a0, PRV_U, GET_FIELD(a0, sstatus, 8, 1))      /* SPP */
  TEST_CASE(18, a0, 1, GET_FIELD(a0, sstatus, 5, 1))          /* SPIE = old SIE */
  TEST_CASE(19, a0, 0, GET_FIELD(a0, sstatus, 1, 1))          /* SIE */

  /* ---- the same with SIE = 0: SPIE = 0 ---- */
  li TESTNUM, 20
  csrci mstatus, MSTATUS_SIE
  li t0, MSTATUS_SPIE
  csrs mstatus, t0
  CATCH_S(3f)
  CATCH_M(1f)
  MRET_TO(PRV_U, 2f)
2:ecall
  j test_fail
  .balign 4
3:ecall
  j test_fail
  .balign 4
1:UNCATCH
  TEST_CASE(20, a0, CAUSE_USER_ECALL, csrr a0, scause)
  TEST_CASE(21, a0, 0, GET_FIELD(a0, sstatus, 5, 1))

  /* ---- illegal instruction in S, delegated: stval = the bits, SPP = S ---- */
  li TESTNUM, 22
  li t0, (1 << CAUSE_ILLEGAL_INSN)
  csrw medeleg, t0
  CATCH_S(3f)
  CATCH_M(1f)
  MRET_TO(PRV_S, 2f)
2:csrr a0, mstatus
  j test_fail
  .balign 4
3:ecall
  j test_fail
  .balign 4
1:UNCATCH
  TEST_CASE(22, a0, CAUSE_ILLEGAL_INSN, csrr a0, scause)
  TEST_CASE(23, a0, 0x30002573, csrr a0, stval)
  TEST_CSR_ADDR(24, sepc, 2b)
  TEST_CASE(25, a0, PRV_S, GET_FIELD(a0, sstatus, 8, 1))
  TEST_CASE(26, a0, CAUSE_SUPERVISOR_ECALL, csrr a0, mcause)
  TEST_CASE(27, a0, PRV_S, GET_FIELD(a0, mstatus, 11, 3))

  /* ---- ecall from S delegated (the trap stays in S); out through a non-delegated ebreak ---- */
  li TESTNUM, 28
  li t0, (1 << CAUSE_SUPERVISOR_ECALL)
  csrw medeleg, t0
  CATCH_S(3f)
  CATCH_M(1f)
  MRET_TO(PRV_S, 2f)
2:ecall
  j test_fail
  .balign 4
3:ebreak
  j test_fail
  .balign 4
1:UNCATCH
  TEST_CASE(28, a0, CAUSE_BREAKPOINT, csrr a0, mcause)
  TEST_CSR_ADDR(29, mepc, 3b)
  TEST_CASE(30, a0, CAUSE_SUPERVISOR_ECALL, csrr a0, scause)
  TEST_CSR_ADDR(31, sepc, 2b)
  TEST_CASE(32, a0, PRV_S, GET_FIELD(a0, sstatus, 8, 1))

  /* ---- exceptions raised in M are never delegated, whatever medeleg says ---- */
  li t0, -1
  csrw medeleg, t0
  li t0, SCAUSE_MARK
  csrw scause, t0
  CATCH_S(test_fail)
  li TESTNUM, 33
  CATCH_M(1f)
2:.word 0x0000005b
  j test_fail
  .balign 4
1:TEST_CASE(33, a0, CAUSE_ILLEGAL_INSN, csrr a0, mcause)
  TEST_CASE(34, a0, 0x0000005b, csrr a0, mtval)
  TEST_CSR_ADDR(35, mepc, 2b)
  li TESTNUM, 36
  CATCH_M(1f)
  ecall
  j test_fail
  .balign 4
1:TEST_CASE(36, a0, CAUSE_MACHINE_ECALL, csrr a0, mcause)
  li TESTNUM, 37
  CATCH_M(1f)
  ebreak
  j test_fail
  .balign 4
1:UNCATCH
  TEST_CASE(37, a0, CAUSE_BREAKPOINT, csrr a0, mcause)
  TEST_CASE(38, a0, SCAUSE_MARK, csrr a0, scause)

  /* ---- delegation is per cause: breakpoints not delegated go to M even from U ---- */
  li TESTNUM, 39
  li t0, (1 << CAUSE_ILLEGAL_INSN) | (1 << CAUSE_USER_ECALL)
  csrw medeleg, t0
  CATCH_S(test_fail)
  CATCH_M(1f)
  MRET_TO(PRV_U, 2f)
2:ebreak
  j test_fail
  .balign 4
1:UNCATCH
  TEST_CASE(39, a0, CAUSE_BREAKPOINT, csrr a0, mcause)
  TEST_CASE(40, a0, PRV_U, GET_FIELD(a0, mstatus, 11, 3))
  TEST_CASE(41, a0, SCAUSE_MARK, csrr a0, scause)

  /* ---- a delegated ebreak from U handled in S, which srets back to U; U then ecalls into M
   * (user ecalls not delegated): U resumed after the ebreak, SIE came back from SPIE ---- */
  li TESTNUM, 42
  li t0, (1 << CAUSE_BREAKPOINT)
  csrw medeleg, t0
  csrsi mstatus, MSTATUS_SIE
  CATCH_S(3f)
  CATCH_M(1f)
  MRET_TO(PRV_U, 2f)
2:.word 0x00100073             /* ebreak, 4 bytes (the assembler would compress it) */
4:ecall
  j test_fail
  .balign 4
3:csrr t0, sepc
  addi t0, t0, 4
  csrw sepc, t0
  sret
  .balign 4
1:UNCATCH
  TEST_CASE(42, a0, CAUSE_USER_ECALL, csrr a0, mcause)
  TEST_CSR_ADDR(43, mepc, 4b)
  TEST_CASE(44, a0, CAUSE_BREAKPOINT, csrr a0, scause)
  TEST_CASE(45, a0, 1, GET_FIELD(a0, sstatus, 1, 1))          /* SIE <- SPIE */
  TEST_CASE(46, a0, 1, GET_FIELD(a0, sstatus, 5, 1))          /* SPIE <- 1 */
  TEST_CASE(47, a0, PRV_U, GET_FIELD(a0, sstatus, 8, 1))      /* SPP <- U */
  csrci mstatus, MSTATUS_SIE

  /* ---- vectored stvec: synchronous exceptions still go to BASE ---- */
  li TESTNUM, 48
  li t0, (1 << CAUSE_USER_ECALL)
  csrw medeleg, t0
  la t0, s_vectors
  ori t0, t0, 1
  csrw stvec, t0
  li s7, 0
  CATCH_M(1f)
  MRET_TO(PRV_U, 2f)
2:ecall
  j test_fail
  .balign 4
1:UNCATCH
  TEST_CASE(48, a0, CAUSE_USER_ECALL, csrr a0, scause)
  TEST_CASE(49, s7, 1, )                           /* entry 0 of the table ran */
  TEST_CASE(50, a0, CAUSE_SUPERVISOR_ECALL, csrr a0, mcause)
  csrw medeleg, zero
TEST_END

/* stvec vector table (4-byte entries, so no compressed jumps): entry 0 takes exceptions. */
  .text
  .option push
  .option norvc
  .balign 256
s_vectors:
  j s_vector_0
  j test_fail
  j test_fail
  j test_fail
  .option pop
s_vector_0:
  li s7, 1
  ecall
  j test_fail
