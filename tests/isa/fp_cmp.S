/* fmin/fmax, fsgnj/fsgnjn/fsgnjx, feq/flt/fle and fclass (F and D).
 * Expected values and fflags (NX=1 UF=2 OF=4 DZ=8 NV=0x10) follow the RISC-V spec; every case
 * was also checked on qemu-system-riscv64 (softfloat). Rounding modes come from the static rm
 * field here; fp_csr.S covers the dynamic mode. */
#include "test.h"
  .option norvc

/* Local macros. Operands are loaded into fa1..fa3 as raw 64-bit register values (so single-
 * precision operands appear NaN-boxed in the vectors) and the first one also into a1 (integer
 * sources); fa0 and a4 start with a sentinel and fflags is cleared. TEST_FP_F then checks the
 * 64-bit contents of fa0, TEST_FP_X the integer result in a4; both check fflags exactly. */
#define FP_SENTINEL 0x5a5a5a5a5a5a5a5a
#define FP_SET(freg, val) li t0, val; fmv.d.x freg, t0
#define FP_RUN(n, v1, v2, v3, code...) \
  li TESTNUM, n; FP_SET(fa1, v1); FP_SET(fa2, v2); FP_SET(fa3, v3); li a1, v1; \
  FP_SET(fa0, FP_SENTINEL); li a4, FP_SENTINEL; fsflags zero; code; frflags a5
#define FP_EXPECT(reg, expected, flags) \
  li t6, expected; TEST_FAIL_IF_NE(reg, t6); li t6, flags; TEST_FAIL_IF_NE(a5, t6)
#define TEST_FP_F(n, expected, flags, v1, v2, v3, code...) \
  FP_RUN(n, v1, v2, v3, code); fmv.x.d a4, fa0; FP_EXPECT(a4, expected, flags)
#define TEST_FP_X(n, expected, flags, v1, v2, v3, code...) \
  FP_RUN(n, v1, v2, v3, code); FP_EXPECT(a4, expected, flags)

TEST_BEGIN

  /* fmin/fmax (2019 semantics: a NaN gives the other operand, -0 < +0, sNaN raises NV) */
  TEST_FP_F(1, 0xffffffff3f800000, 0x00, 0xffffffff3f800000, 0xffffffff40000000, 0x0, fmin.s fa0, fa1, fa2)
  TEST_FP_F(2, 0xffffffff3f800000, 0x00, 0xffffffff40000000, 0xffffffff3f800000, 0x0, fmin.s fa0, fa1, fa2)
  TEST_FP_F(3, 0xffffffff80000000, 0x00, 0xffffffff80000000, 0xffffffff00000000, 0x0, fmin.s fa0, fa1, fa2)
  TEST_FP_F(4, 0xffffffff80000000, 0x00, 0xffffffff00000000, 0xffffffff80000000, 0x0, fmin.s fa0, fa1, fa2)
  TEST_FP_F(5, 0xffffffff3f800000, 0x00, 0xffffffff7fc00000, 0xffffffff3f800000, 0x0, fmin.s fa0, fa1, fa2)
  TEST_FP_F(6, 0xffffffff3f800000, 0x00, 0xffffffff3f800000, 0xffffffff7fc00000, 0x0, fmin.s fa0, fa1, fa2)
  TEST_FP_F(7, 0xffffffff3f800000, 0x10, 0xffffffff7f800001, 0xffffffff3f800000, 0x0, fmin.s fa0, fa1, fa2)
  TEST_FP_F(8, 0xffffffff7fc00000, 0x00, 0xffffffff7fc00000, 0xffffffff7fc00000, 0x0, fmin.s fa0, fa1, fa2)
  TEST_FP_F(9, 0xffffffff7fc00000, 0x10, 0xffffffff7f800001, 0xffffffff7fc00000, 0x0, fmin.s fa0, fa1, fa2)
  TEST_FP_F(10, 0xffffffff7fc00000, 0x00, 0xffffffffffc00001, 0xffffffffffc00001, 0x0, fmin.s fa0, fa1, fa2)
  TEST_FP_F(11, 0xffffffffff800000, 0x00, 0xffffffffff800000, 0xffffffff7f800000, 0x0, fmin.s fa0, fa1, fa2)
  TEST_FP_F(12, 0xffffffffc0000000, 0x00, 0xffffffffbf800000, 0xffffffffc0000000, 0x0, fmin.s fa0, fa1, fa2)
  TEST_FP_F(13, 0xffffffff40000000, 0x00, 0xffffffff3f800000, 0xffffffff40000000, 0x0, fmax.s fa0, fa1, fa2)
  TEST_FP_F(14, 0xffffffff40000000, 0x00, 0xffffffff40000000, 0xffffffff3f800000, 0x0, fmax.s fa0, fa1, fa2)
  TEST_FP_F(15, 0xffffffff00000000, 0x00, 0xffffffff80000000, 0xffffffff00000000, 0x0, fmax.s fa0, fa1, fa2)
  TEST_FP_F(16, 0xffffffff00000000, 0x00, 0xffffffff00000000, 0xffffffff80000000, 0x0, fmax.s fa0, fa1, fa2)
  TEST_FP_F(17, 0xffffffffbf800000, 0x00, 0xffffffff7fc00000, 0xffffffffbf800000, 0x0, fmax.s fa0, fa1, fa2)
  TEST_FP_F(18, 0xffffffffbf800000, 0x10, 0xffffffffbf800000, 0xffffffff7f800001, 0x0, fmax.s fa0, fa1, fa2)
  TEST_FP_F(19, 0xffffffff7fc00000, 0x00, 0xffffffff7fc00000, 0xffffffff7fc00000, 0x0, fmax.s fa0, fa1, fa2)
  TEST_FP_F(20, 0xffffffff7f800000, 0x00, 0xffffffffff800000, 0xffffffff7f800000, 0x0, fmax.s fa0, fa1, fa2)
  TEST_FP_F(21, 0xffffffffbf800000, 0x00, 0xffffffffbf800000, 0xffffffffc0000000, 0x0, fmax.s fa0, fa1, fa2)
  TEST_FP_F(22, 0x3ff0000000000000, 0x00, 0x3ff0000000000000, 0x4000000000000000, 0x0, fmin.d fa0, fa1, fa2)
  TEST_FP_F(23, 0x8000000000000000, 0x00, 0x8000000000000000, 0x0, 0x0, fmin.d fa0, fa1, fa2)
  TEST_FP_F(24, 0x8000000000000000, 0x00, 0x0, 0x8000000000000000, 0x0, fmin.d fa0, fa1, fa2)
  TEST_FP_F(25, 0x3ff0000000000000, 0x00, 0x7ff8000000000000, 0x3ff0000000000000, 0x0, fmin.d fa0, fa1, fa2)
  TEST_FP_F(26, 0x3ff0000000000000, 0x10, 0x3ff0000000000000, 0x7ff0000000000001, 0x0, fmin.d fa0, fa1, fa2)
  TEST_FP_F(27, 0x7ff8000000000000, 0x10, 0x7ff8000000000000, 0x7ff0000000000001, 0x0, fmin.d fa0, fa1, fa2)
  TEST_FP_F(28, 0xfff0000000000000, 0x00, 0xfff0000000000000, 0x7ff0000000000000, 0x0, fmin.d fa0, fa1, fa2)
  TEST_FP_F(29, 0x4000000000000000, 0x00, 0x3ff0000000000000, 0x4000000000000000, 0x0, fmax.d fa0, fa1, fa2)
  TEST_FP_F(30, 0x0, 0x00, 0x8000000000000000, 0x0, 0x0, fmax.d fa0, fa1, fa2)
  TEST_FP_F(31, 0x0, 0x00, 0x0, 0x8000000000000000, 0x0, fmax.d fa0, fa1, fa2)
  TEST_FP_F(32, 0xbff0000000000000, 0x00, 0x7ff8000000000000, 0xbff0000000000000, 0x0, fmax.d fa0, fa1, fa2)
  TEST_FP_F(33, 0xbff0000000000000, 0x10, 0x7ff0000000000001, 0xbff0000000000000, 0x0, fmax.d fa0, fa1, fa2)
  TEST_FP_F(34, 0x7ff8000000000000, 0x00, 0x7ff8000000000000, 0x7ff8000000000000, 0x0, fmax.d fa0, fa1, fa2)
  TEST_FP_F(35, 0xbff0000000000000, 0x00, 0xbff0000000000000, 0xc000000000000000, 0x0, fmax.d fa0, fa1, fa2)
  /* sign injection: raw bits, NaNs untouched, no flags */
  TEST_FP_F(36, 0xffffffffbf800000, 0x00, 0xffffffff3f800000, 0xffffffffbf800000, 0x0, fsgnj.s fa0, fa1, fa2)
  TEST_FP_F(37, 0xffffffff3f800000, 0x00, 0xffffffffbf800000, 0xffffffff3f800000, 0x0, fsgnj.s fa0, fa1, fa2)
  TEST_FP_F(38, 0xffffffffffc00001, 0x00, 0xffffffff7fc00001, 0xffffffff80000000, 0x0, fsgnj.s fa0, fa1, fa2)
  TEST_FP_F(39, 0xffffffff7f800001, 0x00, 0xffffffff7f800001, 0xffffffff00000000, 0x0, fsgnj.s fa0, fa1, fa2)
  TEST_FP_F(40, 0xffffffff3f800000, 0x00, 0xffffffff3f800000, 0xffffffffbf800000, 0x0, fsgnjn.s fa0, fa1, fa2)
  TEST_FP_F(41, 0xffffffffbf800000, 0x00, 0xffffffff3f800000, 0xffffffff3f800000, 0x0, fsgnjn.s fa0, fa1, fa2)
  TEST_FP_F(42, 0xffffffffff800001, 0x00, 0xffffffff7f800001, 0xffffffff7f800001, 0x0, fsgnjn.s fa0, fa1, fa2)
  TEST_FP_F(43, 0xffffffff3f800000, 0x00, 0xffffffffbf800000, 0xffffffffbf800000, 0x0, fsgnjx.s fa0, fa1, fa2)
  TEST_FP_F(44, 0xffffffffbf800000, 0x00, 0xffffffffbf800000, 0xffffffff3f800000, 0x0, fsgnjx.s fa0, fa1, fa2)
  TEST_FP_F(45, 0xffffffffbf800000, 0x00, 0xffffffff3f800000, 0xffffffffbf800000, 0x0, fsgnjx.s fa0, fa1, fa2)
  TEST_FP_F(46, 0xbff0000000000000, 0x00, 0x3ff0000000000000, 0xbff0000000000000, 0x0, fsgnj.d fa0, fa1, fa2)
  TEST_FP_F(47, 0x7ff0000000000001, 0x00, 0xfff0000000000001, 0x0, 0x0, fsgnj.d fa0, fa1, fa2)
  TEST_FP_F(48, 0x3ff0000000000000, 0x00, 0x3ff0000000000000, 0xbff0000000000000, 0x0, fsgnjn.d fa0, fa1, fa2)
  TEST_FP_F(49, 0xfff0000000000001, 0x00, 0x7ff0000000000001, 0x7ff0000000000001, 0x0, fsgnjn.d fa0, fa1, fa2)
  TEST_FP_F(50, 0x3ff0000000000000, 0x00, 0xbff0000000000000, 0xbff0000000000000, 0x0, fsgnjx.d fa0, fa1, fa2)
  TEST_FP_F(51, 0xbff0000000000000, 0x00, 0xbff0000000000000, 0x3ff0000000000000, 0x0, fsgnjx.d fa0, fa1, fa2)
  /* compares: feq quiet, flt/fle signaling */
  TEST_FP_X(52, 0x1, 0x00, 0xffffffff3f800000, 0xffffffff3f800000, 0x0, feq.s a4, fa1, fa2)
  TEST_FP_X(53, 0x0, 0x00, 0xffffffff3f800000, 0xffffffff40000000, 0x0, feq.s a4, fa1, fa2)
  TEST_FP_X(54, 0x1, 0x00, 0xffffffff80000000, 0xffffffff00000000, 0x0, feq.s a4, fa1, fa2)
  TEST_FP_X(55, 0x0, 0x00, 0xffffffff7fc00000, 0xffffffff3f800000, 0x0, feq.s a4, fa1, fa2)
  TEST_FP_X(56, 0x0, 0x00, 0xffffffff7fc00000, 0xffffffff7fc00000, 0x0, feq.s a4, fa1, fa2)
  TEST_FP_X(57, 0x0, 0x10, 0xffffffff7f800001, 0xffffffff3f800000, 0x0, feq.s a4, fa1, fa2)
  TEST_FP_X(58, 0x1, 0x00, 0xffffffff3f800000, 0xffffffff40000000, 0x0, flt.s a4, fa1, fa2)
  TEST_FP_X(59, 0x0, 0x00, 0xffffffff40000000, 0xffffffff3f800000, 0x0, flt.s a4, fa1, fa2)
  TEST_FP_X(60, 0x0, 0x00, 0xffffffff3f800000, 0xffffffff3f800000, 0x0, flt.s a4, fa1, fa2)
  TEST_FP_X(61, 0x0, 0x00, 0xffffffff80000000, 0xffffffff00000000, 0x0, flt.s a4, fa1, fa2)
  TEST_FP_X(62, 0x1, 0x00, 0xffffffffff800000, 0xffffffff7f800000, 0x0, flt.s a4, fa1, fa2)
  TEST_FP_X(63, 0x0, 0x00, 0xffffffffbf800000, 0xffffffffc0000000, 0x0, flt.s a4, fa1, fa2)
  TEST_FP_X(64, 0x0, 0x10, 0xffffffff7fc00000, 0xffffffff3f800000, 0x0, flt.s a4, fa1, fa2)
  TEST_FP_X(65, 0x0, 0x10, 0xffffffff3f800000, 0xffffffff7f800001, 0x0, flt.s a4, fa1, fa2)
  TEST_FP_X(66, 0x1, 0x00, 0xffffffff3f800000, 0xffffffff40000000, 0x0, fle.s a4, fa1, fa2)
  TEST_FP_X(67, 0x0, 0x00, 0xffffffff40000000, 0xffffffff3f800000, 0x0, fle.s a4, fa1, fa2)
  TEST_FP_X(68, 0x1, 0x00, 0xffffffff3f800000, 0xffffffff3f800000, 0x0, fle.s a4, fa1, fa2)
  TEST_FP_X(69, 0x1, 0x00, 0xffffffff80000000, 0xffffffff00000000, 0x0, fle.s a4, fa1, fa2)
  TEST_FP_X(70, 0x0, 0x10, 0xffffffff7fc00000, 0xffffffff3f800000, 0x0, fle.s a4, fa1, fa2)
  TEST_FP_X(71, 0x0, 0x10, 0xffffffff7fc00000, 0xffffffff7fc00000, 0x0, fle.s a4, fa1, fa2)
  TEST_FP_X(72, 0x1, 0x00, 0x3ff0000000000000, 0x3ff0000000000000, 0x0, feq.d a4, fa1, fa2)
  TEST_FP_X(73, 0x1, 0x00, 0x8000000000000000, 0x0, 0x0, feq.d a4, fa1, fa2)
  TEST_FP_X(74, 0x0, 0x00, 0x7ff8000000000000, 0x7ff8000000000000, 0x0, feq.d a4, fa1, fa2)
  TEST_FP_X(75, 0x0, 0x10, 0x7ff0000000000001, 0x3ff0000000000000, 0x0, feq.d a4, fa1, fa2)
  TEST_FP_X(76, 0x1, 0x00, 0x3ff0000000000000, 0x4000000000000000, 0x0, flt.d a4, fa1, fa2)
  TEST_FP_X(77, 0x0, 0x00, 0x4000000000000000, 0x3ff0000000000000, 0x0, flt.d a4, fa1, fa2)
  TEST_FP_X(78, 0x0, 0x00, 0x8000000000000000, 0x0, 0x0, flt.d a4, fa1, fa2)
  TEST_FP_X(79, 0x0, 0x00, 0xbff0000000000000, 0xc000000000000000, 0x0, flt.d a4, fa1, fa2)
  TEST_FP_X(80, 0x0, 0x10, 0x7ff8000000000000, 0x3ff0000000000000, 0x0, flt.d a4, fa1, fa2)
  TEST_FP_X(81, 0x1, 0x00, 0x3ff0000000000000, 0x3ff0000000000000, 0x0, fle.d a4, fa1, fa2)
  TEST_FP_X(82, 0x1, 0x00, 0x8000000000000000, 0x0, 0x0, fle.d a4, fa1, fa2)
  TEST_FP_X(83, 0x0, 0x00, 0x4000000000000000, 0x3ff0000000000000, 0x0, fle.d a4, fa1, fa2)
  TEST_FP_X(84, 0x0, 0x10, 0x3ff0000000000000, 0x7ff8000000000000, 0x0, fle.d a4, fa1, fa2)
  /* fclass: every class */
  TEST_FP_X(85, 0x1, 0x00, 0xffffffffff800000, 0x0, 0x0, fclass.s a4, fa1)
  TEST_FP_X(86, 0x2, 0x00, 0xffffffffbf800000, 0x0, 0x0, fclass.s a4, fa1)
  TEST_FP_X(87, 0x4, 0x00, 0xffffffff807fffff, 0x0, 0x0, fclass.s a4, fa1)
  TEST_FP_X(88, 0x8, 0x00, 0xffffffff80000000, 0x0, 0x0, fclass.s a4, fa1)
  TEST_FP_X(89, 0x10, 0x00, 0xffffffff00000000, 0x0, 0x0, fclass.s a4, fa1)
  TEST_FP_X(90, 0x20, 0x00, 0xffffffff007fffff, 0x0, 0x0, fclass.s a4, fa1)
  TEST_FP_X(91, 0x40, 0x00, 0xffffffff3f800000, 0x0, 0x0, fclass.s a4, fa1)
  TEST_FP_X(92, 0x80, 0x00, 0xffffffff7f800000, 0x0, 0x0, fclass.s a4, fa1)
  TEST_FP_X(93, 0x100, 0x00, 0xffffffff7f800001, 0x0, 0x0, fclass.s a4, fa1)
  TEST_FP_X(94, 0x200, 0x00, 0xffffffff7fc00000, 0x0, 0x0, fclass.s a4, fa1)
  TEST_FP_X(95, 0x200, 0x00, 0xffffffffffffffff, 0x0, 0x0, fclass.s a4, fa1)
  TEST_FP_X(96, 0x1, 0x00, 0xfff0000000000000, 0x0, 0x0, fclass.d a4, fa1)
  TEST_FP_X(97, 0x2, 0x00, 0xbff0000000000000, 0x0, 0x0, fclass.d a4, fa1)
  TEST_FP_X(98, 0x4, 0x00, 0x800fffffffffffff, 0x0, 0x0, fclass.d a4, fa1)
  TEST_FP_X(99, 0x8, 0x00, 0x8000000000000000, 0x0, 0x0, fclass.d a4, fa1)
  TEST_FP_X(100, 0x10, 0x00, 0x0, 0x0, 0x0, fclass.d a4, fa1)
  TEST_FP_X(101, 0x20, 0x00, 0x1, 0x0, 0x0, fclass.d a4, fa1)
  TEST_FP_X(102, 0x40, 0x00, 0x3ff0000000000000, 0x0, 0x0, fclass.d a4, fa1)
  TEST_FP_X(103, 0x80, 0x00, 0x7ff0000000000000, 0x0, 0x0, fclass.d a4, fa1)
  TEST_FP_X(104, 0x100, 0x00, 0x7ff4000000000000, 0x0, 0x0, fclass.d a4, fa1)
  TEST_FP_X(105, 0x200, 0x00, 0x7ff8000000000000, 0x0, 0x0, fclass.d a4, fa1)
  TEST_FP_X(106, 0x200, 0x00, 0xfff8000000000001, 0x0, 0x0, fclass.d a4, fa1)

TEST_END
