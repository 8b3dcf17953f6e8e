/* FP control and status: the dynamic rounding mode (frm), reserved rounding modes (static 5/6,
 * dynamic with frm >= 5) and reserved encodings raising illegal-instruction exceptions with
 * tval = the instruction bits, accrual of fflags and the fcsr layout, mstatus.FS = Off making
 * every FP instruction illegal, and FS becoming Dirty when FP state is written. */
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

/* The instruction `insn` must raise one illegal-instruction exception at its own address with
 * tval = its encoding (read back from memory, 4 bytes), leaving fa0 and a4 unchanged. */
#define TEST_FP_ILLEGAL(n, insn...) \
  li TESTNUM, n; FP_SET(fa0, FP_SENTINEL); li a4, FP_SENTINEL; \
  TRAP_EXPECT_BEGIN; 9801: insn; TRAP_EXPECT_END; \
  TRAP_CHECK(TR_COUNT, 1); TRAP_CHECK(TR_CAUSE, CAUSE_ILLEGAL_INSN); \
  TRAP_CHECK_ADDR(TR_EPC, 9801b); lwu t1, 9801b; ld t6, TR_TVAL(tp); TEST_FAIL_IF_NE(t6, t1); \
  li t6, FP_SENTINEL; TEST_FAIL_IF_NE(a4, t6); fmv.x.d t1, fa0; TEST_FAIL_IF_NE(t1, t6)
/* Same with the FPU off (fa0 cannot be read): only a4 is checked. */
#define TEST_FS_OFF_ILLEGAL(n, insn...) \
  li TESTNUM, n; li a4, FP_SENTINEL; \
  TRAP_EXPECT_BEGIN; 9801: insn; TRAP_EXPECT_END; \
  TRAP_CHECK(TR_COUNT, 1); TRAP_CHECK(TR_CAUSE, CAUSE_ILLEGAL_INSN); \
  TRAP_CHECK_ADDR(TR_EPC, 9801b); lwu t1, 9801b; ld t6, TR_TVAL(tp); TEST_FAIL_IF_NE(t6, t1); \
  li t6, FP_SENTINEL; TEST_FAIL_IF_NE(a4, t6)
/* Same for a 16-bit instruction: tval holds its 16 bits, zero-extended. */
#define TEST_FS_OFF_ILLEGAL16(n, insn...) \
  li TESTNUM, n; \
  TRAP_EXPECT_BEGIN; 9801: insn; TRAP_EXPECT_END; \
  TRAP_CHECK(TR_COUNT, 1); TRAP_CHECK(TR_CAUSE, CAUSE_ILLEGAL_INSN); \
  TRAP_CHECK_ADDR(TR_EPC, 9801b); lhu t1, 9801b; ld t6, TR_TVAL(tp); TEST_FAIL_IF_NE(t6, t1)

#define FS_OFF      li t0, MSTATUS_FS; csrc XSTATUS, t0
#define FS_SET(v)   li t0, MSTATUS_FS; csrc XSTATUS, t0; li t0, (v) << 13; csrs XSTATUS, t0
#define FS_DIRTY    li t0, MSTATUS_FS; csrs XSTATUS, t0
#define FS_INITIAL  1
#define FS_CLEAN    2
/* a4 = mstatus.FS, a5 = mstatus.SD (sstatus in the S variant) */
#define FS_READ     csrr t0, XSTATUS; srli a4, t0, 13; andi a4, a4, 3; srli a5, t0, 63
/* Run code with FS = Clean (or Initial); then FS must be `fs` (and SD set iff Dirty). */
#define TEST_FS_AFTER(n, start, fs, code...) \
  li TESTNUM, n; FP_SET(fa1, 0x3ff8000000000000); lla a1, fsbuf; fsflags zero; \
  FS_SET(start); code; FS_READ; FS_DIRTY; li t6, fs; TEST_FAIL_IF_NE(a4, t6); \
  li t6, ((fs) >> 1) & (fs) & 1; TEST_FAIL_IF_NE(a5, t6)

TEST_BEGIN

  /* dynamic rounding mode (rm = 7 reads frm), one case per frm value 0..4 */
  TEST_FP_F(100, 0xffffffff3f800000, 0x01, 0xffffffff3f800000, 0xffffffff33800000, 0x0, fsrmi 0; fadd.s fa0, fa1, fa2, dyn)
  TEST_FP_F(101, 0xffffffff3f800000, 0x01, 0xffffffff3f800000, 0xffffffff33800000, 0x0, fsrmi 1; fadd.s fa0, fa1, fa2, dyn)
  TEST_FP_F(102, 0xffffffff3f800000, 0x01, 0xffffffff3f800000, 0xffffffff33800000, 0x0, fsrmi 2; fadd.s fa0, fa1, fa2, dyn)
  TEST_FP_F(103, 0xffffffff3f800001, 0x01, 0xffffffff3f800000, 0xffffffff33800000, 0x0, fsrmi 3; fadd.s fa0, fa1, fa2, dyn)
  TEST_FP_F(104, 0xffffffff3f800001, 0x01, 0xffffffff3f800000, 0xffffffff33800000, 0x0, fsrmi 4; fadd.s fa0, fa1, fa2, dyn)
  TEST_FP_F(105, 0xbff0000000000000, 0x01, 0xbff0000000000000, 0xbca0000000000000, 0x0, fsrmi 0; fadd.d fa0, fa1, fa2, dyn)
  TEST_FP_F(106, 0xbff0000000000000, 0x01, 0xbff0000000000000, 0xbca0000000000000, 0x0, fsrmi 1; fadd.d fa0, fa1, fa2, dyn)
  TEST_FP_F(107, 0xbff0000000000001, 0x01, 0xbff0000000000000, 0xbca0000000000000, 0x0, fsrmi 2; fadd.d fa0, fa1, fa2, dyn)
  TEST_FP_F(108, 0xbff0000000000000, 0x01, 0xbff0000000000000, 0xbca0000000000000, 0x0, fsrmi 3; fadd.d fa0, fa1, fa2, dyn)
  TEST_FP_F(109, 0xbff0000000000001, 0x01, 0xbff0000000000000, 0xbca0000000000000, 0x0, fsrmi 4; fadd.d fa0, fa1, fa2, dyn)
  TEST_FP_F(110, 0x3ff0000000000000, 0x01, 0x3ff0000000000000, 0x3c90000000000000, 0x0, fsrmi 0; fsub.d fa0, fa1, fa2, dyn)
  TEST_FP_F(111, 0x3fefffffffffffff, 0x01, 0x3ff0000000000000, 0x3c90000000000000, 0x0, fsrmi 1; fsub.d fa0, fa1, fa2, dyn)
  TEST_FP_F(112, 0x3fefffffffffffff, 0x01, 0x3ff0000000000000, 0x3c90000000000000, 0x0, fsrmi 2; fsub.d fa0, fa1, fa2, dyn)
  TEST_FP_F(113, 0x3ff0000000000000, 0x01, 0x3ff0000000000000, 0x3c90000000000000, 0x0, fsrmi 3; fsub.d fa0, fa1, fa2, dyn)
  TEST_FP_F(114, 0x3ff0000000000000, 0x01, 0x3ff0000000000000, 0x3c90000000000000, 0x0, fsrmi 4; fsub.d fa0, fa1, fa2, dyn)
  TEST_FP_F(115, 0xffffffff3fc00002, 0x01, 0xffffffff3fc00000, 0xffffffff3f800001, 0x0, fsrmi 0; fmul.s fa0, fa1, fa2, dyn)
  TEST_FP_F(116, 0xffffffff3fc00001, 0x01, 0xffffffff3fc00000, 0xffffffff3f800001, 0x0, fsrmi 1; fmul.s fa0, fa1, fa2, dyn)
  TEST_FP_F(117, 0xffffffff3fc00001, 0x01, 0xffffffff3fc00000, 0xffffffff3f800001, 0x0, fsrmi 2; fmul.s fa0, fa1, fa2, dyn)
  TEST_FP_F(118, 0xffffffff3fc00002, 0x01, 0xffffffff3fc00000, 0xffffffff3f800001, 0x0, fsrmi 3; fmul.s fa0, fa1, fa2, dyn)
  TEST_FP_F(119, 0xffffffff3fc00002, 0x01, 0xffffffff3fc00000, 0xffffffff3f800001, 0x0, fsrmi 4; fmul.s fa0, fa1, fa2, dyn)
  TEST_FP_F(120, 0x3fd5555555555555, 0x01, 0x3ff0000000000000, 0x4008000000000000, 0x0, fsrmi 0; fdiv.d fa0, fa1, fa2, dyn)
  TEST_FP_F(121, 0x3fd5555555555555, 0x01, 0x3ff0000000000000, 0x4008000000000000, 0x0, fsrmi 1; fdiv.d fa0, fa1, fa2, dyn)
  TEST_FP_F(122, 0x3fd5555555555555, 0x01, 0x3ff0000000000000, 0x4008000000000000, 0x0, fsrmi 2; fdiv.d fa0, fa1, fa2, dyn)
  TEST_FP_F(123, 0x3fd5555555555556, 0x01, 0x3ff0000000000000, 0x4008000000000000, 0x0, fsrmi 3; fdiv.d fa0, fa1, fa2, dyn)
  TEST_FP_F(124, 0x3fd5555555555555, 0x01, 0x3ff0000000000000, 0x4008000000000000, 0x0, fsrmi 4; fdiv.d fa0, fa1, fa2, dyn)
  TEST_FP_F(125, 0xffffffff3fb504f3, 0x01, 0xffffffff40000000, 0x0, 0x0, fsrmi 0; fsqrt.s fa0, fa1, dyn)
  TEST_FP_F(126, 0xffffffff3fb504f3, 0x01, 0xffffffff40000000, 0x0, 0x0, fsrmi 1; fsqrt.s fa0, fa1, dyn)
  TEST_FP_F(127, 0xffffffff3fb504f3, 0x01, 0xffffffff40000000, 0x0, 0x0, fsrmi 2; fsqrt.s fa0, fa1, dyn)
  TEST_FP_F(128, 0xffffffff3fb504f4, 0x01, 0xffffffff40000000, 0x0, 0x0, fsrmi 3; fsqrt.s fa0, fa1, dyn)
  TEST_FP_F(129, 0xffffffff3fb504f3, 0x01, 0xffffffff40000000, 0x0, 0x0, fsrmi 4; fsqrt.s fa0, fa1, dyn)
  TEST_FP_F(130, 0x3cc0000000000000, 0x01, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000, fsrmi 0; fmadd.d fa0, fa1, fa2, fa3, dyn)
  TEST_FP_F(131, 0x3cc0000000000000, 0x01, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000, fsrmi 1; fmadd.d fa0, fa1, fa2, fa3, dyn)
  TEST_FP_F(132, 0x3cc0000000000000, 0x01, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000, fsrmi 2; fmadd.d fa0, fa1, fa2, fa3, dyn)
  TEST_FP_F(133, 0x3cc0000000000001, 0x01, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000, fsrmi 3; fmadd.d fa0, fa1, fa2, fa3, dyn)
  TEST_FP_F(134, 0x3cc0000000000001, 0x01, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000, fsrmi 4; fmadd.d fa0, fa1, fa2, fa3, dyn)
  TEST_FP_F(135, 0xffffffffb4800000, 0x01, 0xffffffff3f800001, 0xffffffff3f800001, 0xffffffff3f800000, fsrmi 0; fnmsub.s fa0, fa1, fa2, fa3, dyn)
  TEST_FP_F(136, 0xffffffffb4800000, 0x01, 0xffffffff3f800001, 0xffffffff3f800001, 0xffffffff3f800000, fsrmi 1; fnmsub.s fa0, fa1, fa2, fa3, dyn)
  TEST_FP_F(137, 0xffffffffb4800001, 0x01, 0xffffffff3f800001, 0xffffffff3f800001, 0xffffffff3f800000, fsrmi 2; fnmsub.s fa0, fa1, fa2, fa3, dyn)
  TEST_FP_F(138, 0xffffffffb4800000, 0x01, 0xffffffff3f800001, 0xffffffff3f800001, 0xffffffff3f800000, fsrmi 3; fnmsub.s fa0, fa1, fa2, fa3, dyn)
  TEST_FP_F(139, 0xffffffffb4800001, 0x01, 0xffffffff3f800001, 0xffffffff3f800001, 0xffffffff3f800000, fsrmi 4; fnmsub.s fa0, fa1, fa2, fa3, dyn)
  TEST_FP_X(140, 0xfffffffffffffffe, 0x01, 0xc004000000000000, 0x0, 0x0, fsrmi 0; fcvt.w.d a4, fa1, dyn)
  TEST_FP_X(141, 0xfffffffffffffffe, 0x01, 0xc004000000000000, 0x0, 0x0, fsrmi 1; fcvt.w.d a4, fa1, dyn)
  TEST_FP_X(142, 0xfffffffffffffffd, 0x01, 0xc004000000000000, 0x0, 0x0, fsrmi 2; fcvt.w.d a4, fa1, dyn)
  TEST_FP_X(143, 0xfffffffffffffffe, 0x01, 0xc004000000000000, 0x0, 0x0, fsrmi 3; fcvt.w.d a4, fa1, dyn)
  TEST_FP_X(144, 0xfffffffffffffffd, 0x01, 0xc004000000000000, 0x0, 0x0, fsrmi 4; fcvt.w.d a4, fa1, dyn)
  TEST_FP_X(145, 0x2, 0x01, 0xffffffff40200000, 0x0, 0x0, fsrmi 0; fcvt.lu.s a4, fa1, dyn)
  TEST_FP_X(146, 0x2, 0x01, 0xffffffff40200000, 0x0, 0x0, fsrmi 1; fcvt.lu.s a4, fa1, dyn)
  TEST_FP_X(147, 0x2, 0x01, 0xffffffff40200000, 0x0, 0x0, fsrmi 2; fcvt.lu.s a4, fa1, dyn)
  TEST_FP_X(148, 0x3, 0x01, 0xffffffff40200000, 0x0, 0x0, fsrmi 3; fcvt.lu.s a4, fa1, dyn)
  TEST_FP_X(149, 0x3, 0x01, 0xffffffff40200000, 0x0, 0x0, fsrmi 4; fcvt.lu.s a4, fa1, dyn)
  TEST_FP_F(150, 0xffffffff5a000000, 0x01, 0x20000000000001, 0x0, 0x0, fsrmi 0; fcvt.s.l fa0, a1, dyn)
  TEST_FP_F(151, 0xffffffff5a000000, 0x01, 0x20000000000001, 0x0, 0x0, fsrmi 1; fcvt.s.l fa0, a1, dyn)
  TEST_FP_F(152, 0xffffffff5a000000, 0x01, 0x20000000000001, 0x0, 0x0, fsrmi 2; fcvt.s.l fa0, a1, dyn)
  TEST_FP_F(153, 0xffffffff5a000001, 0x01, 0x20000000000001, 0x0, 0x0, fsrmi 3; fcvt.s.l fa0, a1, dyn)
  TEST_FP_F(154, 0xffffffff5a000000, 0x01, 0x20000000000001, 0x0, 0x0, fsrmi 4; fcvt.s.l fa0, a1, dyn)
  TEST_FP_F(155, 0x43f0000000000000, 0x01, 0xffffffffffffffff, 0x0, 0x0, fsrmi 0; fcvt.d.lu fa0, a1, dyn)
  TEST_FP_F(156, 0x43efffffffffffff, 0x01, 0xffffffffffffffff, 0x0, 0x0, fsrmi 1; fcvt.d.lu fa0, a1, dyn)
  TEST_FP_F(157, 0x43efffffffffffff, 0x01, 0xffffffffffffffff, 0x0, 0x0, fsrmi 2; fcvt.d.lu fa0, a1, dyn)
  TEST_FP_F(158, 0x43f0000000000000, 0x01, 0xffffffffffffffff, 0x0, 0x0, fsrmi 3; fcvt.d.lu fa0, a1, dyn)
  TEST_FP_F(159, 0x43f0000000000000, 0x01, 0xffffffffffffffff, 0x0, 0x0, fsrmi 4; fcvt.d.lu fa0, a1, dyn)
  TEST_FP_F(160, 0xffffffff3f800000, 0x01, 0x3ff0000010000000, 0x0, 0x0, fsrmi 0; fcvt.s.d fa0, fa1, dyn)
  TEST_FP_F(161, 0xffffffff3f800000, 0x01, 0x3ff0000010000000, 0x0, 0x0, fsrmi 1; fcvt.s.d fa0, fa1, dyn)
  TEST_FP_F(162, 0xffffffff3f800000, 0x01, 0x3ff0000010000000, 0x0, 0x0, fsrmi 2; fcvt.s.d fa0, fa1, dyn)
  TEST_FP_F(163, 0xffffffff3f800001, 0x01, 0x3ff0000010000000, 0x0, 0x0, fsrmi 3; fcvt.s.d fa0, fa1, dyn)
  TEST_FP_F(164, 0xffffffff3f800001, 0x01, 0x3ff0000010000000, 0x0, 0x0, fsrmi 4; fcvt.s.d fa0, fa1, dyn)
  TEST_FP_F(165, 0x10000000000000, 0x01, 0x3feffffffffffffe, 0x10000000000001, 0x0, fsrmi 0; fmul.d fa0, fa1, fa2, dyn)
  TEST_FP_F(166, 0xfffffffffffff, 0x03, 0x3feffffffffffffe, 0x10000000000001, 0x0, fsrmi 1; fmul.d fa0, fa1, fa2, dyn)
  TEST_FP_F(167, 0xfffffffffffff, 0x03, 0x3feffffffffffffe, 0x10000000000001, 0x0, fsrmi 2; fmul.d fa0, fa1, fa2, dyn)
  TEST_FP_F(168, 0x10000000000000, 0x01, 0x3feffffffffffffe, 0x10000000000001, 0x0, fsrmi 3; fmul.d fa0, fa1, fa2, dyn)
  TEST_FP_F(169, 0x10000000000000, 0x01, 0x3feffffffffffffe, 0x10000000000001, 0x0, fsrmi 4; fmul.d fa0, fa1, fa2, dyn)
  fsrmi 0

  /* a static rounding mode ignores frm, even a reserved frm value */
  TEST_FP_F(200, 0x3ff0000000000000, 0x01, 0x3ff0000000000000, 0x3ca0000000000000, 0, \
            fsrmi 7; fadd.d fa0, fa1, fa2, rne; fsrmi 0)
  TEST_FP_F(201, 0x3ff0000000000001, 0x01, 0x3ff0000000000000, 0x3ca0000000000000, 0, \
            fsrmi 6; fadd.d fa0, fa1, fa2, rmm; fsrmi 0)
  /* instructions without a rounding mode work whatever frm holds */
  TEST_FP_F(202, 0xbff0000000000000, 0, 0x3ff0000000000000, 0xbff0000000000000, 0, \
            fsrmi 7; fsgnj.d fa0, fa1, fa2; fsrmi 0)
  TEST_FP_F(203, 0xffffffff3f800000, 0, 0xffffffff3f800000, 0xffffffff40000000, 0, \
            fsrmi 5; fmin.s fa0, fa1, fa2; fsrmi 0)
  TEST_FP_X(204, 1, 0, 0x3ff0000000000000, 0x3ff0000000000000, 0, \
            fsrmi 6; feq.d a4, fa1, fa2; fsrmi 0)
  TEST_FP_X(205, 0x40, 0, 0x3ff0000000000000, 0, 0, fsrmi 7; fclass.d a4, fa1; fsrmi 0)
  TEST_FP_X(206, 0x3ff0000000000000, 0, 0x3ff0000000000000, 0, 0, \
            fsrmi 7; fmv.x.d a4, fa1; fsrmi 0)

  /* reserved static rounding modes 5 and 6 are illegal */
  TEST_FP_ILLEGAL(210, .insn r 0x53, 5, 0x00, fa0, fa1, fa2)            /* fadd.s */
  TEST_FP_ILLEGAL(211, .insn r 0x53, 6, 0x01, fa0, fa1, fa2)            /* fadd.d */
  TEST_FP_ILLEGAL(212, .insn r 0x53, 5, 0x2d, fa0, fa1, x0)             /* fsqrt.d */
  TEST_FP_ILLEGAL(213, .insn r4 0x43, 5, 1, fa0, fa1, fa2, fa3)         /* fmadd.d */
  TEST_FP_ILLEGAL(214, .insn r4 0x4f, 6, 0, fa0, fa1, fa2, fa3)         /* fnmadd.s */
  TEST_FP_ILLEGAL(215, .insn r 0x53, 5, 0x60, a4, fa1, x0)              /* fcvt.w.s */
  TEST_FP_ILLEGAL(216, .insn r 0x53, 6, 0x69, fa0, a1, x2)              /* fcvt.d.l */
  TEST_FP_ILLEGAL(217, .insn r 0x53, 5, 0x20, fa0, fa1, x1)             /* fcvt.s.d */
  /* widening conversions have an rm field too, decoded as usual */
  TEST_FP_ILLEGAL(218, .insn r 0x53, 5, 0x21, fa0, fa1, x0)             /* fcvt.d.s */
  TEST_FP_ILLEGAL(219, .insn r 0x53, 6, 0x69, fa0, a1, x0)              /* fcvt.d.w */
  /* dynamic rounding with a reserved frm (5, 6, 7) is illegal */
  TEST_FP_ILLEGAL(220, fsrmi 5; 9801: fadd.s fa0, fa1, fa2, dyn)
  TEST_FP_ILLEGAL(221, fsrmi 6; 9801: fmul.d fa0, fa1, fa2, dyn)
  TEST_FP_ILLEGAL(222, fsrmi 7; 9801: fmadd.s fa0, fa1, fa2, fa3, dyn)
  TEST_FP_ILLEGAL(223, fsrmi 5; 9801: fcvt.l.d a4, fa1, dyn)
  TEST_FP_ILLEGAL(224, fsrmi 7; 9801: fcvt.s.w fa0, a1, dyn)
  TEST_FP_ILLEGAL(225, fsrmi 6; 9801: fsqrt.s fa0, fa1, dyn)
  TEST_FP_ILLEGAL(226, fsrmi 7; 9801: .insn r 0x53, 7, 0x21, fa0, fa1, x0)  /* fcvt.d.s, dyn */
  TEST_FP_ILLEGAL(227, fsrmi 5; 9801: .insn r 0x53, 7, 0x69, fa0, a1, x0)   /* fcvt.d.w, dyn */
  fsrmi 0

  /* reserved encodings: formats H (2) and Q (3), nonzero rs2 where it selects nothing, invalid
   * funct3, unused funct5 values, unused load/store widths */
  TEST_FP_ILLEGAL(230, .insn r 0x53, 0, 0x02, fa0, fa1, fa2)            /* fadd.h */
  TEST_FP_ILLEGAL(231, .insn r 0x53, 0, 0x03, fa0, fa1, fa2)            /* fadd.q */
  TEST_FP_ILLEGAL(232, .insn r4 0x43, 0, 2, fa0, fa1, fa2, fa3)         /* fmadd.h */
  TEST_FP_ILLEGAL(233, .insn r4 0x47, 0, 3, fa0, fa1, fa2, fa3)         /* fmsub.q */
  TEST_FP_ILLEGAL(234, .insn r4 0x4b, 0, 2, fa0, fa1, fa2, fa3)         /* fnmsub.h */
  TEST_FP_ILLEGAL(235, .insn r4 0x4f, 0, 3, fa0, fa1, fa2, fa3)         /* fnmadd.q */
  TEST_FP_ILLEGAL(236, .insn r 0x53, 0, 0x2c, fa0, fa1, x1)             /* fsqrt.s rs2=1 */
  TEST_FP_ILLEGAL(237, .insn r 0x53, 0, 0x2d, fa0, fa1, x16)            /* fsqrt.d rs2=16 */
  TEST_FP_ILLEGAL(238, .insn r 0x53, 3, 0x10, fa0, fa1, fa2)            /* fsgnj.s funct3=3 */
  TEST_FP_ILLEGAL(239, .insn r 0x53, 7, 0x11, fa0, fa1, fa2)            /* fsgnj.d funct3=7 */
  TEST_FP_ILLEGAL(240, .insn r 0x53, 2, 0x14, fa0, fa1, fa2)            /* fmin.s funct3=2 */
  TEST_FP_ILLEGAL(241, .insn r 0x53, 3, 0x15, fa0, fa1, fa2)            /* fmin.d funct3=3 */
  TEST_FP_ILLEGAL(242, .insn r 0x53, 3, 0x50, a4, fa1, fa2)             /* feq.s funct3=3 */
  TEST_FP_ILLEGAL(243, .insn r 0x53, 4, 0x51, a4, fa1, fa2)             /* feq.d funct3=4 */
  TEST_FP_ILLEGAL(244, .insn r 0x53, 2, 0x70, a4, fa1, x0)              /* fmv.x.w funct3=2 */
  TEST_FP_ILLEGAL(245, .insn r 0x53, 1, 0x70, a4, fa1, x1)              /* fclass.s rs2=1 */
  TEST_FP_ILLEGAL(246, .insn r 0x53, 0, 0x71, a4, fa1, x1)              /* fmv.x.d rs2=1 */
  TEST_FP_ILLEGAL(247, .insn r 0x53, 0, 0x78, fa0, a1, x1)              /* fmv.w.x rs2=1 */
  TEST_FP_ILLEGAL(248, .insn r 0x53, 1, 0x79, fa0, a1, x0)              /* fmv.d.x funct3=1 */
  TEST_FP_ILLEGAL(249, .insn r 0x53, 0, 0x60, a4, fa1, x4)              /* fcvt.w.s rs2=4 */
  TEST_FP_ILLEGAL(250, .insn r 0x53, 0, 0x69, fa0, a1, x8)              /* fcvt.d.w rs2=8 */
  TEST_FP_ILLEGAL(251, .insn r 0x53, 0, 0x20, fa0, fa1, x0)             /* fcvt.s.s */
  TEST_FP_ILLEGAL(252, .insn r 0x53, 0, 0x21, fa0, fa1, x1)             /* fcvt.d.d */
  TEST_FP_ILLEGAL(253, .insn r 0x53, 0, 0x20, fa0, fa1, x2)             /* fcvt.s.h */
  TEST_FP_ILLEGAL(254, .insn r 0x53, 0, 0x21, fa0, fa1, x3)             /* fcvt.d.q */
  TEST_FP_ILLEGAL(255, .insn r 0x53, 0, 0x18, fa0, fa1, fa2)            /* funct5 = 00110 */
  TEST_FP_ILLEGAL(256, .insn r 0x53, 0, 0x7c, fa0, a1, x0)              /* funct5 = 11111 */
  TEST_FP_ILLEGAL(257, .insn r 0x53, 0, 0x30, fa0, fa1, fa2)            /* funct5 = 01100 */
  TEST_FP_ILLEGAL(258, lla a1, fsbuf; 9801: .insn i 0x07, 1, fa0, 0(a1))  /* flh */
  TEST_FP_ILLEGAL(259, lla a1, fsbuf; 9801: .insn i 0x07, 4, fa0, 0(a1))  /* flq */
  TEST_FP_ILLEGAL(260, lla a1, fsbuf; 9801: .insn s 0x27, 1, fa0, 0(a1))  /* fsh */
  TEST_FP_ILLEGAL(261, lla a1, fsbuf; 9801: .insn s 0x27, 4, fa0, 0(a1))  /* fsq */

  /* fflags accrue until cleared; fcsr = frm << 5 | fflags */
  TEST_CASE(270, a5, 0x19, fsflags zero; FP_SET(fa1, 0x3ff0000000000000); \
            FP_SET(fa2, 0x4008000000000000); fdiv.d fa0, fa1, fa2; fmv.d.x fa3, zero; \
            fdiv.d fa0, fa1, fa3; FP_SET(fa3, 0xbff0000000000000); fsqrt.d fa0, fa3; frflags a5)
  TEST_CASE(271, a5, 0x19, fadd.d fa0, fa1, fa1; frflags a5)
  TEST_CASE(272, a5, 0x79, fsrmi 3; frcsr a5; fsrmi 0)
  TEST_CASE(273, a5, 0x1d, fsflags zero; FP_SET(fa1, 0x7fefffffffffffff); \
            fmul.d fa0, fa1, fa1; FP_SET(fa1, 0x7ff0000000000001); fmv.d.x fa2, zero; \
            fmul.d fa0, fa1, fa2; FP_SET(fa3, 0x3ff0000000000000); fdiv.d fa0, fa3, fa2; \
            frflags a5)
  TEST_CASE(274, a5, 0, fsflags zero; frcsr a5)
  /* compares and conversions accrue too */
  TEST_CASE(275, a5, 0x11, FP_SET(fa1, 0x7ff8000000000000); flt.d a4, fa1, fa1; \
            FP_SET(fa2, 0x3fe0000000000000); fcvt.w.d a4, fa2, rne; frflags a5)

  /* mstatus.FS = Off: every FP instruction (and access to the FP CSRs) is illegal */
  FS_OFF
  TEST_FS_OFF_ILLEGAL(300, flw fa0, 0(sp))
  TEST_FS_OFF_ILLEGAL(301, fld fa0, 0(sp))
  TEST_FS_OFF_ILLEGAL(302, fsw fa0, 0(sp))
  TEST_FS_OFF_ILLEGAL(303, fsd fa0, 0(sp))
  TEST_FS_OFF_ILLEGAL(304, fadd.s fa0, fa1, fa2)
  TEST_FS_OFF_ILLEGAL(305, fadd.d fa0, fa1, fa2, rne)
  TEST_FS_OFF_ILLEGAL(306, fsub.d fa0, fa1, fa2)
  TEST_FS_OFF_ILLEGAL(307, fmul.s fa0, fa1, fa2, rtz)
  TEST_FS_OFF_ILLEGAL(308, fdiv.d fa0, fa1, fa2)
  TEST_FS_OFF_ILLEGAL(309, fsqrt.s fa0, fa1)
  TEST_FS_OFF_ILLEGAL(310, fmadd.s fa0, fa1, fa2, fa3)
  TEST_FS_OFF_ILLEGAL(311, fmsub.d fa0, fa1, fa2, fa3)
  TEST_FS_OFF_ILLEGAL(312, fnmsub.s fa0, fa1, fa2, fa3)
  TEST_FS_OFF_ILLEGAL(313, fnmadd.d fa0, fa1, fa2, fa3)
  TEST_FS_OFF_ILLEGAL(314, fsgnj.s fa0, fa1, fa2)
  TEST_FS_OFF_ILLEGAL(315, fsgnjx.d fa0, fa1, fa2)
  TEST_FS_OFF_ILLEGAL(316, fmin.d fa0, fa1, fa2)
  TEST_FS_OFF_ILLEGAL(317, fmax.s fa0, fa1, fa2)
  TEST_FS_OFF_ILLEGAL(318, feq.s a4, fa1, fa2)
  TEST_FS_OFF_ILLEGAL(319, flt.d a4, fa1, fa2)
  TEST_FS_OFF_ILLEGAL(320, fle.s a4, fa1, fa2)
  TEST_FS_OFF_ILLEGAL(321, fclass.d a4, fa1)
  TEST_FS_OFF_ILLEGAL(322, fcvt.w.s a4, fa1)
  TEST_FS_OFF_ILLEGAL(323, fcvt.lu.d a4, fa1)
  TEST_FS_OFF_ILLEGAL(324, fcvt.s.wu fa0, a1)
  TEST_FS_OFF_ILLEGAL(325, fcvt.d.l fa0, a1)
  TEST_FS_OFF_ILLEGAL(326, fcvt.s.d fa0, fa1)
  TEST_FS_OFF_ILLEGAL(327, fcvt.d.s fa0, fa1)
  TEST_FS_OFF_ILLEGAL(328, fmv.x.w a4, fa1)
  TEST_FS_OFF_ILLEGAL(329, fmv.x.d a4, fa1)
  TEST_FS_OFF_ILLEGAL(330, fmv.w.x fa0, a1)
  TEST_FS_OFF_ILLEGAL(331, fmv.d.x fa0, a1)
  TEST_FS_OFF_ILLEGAL(332, frflags a4)
  TEST_FS_OFF_ILLEGAL(333, fsrm a4, a1)
  TEST_FS_OFF_ILLEGAL(334, frcsr a4)
  /* compressed FP loads and stores */
  .option push
  .option rvc
  TEST_FS_OFF_ILLEGAL16(340, c.fld fa0, 0(a1))
  TEST_FS_OFF_ILLEGAL16(341, c.fsd fa0, 8(a1))
  TEST_FS_OFF_ILLEGAL16(342, c.fldsp fa0, 0(sp))
  TEST_FS_OFF_ILLEGAL16(343, c.fsdsp fa0, 0(sp))
  .option pop
  FS_DIRTY

  /* compressed FP loads and stores with FS on */
  .option push
  .option rvc
  TEST_CASE(350, a4, 0x0123456789abcdef, lla a1, fsbuf; FP_SET(fa0, 0x0123456789abcdef); \
            c.fsd fa0, 8(a1); c.fld fa1, 8(a1); fmv.x.d a4, fa1)
  TEST_CASE(351, a4, 0x7ff0000000000001, FP_SET(fa0, 0x7ff0000000000001); addi sp, sp, -16; \
            c.fsdsp fa0, 8(sp); c.fldsp fa1, 8(sp); addi sp, sp, 16; fmv.x.d a4, fa1)
  .option pop

  /* FS becomes Dirty (and SD is set) when an f register or fflags is written ... */
  TEST_FS_AFTER(400, FS_INITIAL, 3, fmv.d.x fa0, zero)
  TEST_FS_AFTER(401, FS_CLEAN, 3, fmv.w.x fa0, zero)
  TEST_FS_AFTER(402, FS_CLEAN, 3, flw fa0, 0(a1))
  TEST_FS_AFTER(403, FS_CLEAN, 3, fld fa0, 0(a1))
  TEST_FS_AFTER(404, FS_CLEAN, 3, fadd.d fa0, fa1, fa1)
  TEST_FS_AFTER(405, FS_CLEAN, 3, fmadd.d fa0, fa1, fa1, fa1)
  TEST_FS_AFTER(406, FS_INITIAL, 3, fsgnj.d fa0, fa1, fa1)
  TEST_FS_AFTER(407, FS_CLEAN, 3, fmin.d fa0, fa1, fa1)
  TEST_FS_AFTER(408, FS_CLEAN, 3, fcvt.s.d fa0, fa1)
  TEST_FS_AFTER(409, FS_CLEAN, 3, fcvt.d.l fa0, a1)
  TEST_FS_AFTER(410, FS_CLEAN, 3, fsflags zero)
  /* (An instruction that only raises flags, such as fcvt.w.d setting NX, also makes FS Dirty
   * here, as the privileged spec asks; QEMU 7.2 leaves FS unchanged then, so no case.) */
  /* ... and stays as it was when nothing is written */
  TEST_FS_AFTER(420, FS_CLEAN, 2, fsd fa1, 0(a1))
  TEST_FS_AFTER(421, FS_CLEAN, 2, fsw fa1, 0(a1))
  TEST_FS_AFTER(422, FS_INITIAL, 1, fmv.x.d a4, fa1)
  TEST_FS_AFTER(423, FS_CLEAN, 2, fclass.d a4, fa1)
  TEST_FS_AFTER(424, FS_CLEAN, 2, feq.d a4, fa1, fa1)
  TEST_FS_AFTER(425, FS_CLEAN, 2, frflags a4)

TEST_END

  .data
  .balign 16
fsbuf:
  .dword 0x3ff0000000000000, 0
