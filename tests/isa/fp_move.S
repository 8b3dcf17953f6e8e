/* F/D loads, stores and moves, and NaN-boxing: flw boxes, fsw/fmv.x.w use the low 32 bits as
 * they are, single-precision operands that are not properly boxed read as the canonical NaN
 * (0x7fc00000), misaligned FP accesses are performed (also across a page), faulting ones leave
 * the destination unchanged. */
#include "test.h"
  .option norvc

#define FP_SENTINEL 0x5a5a5a5a5a5a5a5a
#define FP_SET(freg, val) li t0, val; fmv.d.x freg, t0
/* reg = 64-bit contents of freg, which must equal expected, and fflags must equal flags. */
#define FP_CHECK_F(freg, expected, flags) \
  fmv.x.d a4, freg; frflags a5; li t6, expected; TEST_FAIL_IF_NE(a4, t6); \
  li t6, flags; TEST_FAIL_IF_NE(a5, t6)
/* Run code with fa1 = v1, fa2 = v2 (raw 64-bit), fflags cleared; check fa0 and fflags. */
#define TEST_FP_F2(n, expected, flags, v1, v2, code...) \
  li TESTNUM, n; FP_SET(fa1, v1); FP_SET(fa2, v2); FP_SET(fa0, FP_SENTINEL); fsflags zero; \
  code; FP_CHECK_F(fa0, expected, flags)
/* Same, checking the integer result in a4. */
#define TEST_FP_X2(n, expected, flags, v1, v2, code...) \
  li TESTNUM, n; FP_SET(fa1, v1); FP_SET(fa2, v2); li a4, FP_SENTINEL; fsflags zero; \
  code; frflags a5; li t6, expected; TEST_FAIL_IF_NE(a4, t6); li t6, flags; \
  TEST_FAIL_IF_NE(a5, t6)
/* Reset the 16-byte store buffer to 0x11.. / 0x22.. */
#define SBUF_RESET \
  lla a1, sbuf; li t0, 0x1111111111111111; sd t0, 0(a1); li t0, 0x2222222222222222; sd t0, 8(a1)

#ifdef TEST_MODE_S
#define BAD_LOAD_CAUSE  CAUSE_LOAD_PAGE_FAULT
#define BAD_STORE_CAUSE CAUSE_STORE_PAGE_FAULT
#else
#define BAD_LOAD_CAUSE  CAUSE_LOAD_ACCESS
#define BAD_STORE_CAUSE CAUSE_STORE_ACCESS
#endif
#define BAD_ADDR 0x10

TEST_BEGIN

  /* flw NaN-boxes, fld loads all 64 bits; positive and negative offsets */
  TEST_CASE(1, a4, 0xffffffff3f800000, lla a1, fdata; flw fa0, 0(a1); fmv.x.d a4, fa0)
  TEST_CASE(2, a4, 0xffffffffc0490fdb, lla a1, fdata; flw fa0, 4(a1); fmv.x.d a4, fa0)
  TEST_CASE(3, a4, 0x400921fb54442d18, lla a1, fdata; fld fa0, 8(a1); fmv.x.d a4, fa0)
  TEST_CASE(4, a4, 0xffffffffc0490fdb, lla a1, fdata+8; flw fa0, -4(a1); fmv.x.d a4, fa0)
  TEST_CASE(5, a4, 0xfff0000000000001, lla a1, fdata+24; fld fa0, -8(a1); fmv.x.d a4, fa0)
  TEST_CASE(6, a4, 0xffffffff7f800001, lla a1, fdata; flw fa0, 24(a1); fmv.x.d a4, fa0)
  /* loads do not touch fflags, even of signaling NaNs */
  TEST_CASE(7, a5, 0, fsflags zero; lla a1, fdata; flw fa0, 24(a1); fld fa1, 16(a1); frflags a5)

  /* fsw writes exactly the low 4 bytes (boxed or not), fsd 8 */
  TEST_CASE(10, a4, 0x111111113f800000, SBUF_RESET; FP_SET(fa0, 0xffffffff3f800000); \
            fsw fa0, 0(a1); ld a4, 0(a1))
  TEST_CASE(11, a4, 0x9abcdef011111111, SBUF_RESET; FP_SET(fa0, 0x123456789abcdef0); \
            fsw fa0, 4(a1); ld a4, 0(a1))
  TEST_CASE(12, a4, 0x2222222222222222, SBUF_RESET; FP_SET(fa0, 0x123456789abcdef0); \
            fsw fa0, 4(a1); ld a4, 8(a1))
  TEST_CASE(13, a4, 0x123456789abcdef0, SBUF_RESET; FP_SET(fa0, 0x123456789abcdef0); \
            fsd fa0, 8(a1); ld a4, 8(a1))
  TEST_CASE(14, a4, 0x1111111111111111, SBUF_RESET; FP_SET(fa0, 0x123456789abcdef0); \
            fsd fa0, 8(a1); ld a4, 0(a1))
  TEST_CASE(15, a4, 0x7ff0000000000001, SBUF_RESET; FP_SET(fa0, 0x7ff0000000000001); \
            addi a1, a1, 16; fsd fa0, -8(a1); ld a4, -8(a1))
  /* store then load back through the FPU */
  TEST_CASE(16, a4, 0xffffffff12345678, SBUF_RESET; FP_SET(fa0, 0xffffffff12345678); \
            fsw fa0, 0(a1); flw fa1, 0(a1); fmv.x.d a4, fa1)

  /* misaligned accesses are performed */
  TEST_CASE(20, a4, 0xffffffff490fdb3f, lla a1, fdata; flw fa0, 3(a1); fmv.x.d a4, fa0)
  TEST_CASE(21, a4, 0x2d18c0490fdb3f80, lla a1, fdata; \
            fld fa0, 2(a1); fmv.x.d a4, fa0)
  TEST_CASE(22, a4, 0x1111119abcdef011, SBUF_RESET; FP_SET(fa0, 0x123456789abcdef0); \
            fsw fa0, 1(a1); ld a4, 0(a1))
  TEST_CASE(23, a4, 0x56789abcdef01111, SBUF_RESET; FP_SET(fa0, 0x123456789abcdef0); \
            fsd fa0, 2(a1); ld a4, 0(a1))
  TEST_CASE(24, a4, 0x2222222222221234, SBUF_RESET; FP_SET(fa0, 0x123456789abcdef0); \
            fsd fa0, 2(a1); ld a4, 8(a1))
  /* ... also across a page boundary */
  TEST_CASE(25, a4, 0x0807060504030201, lla a1, page_end; fld fa0, -4(a1); fmv.x.d a4, fa0)
  TEST_CASE(26, a4, 0xffffffff06050403, lla a1, page_end; flw fa0, -2(a1); fmv.x.d a4, fa0)
  TEST_CASE(27, a4, 0x1122334455667788, lla a1, page_end; FP_SET(fa0, 0x1122334455667788); \
            fsd fa0, -3(a1); fld fa1, -3(a1); fmv.x.d a4, fa1)
  TEST_CASE(28, a4, 0xffffffff55667788, lla a1, page_end; FP_SET(fa0, 0x1122334455667788); \
            fsw fa0, -1(a1); flw fa1, -1(a1); fmv.x.d a4, fa1)

  /* faulting loads and stores: the trap is taken, the destination register keeps its value */
  TEST_TRAP(30, BAD_LOAD_CAUSE, BAD_ADDR, FP_SET(fa0, FP_SENTINEL); li a1, BAD_ADDR; \
            flw fa0, 0(a1))
  TEST_CASE(31, a4, FP_SENTINEL, fmv.x.d a4, fa0)
  TEST_TRAP(32, BAD_LOAD_CAUSE, BAD_ADDR + 8, li a1, BAD_ADDR; fld fa0, 8(a1))
  TEST_CASE(33, a4, FP_SENTINEL, fmv.x.d a4, fa0)
  TEST_TRAP(34, BAD_STORE_CAUSE, BAD_ADDR, li a1, BAD_ADDR + 4; fsw fa0, -4(a1))
  TEST_TRAP(35, BAD_STORE_CAUSE, BAD_ADDR, li a1, BAD_ADDR; fsd fa0, 0(a1))

  /* fmv.x.w: low 32 bits sign-extended, boxed or not, no flags; fmv.x.d: all 64 bits */
  TEST_FP_X2(40, 0xffffffffbf800000, 0, 0xffffffffbf800000, 0, fmv.x.w a4, fa1)
  TEST_FP_X2(41, 0x000000003f800000, 0, 0xffffffff3f800000, 0, fmv.x.w a4, fa1)
  TEST_FP_X2(42, 0xffffffff9abcdef0, 0, 0x123456789abcdef0, 0, fmv.x.w a4, fa1)
  TEST_FP_X2(43, 0x000000007f800001, 0, 0xffffffff7f800001, 0, fmv.x.w a4, fa1)
  TEST_FP_X2(44, 0x123456789abcdef0, 0, 0x123456789abcdef0, 0, fmv.x.d a4, fa1)
  TEST_FP_X2(45, 0x7ff0000000000001, 0, 0x7ff0000000000001, 0, fmv.x.d a4, fa1)
  TEST_CASE(46, x0, 0, FP_SET(fa1, 0x123456789abcdef0); fmv.x.d x0, fa1; fmv.x.w x0, fa1)
  /* fmv.w.x boxes the low 32 bits; fmv.d.x moves 64; NaN payloads are preserved */
  TEST_CASE(47, a4, 0xffffffff9abcdef0, li a1, 0x123456789abcdef0; fmv.w.x fa0, a1; \
            fmv.x.d a4, fa0)
  TEST_CASE(48, a4, 0xffffffff7f800001, li a1, 0x7f800001; fmv.w.x fa0, a1; fmv.x.d a4, fa0)
  TEST_CASE(49, a4, 0x7ff0000000000001, li a1, 0x7ff0000000000001; fmv.d.x fa0, a1; \
            fmv.x.d a4, fa0)
  TEST_CASE(50, a4, 0xffffffff00000000, fmv.w.x fa0, zero; fmv.x.d a4, fa0)

  /* NaN-boxing: an improperly boxed single operand is the canonical quiet NaN */
  TEST_FP_F2(60, 0xffffffff7fc00000, 0, 0x000000003f800000, 0xffffffff3f800000, \
             fadd.s fa0, fa1, fa2)
  TEST_FP_F2(61, 0xffffffff7fc00000, 0, 0xffffffff3f800000, 0xfffffffe3f800000, \
             fmul.s fa0, fa1, fa2)
  TEST_FP_F2(62, 0xffffffff7fc00000, 0, 0x7fffffff3f800000, 0, fsqrt.s fa0, fa1)
  TEST_FP_F2(63, 0xffffffff7fc00000, 0, 0x00000000bf800000, 0xffffffff3f800000, \
             fmadd.s fa0, fa1, fa2, fa2)
  /* fmin/fmax: the unboxed operand is a NaN, so the other one is returned */
  TEST_FP_F2(64, 0xffffffff3f800000, 0, 0x00000000bf800000, 0xffffffff3f800000, \
             fmin.s fa0, fa1, fa2)
  TEST_FP_F2(65, 0xffffffff7fc00000, 0, 0x00000000bf800000, 0x0000000040000000, \
             fmax.s fa0, fa1, fa2)
  /* sign injection reads the canonical NaN as well */
  TEST_FP_F2(66, 0xffffffffffc00000, 0, 0x000000003f800000, 0xffffffffbf800000, \
             fsgnj.s fa0, fa1, fa2)
  TEST_FP_F2(67, 0xffffffffbf800000, 0, 0xffffffff3f800000, 0x000000003f800000, \
             fsgnjn.s fa0, fa1, fa2)
  TEST_FP_F2(68, 0xffffffff7fc00000, 0, 0x00000000ff800000, 0x00000000ff800000, \
             fsgnjx.s fa0, fa1, fa2)
  /* compares, fclass, conversions */
  TEST_FP_X2(69, 0, 0, 0x000000003f800000, 0x000000003f800000, feq.s a4, fa1, fa2)
  TEST_FP_X2(70, 0, 0x10, 0x000000003f800000, 0xffffffff3f800000, flt.s a4, fa1, fa2)
  TEST_FP_X2(71, 0x200, 0, 0x00000000ff800000, 0, fclass.s a4, fa1)
  TEST_FP_X2(72, 0x200, 0, 0x7ff0000000000001, 0, fclass.s a4, fa1)
  TEST_FP_X2(73, 0x7fffffff, 0x10, 0x00000000bf800000, 0, fcvt.w.s a4, fa1, rtz)
  TEST_FP_F2(74, 0x7ff8000000000000, 0, 0x000000007f800001, 0, fcvt.d.s fa0, fa1)
  /* double-precision operations use all 64 bits: a boxed single is just a NaN double */
  TEST_FP_X2(75, 0x200, 0, 0xffffffff3f800000, 0, fclass.d a4, fa1)
  /* results of single-precision operations are boxed, whatever the destination held */
  TEST_FP_F2(77, 0xffffffff40000000, 0, 0xffffffff3f800000, 0xffffffff3f800000, \
             FP_SET(fa0, 0x0123456789abcdef); fadd.s fa0, fa1, fa2)
  TEST_FP_F2(78, 0xffffffff3f800000, 0, 0x0000000000000001, 0, li a1, 1; fcvt.s.l fa0, a1)

TEST_END

  .data
  .balign 8
fdata:
  .word 0x3f800000, 0xc0490fdb          /* 1.0f, -pi (float) */
  .dword 0x400921fb54442d18             /* pi */
  .dword 0xfff0000000000001             /* a double signaling NaN */
  .word 0x7f800001, 0                   /* a float signaling NaN */
  .balign 8
sbuf:
  .dword 0, 0

  /* 8 bytes 01..08 straddling a page boundary: page_end is the first byte of the next page */
  .balign 4096
  .skip 4096 - 4
  .byte 0x01, 0x02, 0x03, 0x04
page_end:
  .byte 0x05, 0x06, 0x07, 0x08
  .skip 12
