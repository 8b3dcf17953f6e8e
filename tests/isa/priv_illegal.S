/* Instructions and CSR accesses that are illegal because of the privilege they run at or of a
 * trap-virtualization bit (privileged spec v1.12, 2.1, 3.1.6.5, 3.3.2, 3.3.3): mret below M,
 * sret in U and in S with TSR = 1, wfi in U and in S with TW = 1, sfence.vma in U and in S with
 * TVM = 1, satp in S with TVM = 1, CSRs above the current privilege, writes to read-only CSRs
 * (and the legal read-only accesses: csrrs/csrrc with rs1 = x0, csrrsi/csrrci with uimm = 0).
 * Every illegal instruction traps to M with cause 2, tval = the instruction, epc = its address.
 *
 * The body runs in M; TEST_TRAP_IN / TEST_OK_IN mret into the mode under test and catch the
 * next trap at a label of the body (mtvec in direct mode; s11 = the harness's mtvec).
 */
#include "test.h"

TEST_ONLY_M

#define UNCATCH_M           csrw mtvec, s11
/* Case n: the single instruction insn, run in privilege prv, raises cause with tval. */
#define TEST_TRAP_IN(n, prv, cause, tval, insn...) \
  li TESTNUM, n; CATCH_M(9801f); MRET_TO(prv, 9802f); \
  9802: insn; j test_fail; .balign 4; \
  9801: UNCATCH_M; \
  csrr t5, mcause; li t6, cause; TEST_FAIL_IF_NE(t5, t6); \
  csrr t5, mtval; li t6, tval; TEST_FAIL_IF_NE(t5, t6); \
  csrr t5, mepc; la t6, 9802b; TEST_FAIL_IF_NE(t5, t6)
/* Case n: code, run in privilege prv, does not trap (the ecall after it is the first trap). */
#define TEST_OK_IN(n, prv, code...) \
  li TESTNUM, n; CATCH_M(9801f); MRET_TO(prv, 9802f); \
  9802: code; 9803: ecall; j test_fail; .balign 4; \
  9801: UNCATCH_M; \
  csrr t5, mcause; li t6, CAUSE_USER_ECALL + (prv); TEST_FAIL_IF_NE(t5, t6); \
  csrr t5, mepc; la t6, 9803b; TEST_FAIL_IF_NE(t5, t6)

#define MSTATUS_TVM (1 << 20)
#define MSTATUS_TW  (1 << 21)
#define MSTATUS_TSR (1 << 22)
#define MIP_SSIP    (1 << 1)

/* Instruction encodings, for tval */
#define INSN_MRET        0x30200073
#define INSN_SRET        0x10200073
#define INSN_WFI         0x10500073
#define INSN_SFENCE_VMA  0x12000073     /* sfence.vma x0, x0 */
#define INSN_SFENCE_A0   0x12050073     /* sfence.vma a0, x0 */
#define CSRR_A0(csr)     (((csr) << 20) | 0x2573)        /* csrrs a0, csr, x0 */
#define CSRW_A0(csr)     (((csr) << 20) | 0x51073)       /* csrrw x0, csr, a0 */

#include "priv.h"

TEST_BEGIN
  csrr s11, mtvec
  csrw mie, zero
  csrw mideleg, zero
  csrw medeleg, zero

  /* ---- xRET ---- */
  TEST_TRAP_IN(1, PRV_S, CAUSE_ILLEGAL_INSN, INSN_MRET, mret)
  TEST_TRAP_IN(2, PRV_U, CAUSE_ILLEGAL_INSN, INSN_MRET, mret)
  TEST_TRAP_IN(3, PRV_U, CAUSE_ILLEGAL_INSN, INSN_SRET, sret)
  li t0, MSTATUS_TSR
  csrs mstatus, t0
  TEST_TRAP_IN(4, PRV_S, CAUSE_ILLEGAL_INSN, INSN_SRET, sret)
  TEST_TRAP_IN(5, PRV_U, CAUSE_ILLEGAL_INSN, INSN_SRET, sret)
  /* TSR does not apply to M: sret in M goes to S at sepc */
  li TESTNUM, 6
  li t0, MSTATUS_SPP
  csrs mstatus, t0
  la t0, 2f
  csrw sepc, t0
  CATCH_M(1f)
  sret
2:ecall
  j test_fail
  .balign 4
1:UNCATCH_M
  TEST_CASE(6, a0, CAUSE_SUPERVISOR_ECALL, csrr a0, mcause)
  li t0, MSTATUS_TSR
  csrc mstatus, t0
  /* TSR = 0: sret in S is legal (SPP = S: it returns to S at sepc) */
  li t0, MSTATUS_SPP
  csrs mstatus, t0
  TEST_OK_IN(7, PRV_S, la t0, 1f; csrw sepc, t0; sret; j test_fail; 1: nop)

  /* ---- wfi: illegal in U whatever TW is (S-mode exists); in S only with TW = 1 ---- */
  TEST_TRAP_IN(8, PRV_U, CAUSE_ILLEGAL_INSN, INSN_WFI, wfi)
  li t0, MSTATUS_TW
  csrs mstatus, t0
  TEST_TRAP_IN(9, PRV_U, CAUSE_ILLEGAL_INSN, INSN_WFI, wfi)
  TEST_TRAP_IN(10, PRV_S, CAUSE_ILLEGAL_INSN, INSN_WFI, wfi)
  /* Legal wfi must also return: leave a delegated SSIP pending and enabled in sie while
   * sstatus.SIE = 0, so it cannot be taken in S but still wakes the hart. */
  li t0, MIP_SSIP
  csrs mideleg, t0
  csrs mie, t0
  csrs mip, t0
  csrci mstatus, MSTATUS_SIE
  /* TW does not apply to M; MIE = 0 so the pending interrupt is not taken in M either */
  csrci mstatus, MSTATUS_MIE
  TEST_OK_IN(11, PRV_M, wfi)
  li t0, MSTATUS_TW
  csrc mstatus, t0
  TEST_OK_IN(12, PRV_S, wfi)
  li t0, MIP_SSIP
  csrc mip, t0
  csrc mie, t0
  csrc mideleg, t0

  /* ---- sfence.vma and satp ---- */
  TEST_TRAP_IN(13, PRV_U, CAUSE_ILLEGAL_INSN, INSN_SFENCE_VMA, sfence.vma)
  TEST_TRAP_IN(14, PRV_U, CAUSE_ILLEGAL_INSN, INSN_SFENCE_A0, sfence.vma a0)
  TEST_OK_IN(15, PRV_S, sfence.vma; sfence.vma a0; sfence.vma a0, a1)
  TEST_OK_IN(16, PRV_S, csrr a0, satp; csrw satp, a0)
  TEST_TRAP_IN(17, PRV_U, CAUSE_ILLEGAL_INSN, CSRR_A0(0x180), csrr a0, satp)
  li t0, MSTATUS_TVM
  csrs mstatus, t0
  TEST_TRAP_IN(18, PRV_S, CAUSE_ILLEGAL_INSN, INSN_SFENCE_VMA, sfence.vma)
  TEST_TRAP_IN(19, PRV_S, CAUSE_ILLEGAL_INSN, INSN_SFENCE_A0, sfence.vma a0)
  TEST_TRAP_IN(20, PRV_S, CAUSE_ILLEGAL_INSN, CSRR_A0(0x180), csrr a0, satp)
  TEST_TRAP_IN(21, PRV_S, CAUSE_ILLEGAL_INSN, CSRW_A0(0x180), csrw satp, a0)
  /* TVM does not apply to M */
  TEST_OK_IN(22, PRV_M, sfence.vma; csrr a0, satp; csrw satp, a0)
  li t0, MSTATUS_TVM
  csrc mstatus, t0
  /* other S CSRs stay accessible under TVM: it only traps satp and sfence.vma */
  li t0, MSTATUS_TVM
  csrs mstatus, t0
  TEST_OK_IN(23, PRV_S, csrr a0, sstatus; csrw sscratch, a0; csrr a0, stvec)
  li t0, MSTATUS_TVM
  csrc mstatus, t0

  /* ---- CSR privilege: bits 9:8 of the number are the lowest privilege allowed ---- */
  TEST_TRAP_IN(24, PRV_S, CAUSE_ILLEGAL_INSN, CSRR_A0(0x300), csrr a0, mstatus)
  TEST_TRAP_IN(25, PRV_S, CAUSE_ILLEGAL_INSN, CSRW_A0(0x340), csrw mscratch, a0)
  TEST_TRAP_IN(26, PRV_S, CAUSE_ILLEGAL_INSN, CSRR_A0(0xf14), csrr a0, mhartid)
  TEST_TRAP_IN(27, PRV_S, CAUSE_ILLEGAL_INSN, CSRR_A0(0xb02), csrr a0, minstret)
  TEST_TRAP_IN(28, PRV_S, CAUSE_ILLEGAL_INSN, CSRR_A0(0x3a0), csrr a0, pmpcfg0)
  TEST_TRAP_IN(29, PRV_U, CAUSE_ILLEGAL_INSN, CSRR_A0(0x100), csrr a0, sstatus)
  TEST_TRAP_IN(30, PRV_U, CAUSE_ILLEGAL_INSN, CSRW_A0(0x140), csrw sscratch, a0)
  TEST_TRAP_IN(31, PRV_U, CAUSE_ILLEGAL_INSN, CSRR_A0(0x341), csrr a0, mepc)
  TEST_TRAP_IN(32, PRV_U, CAUSE_ILLEGAL_INSN, CSRR_A0(0x105), csrr a0, stvec)
  /* a write with rd = x0 is just as illegal */
  TEST_TRAP_IN(33, PRV_S, CAUSE_ILLEGAL_INSN, 0x34051073, csrrw x0, mscratch, a0)
  /* S reaches its own CSRs, U its own (fflags: FS is dirty) */
  TEST_OK_IN(34, PRV_S, li a0, 0x5a5a; csrw sscratch, a0; csrr a1, sscratch; bne a0, a1, test_fail)
  TEST_OK_IN(35, PRV_U, csrwi fflags, 3; csrr a1, fflags; li a0, 3; bne a0, a1, test_fail; csrwi fflags, 0)
  /* a CSR number that does not exist */
  TEST_TRAP_IN(36, PRV_M, CAUSE_ILLEGAL_INSN, CSRR_A0(0x7c5), csrr a0, 0x7c5)
  /* RV32-only high halves do not exist in RV64 */
  TEST_TRAP_IN(37, PRV_M, CAUSE_ILLEGAL_INSN, CSRR_A0(0xc80), csrr a0, 0xc80)
  TEST_TRAP_IN(38, PRV_M, CAUSE_ILLEGAL_INSN, CSRR_A0(0x3a1), csrr a0, pmpcfg1)

  /* ---- read-only CSRs (bits 11:10 = 3): any write is illegal, even in M ---- */
  TEST_TRAP_IN(39, PRV_M, CAUSE_ILLEGAL_INSN, 0xf1401073, csrw mhartid, x0)
  TEST_TRAP_IN(40, PRV_M, CAUSE_ILLEGAL_INSN, 0xc0001073, csrw cycle, x0)
  TEST_TRAP_IN(41, PRV_M, CAUSE_ILLEGAL_INSN, 0xc020d073, csrwi instret, 1)
  TEST_TRAP_IN(42, PRV_M, CAUSE_ILLEGAL_INSN, 0xc010e573, csrrsi a0, time, 1)
  TEST_TRAP_IN(43, PRV_M, CAUSE_ILLEGAL_INSN, 0xf1157573, csrrci a0, mvendorid, 10)
  li a1, 1
  TEST_TRAP_IN(44, PRV_M, CAUSE_ILLEGAL_INSN, 0xf125b573, csrrc a0, marchid, a1)
  TEST_TRAP_IN(45, PRV_S, CAUSE_ILLEGAL_INSN, 0xc0059573, csrrw a0, cycle, a1)
  /* ... while reads that write nothing are legal: rs1 = x0 or uimm = 0 */
  TEST_OK_IN(46, PRV_M, li a0, 1; csrrs a0, mhartid, x0; bnez a0, test_fail)
  TEST_OK_IN(47, PRV_M, li a0, 1; csrrc a0, mhartid, x0; bnez a0, test_fail)
  TEST_OK_IN(48, PRV_M, csrrsi a0, cycle, 0; csrrci a0, instret, 0; csrrs x0, time, x0)
  TEST_OK_IN(49, PRV_M, csrr a0, mvendorid; csrr a0, marchid; csrr a0, mimpid)
  TEST_OK_IN(50, PRV_S, csrrsi a0, cycle, 0; csrrc a0, time, x0; csrr a0, instret)
  TEST_OK_IN(51, PRV_U, csrrsi a0, cycle, 0; csrrc a0, time, x0; csrr a0, instret)

  /* mhartid reads 0 on hart 0 */
  TEST_CASE(52, a0, 0, li a0, 1; csrr a0, mhartid)
TEST_END
