/* Trap entry and return in M-mode (privileged spec v1.12, 3.1.6, 3.3.2, 3.1.14-3.1.16):
 * mcause/mepc/mtval and the MPP/MPIE/MIE stack for exceptions taken in M from M, S and U;
 * mret and sret restoring the interrupt enables and the privilege (mret to M keeping MPRV; xRET
 * to S/U clearing it is in priv_spec_corners.S); the causes of ecall, ebreak and illegal
 * instructions (tval = the instruction bits, 32- and 16-bit).
 *
 * The body runs in M and moves between modes itself: CATCH_M(label) points mtvec (direct
 * mode) at a label of the body, so the next trap simply continues there, in M, with every trap
 * CSR intact; s11 keeps the harness's mtvec to restore afterwards. No paging: satp is Bare and
 * the harness's PMP entry 0 gives S and U all of memory.
 */
#include "test.h"

TEST_ONLY_M

#define UNCATCH_M           csrw mtvec, s11
/* mret from M into privilege prv at label (MPIE untouched). */
/* reg = (csr >> shift) & mask */
#define GET_FIELD(reg, csr, shift, mask) csrr reg, csr; srli reg, reg, shift; andi reg, reg, mask
/* Case n: csr must hold the address of label. */
#define TEST_CSR_ADDR(n, csr, label) \
  li TESTNUM, n; csrr a0, csr; la a1, label; TEST_FAIL_IF_NE(a0, a1)
#define MSTATUS_MPRV_SHIFT 17

#include "priv.h"

TEST_BEGIN
  csrr s11, mtvec
  csrw mie, zero                    /* no interrupt may fire while MIE is toggled below */

  /* ---- ecall in M with MIE = 1: MPIE <- 1, MIE <- 0, MPP <- M ---- */
  li TESTNUM, 1
  csrsi mstatus, MSTATUS_MIE
  CATCH_M(1f)
2:ecall
  j test_fail
  .balign 4
1:UNCATCH_M
  TEST_CASE(1, a0, CAUSE_MACHINE_ECALL, csrr a0, mcause)
  TEST_CSR_ADDR(2, mepc, 2b)
  TEST_CASE(3, a0, 0, csrr a0, mtval)
  TEST_CASE(4, a0, PRV_M, GET_FIELD(a0, mstatus, 11, 3))
  TEST_CASE(5, a0, 1, GET_FIELD(a0, mstatus, 7, 1))
  TEST_CASE(6, a0, 0, GET_FIELD(a0, mstatus, 3, 1))

  /* ---- ecall in M with MIE = 0: MPIE <- 0 ---- */
  li TESTNUM, 7
  li t0, MSTATUS_MPIE
  csrs mstatus, t0
  csrci mstatus, MSTATUS_MIE
  CATCH_M(1f)
  ecall
  j test_fail
  .balign 4
1:UNCATCH_M
  TEST_CASE(7, a0, 0, GET_FIELD(a0, mstatus, 7, 1))
  TEST_CASE(8, a0, CAUSE_MACHINE_ECALL, csrr a0, mcause)

  /* ---- ecall from S (entered with MPIE = 1, so S runs with MIE = 1) ---- */
  li TESTNUM, 9
  li t0, MSTATUS_MPIE
  csrs mstatus, t0
  CATCH_M(1f)
  MRET_TO(PRV_S, 2f)
2:ecall
  j test_fail
  .balign 4
1:UNCATCH_M
  TEST_CASE(9, a0, CAUSE_SUPERVISOR_ECALL, csrr a0, mcause)
  TEST_CSR_ADDR(10, mepc, 2b)
  TEST_CASE(11, a0, PRV_S, GET_FIELD(a0, mstatus, 11, 3))
  TEST_CASE(12, a0, 1, GET_FIELD(a0, mstatus, 7, 1))
  TEST_CASE(13, a0, 0, GET_FIELD(a0, mstatus, 3, 1))
  TEST_CASE(14, a0, 0, csrr a0, mtval)

  /* ---- ecall from S entered with MPIE = 0: MPIE stays 0 ---- */
  li TESTNUM, 15
  li t0, MSTATUS_MPIE
  csrc mstatus, t0
  CATCH_M(1f)
  MRET_TO(PRV_S, 2f)
2:ecall
  j test_fail
  .balign 4
1:UNCATCH_M
  TEST_CASE(15, a0, 0, GET_FIELD(a0, mstatus, 7, 1))

  /* ---- ecall from U ---- */
  li TESTNUM, 16
  CATCH_M(1f)
  MRET_TO(PRV_U, 2f)
2:ecall
  j test_fail
  .balign 4
1:UNCATCH_M
  TEST_CASE(16, a0, CAUSE_USER_ECALL, csrr a0, mcause)
  TEST_CSR_ADDR(17, mepc, 2b)
  TEST_CASE(18, a0, PRV_U, GET_FIELD(a0, mstatus, 11, 3))
  TEST_CASE(19, a0, 0, csrr a0, mtval)

  /* ---- ebreak (32-bit and compressed) from M, S and U: cause 3, epc = the ebreak ---- */
  li TESTNUM, 20
  CATCH_M(1f)
2:.word 0x00100073              /* ebreak, not compressed */
  j test_fail
  .balign 4
1:UNCATCH_M
  TEST_CASE(20, a0, CAUSE_BREAKPOINT, csrr a0, mcause)
  TEST_CSR_ADDR(21, mepc, 2b)

  li TESTNUM, 22
  CATCH_M(1f)
  MRET_TO(PRV_S, 2f)
2:.word 0x00100073              /* ebreak, not compressed */
  j test_fail
  .balign 4
1:UNCATCH_M
  TEST_CASE(22, a0, CAUSE_BREAKPOINT, csrr a0, mcause)
  TEST_CSR_ADDR(23, mepc, 2b)
  TEST_CASE(24, a0, PRV_S, GET_FIELD(a0, mstatus, 11, 3))

  li TESTNUM, 25
  CATCH_M(1f)
  MRET_TO(PRV_U, 2f)
2:c.ebreak
  j test_fail
  .balign 4
1:UNCATCH_M
  TEST_CASE(25, a0, CAUSE_BREAKPOINT, csrr a0, mcause)
  TEST_CSR_ADDR(26, mepc, 2b)
  TEST_CASE(27, a0, PRV_U, GET_FIELD(a0, mstatus, 11, 3))

  /* ---- illegal instructions: tval = the instruction bits, 16-bit ones zero-extended ---- */
  li TESTNUM, 28
  CATCH_M(1f)
  MRET_TO(PRV_U, 2f)
2:csrr a0, mstatus                 /* M CSR from U */
  j test_fail
  .balign 4
1:UNCATCH_M
  TEST_CASE(28, a0, CAUSE_ILLEGAL_INSN, csrr a0, mcause)
  TEST_CASE(29, a0, 0x30002573, csrr a0, mtval)
  TEST_CSR_ADDR(30, mepc, 2b)

  /* C.ADDI4SPN with a zero immediate is reserved; the parcel after it (c.nop) is not part of
   * the instruction, so it must not show up in tval. */
  li TESTNUM, 31
  CATCH_M(1f)
  MRET_TO(PRV_S, 2f)
2:.2byte 0x0004
  .2byte 0x0001
  j test_fail
  .balign 4
1:UNCATCH_M
  TEST_CASE(31, a0, CAUSE_ILLEGAL_INSN, csrr a0, mcause)
  TEST_CASE(32, a0, 0x0004, csrr a0, mtval)
  TEST_CSR_ADDR(33, mepc, 2b)

  /* C.LUI with a zero immediate is reserved (in M) */
  li TESTNUM, 34
  CATCH_M(1f)
2:.2byte 0x6081
  .2byte 0x0001
  j test_fail
  .balign 4
1:UNCATCH_M
  TEST_CASE(34, a0, CAUSE_ILLEGAL_INSN, csrr a0, mcause)
  TEST_CASE(35, a0, 0x6081, csrr a0, mtval)

  /* the all-zero parcel from U: tval 0 */
  li TESTNUM, 36
  li t0, -1
  csrw mtval, t0
  CATCH_M(1f)
  MRET_TO(PRV_U, 2f)
2:.2byte 0x0000
  .2byte 0x0001
  j test_fail
  .balign 4
1:UNCATCH_M
  TEST_CASE(36, a0, CAUSE_ILLEGAL_INSN, csrr a0, mcause)
  TEST_CASE(37, a0, 0, csrr a0, mtval)
  TEST_CSR_ADDR(38, mepc, 2b)

  /* a 32-bit unknown opcode (custom-1) from S */
  li TESTNUM, 39
  CATCH_M(1f)
  MRET_TO(PRV_S, 2f)
2:.word 0x0000005b
  j test_fail
  .balign 4
1:UNCATCH_M
  TEST_CASE(39, a0, CAUSE_ILLEGAL_INSN, csrr a0, mcause)
  TEST_CASE(40, a0, 0x0000005b, csrr a0, mtval)

  /* ---- mret to M: MIE <- MPIE, MPIE <- 1, MPP <- U (the least-privileged mode) ---- */
  li TESTNUM, 41
  li t0, MSTATUS_MPIE
  csrs mstatus, t0
  csrci mstatus, MSTATUS_MIE
  MRET_TO(PRV_M, 2f)
2:TEST_CASE(41, a0, 1, GET_FIELD(a0, mstatus, 3, 1))
  TEST_CASE(42, a0, 1, GET_FIELD(a0, mstatus, 7, 1))
  TEST_CASE(43, a0, PRV_U, GET_FIELD(a0, mstatus, 11, 3))
  csrci mstatus, MSTATUS_MIE

  li TESTNUM, 44
  li t0, MSTATUS_MPIE
  csrc mstatus, t0
  csrsi mstatus, MSTATUS_MIE
  MRET_TO(PRV_M, 2f)
2:TEST_CASE(44, a0, 0, GET_FIELD(a0, mstatus, 3, 1))
  TEST_CASE(45, a0, 1, GET_FIELD(a0, mstatus, 7, 1))

  /* ---- mret privilege: S then U, checked by the ecall cause ---- */
  li TESTNUM, 46
  CATCH_M(1f)
  MRET_TO(PRV_S, 2f)
2:ecall
  .balign 4
1:UNCATCH_M
  TEST_CASE(46, a0, CAUSE_SUPERVISOR_ECALL, csrr a0, mcause)
  li TESTNUM, 47
  CATCH_M(1f)
  MRET_TO(PRV_U, 2f)
2:ecall
  .balign 4
1:UNCATCH_M
  TEST_CASE(47, a0, CAUSE_USER_ECALL, csrr a0, mcause)

  /* ---- mret to M keeps MPRV (clearing it on xRET to S/U is checked in priv_spec_corners) ---- */
  li TESTNUM, 48
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  /* MPP becomes U after this mret, so M's own loads/stores now use U's PMP rights (all). */
  MRET_TO(PRV_M, 2f)
2:csrr a0, mstatus
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  srli a0, a0, MSTATUS_MPRV_SHIFT
  andi a0, a0, 1
  TEST_CASE(48, a0, 1, )
  /* sret (legal in M) with SPP = U goes to U */
  li TESTNUM, 49
  li t0, MSTATUS_SPP
  csrc mstatus, t0
  la t0, 2f
  csrw sepc, t0
  CATCH_M(1f)
  sret
2:ecall
  .balign 4
1:UNCATCH_M
  TEST_CASE(49, a0, CAUSE_USER_ECALL, csrr a0, mcause)
  TEST_CASE(50, a0, PRV_U, GET_FIELD(a0, mstatus, 11, 3))

  /* ---- sret: SIE <- SPIE, SPIE <- 1, SPP <- U, privilege <- SPP ---- */
  li TESTNUM, 51
  li t0, MSTATUS_SPP | MSTATUS_SPIE
  csrs mstatus, t0
  csrci mstatus, MSTATUS_SIE
  la t0, 2f
  csrw sepc, t0
  CATCH_M(1f)
  sret
2:ecall
  j test_fail
  .balign 4
1:UNCATCH_M
  TEST_CASE(51, a0, CAUSE_SUPERVISOR_ECALL, csrr a0, mcause)
  TEST_CASE(52, a0, 1, GET_FIELD(a0, sstatus, 1, 1))
  TEST_CASE(53, a0, 1, GET_FIELD(a0, sstatus, 5, 1))
  TEST_CASE(54, a0, 0, GET_FIELD(a0, sstatus, 8, 1))
  TEST_CSR_ADDR(55, mepc, 2b)
  /* SPIE = 0, SPP = U: lands in U with SIE = 0 */
  li TESTNUM, 56
  li t0, MSTATUS_SPP | MSTATUS_SPIE
  csrc mstatus, t0
  csrsi mstatus, MSTATUS_SIE
  la t0, 2f
  csrw sepc, t0
  CATCH_M(1f)
  sret
2:ecall
  j test_fail
  .balign 4
1:UNCATCH_M
  TEST_CASE(56, a0, CAUSE_USER_ECALL, csrr a0, mcause)
  TEST_CASE(57, a0, 0, GET_FIELD(a0, sstatus, 1, 1))
  TEST_CASE(58, a0, 1, GET_FIELD(a0, sstatus, 5, 1))
  /* sret executed in S itself (SPP = S): stays in S and pops SIE */
  li TESTNUM, 59
  li t0, MSTATUS_SPP | MSTATUS_SPIE
  csrs mstatus, t0
  csrci mstatus, MSTATUS_SIE
  la t0, 3f
  csrw sepc, t0
  CATCH_M(1f)
  MRET_TO(PRV_S, 2f)
2:sret
  j test_fail
3:ecall
  j test_fail
  .balign 4
1:UNCATCH_M
  TEST_CASE(59, a0, CAUSE_SUPERVISOR_ECALL, csrr a0, mcause)
  TEST_CSR_ADDR(60, mepc, 3b)
  TEST_CASE(61, a0, 1, GET_FIELD(a0, sstatus, 1, 1))
  csrci mstatus, MSTATUS_SIE

  /* ---- mret executed with a trap CSR written by software: mepc goes to the pc ---- */
  li TESTNUM, 62
  la t0, 2f
  csrw mepc, t0
  li t0, MSTATUS_MPP
  csrs mstatus, t0
  li a0, 0
  mret
  li a0, 1                          /* skipped */
2:TEST_CASE(62, a0, 0, )
TEST_END
