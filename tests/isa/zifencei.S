/* Zifencei: self-modifying code. A store over an instruction followed by fence.i must be seen
 * by the next fetch: an instruction not yet executed, one that already ran (in a loop, and in
 * a hot function), a compressed one, a partial (byte) patch, code built in a data buffer, and
 * in S-mode a patch through a second virtual alias of the same physical page. */
#include "test.h"
  .option norvc

#define ENC_ADDI(rd, rs1, imm) ((((imm) & 0xfff) << 20) | ((rs1) << 15) | ((rd) << 7) | 0x13)
#define A0 10
#define A4 14
#define ENC_RET 0x00008067

TEST_BEGIN
  /* patch an instruction ahead of us */
  TEST_CASE(1, a4, 2, la a1, 1f; li a2, ENC_ADDI(A4, 0, 2); sw a2, 0(a1); fence.i; 1: addi a4, x0, 1)
  /* patch an instruction that has already executed, in a loop: 1 + 10 + 10 */
  TEST_CASE(2, a3, 21, li a3, 0; li a5, 3; 1: addi a4, x0, 1; add a3, a3, a4; la a1, 1b; \
            li a2, ENC_ADDI(A4, 0, 10); sw a2, 0(a1); fence.i; addi a5, a5, -1; bnez a5, 1b)
  /* a hot function: call it 100 times, patch it, call it 100 more times */
  TEST_CASE(3, a0, 300, li a0, 0; li s2, 100; 1: jal ra, hot_fn; addi s2, s2, -1; bnez s2, 1b; \
            la a1, hot_fn; li a2, ENC_ADDI(A0, A0, 2); sw a2, 0(a1); fence.i; \
            li s2, 100; 2: jal ra, hot_fn; addi s2, s2, -1; bnez s2, 2b)
  /* patch it back and run once more */
  TEST_CASE(4, a0, 1, la a1, hot_fn; li a2, ENC_ADDI(A0, A0, 1); sw a2, 0(a1); fence.i; li a0, 0; jal ra, hot_fn)
  /* a compressed instruction patched with a halfword store: c.li a4, 1 -> c.li a4, 5 */
  TEST_CASE(5, a4, 5, la a1, 1f; li a2, 0x4715; sh a2, 0(a1); fence.i; .option push; .option rvc; \
            1: c.li a4, 1; .option pop)
  /* only the immediate byte of an instruction: addi a4, x0, 0x001 -> 0x7f1 (bits 31:24) */
  TEST_CASE(6, a4, 0x7f1, la a1, 1f; li a2, 0x7f; sb a2, 3(a1); fence.i; 1: addi a4, x0, 1)
  /* code written into a data buffer, run, rewritten, run again */
  TEST_CASE(7, a0, 7, la a1, code_buf; li a2, ENC_ADDI(A0, 0, 7); sw a2, 0(a1); li a2, ENC_RET; sw a2, 4(a1); \
            fence.i; li a0, 0; jalr ra, 0(a1))
  TEST_CASE(8, a0, 9, la a1, code_buf; li a2, ENC_ADDI(A0, 0, 9); sw a2, 0(a1); fence.i; li a0, 0; jalr ra, 0(a1))
  TEST_CASE(9, a0, 0xffe, la a1, code_buf; li a2, ENC_ADDI(A0, A0, 0x7ff); sw a2, 0(a1); fence.i; li a0, 0; \
            jalr ra, 0(a1); jalr ra, 0(a1))
  /* a loop whose body is rewritten on every iteration: the last value wins (1 + 2 + 3 + 4) */
  TEST_CASE(10, a3, 10, li a3, 0; li a5, 1; 1: la a1, 2f; li a2, ENC_ADDI(A4, 0, 0); slli a6, a5, 20; \
            or a2, a2, a6; sw a2, 0(a1); fence.i; 2: addi a4, x0, 0; add a3, a3, a4; addi a5, a5, 1; \
            li a6, 5; bne a5, a6, 1b)
#ifdef TEST_MODE_S
  /* patch through the alias VA, run at the identity VA: both name the same physical page */
  TEST_CASE(11, a0, 5, la a1, alias_fn; li a3, ISA_ALIAS_OFFSET; add a1, a1, a3; li a2, ENC_ADDI(A0, 0, 5); \
            sw a2, 0(a1); fence.i; li a0, 0; jal ra, alias_fn)
  /* run at the alias VA, patch through the identity VA, run at the alias again */
  TEST_CASE(12, a0, 6, la a1, alias_fn; li a3, ISA_ALIAS_OFFSET; add s3, a1, a3; jalr ra, 0(s3); \
            li t5, 5; bne a0, t5, test_fail; li a2, ENC_ADDI(A0, 0, 6); sw a2, 0(a1); fence.i; jalr ra, 0(s3))
#endif
TEST_END

  .balign 4
hot_fn:
  addi a0, a0, 1
  ret
alias_fn:
  addi a0, x0, 1
  ret

  .data
  .balign 8
code_buf:
  .skip 16
