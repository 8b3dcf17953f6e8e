/* RV64I environment calls, breakpoints and illegal instructions. An illegal instruction traps
 * with cause 2 and tval = the instruction bits (what QEMU and polyhart both report). */
#include "test.h"
  .option norvc

TEST_BEGIN
  /* ecall: cause depends on the privilege it comes from; tval is 0; nothing else changes */
#ifdef TEST_MODE_S
  TEST_TRAP(1, CAUSE_SUPERVISOR_ECALL, 0, ecall)
#else
  TEST_TRAP(1, CAUSE_MACHINE_ECALL, 0, ecall)
#endif
  TEST_CASE(2, a0, 1, li a0, 0; la a1, 1f; TRAP_EXPECT_BEGIN; 1: ecall; TRAP_EXPECT_END; \
            ld a2, TR_EPC(tp); bne a1, a2, test_fail; li a0, 1)
  TEST_CASE(3, a0, 0x1234, li a0, 0x1234; li a7, 93; TRAP_EXPECT_BEGIN; ecall; TRAP_EXPECT_END)

  /* ebreak: cause 3, epc = the ebreak (tval may be 0 or the pc: not checked) */
  TEST_TRAP_ANY_TVAL(4, CAUSE_BREAKPOINT, ebreak)
  TEST_CASE(5, a0, 1, li a0, 0; la a1, 1f; TRAP_EXPECT_BEGIN; 1: ebreak; TRAP_EXPECT_END; \
            ld a2, TR_EPC(tp); bne a1, a2, test_fail; li a0, 1)

  /* the all-zero parcel is illegal; as a 32-bit word it is two illegal 16-bit parcels */
  TEST_TRAP(6, CAUSE_ILLEGAL_INSN, 0, .2byte 0x0000)
  TEST_CASE(7, a0, 2, TRAP_EXPECT_BEGIN; .word 0x00000000; TRAP_EXPECT_END; ld a0, TR_COUNT(tp))
  TEST_CASE(8, a0, CAUSE_ILLEGAL_INSN, ld a0, TR_CAUSE(tp))

  /* unknown opcodes and reserved encodings: cause 2, tval = the bits, rd unchanged */
  TEST_TRAP(9, CAUSE_ILLEGAL_INSN, 0x0000000b, .word 0x0000000b)     /* custom-0 */
  TEST_TRAP(10, CAUSE_ILLEGAL_INSN, 0x0000007b, .word 0x0000007b)    /* custom-3 */
  TEST_TRAP(11, CAUSE_ILLEGAL_INSN, 0xfe000033, .word 0xfe000033)    /* OP, funct7 = 0x7f */
  TEST_TRAP(12, CAUSE_ILLEGAL_INSN, 0x00007003, .word 0x00007003)    /* LOAD, funct3 = 7 */
  TEST_TRAP(13, CAUSE_ILLEGAL_INSN, 0x00003023 | (4 << 12), .word 0x00003023 | (4 << 12)) /* STORE funct3 = 7 */
  TEST_TRAP(14, CAUSE_ILLEGAL_INSN, 0x0205151b, .word 0x0205151b)    /* slliw with shamt[5] = 1 */
  TEST_TRAP(15, CAUSE_ILLEGAL_INSN, 0x00002063, .word 0x00002063)    /* BRANCH, funct3 = 2 */
  TEST_TRAP(16, CAUSE_ILLEGAL_INSN, 0x00001067, .word 0x00001067)    /* JALR, funct3 = 1 */
  TEST_TRAP(17, CAUSE_ILLEGAL_INSN, 0x0200103b, .word 0x0200103b)    /* OP-32, funct7 = 1, funct3 = 1: no mulhw in RV64 */
  TEST_CASE(18, a0, 0x77, li a0, 0x77; TRAP_EXPECT_BEGIN; .word 0xfe050533; TRAP_EXPECT_END) /* rd = a0 not written */

  /* Zihintpause: PAUSE (a FENCE with pred=W, succ=0) is a hint: no trap, no register change */
  TEST_CASE(19, a0, 0x55, li a0, 0x55; li a1, 0; TRAP_EXPECT_BEGIN; .word 0x0100000f; .word 0x0100000f; \
            TRAP_EXPECT_END; ld a0, TR_COUNT(tp); addi a0, a0, 0x55)
TEST_END
