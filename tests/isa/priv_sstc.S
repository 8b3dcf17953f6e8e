/* Sstc: stimecmp drives mip.STIP while menvcfg.STCE is set (STIP is then read-only to
 * software); with STCE clear, STIP is an ordinary M-writable bit again. */
#include "test.h"

TEST_ONLY_M

#define MIP_STIP 0x20

TEST_BEGIN
  csrw mip, zero
  li t0, 1
  slli t0, t0, 63
  csrs menvcfg, t0
  TEST_CASE(1, a0, 1, csrr a0, menvcfg; srli a0, a0, 63)
  TEST_CASE(2, a0, MIP_STIP, csrw stimecmp, zero; csrr a0, mip; andi a0, a0, MIP_STIP)
  TEST_CASE(3, a0, MIP_STIP, li t4, MIP_STIP; csrc mip, t4; csrr a0, mip; andi a0, a0, MIP_STIP)
  TEST_CASE(4, a0, 0, li t1, -1; csrw stimecmp, t1; csrr a0, mip; andi a0, a0, MIP_STIP)
  TEST_CASE(5, a0, -1, csrr a0, stimecmp)
  /* a deadline 1 ms ahead fires by itself */
  li gp, 6
  csrr t1, time
  li t2, 10000
  add t1, t1, t2
  csrw stimecmp, t1
  li t3, 200000000
1:csrr a0, mip
  andi a0, a0, MIP_STIP
  bnez a0, 2f
  addi t3, t3, -1
  bnez t3, 1b
  TEST_FAIL
2:TEST_CASE(7, a0, 1, csrr a0, time; sltu a0, a0, t1; xori a0, a0, 1)
  /* STCE off: STIP is software-writable again */
  li t0, 1
  slli t0, t0, 63
  csrc menvcfg, t0
  TEST_CASE(8, a0, 0, li t4, MIP_STIP; csrc mip, t4; csrr a0, mip; andi a0, a0, MIP_STIP)
  TEST_CASE(9, a0, MIP_STIP, li t4, MIP_STIP; csrs mip, t4; csrr a0, mip; andi a0, a0, MIP_STIP)
  TEST_CASE(10, a0, 0, li t4, MIP_STIP; csrc mip, t4; csrr a0, mip; andi a0, a0, MIP_STIP)
TEST_END
