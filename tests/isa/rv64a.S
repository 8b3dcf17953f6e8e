/* A extension on one hart: every AMO in both widths (old value in rd, sign-extended for .w;
 * memory gets the result; the neighbouring word is untouched; rs2 is not modified), LR/SC
 * success and failure paths, aq/rl variants, and misaligned LR traps (cause 4, tval = the
 * address). Misaligned SC/AMO traps are in rv64a_misaligned.S (QEMU 7.2 gets them wrong). */
#include "test.h"
  .option norvc

#define AMO_GUARD 0x5aa5c33c

/* insn a4, a2, (a1) on a word at amo_buf holding mem0; rd must be exp_rd (sign-extended old
 * value), the word must become exp_mem and the word after it must keep the guard. */
#define TEST_AMO_W(n, insn, exp_rd, mem0, src, exp_mem) \
  TEST_CASE(n, a4, exp_rd, la a1, amo_buf; li a3, mem0; sw a3, 0(a1); li a3, AMO_GUARD; \
            sw a3, 4(a1); li a2, src; insn a4, a2, (a1)); \
  lwu a5, 0(a1); li t6, exp_mem; TEST_FAIL_IF_NE(a5, t6); \
  lwu a5, 4(a1); li t6, AMO_GUARD; TEST_FAIL_IF_NE(a5, t6); \
  li t6, src; TEST_FAIL_IF_NE(a2, t6)

/* Same for a doubleword: rd must be mem0, memory exp_mem. */
#define TEST_AMO_D(n, insn, mem0, src, exp_mem) \
  TEST_CASE(n, a4, mem0, la a1, amo_buf; li a3, mem0; sd a3, 0(a1); li a3, AMO_GUARD; \
            sd a3, 8(a1); li a2, src; insn a4, a2, (a1)); \
  ld a5, 0(a1); li t6, exp_mem; TEST_FAIL_IF_NE(a5, t6); \
  ld a5, 8(a1); li t6, AMO_GUARD; TEST_FAIL_IF_NE(a5, t6)

TEST_BEGIN

  /* amoswap.w / amoswap.d */
  TEST_AMO_W(1, amoswap.w, 0x7fffffff, 0x7fffffff, 0xabcd000000000001, 1)
  TEST_AMO_W(2, amoswap.w, 0xffffffff80000000, 0x80000000, 0xabcd0000ffffffff, 0xffffffff)
  TEST_AMO_W(3, amoswap.w, 0xffffffffffffffff, 0xffffffff, 0x12345678, 0x12345678)
  TEST_AMO_W(4, amoswap.w, 0, 0, 0x80000000, 0x80000000)
  TEST_AMO_W(5, amoswap.w, 0xffffffff80000001, 0x80000001, 0x7ffffffe, 0x7ffffffe)
  TEST_AMO_D(6, amoswap.d, 0x7fffffffffffffff, 1, 1)
  TEST_AMO_D(7, amoswap.d, 0x8000000000000000, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_AMO_D(8, amoswap.d, 0xffffffffffffffff, 0x123456789abcdef0, 0x123456789abcdef0)
  TEST_AMO_D(9, amoswap.d, 0, 0x8000000000000000, 0x8000000000000000)
  TEST_AMO_D(10, amoswap.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x7ffffffffffffffe)
  TEST_AMO_D(11, amoswap.d, 0xffffffff, 0xffffffff00000001, 0xffffffff00000001)

  /* amoadd.w / amoadd.d */
  TEST_AMO_W(12, amoadd.w, 0x7fffffff, 0x7fffffff, 0xabcd000000000001, 0x80000000)
  TEST_AMO_W(13, amoadd.w, 0xffffffff80000000, 0x80000000, 0xabcd0000ffffffff, 0x7fffffff)
  TEST_AMO_W(14, amoadd.w, 0xffffffffffffffff, 0xffffffff, 0x12345678, 0x12345677)
  TEST_AMO_W(15, amoadd.w, 0, 0, 0x80000000, 0x80000000)
  TEST_AMO_W(16, amoadd.w, 0xffffffff80000001, 0x80000001, 0x7ffffffe, 0xffffffff)
  TEST_AMO_D(17, amoadd.d, 0x7fffffffffffffff, 1, 0x8000000000000000)
  TEST_AMO_D(18, amoadd.d, 0x8000000000000000, 0xffffffffffffffff, 0x7fffffffffffffff)
  TEST_AMO_D(19, amoadd.d, 0xffffffffffffffff, 0x123456789abcdef0, 0x123456789abcdeef)
  TEST_AMO_D(20, amoadd.d, 0, 0x8000000000000000, 0x8000000000000000)
  TEST_AMO_D(21, amoadd.d, 0x8000000000000001, 0x7ffffffffffffffe, 0xffffffffffffffff)
  TEST_AMO_D(22, amoadd.d, 0xffffffff, 0xffffffff00000001, 0)

  /* amoxor.w / amoxor.d */
  TEST_AMO_W(23, amoxor.w, 0x7fffffff, 0x7fffffff, 0xabcd000000000001, 0x7ffffffe)
  TEST_AMO_W(24, amoxor.w, 0xffffffff80000000, 0x80000000, 0xabcd0000ffffffff, 0x7fffffff)
  TEST_AMO_W(25, amoxor.w, 0xffffffffffffffff, 0xffffffff, 0x12345678, 0xedcba987)
  TEST_AMO_W(26, amoxor.w, 0, 0, 0x80000000, 0x80000000)
  TEST_AMO_W(27, amoxor.w, 0xffffffff80000001, 0x80000001, 0x7ffffffe, 0xffffffff)
  TEST_AMO_D(28, amoxor.d, 0x7fffffffffffffff, 1, 0x7ffffffffffffffe)
  TEST_AMO_D(29, amoxor.d, 0x8000000000000000, 0xffffffffffffffff, 0x7fffffffffffffff)
  TEST_AMO_D(30, amoxor.d, 0xffffffffffffffff, 0x123456789abcdef0, 0xedcba9876543210f)
  TEST_AMO_D(31, amoxor.d, 0, 0x8000000000000000, 0x8000000000000000)
  TEST_AMO_D(32, amoxor.d, 0x8000000000000001, 0x7ffffffffffffffe, 0xffffffffffffffff)
  TEST_AMO_D(33, amoxor.d, 0xffffffff, 0xffffffff00000001, 0xfffffffffffffffe)

  /* amoand.w / amoand.d */
  TEST_AMO_W(34, amoand.w, 0x7fffffff, 0x7fffffff, 0xabcd000000000001, 1)
  TEST_AMO_W(35, amoand.w, 0xffffffff80000000, 0x80000000, 0xabcd0000ffffffff, 0x80000000)
  TEST_AMO_W(36, amoand.w, 0xffffffffffffffff, 0xffffffff, 0x12345678, 0x12345678)
  TEST_AMO_W(37, amoand.w, 0, 0, 0x80000000, 0)
  TEST_AMO_W(38, amoand.w, 0xffffffff80000001, 0x80000001, 0x7ffffffe, 0)
  TEST_AMO_D(39, amoand.d, 0x7fffffffffffffff, 1, 1)
  TEST_AMO_D(40, amoand.d, 0x8000000000000000, 0xffffffffffffffff, 0x8000000000000000)
  TEST_AMO_D(41, amoand.d, 0xffffffffffffffff, 0x123456789abcdef0, 0x123456789abcdef0)
  TEST_AMO_D(42, amoand.d, 0, 0x8000000000000000, 0)
  TEST_AMO_D(43, amoand.d, 0x8000000000000001, 0x7ffffffffffffffe, 0)
  TEST_AMO_D(44, amoand.d, 0xffffffff, 0xffffffff00000001, 1)

  /* amoor.w / amoor.d */
  TEST_AMO_W(45, amoor.w, 0x7fffffff, 0x7fffffff, 0xabcd000000000001, 0x7fffffff)
  TEST_AMO_W(46, amoor.w, 0xffffffff80000000, 0x80000000, 0xabcd0000ffffffff, 0xffffffff)
  TEST_AMO_W(47, amoor.w, 0xffffffffffffffff, 0xffffffff, 0x12345678, 0xffffffff)
  TEST_AMO_W(48, amoor.w, 0, 0, 0x80000000, 0x80000000)
  TEST_AMO_W(49, amoor.w, 0xffffffff80000001, 0x80000001, 0x7ffffffe, 0xffffffff)
  TEST_AMO_D(50, amoor.d, 0x7fffffffffffffff, 1, 0x7fffffffffffffff)
  TEST_AMO_D(51, amoor.d, 0x8000000000000000, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_AMO_D(52, amoor.d, 0xffffffffffffffff, 0x123456789abcdef0, 0xffffffffffffffff)
  TEST_AMO_D(53, amoor.d, 0, 0x8000000000000000, 0x8000000000000000)
  TEST_AMO_D(54, amoor.d, 0x8000000000000001, 0x7ffffffffffffffe, 0xffffffffffffffff)
  TEST_AMO_D(55, amoor.d, 0xffffffff, 0xffffffff00000001, 0xffffffffffffffff)

  /* amomin.w / amomin.d */
  TEST_AMO_W(56, amomin.w, 0x7fffffff, 0x7fffffff, 0xabcd000000000001, 1)
  TEST_AMO_W(57, amomin.w, 0xffffffff80000000, 0x80000000, 0xabcd0000ffffffff, 0x80000000)
  TEST_AMO_W(58, amomin.w, 0xffffffffffffffff, 0xffffffff, 0x12345678, 0xffffffff)
  TEST_AMO_W(59, amomin.w, 0, 0, 0x80000000, 0x80000000)
  TEST_AMO_W(60, amomin.w, 0xffffffff80000001, 0x80000001, 0x7ffffffe, 0x80000001)
  TEST_AMO_D(61, amomin.d, 0x7fffffffffffffff, 1, 1)
  TEST_AMO_D(62, amomin.d, 0x8000000000000000, 0xffffffffffffffff, 0x8000000000000000)
  TEST_AMO_D(63, amomin.d, 0xffffffffffffffff, 0x123456789abcdef0, 0xffffffffffffffff)
  TEST_AMO_D(64, amomin.d, 0, 0x8000000000000000, 0x8000000000000000)
  TEST_AMO_D(65, amomin.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x8000000000000001)
  TEST_AMO_D(66, amomin.d, 0xffffffff, 0xffffffff00000001, 0xffffffff00000001)

  /* amomax.w / amomax.d */
  TEST_AMO_W(67, amomax.w, 0x7fffffff, 0x7fffffff, 0xabcd000000000001, 0x7fffffff)
  TEST_AMO_W(68, amomax.w, 0xffffffff80000000, 0x80000000, 0xabcd0000ffffffff, 0xffffffff)
  TEST_AMO_W(69, amomax.w, 0xffffffffffffffff, 0xffffffff, 0x12345678, 0x12345678)
  TEST_AMO_W(70, amomax.w, 0, 0, 0x80000000, 0)
  TEST_AMO_W(71, amomax.w, 0xffffffff80000001, 0x80000001, 0x7ffffffe, 0x7ffffffe)
  TEST_AMO_D(72, amomax.d, 0x7fffffffffffffff, 1, 0x7fffffffffffffff)
  TEST_AMO_D(73, amomax.d, 0x8000000000000000, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_AMO_D(74, amomax.d, 0xffffffffffffffff, 0x123456789abcdef0, 0x123456789abcdef0)
  TEST_AMO_D(75, amomax.d, 0, 0x8000000000000000, 0)
  TEST_AMO_D(76, amomax.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x7ffffffffffffffe)
  TEST_AMO_D(77, amomax.d, 0xffffffff, 0xffffffff00000001, 0xffffffff)

  /* amominu.w / amominu.d */
  TEST_AMO_W(78, amominu.w, 0x7fffffff, 0x7fffffff, 0xabcd000000000001, 1)
  TEST_AMO_W(79, amominu.w, 0xffffffff80000000, 0x80000000, 0xabcd0000ffffffff, 0x80000000)
  TEST_AMO_W(80, amominu.w, 0xffffffffffffffff, 0xffffffff, 0x12345678, 0x12345678)
  TEST_AMO_W(81, amominu.w, 0, 0, 0x80000000, 0)
  TEST_AMO_W(82, amominu.w, 0xffffffff80000001, 0x80000001, 0x7ffffffe, 0x7ffffffe)
  TEST_AMO_D(83, amominu.d, 0x7fffffffffffffff, 1, 1)
  TEST_AMO_D(84, amominu.d, 0x8000000000000000, 0xffffffffffffffff, 0x8000000000000000)
  TEST_AMO_D(85, amominu.d, 0xffffffffffffffff, 0x123456789abcdef0, 0x123456789abcdef0)
  TEST_AMO_D(86, amominu.d, 0, 0x8000000000000000, 0)
  TEST_AMO_D(87, amominu.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x7ffffffffffffffe)
  TEST_AMO_D(88, amominu.d, 0xffffffff, 0xffffffff00000001, 0xffffffff)

  /* amomaxu.w / amomaxu.d */
  TEST_AMO_W(89, amomaxu.w, 0x7fffffff, 0x7fffffff, 0xabcd000000000001, 0x7fffffff)
  TEST_AMO_W(90, amomaxu.w, 0xffffffff80000000, 0x80000000, 0xabcd0000ffffffff, 0xffffffff)
  TEST_AMO_W(91, amomaxu.w, 0xffffffffffffffff, 0xffffffff, 0x12345678, 0xffffffff)
  TEST_AMO_W(92, amomaxu.w, 0, 0, 0x80000000, 0x80000000)
  TEST_AMO_W(93, amomaxu.w, 0xffffffff80000001, 0x80000001, 0x7ffffffe, 0x80000001)
  TEST_AMO_D(94, amomaxu.d, 0x7fffffffffffffff, 1, 0x7fffffffffffffff)
  TEST_AMO_D(95, amomaxu.d, 0x8000000000000000, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_AMO_D(96, amomaxu.d, 0xffffffffffffffff, 0x123456789abcdef0, 0xffffffffffffffff)
  TEST_AMO_D(97, amomaxu.d, 0, 0x8000000000000000, 0x8000000000000000)
  TEST_AMO_D(98, amomaxu.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x8000000000000001)
  TEST_AMO_D(99, amomaxu.d, 0xffffffff, 0xffffffff00000001, 0xffffffff00000001)

  /* AMO register corner cases: rd = x0 still writes memory, rd = rs2, aq/rl forms, the
   * upper word of a doubleword */
  TEST_CASE(100, a4, 12, la a1, amo_buf; li a3, 5; sd a3, 0(a1); li a2, 7; amoadd.d x0, a2, (a1); ld a4, 0(a1))
  TEST_CASE(101, a2, 12, la a1, amo_buf; li a2, 3; amoswap.d a2, a2, (a1); ld a4, 0(a1); li t6, 3; bne a4, t6, test_fail)
  TEST_CASE(102, a4, 3, la a1, amo_buf; li a2, 1; amoadd.d.aq a4, a2, (a1); amoadd.d.rl a5, a2, (a1); amoadd.d.aqrl a6, a2, (a1); ld a4, 0(a1); addi a4, a4, -3)
  TEST_CASE(103, a4, 0xffffffff80000000, la a1, amo_buf; li a3, 0x80000000; sw a3, 4(a1); li a2, 1; addi a6, a1, 4; amoor.w.aqrl a4, a2, (a6))
  TEST_CASE(104, a4, 0x80000001, la a1, amo_buf; lwu a4, 4(a1))
  TEST_CASE(105, a4, 0x8000000100000000, la a1, amo_buf; sw x0, 0(a1); ld a4, 0(a1))

  /* LR/SC: success writes memory and rd = 0; LR.W sign-extends */
  TEST_CASE(106, a5, 0, la a1, amo_buf; li a3, 0x1111; sd a3, 0(a1); lr.d a4, (a1); li a2, 0x2222; sc.d a5, a2, (a1))
  TEST_CASE(107, a4, 0x2222, la a1, amo_buf; ld a4, 0(a1))
  TEST_CASE(108, a4, 0xffffffff80000000, la a1, amo_buf; li a3, 0x80000000; sw a3, 0(a1); lr.w a4, (a1))
  TEST_CASE(109, a5, 0, la a1, amo_buf; li a2, 0x12345678; sc.w a5, a2, (a1))
  TEST_CASE(110, a4, 0x12345678, la a1, amo_buf; lw a4, 0(a1))
  TEST_CASE(111, a4, 0x12345678, la a1, amo_buf; lr.w.aqrl a4, (a1); li a2, 0x1357; sc.w.aqrl a5, a2, (a1); bnez a5, test_fail)
  TEST_CASE(112, a4, 0x1357, la a1, amo_buf; lw a4, 0(a1))

  /* SC fails (rd != 0, memory unchanged) without a reservation: right after a successful SC... */
  TEST_CASE(113, a5, 1, la a1, amo_buf; li a3, 0x4444; sd a3, 0(a1); lr.d a4, (a1); li a2, 0x5555; \
            sc.d a5, a2, (a1); bnez a5, test_fail; li a2, 0x6666; sc.d a5, a2, (a1); snez a5, a5)
  TEST_CASE(114, a4, 0x5555, la a1, amo_buf; ld a4, 0(a1))
  /* ... after another SC that failed, with no LR at all... */
  TEST_CASE(115, a5, 1, la a1, amo_buf; li a2, 0x7777; sc.d a5, a2, (a1); snez a5, a5)
  TEST_CASE(116, a5, 1, la a1, amo_buf; li a2, 0x7777; sc.w a5, a2, (a1); snez a5, a5)
  TEST_CASE(117, a4, 0x5555, la a1, amo_buf; ld a4, 0(a1))
  /* ... to an address other than the reserved one (another page)... */
  TEST_CASE(118, a5, 1, la a1, amo_buf; la a6, amo_far; sd zero, 0(a6); lr.d a4, (a1); li a2, 0x8888; \
            sc.d a5, a2, (a6); snez a5, a5)
  TEST_CASE(119, a4, 0, la a6, amo_far; ld a4, 0(a6))
  /* ... and after this hart stored a different value to the reserved address. The ISA allows
   * either outcome for a store by the same hart; QEMU and polyhart (value-checking LR/SC)
   * both fail the SC, which is what this checks. */
  TEST_CASE(120, a5, 1, la a1, amo_buf; li a3, 0x9999; sd a3, 0(a1); lr.d a4, (a1); li a3, 0xaaaa; \
            sd a3, 0(a1); li a2, 0xbbbb; sc.d a5, a2, (a1); snez a5, a5)
  TEST_CASE(121, a4, 0xaaaa, la a1, amo_buf; ld a4, 0(a1))
  TEST_CASE(122, a5, 1, la a1, amo_buf; li a3, 0x9999; sw a3, 0(a1); lr.w a4, (a1); li a3, 0xcccc; \
            sw a3, 0(a1); li a2, 0xbbbb; sc.w a5, a2, (a1); snez a5, a5)
  TEST_CASE(123, a4, 0xcccc, la a1, amo_buf; lw a4, 0(a1))
  /* an LR/SC increment loop, as compilers emit it */
  TEST_CASE(124, a4, 10, la a1, amo_buf; sd zero, 0(a1); li a3, 10; \
            1: lr.d a4, (a1); addi a4, a4, 1; sc.d a5, a4, (a1); bnez a5, 1b; addi a3, a3, -1; bnez a3, 1b; \
            ld a4, 0(a1))
  /* sc rd = x0 */
  TEST_CASE(125, a4, 0x4321, la a1, amo_buf; lr.d a4, (a1); li a2, 0x4321; sc.d x0, a2, (a1); ld a4, 0(a1))

  /* misaligned LR raises load-address-misaligned (4), tval = the address, rd unchanged.
   * (Misaligned SC and AMOs, cause 6, are in rv64a_misaligned.S.) */
  TEST_TRAP_ADDR(126, CAUSE_MISALIGNED_LOAD, amo_buf+2, la a1, amo_buf+2; lr.w a4, (a1))
  TEST_TRAP_ADDR(127, CAUSE_MISALIGNED_LOAD, amo_buf+4, la a1, amo_buf+4; lr.d a4, (a1))
  TEST_TRAP_ADDR(128, CAUSE_MISALIGNED_LOAD, amo_buf+1, la a1, amo_buf+1; lr.d a4, (a1))
  /* whatever the cause, a trapping AMO or LR does not write rd */
  TEST_CASE(137, a4, 0x77, li a4, 0x77; la a1, amo_buf+2; TRAP_EXPECT_BEGIN; amoadd.w a4, a2, (a1); lr.w a4, (a1); TRAP_EXPECT_END)
  /* the trapping AMO/SC did not write memory */
  TEST_CASE(138, a4, 0x4321, la a1, amo_buf; li a2, 0x1111111111111111; sd a2, 8(a1); li a2, 0x4321; sd a2, 0(a1); \
            la a3, amo_buf+4; TRAP_EXPECT_BEGIN; amoswap.d a5, a2, (a3); sc.d a5, a2, (a3); TRAP_EXPECT_END; ld a4, 0(a1))
  TEST_CASE(139, a4, 0x1111111111111111, la a1, amo_buf; ld a4, 8(a1))
TEST_END

  .data
  .balign 64
amo_buf:
  .skip 64
  .balign 4096
amo_far:
  .skip 64
