/* Checks of the harness itself: trap recording and resumption, the S-mode page tables. */
#include "test.h"

TEST_BEGIN
  TEST_CASE(1, a0, 0, mv a0, x0)
  TEST_CASE(2, a0, TEST_BODY_PRV, li a0, TEST_BODY_PRV)
  /* One trap, recorded with the right mode and previous privilege. */
  TEST_TRAP(3, CAUSE_ILLEGAL_INSN, 0, .2byte 0)
#ifdef TEST_MODE_S
  TEST_CASE(4, a0, PRV_S, ld a0, TR_MODE(tp))
  TEST_CASE(5, a0, PRV_S, ld a0, TR_PREV(tp))
#else
  TEST_CASE(4, a0, PRV_M, ld a0, TR_MODE(tp))
  TEST_CASE(5, a0, PRV_M, ld a0, TR_PREV(tp))
#endif
  /* The skipped instruction did not execute, the next one did; both sizes are skipped. */
  TEST_CASE(6, a0, 2, li a0, 1; TRAP_EXPECT_BEGIN; .word 0xfe000033; addi a0, a0, 1; TRAP_EXPECT_END)
  TEST_CASE(7, a0, 2, li a0, 1; TRAP_EXPECT_BEGIN; c.unimp; c.addi a0, 1; TRAP_EXPECT_END)
  TEST_CASE(8, a0, 1, ld a0, TR_COUNT(tp))
  /* Registers survive the handler. */
  TEST_CASE(9, a0, 0x123456789, li t0, 0x12345; li t1, 0x6789; li t2, 0x100000000; \
            TRAP_EXPECT_BEGIN; c.unimp; TRAP_EXPECT_END; slli t0, t0, 16; add t0, t0, t1; \
            add a0, t0, x0; li t5, 0x100000000; bne t2, t5, test_fail)
  /* Instruction fetch faults resume at ra. */
#ifdef TEST_MODE_S
  TEST_TRAP_FETCH(10, CAUSE_FETCH_PAGE_FAULT, 0x80200000)
#else
  TEST_TRAP_FETCH(10, CAUSE_FETCH_ACCESS, 0x10)
#endif
#ifdef TEST_MODE_S
  /* Running in S under Sv39: M CSRs trap, satp is on, the alias maps the same data. */
  TEST_TRAP(11, CAUSE_ILLEGAL_INSN, 0x30002573, csrr a0, mstatus)
  TEST_CASE(12, a0, 8, csrr a0, satp; srli a0, a0, 60)
  TEST_CASE(13, a4, 0x12345678, la a1, buf; li a2, ISA_ALIAS_OFFSET; add a1, a1, a2; lw a4, 0(a1))
  TEST_CASE(14, a4, 0x55aa, la a1, buf; li a2, ISA_ALIAS_OFFSET; add a2, a1, a2; \
            li a3, 0x55aa; sw a3, 4(a2); lw a4, 4(a1))
  /* ecall from S is not delegated: the M handler records it and returns to S. */
  TEST_TRAP_ANY_TVAL(15, CAUSE_SUPERVISOR_ECALL, ecall)
  TEST_CASE(16, a0, PRV_M, ld a0, TR_MODE(tp))
  TEST_CASE(17, a0, PRV_S, ld a0, TR_PREV(tp))
  TEST_TRAP(18, CAUSE_ILLEGAL_INSN, 0x7ff02573, csrr a0, sscratch; csrr a0, 0x7ff)
#else
  TEST_TRAP_ANY_TVAL(15, CAUSE_MACHINE_ECALL, ecall)
  /* Visit U-mode and come back through TR_RESUME. */
  TEST_CASE(16, a0, 0x77, li a0, 0; la t0, 1f; csrw mepc, t0; li t0, MSTATUS_MPP; csrc mstatus, t0; \
            la t0, 2f; sd t0, TR_RESUME(tp); TRAP_EXPECT_BEGIN; mret; \
            1: li a0, 0x77; ecall; li a0, 0x99; 2: TRAP_EXPECT_END; \
            li t0, CAUSE_USER_ECALL; ld t1, TR_CAUSE(tp); bne t0, t1, test_fail; \
            ld t1, TR_PREV(tp); bnez t1, test_fail; ld t1, TR_RESUME(tp); bnez t1, test_fail)
  TEST_TRAP(17, CAUSE_ILLEGAL_INSN, 0x7ff02573, csrr a0, sscratch; csrr a0, 0x7ff)
#endif
TEST_END

  .data
buf: .word 0x12345678, 0
