/* Interrupts (privileged spec v1.12, 3.1.6.1, 3.1.9, 3.3.3, 3.2.1; CLINT of the virt board):
 * which privilege takes an interrupt (M never takes delegated S interrupts; M interrupts are
 * always taken from S/U; S interrupts are taken in U whatever SIE is), priorities (MSI > MTI >
 * SEI, SSI > STI, an interrupt for M before one for S; the full MSI > MTI > SEI > SSI > STI
 * order is in priv_spec_corners.S), vectored mtvec/stvec, WFI waking with MIE = 0, the machine
 * timer (mtime/mtimecmp, MTIP) and the mip/sip/sie views.
 *
 * Interrupt sources: CLINT msip (MSIP), CLINT mtimecmp vs mtime (MTIP), and mip.SSIP/STIP/SEIP,
 * which M can write. The body runs in M with its own handlers (irq_m_log/irq_s_log): each one
 * logs (xcause, xepc) at s6, advances s6, clears the interrupt's bit in mie and returns; they
 * use only t3 and t4. CATCH_M(label) points mtvec at a label of the body for the ecall that ends
 * a visit to S or U (s11 = the harness's mtvec).
 */
#include "test.h"

TEST_ONLY_M

#define GET_FIELD(reg, csr, shift, mask) csrr reg, csr; srli reg, reg, shift; andi reg, reg, mask
#define USE_LOG_HANDLERS \
  la t0, irq_m_log; csrw mtvec, t0; la t0, irq_s_log; csrw stvec, t0; la s6, irq_log
/* Case n: log entry i (0-based: entry i = 16 bytes, cause then epc) holds cause */
#define TEST_LOG_CAUSE(n, i, cause) TEST_CASE(n, a0, cause, la t0, irq_log; ld a0, (i) * 16(t0))
#define TEST_LOG_EPC(n, i, label) \
  li TESTNUM, n; la t0, irq_log; ld a0, (i) * 16 + 8(t0); la a1, label; TEST_FAIL_IF_NE(a0, a1)
/* Case n: number of log entries */
#define TEST_LOG_COUNT(n, count) TEST_CASE(n, a0, count, la t0, irq_log; sub a0, s6, t0; srli a0, a0, 4)

#define CLINT_MSIP     0x2000000
#define CLINT_MTIMECMP 0x2004000
#define CLINT_MTIME    0x200bff8

#define IRQ            (1 << 63)
#define IRQ_SSI        1
#define IRQ_STI        5
#define IRQ_SEI        9
#define IRQ_MSI        3
#define IRQ_MTI        7
#define MIP_SSIP       (1 << IRQ_SSI)
#define MIP_STIP       (1 << IRQ_STI)
#define MIP_SEIP       (1 << IRQ_SEI)
#define MIP_MSIP       (1 << IRQ_MSI)
#define MIP_MTIP       (1 << IRQ_MTI)
#define WAIT_LIMIT     1000000         /* wfi loop bound: a lost wake-up fails instead of hanging */

#include "priv.h"

TEST_BEGIN
  csrr s11, mtvec
  csrw mie, zero
  csrw mideleg, zero
  csrw medeleg, zero
  csrw mip, zero
  li t0, CLINT_MTIMECMP
  li t1, -1
  sd t1, 0(t0)                       /* no timer interrupt pending */
  fence

  /* ---- mip: SSIP, STIP, SEIP are writable from M; MSIP, MTIP are not ---- */
  TEST_CASE(1, a0, MIP_SSIP | MIP_STIP | MIP_SEIP, li t0, -1; csrw mip, t0; csrr a0, mip; \
            li t0, MIP_SSIP | MIP_STIP | MIP_SEIP | MIP_MSIP | MIP_MTIP; and a0, a0, t0)
  TEST_CASE(2, a0, 0, csrw mip, zero; csrr a0, mip; andi a0, a0, 0x2aa)
  /* MSIP follows the CLINT msip register */
  TEST_CASE(3, a0, MIP_MSIP, li t0, CLINT_MSIP; li t1, 1; sw t1, 0(t0); fence; csrr a0, mip; andi a0, a0, MIP_MSIP)
  TEST_CASE(4, a0, 0, li t0, CLINT_MSIP; sw zero, 0(t0); fence; csrr a0, mip; andi a0, a0, MIP_MSIP)

  /* ---- in M, MIE = 0 blocks M's own interrupts; setting MIE takes them at once ---- */
  USE_LOG_HANDLERS
  li t0, MIP_SSIP
  csrs mie, t0
  csrs mip, t0
  nop
  nop
  TEST_LOG_COUNT(5, 0)
  csrsi mstatus, MSTATUS_MIE
1:csrci mstatus, MSTATUS_MIE
  TEST_LOG_COUNT(6, 1)
  TEST_LOG_CAUSE(7, 0, IRQ | IRQ_SSI)
  TEST_LOG_EPC(8, 0, 1b)
  csrw mip, zero

  /* ---- priority among pending and enabled interrupts (MEI > MSI > MTI > SEI > SSI > STI).
   * QEMU 7.2 takes the lowest-numbered one first, which agrees with the spec only within
   * {MSI, MTI, SEI} and within {SSI, STI}: those are checked here, the full order of all five
   * in priv_spec_corners.S. ---- */
  USE_LOG_HANDLERS
  li t0, MIP_SEIP | MIP_MSIP | MIP_MTIP
  csrw mie, t0
  li t0, MIP_SEIP
  csrw mip, t0
  li t0, CLINT_MSIP
  li t1, 1
  sw t1, 0(t0)
  li t0, CLINT_MTIMECMP
  sd zero, 0(t0)                       /* mtime >= 0: MTIP at once */
  fence
  TEST_CASE(9, a0, MIP_SEIP | MIP_MSIP | MIP_MTIP, csrr a0, mip; andi a0, a0, 0x2aa)
  csrsi mstatus, MSTATUS_MIE
  nop
  csrci mstatus, MSTATUS_MIE
  TEST_LOG_COUNT(10, 3)
  TEST_LOG_CAUSE(11, 0, IRQ | IRQ_MSI)
  TEST_LOG_CAUSE(12, 1, IRQ | IRQ_MTI)
  TEST_LOG_CAUSE(13, 2, IRQ | IRQ_SEI)
  csrw mip, zero
  /* SSI before STI */
  USE_LOG_HANDLERS
  li t0, MIP_SSIP | MIP_STIP
  csrw mie, t0
  csrs mip, t0
  csrsi mstatus, MSTATUS_MIE
  nop
  csrci mstatus, MSTATUS_MIE
  TEST_LOG_COUNT(14, 2)
  TEST_LOG_CAUSE(15, 0, IRQ | IRQ_SSI)
  TEST_LOG_CAUSE(16, 1, IRQ | IRQ_STI)
  /* an interrupt for M before one delegated to S: in U, MTI (M) and SSI (delegated) */
  USE_LOG_HANDLERS
  li TESTNUM, 17
  li t0, MIP_SSIP
  csrw mideleg, t0
  li t0, MIP_SSIP | MIP_MTIP
  csrw mie, t0
  la s5, 1f
  MRET_TO(PRV_U, 2f)
2:ecall
  .balign 4
1:csrw mideleg, zero
  TEST_LOG_COUNT(17, 3)
  TEST_LOG_CAUSE(18, 0, IRQ | IRQ_MTI)
  TEST_LOG_CAUSE(19, 1, IRQ | IRQ_SSI)
  TEST_LOG_CAUSE(20, 2, CAUSE_USER_ECALL)
  /* clearing the sources clears mip */
  li t0, CLINT_MSIP
  sw zero, 0(t0)
  li t0, CLINT_MTIMECMP
  li t1, -1
  sd t1, 0(t0)
  fence
  csrw mip, zero
  TEST_CASE(21, a0, 0, csrr a0, mip; andi a0, a0, 0x2aa)

  /* ---- a delegated S interrupt is never taken in M, whatever MIE/SIE say ---- */
  USE_LOG_HANDLERS
  li t0, MIP_SSIP
  csrw mideleg, t0
  csrw mie, t0
  csrs mip, t0
  csrsi mstatus, MSTATUS_MIE | MSTATUS_SIE
  nop
  nop
  csrci mstatus, MSTATUS_MIE | MSTATUS_SIE
  TEST_LOG_COUNT(22, 0)
  /* in S with SIE = 0: not taken either */
  li TESTNUM, 23
  CATCH_M(1f)
  MRET_TO(PRV_S, 2f)
2:nop
  nop
  ecall
  .balign 4
1:USE_LOG_HANDLERS                     /* (keeps s6: the log is still empty) */
  TEST_CASE(23, a0, CAUSE_SUPERVISOR_ECALL, csrr a0, mcause)
  TEST_LOG_COUNT(24, 0)
  /* in S with SIE = 1: taken in S before the first instruction */
  li TESTNUM, 25
  csrsi mstatus, MSTATUS_SIE
  CATCH_M(1f)
  MRET_TO(PRV_S, 2f)
2:ecall
  .balign 4
1:csrci mstatus, MSTATUS_SIE
  TEST_CASE(25, a0, CAUSE_SUPERVISOR_ECALL, csrr a0, mcause)
  TEST_LOG_COUNT(26, 1)
  TEST_LOG_CAUSE(27, 0, IRQ | IRQ_SSI)
  TEST_LOG_EPC(28, 0, 2b)
  TEST_CASE(29, a0, IRQ | IRQ_SSI, csrr a0, scause)
  /* in U: taken in S even with SIE = 0 */
  li TESTNUM, 30
  la s6, irq_log
  csrw scause, zero
  li t0, MIP_SSIP
  csrs mie, t0
  csrci mstatus, MSTATUS_SIE
  CATCH_M(1f)
  MRET_TO(PRV_U, 2f)
2:ecall
  .balign 4
1:TEST_CASE(30, a0, CAUSE_USER_ECALL, csrr a0, mcause)
  TEST_LOG_CAUSE(31, 0, IRQ | IRQ_SSI)
  TEST_LOG_EPC(32, 0, 2b)
  TEST_CASE(33, a0, IRQ | IRQ_SSI, csrr a0, scause)
  TEST_CASE(34, a0, 0, GET_FIELD(a0, mie, IRQ_SSI, 1))    /* the S handler ran: it cleared SSIE */
  csrw mip, zero
  csrw mideleg, zero

  /* ---- interrupts for M are taken in S and U even with MIE = 0 ---- */
  /* an undelegated SSIP from S */
  USE_LOG_HANDLERS
  li TESTNUM, 35
  li t0, MIP_SSIP
  csrw mie, t0
  csrs mip, t0
  li t0, MSTATUS_MPIE
  csrc mstatus, t0                     /* S runs with MIE = 0 */
  la s5, 1f
  MRET_TO(PRV_S, 2f)
2:ecall                                /* reached after the interrupt: back to the log handler */
  .balign 4
1:csrw mip, zero
  TEST_LOG_CAUSE(35, 0, IRQ | IRQ_SSI)
  TEST_LOG_EPC(36, 0, 2b)
  TEST_LOG_CAUSE(37, 1, CAUSE_SUPERVISOR_ECALL)
  /* MSIP from U */
  USE_LOG_HANDLERS
  li TESTNUM, 38
  li t0, MIP_MSIP
  csrw mie, t0
  li t0, CLINT_MSIP
  li t1, 1
  sw t1, 0(t0)
  fence
  la s5, 1f
  MRET_TO(PRV_U, 2f)
2:ecall
  .balign 4
1:li t0, CLINT_MSIP
  sw zero, 0(t0)
  TEST_LOG_CAUSE(38, 0, IRQ | IRQ_MSI)
  TEST_LOG_EPC(39, 0, 2b)
  TEST_LOG_CAUSE(40, 1, CAUSE_USER_ECALL)
  /* MTIP from S */
  USE_LOG_HANDLERS
  li TESTNUM, 41
  li t0, MIP_MTIP
  csrw mie, t0
  li t0, CLINT_MTIMECMP
  sd zero, 0(t0)
  fence
  la s5, 1f
  MRET_TO(PRV_S, 2f)
2:ecall
  .balign 4
1:li t0, CLINT_MTIMECMP
  li t1, -1
  sd t1, 0(t0)
  fence
  TEST_LOG_CAUSE(41, 0, IRQ | IRQ_MTI)
  TEST_LOG_EPC(42, 0, 2b)

  /* ---- vectored mtvec: interrupt n goes to BASE + 4n, exceptions to BASE ---- */
  la t0, m_vectors
  ori t0, t0, 1
  csrw mtvec, t0
  TEST_CASE(43, a0, 1, csrr a0, mtvec; andi a0, a0, 3)
  li TESTNUM, 44
  li s7, 0
  li t0, MIP_SSIP
  csrw mie, t0
  csrs mip, t0
  csrsi mstatus, MSTATUS_MIE
  csrci mstatus, MSTATUS_MIE
  csrw mip, zero
  TEST_CASE(44, s7, 1, )
  li TESTNUM, 45
  li t0, MIP_MSIP
  csrw mie, t0
  li t0, CLINT_MSIP
  li t1, 1
  sw t1, 0(t0)
  fence
  csrsi mstatus, MSTATUS_MIE
  csrci mstatus, MSTATUS_MIE
  li t0, CLINT_MSIP
  sw zero, 0(t0)
  TEST_CASE(45, s7, 3, )
  li TESTNUM, 46
  li t0, MIP_MTIP
  csrw mie, t0
  li t0, CLINT_MTIMECMP
  sd zero, 0(t0)
  fence
  csrsi mstatus, MSTATUS_MIE
  csrci mstatus, MSTATUS_MIE
  li t0, CLINT_MTIMECMP
  li t1, -1
  sd t1, 0(t0)
  TEST_CASE(46, s7, 7, )
  TEST_CASE(47, a0, IRQ | IRQ_MTI, csrr a0, mcause)
  li TESTNUM, 48
  la s5, 1f
  ecall
  .balign 4
1:TEST_CASE(48, s7, 100, )             /* the exception went to entry 0 */
  TEST_CASE(49, a0, CAUSE_MACHINE_ECALL, csrr a0, mcause)

  /* ---- vectored stvec, delegated SSIP and STIP taken in S ---- */
  la t0, s_vectors
  ori t0, t0, 1
  csrw stvec, t0
  li t0, MIP_SSIP | MIP_STIP
  csrw mideleg, t0
  li TESTNUM, 50
  li s7, 0
  li t0, MIP_SSIP
  csrw mie, t0
  csrs mip, t0
  CATCH_M(1f)
  MRET_TO(PRV_U, 2f)
2:ecall
  .balign 4
1:TEST_CASE(50, s7, 1, )
  TEST_CASE(51, a0, IRQ | IRQ_SSI, csrr a0, scause)
  li TESTNUM, 52
  csrw mip, zero
  li t0, MIP_STIP
  csrw mie, t0
  csrs mip, t0
  CATCH_M(1f)
  MRET_TO(PRV_U, 2f)
2:ecall
  .balign 4
1:TEST_CASE(52, s7, 5, )
  TEST_CASE(53, a0, IRQ | IRQ_STI, csrr a0, scause)
  csrw mip, zero
  csrw mideleg, zero
  csrw mie, zero

  /* ---- the machine timer ---- */
  /* mtime counts up; the time CSR reads the same clock */
  li TESTNUM, 54
  li t0, CLINT_MTIME
  ld a1, 0(t0)
  li t1, 1000
1:addi t1, t1, -1
  bnez t1, 1b
  ld a2, 0(t0)
  bgeu a1, a2, test_fail
  li TESTNUM, 55
  csrr a3, time
  ld a4, 0(t0)
  bltu a3, a2, test_fail
  bltu a4, a3, test_fail
  /* mtimecmp far ahead: no MTIP */
  li t0, CLINT_MTIME
  ld a1, 0(t0)
  li t1, 1000000000
  add a1, a1, t1
  li t0, CLINT_MTIMECMP
  sd a1, 0(t0)
  fence
  TEST_CASE(56, a0, 0, csrr a0, mip; andi a0, a0, MIP_MTIP)
  /* WFI with MIE = 0 and MTIE = 1 wakes when the timer expires, and takes no trap */
  USE_LOG_HANDLERS
  li TESTNUM, 57
  li t0, MIP_MTIP
  csrw mie, t0
  li t0, CLINT_MTIME
  ld a1, 0(t0)
  addi a1, a1, 200
  li t0, CLINT_MTIMECMP
  sd a1, 0(t0)
  fence
  li t2, WAIT_LIMIT
1:wfi
  csrr a0, mip
  andi a0, a0, MIP_MTIP
  bnez a0, 2f
  addi t2, t2, -1
  bnez t2, 1b
  j test_fail
2:TEST_LOG_COUNT(57, 0)
  TEST_CASE(58, a0, MIP_MTIP, csrr a0, mip; andi a0, a0, MIP_MTIP)
  /* writing mtimecmp = -1 clears MTIP */
  TEST_CASE(59, a0, 0, li t0, CLINT_MTIMECMP; li t1, -1; sd t1, 0(t0); fence; csrr a0, mip; andi a0, a0, MIP_MTIP)
  /* the timer interrupt, taken once MIE is set after the wfi (with MIE = 1 during the wfi,
   * the interrupt could be taken just before it and leave nothing to wake it) */
  USE_LOG_HANDLERS
  li TESTNUM, 60
  li t0, MIP_MTIP
  csrw mie, t0
  li t0, CLINT_MTIME
  ld a1, 0(t0)
  addi a1, a1, 200
  li t0, CLINT_MTIMECMP
  sd a1, 0(t0)
  fence
  li t2, WAIT_LIMIT
1:wfi
  csrr a0, mip
  andi a0, a0, MIP_MTIP
  bnez a0, 2f
  addi t2, t2, -1
  bnez t2, 1b
  j test_fail
2:csrsi mstatus, MSTATUS_MIE
  csrci mstatus, MSTATUS_MIE
  TEST_LOG_COUNT(60, 1)
  TEST_LOG_CAUSE(61, 0, IRQ | IRQ_MTI)
  TEST_CASE(62, a0, MIP_MTIP, csrr a0, mip; andi a0, a0, MIP_MTIP)
  TEST_CASE(63, a0, 0, li t0, CLINT_MTIMECMP; li t1, -1; sd t1, 0(t0); fence; csrr a0, mip; andi a0, a0, MIP_MTIP)
  /* an msip write wakes a wfi too (MIE = 0) */
  USE_LOG_HANDLERS
  li t0, MIP_MSIP
  csrw mie, t0
  li t0, CLINT_MSIP
  li t1, 1
  sw t1, 0(t0)
  fence
  wfi
  TEST_CASE(64, a0, MIP_MSIP, csrr a0, mip; andi a0, a0, MIP_MSIP)
  li t0, CLINT_MSIP
  sw zero, 0(t0)
  TEST_LOG_COUNT(65, 0)
  csrw mie, zero

  /* ---- sie and sip are views of mie and mip restricted to the delegated bits ---- */
  li t0, MIP_SSIP
  csrw mideleg, t0
  TEST_CASE(66, a0, MIP_SSIP, csrw mie, zero; li t0, -1; csrw sie, t0; csrr a0, mie; andi a0, a0, 0x2aa)
  TEST_CASE(67, a0, MIP_SSIP, csrw mip, zero; csrsi sip, MIP_SSIP; csrr a0, mip; andi a0, a0, 0x2aa)
  TEST_CASE(68, a0, MIP_SSIP, csrr a0, sip)
  csrw mip, zero
  csrw mie, zero
  csrw mideleg, zero
  TEST_CASE(69, a0, 0, li t0, MIP_SSIP; csrw mie, t0; csrr a0, sie)
  csrw mie, zero
  csrw mtvec, s11
TEST_END

/* Logging handlers: (xcause, xepc) at s6; an interrupt clears its enable, an ecall (the end of
 * a visit to S or U) resumes the body at s5 in M. Only t3, t4 are clobbered. */
  .text
  .balign 4
irq_m_log:
  csrr t3, mcause
  sd t3, 0(s6)
  csrr t4, mepc
  sd t4, 8(s6)
  addi s6, s6, 16
  bgez t3, 1f
  li t4, 1
  sll t4, t4, t3
  csrc mie, t4
  mret
1:jr s5                                 /* ecall: stay in M */

  .balign 4
irq_s_log:
  csrr t3, scause
  sd t3, 0(s6)
  csrr t4, sepc
  sd t4, 8(s6)
  addi s6, s6, 16
  bgez t3, 1f
  li t4, 1
  sll t4, t4, t3
  csrc sie, t4
  sret
1:j test_fail

/* Vector tables: 4-byte entries (no compressed jumps). Interrupt entries note their number in
 * s7 and disable every interrupt; entry 0 (exceptions) notes 100 and resumes at s5. */
  .option push
  .option norvc
  .balign 256
m_vectors:
  j m_vec_exc
  j m_vec_1
  j test_fail
  j m_vec_3
  j test_fail
  j test_fail
  j test_fail
  j m_vec_7
  j test_fail
  j test_fail
  j test_fail
  j test_fail
  .balign 256
s_vectors:
  j test_fail
  j s_vec_1
  j test_fail
  j test_fail
  j test_fail
  j s_vec_5
  j test_fail
  j test_fail
  j test_fail
  j test_fail
  .option pop
m_vec_exc:
  li s7, 100
  jr s5
m_vec_1:
  li s7, 1
  j m_vec_ret
m_vec_3:
  li s7, 3
  j m_vec_ret
m_vec_7:
  li s7, 7
m_vec_ret:
  csrw mie, zero
  mret
s_vec_1:
  li s7, 1
  j s_vec_ret
s_vec_5:
  li s7, 5
s_vec_ret:
  csrw sie, zero
  sret

  .bss
  .balign 8
irq_log: .skip 16 * 16
