/* Zicsr: csrrw/csrrs/csrrc and their immediate forms on harmless read/write CSRs (the scratch
 * register of the body's mode, sscratch, fflags/frm/fcsr), rd = x0 and rs1 = x0 / uimm = 0
 * semantics (no write, so no trap on read-only counters), writes to read-only CSRs,
 * nonexistent CSRs and higher-privilege CSRs trapping as illegal instructions (tval = bits). */
#include "test.h"
  .option norvc

TEST_BEGIN
  /* csrrw: old value to rd, rs1 to the CSR; full 64-bit width */
  TEST_CASE(1, a4, 0x11, csrw XSCRATCH, 0x11; li a1, 0x22; csrrw a4, XSCRATCH, a1)
  TEST_CASE(2, a4, 0x22, csrr a4, XSCRATCH)
  TEST_CASE(3, a4, 0xfedcba9876543210, li a1, 0xfedcba9876543210; csrw XSCRATCH, a1; csrr a4, XSCRATCH)
  TEST_CASE(4, a4, 0x0123456789abcdef, li a1, 0x0123456789abcdef; csrrw a1, XSCRATCH, a1; csrr a4, XSCRATCH; \
            li t6, 0xfedcba9876543210; bne a1, t6, test_fail)
  /* csrrs / csrrc: set and clear the bits of rs1, old value to rd */
  TEST_CASE(5, a4, 0xf0, li a1, 0xf0; csrw XSCRATCH, a1; li a2, 0x0f; csrrs a4, XSCRATCH, a2)
  TEST_CASE(6, a4, 0xff, csrr a4, XSCRATCH)
  TEST_CASE(7, a4, 0xff, li a2, 0x3c; csrrc a4, XSCRATCH, a2)
  TEST_CASE(8, a4, 0xc3, csrr a4, XSCRATCH)
  TEST_CASE(9, a4, 0xffffffffffffffc3, li a2, -1; csrs XSCRATCH, a2; li a2, 0x3c; csrc XSCRATCH, a2; csrr a4, XSCRATCH)
  /* rs1 = x0: csrrs/csrrc only read */
  TEST_CASE(10, a4, 0xffffffffffffffc3, csrrs a4, XSCRATCH, x0; csrrc a4, XSCRATCH, x0)
  TEST_CASE(11, a4, 0xffffffffffffffc3, csrr a4, XSCRATCH)
  /* csrrw with rs1 = x0 writes zero */
  TEST_CASE(12, a4, 0xffffffffffffffc3, csrrw a4, XSCRATCH, x0)
  TEST_CASE(13, a4, 0, csrr a4, XSCRATCH)
  /* immediate forms: 5-bit zero-extended uimm */
  TEST_CASE(14, a4, 0, csrrwi a4, XSCRATCH, 31)
  TEST_CASE(15, a4, 31, csrr a4, XSCRATCH)
  TEST_CASE(16, a4, 31, csrrci a4, XSCRATCH, 0x15)
  TEST_CASE(17, a4, 0x0a, csrrsi a4, XSCRATCH, 0x10)
  TEST_CASE(18, a4, 0x1a, csrr a4, XSCRATCH)
  TEST_CASE(19, a4, 0x1a, csrrsi a4, XSCRATCH, 0; csrrci a4, XSCRATCH, 0)
  TEST_CASE(20, a4, 0x1a, csrr a4, XSCRATCH)
  TEST_CASE(21, a4, 0x10, csrwi XSCRATCH, 0x10; csrr a4, XSCRATCH)
  TEST_CASE(22, a4, 0x11, csrsi XSCRATCH, 1; csrr a4, XSCRATCH)
  TEST_CASE(23, a4, 0x01, csrci XSCRATCH, 0x10; csrr a4, XSCRATCH)
  /* rd = x0 forms do not write x0 */
  TEST_CASE(24, x0, 0, csrrw x0, XSCRATCH, a4; csrrs x0, XSCRATCH, x0; csrrwi x0, XSCRATCH, 5)
  TEST_CASE(25, a4, 5, csrr a4, XSCRATCH)
  /* sscratch is accessible from M and S alike */
  TEST_CASE(26, a4, 0x5a5a5a5a5a5a5a5a, li a1, 0x5a5a5a5a5a5a5a5a; csrw sscratch, a1; csrr a4, sscratch)
  TEST_CASE(27, a4, 0x5a5a5a5a5a5a5a5a, li a1, 0x1234; csrrs a4, sscratch, a1)
  TEST_CASE(28, a4, 0x5a5a5a5a5a5a5a7e, csrr a4, sscratch)

  /* fflags (5 bits), frm (3 bits) and fcsr (frm << 5 | fflags) are views of one register */
  TEST_CASE(29, a4, 0xff, li a1, 0xff; csrw fcsr, a1; csrr a4, fcsr)
  TEST_CASE(30, a4, 0x1f, csrr a4, fflags)
  TEST_CASE(31, a4, 7, csrr a4, frm)
  TEST_CASE(32, a4, 0x7f, csrwi frm, 3; csrr a4, fcsr)
  TEST_CASE(33, a4, 0x1f, csrrci a4, fflags, 0x11)
  TEST_CASE(34, a4, 0x6e, csrr a4, fcsr)
  TEST_CASE(35, a4, 0x0e, csrrwi a4, fflags, 0)
  TEST_CASE(36, a4, 0x60, csrr a4, fcsr)
  TEST_CASE(37, a4, 0x03, csrrsi a4, frm, 4)
  TEST_CASE(38, a4, 0xe0, csrr a4, fcsr)
  TEST_CASE(39, a4, 0x1f, li a1, 0xffffffffffffffff; csrw fflags, a1; csrr a4, fflags)
  TEST_CASE(40, a4, 7, li a1, 0xffffffffffffffff; csrw frm, a1; csrr a4, frm)
  TEST_CASE(41, a4, 0, csrw fcsr, x0; csrr a4, fcsr)

  /* read-only counters: reading (rs1 = x0, uimm = 0) is fine and they advance */
  TEST_CASE(42, a4, 1, csrr a1, cycle; li a3, 100; 1: addi a3, a3, -1; bnez a3, 1b; csrr a2, cycle; sltu a4, a1, a2)
  TEST_CASE(43, a4, 1, csrr a1, instret; li a3, 100; 1: addi a3, a3, -1; bnez a3, 1b; csrr a2, instret; sltu a4, a1, a2)
  TEST_CASE(44, a4, 1, rdtime a1; li a3, 100; 1: addi a3, a3, -1; bnez a3, 1b; rdtime a2; sltu a4, a2, a1; xori a4, a4, 1)
  TEST_CASE(45, a4, 0x66, li a4, 0x66; csrrs x0, cycle, x0; csrrc x0, instret, x0; csrrsi x0, time, 0; csrrci x0, cycle, 0)
  /* ... but any write to them is illegal, even one that would not change the value */
  TEST_TRAP(46, CAUSE_ILLEGAL_INSN, 0xc0059073, csrw cycle, a1)
  TEST_TRAP(47, CAUSE_ILLEGAL_INSN, 0xc0201073, csrrw x0, instret, x0)
  TEST_TRAP(48, CAUSE_ILLEGAL_INSN, 0xc01fd073, csrwi time, 31)
  TEST_TRAP(49, CAUSE_ILLEGAL_INSN, 0xc000e073, csrsi cycle, 1)

  /* (csrrs/csrrc with a nonzero rs1 register holding 0 are in zicsr_ro_write.S) */

  /* nonexistent CSRs */
  TEST_TRAP(52, CAUSE_ILLEGAL_INSN, 0x0ff02773, csrr a4, 0x0ff)
  TEST_TRAP(53, CAUSE_ILLEGAL_INSN, 0x0ff59073, csrw 0x0ff, a1)
  TEST_CASE(54, a4, 0x99, li a4, 0x99; TRAP_EXPECT_BEGIN; csrr a4, 0x0ff; TRAP_EXPECT_END)
#ifdef TEST_MODE_S
  /* machine CSRs from S-mode */
  TEST_TRAP(55, CAUSE_ILLEGAL_INSN, 0x34002773, csrr a4, mscratch)
  TEST_TRAP(56, CAUSE_ILLEGAL_INSN, 0x34059073, csrw mscratch, a1)
  TEST_TRAP(57, CAUSE_ILLEGAL_INSN, 0xf1402773, csrr a4, mhartid)
#else
  TEST_CASE(55, a4, 0, csrr a4, mhartid)
  TEST_CASE(56, a4, 0x33, li a1, 0x33; csrw mscratch, a1; csrr a4, mscratch)
  /* a read-only machine CSR (mhartid, 0xf14) cannot be written */
  TEST_TRAP(57, CAUSE_ILLEGAL_INSN, 0xf1459073, csrw mhartid, a1)
#endif
TEST_END
