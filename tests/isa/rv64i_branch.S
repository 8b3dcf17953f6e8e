/* RV64I control transfer: conditional branches taken and not taken (signed/unsigned edge cases),
 * branches at the limits of their range, jal/jalr link values, rd = x0, rd = rs1, and jalr
 * clearing bit 0 of the target. */
#include "test.h"
  .option norvc

TEST_BEGIN

  /* beq */
  TEST_BR_TAKEN(1, beq, 0, 0)
  TEST_BR_TAKEN(2, beq, 1, 1)
  TEST_BR_TAKEN(3, beq, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_BR_NOT_TAKEN(4, beq, 0, 1)
  TEST_BR_NOT_TAKEN(5, beq, 1, 0)
  TEST_BR_NOT_TAKEN(6, beq, 0xffffffffffffffff, 1)
  TEST_BR_NOT_TAKEN(7, beq, 1, 0xffffffffffffffff)
  TEST_BR_NOT_TAKEN(8, beq, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_BR_NOT_TAKEN(9, beq, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_BR_NOT_TAKEN(10, beq, 0x8000000000000000, 0x8000000000000001)
  TEST_BR_NOT_TAKEN(11, beq, 0x100000000, 1)
  TEST_BR_NOT_TAKEN(12, beq, 0x80000000, 0x7fffffff)
  TEST_BR_NOT_TAKEN(13, beq, 0xffffffff00000000, 0)

  /* bne */
  TEST_BR_NOT_TAKEN(14, bne, 0, 0)
  TEST_BR_NOT_TAKEN(15, bne, 1, 1)
  TEST_BR_NOT_TAKEN(16, bne, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_BR_TAKEN(17, bne, 0, 1)
  TEST_BR_TAKEN(18, bne, 1, 0)
  TEST_BR_TAKEN(19, bne, 0xffffffffffffffff, 1)
  TEST_BR_TAKEN(20, bne, 1, 0xffffffffffffffff)
  TEST_BR_TAKEN(21, bne, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_BR_TAKEN(22, bne, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_BR_TAKEN(23, bne, 0x8000000000000000, 0x8000000000000001)
  TEST_BR_TAKEN(24, bne, 0x100000000, 1)
  TEST_BR_TAKEN(25, bne, 0x80000000, 0x7fffffff)
  TEST_BR_TAKEN(26, bne, 0xffffffff00000000, 0)

  /* blt */
  TEST_BR_NOT_TAKEN(27, blt, 0, 0)
  TEST_BR_NOT_TAKEN(28, blt, 1, 1)
  TEST_BR_NOT_TAKEN(29, blt, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_BR_TAKEN(30, blt, 0, 1)
  TEST_BR_NOT_TAKEN(31, blt, 1, 0)
  TEST_BR_TAKEN(32, blt, 0xffffffffffffffff, 1)
  TEST_BR_NOT_TAKEN(33, blt, 1, 0xffffffffffffffff)
  TEST_BR_TAKEN(34, blt, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_BR_NOT_TAKEN(35, blt, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_BR_TAKEN(36, blt, 0x8000000000000000, 0x8000000000000001)
  TEST_BR_NOT_TAKEN(37, blt, 0x100000000, 1)
  TEST_BR_NOT_TAKEN(38, blt, 0x80000000, 0x7fffffff)
  TEST_BR_TAKEN(39, blt, 0xffffffff00000000, 0)

  /* bge */
  TEST_BR_TAKEN(40, bge, 0, 0)
  TEST_BR_TAKEN(41, bge, 1, 1)
  TEST_BR_TAKEN(42, bge, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_BR_NOT_TAKEN(43, bge, 0, 1)
  TEST_BR_TAKEN(44, bge, 1, 0)
  TEST_BR_NOT_TAKEN(45, bge, 0xffffffffffffffff, 1)
  TEST_BR_TAKEN(46, bge, 1, 0xffffffffffffffff)
  TEST_BR_NOT_TAKEN(47, bge, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_BR_TAKEN(48, bge, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_BR_NOT_TAKEN(49, bge, 0x8000000000000000, 0x8000000000000001)
  TEST_BR_TAKEN(50, bge, 0x100000000, 1)
  TEST_BR_TAKEN(51, bge, 0x80000000, 0x7fffffff)
  TEST_BR_NOT_TAKEN(52, bge, 0xffffffff00000000, 0)

  /* bltu */
  TEST_BR_NOT_TAKEN(53, bltu, 0, 0)
  TEST_BR_NOT_TAKEN(54, bltu, 1, 1)
  TEST_BR_NOT_TAKEN(55, bltu, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_BR_TAKEN(56, bltu, 0, 1)
  TEST_BR_NOT_TAKEN(57, bltu, 1, 0)
  TEST_BR_NOT_TAKEN(58, bltu, 0xffffffffffffffff, 1)
  TEST_BR_TAKEN(59, bltu, 1, 0xffffffffffffffff)
  TEST_BR_NOT_TAKEN(60, bltu, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_BR_TAKEN(61, bltu, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_BR_TAKEN(62, bltu, 0x8000000000000000, 0x8000000000000001)
  TEST_BR_NOT_TAKEN(63, bltu, 0x100000000, 1)
  TEST_BR_NOT_TAKEN(64, bltu, 0x80000000, 0x7fffffff)
  TEST_BR_NOT_TAKEN(65, bltu, 0xffffffff00000000, 0)

  /* bgeu */
  TEST_BR_TAKEN(66, bgeu, 0, 0)
  TEST_BR_TAKEN(67, bgeu, 1, 1)
  TEST_BR_TAKEN(68, bgeu, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_BR_NOT_TAKEN(69, bgeu, 0, 1)
  TEST_BR_TAKEN(70, bgeu, 1, 0)
  TEST_BR_TAKEN(71, bgeu, 0xffffffffffffffff, 1)
  TEST_BR_NOT_TAKEN(72, bgeu, 1, 0xffffffffffffffff)
  TEST_BR_TAKEN(73, bgeu, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_BR_NOT_TAKEN(74, bgeu, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_BR_NOT_TAKEN(75, bgeu, 0x8000000000000000, 0x8000000000000001)
  TEST_BR_TAKEN(76, bgeu, 0x100000000, 1)
  TEST_BR_TAKEN(77, bgeu, 0x80000000, 0x7fffffff)
  TEST_BR_TAKEN(78, bgeu, 0xffffffff00000000, 0)

  /* x0 as an operand */
  TEST_BR_TAKEN(79, beq, 0, 0)
  TEST_CASE(80, a4, 1, li a4, 0; beq x0, x0, 1f; j test_fail; 1: li a4, 1)
  TEST_CASE(81, a4, 1, li a4, 1; bne x0, x0, test_fail)
  TEST_CASE(82, a4, 1, li a4, 1; bltu a4, x0, test_fail; bgeu x0, a4, test_fail; blt a4, x0, test_fail)
  TEST_CASE(83, a4, 1, li a4, -1; blt a4, x0, 1f; j test_fail; 1: bge x0, a4, 2f; j test_fail; 2: li a4, 1)

  /* backward branches: a counted loop */
  TEST_CASE(84, a4, 5, li a4, 0; li a1, 5; 1: addi a4, a4, 1; addi a1, a1, -1; bnez a1, 1b)
  TEST_CASE(85, a4, 0xfffffffffffffffb, li a4, 0; li a1, 5; 1: addi a4, a4, -1; addi a1, a1, -1; bgtu a1, x0, 1b)

  /* branch offsets at the limits: +4094 and -4096 */
  TEST_CASE(86, a4, 1, li a4, 0; beq x0, x0, 1f; .skip 4090; 1: li a4, 1)
  TEST_CASE(87, a4, 1, li a4, 0; j 2f; 1: li a4, 1; j 3f; .skip 4088; 2: beq x0, x0, 1b; 3:)

  /* jal: link value is pc + 4; rd = x0 links nothing */
  TEST_CASE(88, a4, 4, li a4, 0; 1: jal a5, 2f; li a4, 99; j test_fail; 2: la a6, 1b; sub a4, a5, a6)
  TEST_CASE(89, a4, 1, li a4, 1; jal x0, 1f; li a4, 2; 1:)
  TEST_CASE(90, a4, 3, li a4, 0; li a1, 3; j 2f; 1: addi a4, a4, 1; addi a1, a1, -1; 2: bnez a1, 1b)
  TEST_CASE(91, a4, 4, li a4, 0; j 2f; 1: addi a4, a4, 1; jal x0, 3f; 2: jal a5, 1b; 3: la a6, 2b; sub a4, a5, a6)
  TEST_CASE(92, a4, 0x42, li a4, 0; jal ra, 1f; j 2f; 1: li a4, 0x42; ret; 2:)

  /* jalr: link value, offsets, bit 0 cleared, rd = rs1, rd = x0 */
  TEST_CASE(93, a4, 4, la a1, 2f; 1: jalr a5, 0(a1); j test_fail; 2: la a6, 1b; sub a4, a5, a6)
  TEST_CASE(94, a4, 1, li a4, 0; la a1, 2f; addi a1, a1, -16; jalr x0, 16(a1); j test_fail; 2: li a4, 1)
  TEST_CASE(95, a4, 1, li a4, 0; la a1, 2f; addi a1, a1, 2047; jalr x0, -2047(a1); j test_fail; 2: li a4, 1)
  TEST_CASE(96, a4, 1, li a4, 0; la a1, 2f; addi a1, a1, -2047; jalr x0, 2047(a1); j test_fail; 2: li a4, 1)
  TEST_CASE(97, a4, 1, li a4, 0; la a1, 2f; addi a1, a1, 1; jalr x0, 0(a1); j test_fail; 2: li a4, 1)
  TEST_CASE(98, a4, 1, li a4, 0; la a1, 2f; jalr x0, 1(a1); j test_fail; 2: li a4, 1)
  TEST_CASE(99, a4, 4, la a1, 2f; 1: jalr a1, 0(a1); j test_fail; 2: la a6, 1b; sub a4, a1, a6)
  TEST_CASE(100, a4, 4, la a1, 2f; addi a1, a1, -8; 1: jalr a1, 8(a1); j test_fail; 2: la a6, 1b; sub a4, a1, a6)
  TEST_CASE(101, a4, 0x42, li a4, 0; la a1, 1f; jalr ra, 0(a1); j 2f; 1: li a4, 0x42; jalr x0, 0(ra); 2:)
  TEST_CASE(102, x0, 0, la a1, 1f; jalr x0, 0(a1); 1:)
TEST_END
