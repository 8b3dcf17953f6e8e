/* Exact instruction counting by minstret/instret (privileged spec v1.12, 3.1.11; Zicntr; Zicsr
 * "a CSR read returns the value before the instruction executes").
 *
 * Expectation: for  csrr a0, minstret; <N instructions>; csrr a1, minstret  the difference
 * a1 - a0 is N + 1: the first csrr itself retires after reading, the second reads before it
 * retires. An instruction that traps does not retire (checked here with a faulting load; ecall,
 * ebreak and illegal instructions are in priv_spec_corners.S); xRET retires; compressed
 * instructions count as one; taken branches count once per execution.
 *
 * On QEMU 7.2 minstret follows the host clock unless it runs with -icount (e.g.
 * "qemu-system-riscv64 -icount shift=0"): run this test with that option there.
 */
#include "test.h"

TEST_ONLY_M

/* Case n: code between two reads of counter retires exactly count instructions, i.e. the
 * difference of the reads is count + 1 */
#define TEST_COUNT(n, counter, count, code...) \
  TEST_CASE(n, a0, (count) + 1, csrr a1, counter; code; csrr a0, counter; sub a0, a0, a1)

  .option norvc

#include "priv.h"

TEST_BEGIN
  csrr s11, mtvec
  csrw mie, zero
  csrw mcountinhibit, zero
  li t0, 7
  csrw mcounteren, t0
  csrw scounteren, t0

  TEST_COUNT(1, minstret, 0, )
  TEST_COUNT(2, minstret, 1, nop)
  TEST_COUNT(3, minstret, 10, nop; nop; nop; nop; nop; nop; nop; nop; nop; nop)
  TEST_COUNT(4, instret, 3, addi t0, zero, 1; add t1, t0, t0; sub t2, t1, t0)
  /* a loop: li + 100 x (addi, bnez) */
  TEST_COUNT(5, minstret, 201, li t0, 100; 1: addi t0, t0, -1; bnez t0, 1b)
  /* loads, stores, an AMO, a fence, jumps */
  TEST_COUNT(6, minstret, 6, la t0, buf; sd zero, 0(t0); ld t1, 0(t0); amoadd.d t1, t1, (t0); fence)
  TEST_COUNT(7, minstret, 3, jal t0, 1f; nop; 1: j 2f; nop; 2: nop)
  /* compressed instructions are one each */
  .option rvc
  TEST_COUNT(8, minstret, 5, c.nop; c.nop; c.li t0, 1; c.addi t0, 1; c.mv t1, t0)
  .option norvc
  /* CSR writes retire (other than to minstret itself) */
  TEST_COUNT(9, minstret, 2, csrw mscratch, zero; csrr t0, mscratch)

  /* ---- an instruction that traps does not retire: csrr a1; <faulting load>; (the handler
   * entry, at the label, in M) csrr a0 counts only the first csrr. The load page-faults: it is
   * an MPRV load as S through an Sv39 root with no valid entry (which does not depend on how
   * unmapped physical addresses behave). The same for ecall, ebreak and an illegal instruction
   * is in priv_spec_corners.S (QEMU 7.2 counts those). ---- */
  li TESTNUM, 10
  la t0, empty_root
  srli t0, t0, 12
  li t1, 8 << 60
  or t0, t0, t1
  csrw satp, t0
  sfence.vma
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, (PRV_S << 11) | MSTATUS_MPRV
  csrs mstatus, t0
  CATCH_M(1f)
  csrr a1, minstret
  ld t0, 0(zero)
  j test_fail
  .balign 4
1:csrr a0, minstret
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  csrw satp, zero
  sfence.vma
  sub a0, a0, a1
  TEST_CASE(10, a0, 1, )
  TEST_CASE(11, a0, CAUSE_LOAD_PAGE_FAULT, csrr a0, mcause)
  csrw mtvec, s11

  /* ---- counting in U and S (via instret, enabled by the counter-enable registers) ---- */
  li TESTNUM, 12
  CATCH_M(1f)
  MRET_TO(PRV_U, 2f)
2:csrr a1, instret
  nop
  nop
  nop
  csrr a0, instret
  ecall
  .balign 4
1:sub a0, a0, a1
  TEST_CASE(12, a0, 4, )
  li TESTNUM, 13
  CATCH_M(1f)
  MRET_TO(PRV_S, 2f)
2:csrr a1, instret
  li t0, 10
3:addi t0, t0, -1
  bnez t0, 3b
  csrr a0, instret
  ecall
  .balign 4
1:sub a0, a0, a1
  TEST_CASE(13, a0, 22, )
  /* mret retires: csrr in M, mret, csrr in U */
  li TESTNUM, 14
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  la t0, 2f
  csrw mepc, t0
  CATCH_M(1f)
  csrr a1, minstret
  mret
2:csrr a0, instret
  ecall
  .balign 4
1:sub a0, a0, a1
  TEST_CASE(14, a0, 2, )
  csrw mtvec, s11

  /* ---- after mcountinhibit.IR has been set and cleared, counting is exact again (that
   * nothing counts while it is set: priv_counters.S, and priv_spec_corners.S) ---- */
  csrwi mcountinhibit, 4
  nop
  csrwi mcountinhibit, 0
  TEST_COUNT(15, minstret, 5, nop; nop; nop; nop; nop)
TEST_END

  .data
  .balign 8
buf: .dword 0

  .bss
  .balign 4096
empty_root: .skip 4096
