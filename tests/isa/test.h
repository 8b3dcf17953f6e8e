/* ISA test harness macros, included by every tests/isa/NAME.S (see tests/isa/README.md).
 *
 * Each test is built twice: with -DTEST_MODE_M the body runs in M-mode without translation,
 * with -DTEST_MODE_S it runs in S-mode under Sv39 (set up by harness.S).
 *
 * Register conventions inside a test body:
 *   gp (x3)  current case number (TESTNUM); set by every TEST_* macro, reported on failure
 *   tp (x4)  pointer to the harness trap record (TR_* offsets); never write it
 *   sp (x2)  valid stack (16 KiB) on entry; tests may use and move it but should restore it
 *   t5, t6   scratch used by the checking macros: never the register being checked
 * All other registers are free.
 */
#ifndef ISA_TEST_H
#define ISA_TEST_H

#if !defined(TEST_MODE_M) && !defined(TEST_MODE_S)
#error "define TEST_MODE_M or TEST_MODE_S"
#endif

/* ---- constants from the privileged specification ---- */
#define CAUSE_MISALIGNED_FETCH   0
#define CAUSE_FETCH_ACCESS       1
#define CAUSE_ILLEGAL_INSN       2
#define CAUSE_BREAKPOINT         3
#define CAUSE_MISALIGNED_LOAD    4
#define CAUSE_LOAD_ACCESS        5
#define CAUSE_MISALIGNED_STORE   6  /* also AMO and SC */
#define CAUSE_STORE_ACCESS       7  /* also AMO and SC */
#define CAUSE_USER_ECALL         8
#define CAUSE_SUPERVISOR_ECALL   9
#define CAUSE_MACHINE_ECALL      11
#define CAUSE_FETCH_PAGE_FAULT   12
#define CAUSE_LOAD_PAGE_FAULT    13
#define CAUSE_STORE_PAGE_FAULT   15

#define MSTATUS_SIE   0x2
#define MSTATUS_MIE   0x8
#define MSTATUS_SPIE  0x20
#define MSTATUS_MPIE  0x80
#define MSTATUS_SPP   0x100
#define MSTATUS_MPP   0x1800
#define MSTATUS_FS    0x6000
#define MSTATUS_MPRV  0x20000
#define MSTATUS_SUM   0x40000
#define MSTATUS_MXR   0x80000

#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_G 0x20
#define PTE_A 0x40
#define PTE_D 0x80

/* The cross toolchain defaults to PIC, where la loads from a GOT; there is none here. */
.option nopic

#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

/* Virtual alias of RAM in the S-mode variant: VA (pa + ISA_ALIAS_OFFSET) maps to pa for the
 * first 2 MiB of RAM (the whole test image), through the same leaf page table. */
#define ISA_ALIAS_OFFSET 0x40000000

/* ---- trap record: tp points at it; the trap handlers fill it ---- */
#define TR_COUNT   0   /* number of traps taken since it was last cleared */
#define TR_CAUSE   8   /* xcause of the last trap */
#define TR_EPC     16  /* xepc of the last trap */
#define TR_TVAL    24  /* xtval of the last trap */
#define TR_MODE    32  /* privilege of the handler that took it: 3 (M) or 1 (S) */
#define TR_PREV    40  /* privilege the trap came from (xPP) */
#define TR_EXPECT  48  /* nonzero: traps are expected; zero: any trap fails the test */
#define TR_RESUME  56  /* nonzero: resume there (in the body's mode) instead of skipping */
#define TR_SIZE    64
/* Harness-private beyond TR_SIZE: handler save areas, and the values of a failed comparison. */
#define TR_GOT     (TR_SIZE + 64)
#define TR_WANT    (TR_SIZE + 72)

/* ---- mode of the test body ---- */
#ifdef TEST_MODE_S
#define TEST_BODY_PRV   PRV_S
#define XSCRATCH        sscratch
#define XSTATUS         sstatus
#else
#define TEST_BODY_PRV   PRV_M
#define XSCRATCH        mscratch
#define XSTATUS         mstatus
#endif

/* Markers read by tests/isa/isa.mk (a line starting with one of them, before TEST_BEGIN):
 * the test is then built and run only in that mode. */
#define TEST_ONLY_M
#define TEST_ONLY_S

#define TESTNUM gp

/* ---- body ---- */
#define TEST_BEGIN  .text; .balign 4; .globl test_main; test_main:
#define TEST_END    j test_pass

/* Fail the current case unless a == b (register operands); the report shows both values. */
#define TEST_FAIL_IF_NE(a, b) \
  beq a, b, 9909f; sd a, TR_GOT(tp); sd b, TR_WANT(tp); j test_fail_ne; 9909:

/* The generic case: run code, then check that reg holds the constant expected. */
#define TEST_CASE(n, reg, expected, code...) \
  li TESTNUM, n; \
  code; \
  li t6, expected; \
  TEST_FAIL_IF_NE(reg, t6)

/* rd = insn(rs1, rs2) with rd = a4, rs1 = a1, rs2 = a2. */
#define TEST_RR(n, insn, expected, val1, val2) \
  TEST_CASE(n, a4, expected, li a1, val1; li a2, val2; insn a4, a1, a2)

/* rd = insn(rs1, imm) with rd = a4, rs1 = a1. */
#define TEST_IMM(n, insn, expected, val1, imm) \
  TEST_CASE(n, a4, expected, li a1, val1; insn a4, a1, imm)

/* rd = insn(rs1) (unary: clz, sext.b, ...). */
#define TEST_R(n, insn, expected, val1) \
  TEST_CASE(n, a4, expected, li a1, val1; insn a4, a1)

/* Same as TEST_RR but rd = rs1 (and rd = rs2, rd = rs1 = rs2 for TEST_RR_SRC12_EQ_DEST). */
#define TEST_RR_SRC1_EQ_DEST(n, insn, expected, val1, val2) \
  TEST_CASE(n, a1, expected, li a1, val1; li a2, val2; insn a1, a1, a2)
#define TEST_RR_SRC2_EQ_DEST(n, insn, expected, val1, val2) \
  TEST_CASE(n, a2, expected, li a1, val1; li a2, val2; insn a2, a1, a2)
#define TEST_RR_SRC12_EQ_DEST(n, insn, expected, val1) \
  TEST_CASE(n, a1, expected, li a1, val1; insn a1, a1, a1)
#define TEST_IMM_SRC1_EQ_DEST(n, insn, expected, val1, imm) \
  TEST_CASE(n, a1, expected, li a1, val1; insn a1, a1, imm)

/* x0 as destination: the result is discarded and x0 still reads 0. */
#define TEST_RR_ZERODEST(n, insn, val1, val2) \
  TEST_CASE(n, x0, 0, li a1, val1; li a2, val2; insn x0, a1, a2)
#define TEST_IMM_ZERODEST(n, insn, val1, imm) \
  TEST_CASE(n, x0, 0, li a1, val1; insn x0, a1, imm)

/* Load: a4 = insn offset(base_label). */
#define TEST_LOAD(n, insn, expected, offset, base) \
  TEST_CASE(n, a4, expected, lla a1, base; insn a4, offset(a1))

/* Store value with store_insn at offset(base_label), read it back with load_insn. */
#define TEST_STORE(n, load_insn, store_insn, expected, value, offset, base) \
  TEST_CASE(n, a4, expected, lla a1, base; li a2, value; \
            store_insn a2, offset(a1); load_insn a4, offset(a1))

/* Conditional branches: check both the branch and that nothing else ran. */
#define TEST_BR_TAKEN(n, insn, val1, val2) \
  li TESTNUM, n; li a1, val1; li a2, val2; \
  insn a1, a2, 9907f; j test_fail; 9907:
#define TEST_BR_NOT_TAKEN(n, insn, val1, val2) \
  li TESTNUM, n; li a1, val1; li a2, val2; \
  insn a1, a2, 9906f; j 9905f; 9906: j test_fail; 9905:

/* ---- expected traps ----
 * TRAP_EXPECT_BEGIN clears the trap record and allows traps; TRAP_EXPECT_END forbids them again.
 * Between them the handlers record cause/epc/tval and skip the trapping instruction. */
#define TRAP_EXPECT_BEGIN \
  sd zero, TR_COUNT(tp); sd zero, TR_CAUSE(tp); sd zero, TR_EPC(tp); sd zero, TR_TVAL(tp); \
  li t6, 1; sd t6, TR_EXPECT(tp)
#define TRAP_EXPECT_END \
  sd zero, TR_EXPECT(tp)

/* Fail unless the record field (TR_*) equals the constant value. */
#define TRAP_CHECK(field, value) \
  ld t6, field(tp); li t5, value; TEST_FAIL_IF_NE(t6, t5)
/* Fail unless the record field equals the address expression addr (e.g. buf+1). */
#define TRAP_CHECK_ADDR(field, addr) \
  ld t6, field(tp); lla t5, addr; TEST_FAIL_IF_NE(t6, t5)

/* Fail unless the recorded epc lies in [lo, hi) (address expressions). */
#define TRAP_CHECK_EPC_WITHIN(lo, hi) \
  ld t6, TR_EPC(tp); lla t5, lo; bgeu t6, t5, 9908f; j test_fail; 9908: \
  lla t5, hi; bltu t6, t5, 9908f; j test_fail; 9908:

/* Run code, which must trap exactly once, inside code, with the given cause and tval.
 * The registers the trapping instruction would have written are left unchanged. */
#define TEST_TRAP(n, cause, tval, code...) \
  li TESTNUM, n; \
  TRAP_EXPECT_BEGIN; \
  9903: code; 9904: \
  TRAP_EXPECT_END; \
  TRAP_CHECK(TR_COUNT, 1); \
  TRAP_CHECK(TR_CAUSE, cause); \
  TRAP_CHECK(TR_TVAL, tval); \
  TRAP_CHECK_EPC_WITHIN(9903b, 9904b)

/* Same, with tval an address expression (label + offset). */
#define TEST_TRAP_ADDR(n, cause, addr, code...) \
  li TESTNUM, n; \
  TRAP_EXPECT_BEGIN; \
  9903: code; 9904: \
  TRAP_EXPECT_END; \
  TRAP_CHECK(TR_COUNT, 1); \
  TRAP_CHECK(TR_CAUSE, cause); \
  TRAP_CHECK_ADDR(TR_TVAL, addr); \
  TRAP_CHECK_EPC_WITHIN(9903b, 9904b)

/* Same, but tval is not checked (it may legally be 0 or something else). */
#define TEST_TRAP_ANY_TVAL(n, cause, code...) \
  li TESTNUM, n; \
  TRAP_EXPECT_BEGIN; \
  9903: code; 9904: \
  TRAP_EXPECT_END; \
  TRAP_CHECK(TR_COUNT, 1); \
  TRAP_CHECK(TR_CAUSE, cause); \
  TRAP_CHECK_EPC_WITHIN(9903b, 9904b)

/* Jump (jalr ra) to the constant address target, which must raise the instruction-fetch
 * exception cause with epc = tval = target; the handler resumes at ra. ra is clobbered. */
#define TEST_TRAP_FETCH(n, cause, target) \
  li TESTNUM, n; \
  TRAP_EXPECT_BEGIN; \
  li t6, target; jalr ra, t6; \
  TRAP_EXPECT_END; \
  TRAP_CHECK(TR_COUNT, 1); \
  TRAP_CHECK(TR_CAUSE, cause); \
  TRAP_CHECK(TR_TVAL, target); \
  TRAP_CHECK(TR_EPC, target)

/* Explicitly pass; useful after an early branch. */
#define TEST_PASS j test_pass
#define TEST_FAIL j test_fail

#endif
