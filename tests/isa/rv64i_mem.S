/* RV64I loads and stores: every width and signedness, offsets at their limits, rd = base,
 * rd = x0, and misaligned accesses (also across a page boundary), which the emulator must
 * perform rather than trap (QEMU does too). */
#include "test.h"
  .option norvc

TEST_BEGIN

  /* aligned loads of every width, sign- and zero-extension */
  TEST_LOAD(1, lb, 0xffffffffffffff88, 0, ld_data)
  TEST_LOAD(2, lb, 0xffffffffffffff87, 1, ld_data)
  TEST_LOAD(3, lb, 0xffffffffffffff81, 7, ld_data)
  TEST_LOAD(4, lb, 0x78, 8, ld_data)
  TEST_LOAD(5, lb, 0x71, 15, ld_data)
  TEST_LOAD(6, lb, 0, 16, ld_data)
  TEST_LOAD(7, lb, 0xffffffffffffffff, 17, ld_data)
  TEST_LOAD(8, lb, 0x7f, 20, ld_data)
  TEST_LOAD(9, lb, 0xffffffffffffff80, 21, ld_data)
  TEST_LOAD(10, lbu, 0x88, 0, ld_data)
  TEST_LOAD(11, lbu, 0x81, 7, ld_data)
  TEST_LOAD(12, lbu, 0x78, 8, ld_data)
  TEST_LOAD(13, lbu, 0x71, 15, ld_data)
  TEST_LOAD(14, lbu, 0, 16, ld_data)
  TEST_LOAD(15, lbu, 0xff, 17, ld_data)
  TEST_LOAD(16, lbu, 0x7f, 20, ld_data)
  TEST_LOAD(17, lbu, 0x80, 21, ld_data)
  TEST_LOAD(18, lh, 0xffffffffffff8788, 0, ld_data)
  TEST_LOAD(19, lh, 0xffffffffffff8182, 6, ld_data)
  TEST_LOAD(20, lh, 0x7778, 8, ld_data)
  TEST_LOAD(21, lh, 0x7172, 14, ld_data)
  TEST_LOAD(22, lh, 0xffffffffffffff00, 16, ld_data)
  TEST_LOAD(23, lh, 0xffffffffffff807f, 20, ld_data)
  TEST_LOAD(24, lh, 0xfffffffffffffe01, 22, ld_data)
  TEST_LOAD(25, lhu, 0x8788, 0, ld_data)
  TEST_LOAD(26, lhu, 0x8182, 6, ld_data)
  TEST_LOAD(27, lhu, 0x7778, 8, ld_data)
  TEST_LOAD(28, lhu, 0x7172, 14, ld_data)
  TEST_LOAD(29, lhu, 0xff00, 16, ld_data)
  TEST_LOAD(30, lhu, 0x807f, 20, ld_data)
  TEST_LOAD(31, lhu, 0xfe01, 22, ld_data)
  TEST_LOAD(32, lw, 0xffffffff85868788, 0, ld_data)
  TEST_LOAD(33, lw, 0xffffffff81828384, 4, ld_data)
  TEST_LOAD(34, lw, 0x75767778, 8, ld_data)
  TEST_LOAD(35, lw, 0x71727374, 12, ld_data)
  TEST_LOAD(36, lw, 0xffffffffff00ff00, 16, ld_data)
  TEST_LOAD(37, lw, 0xfffffffffe01807f, 20, ld_data)
  TEST_LOAD(38, lwu, 0x85868788, 0, ld_data)
  TEST_LOAD(39, lwu, 0x81828384, 4, ld_data)
  TEST_LOAD(40, lwu, 0x75767778, 8, ld_data)
  TEST_LOAD(41, lwu, 0x71727374, 12, ld_data)
  TEST_LOAD(42, lwu, 0xff00ff00, 16, ld_data)
  TEST_LOAD(43, lwu, 0xfe01807f, 20, ld_data)
  TEST_LOAD(44, ld, 0x8182838485868788, 0, ld_data)
  TEST_LOAD(45, ld, 0x7172737475767778, 8, ld_data)
  TEST_LOAD(46, ld, 0xfe01807fff00ff00, 16, ld_data)

  /* negative offsets from a base past the data */
  TEST_LOAD(47, lb, 0xfffffffffffffffe, -1, ld_data_end)
  TEST_LOAD(48, lbu, 0xfe, -1, ld_data_end)
  TEST_LOAD(49, lh, 0xfffffffffffffe01, -2, ld_data_end)
  TEST_LOAD(50, lhu, 0xfe01, -2, ld_data_end)
  TEST_LOAD(51, lw, 0xfffffffffe01807f, -4, ld_data_end)
  TEST_LOAD(52, lwu, 0xfe01807f, -4, ld_data_end)
  TEST_LOAD(53, ld, 0xfe01807fff00ff00, -8, ld_data_end)
  TEST_LOAD(54, ld, 0x8182838485868788, -24, ld_data_end)

  /* offsets at the immediate limits (-2048, 2047) */
  TEST_CASE(55, a4, 0x8182838485868788, la a1, ld_data; addi a1, a1, 2047; addi a1, a1, 1; ld a4, -2048(a1))
  TEST_CASE(56, a4, 0x88, la a1, ld_data; addi a1, a1, -2047; lbu a4, 2047(a1))

  /* misaligned loads are performed, not trapped */
  TEST_LOAD(57, lh, 0xffffffffffff8687, 1, ld_data)
  TEST_LOAD(58, lh, 0x7881, 7, ld_data)
  TEST_LOAD(59, lh, 0x71, 15, ld_data)
  TEST_LOAD(60, lhu, 0x8687, 1, ld_data)
  TEST_LOAD(61, lhu, 0x7881, 7, ld_data)
  TEST_LOAD(62, lhu, 0x71, 15, ld_data)
  TEST_LOAD(63, lw, 0xffffffff84858687, 1, ld_data)
  TEST_LOAD(64, lw, 0xffffffff83848586, 2, ld_data)
  TEST_LOAD(65, lw, 0xffffffff82838485, 3, ld_data)
  TEST_LOAD(66, lw, 0x78818283, 5, ld_data)
  TEST_LOAD(67, lw, 0x77788182, 6, ld_data)
  TEST_LOAD(68, lw, 0x76777881, 7, ld_data)
  TEST_LOAD(69, lw, 0x717273, 13, ld_data)
  TEST_LOAD(70, lwu, 0x84858687, 1, ld_data)
  TEST_LOAD(71, lwu, 0x83848586, 2, ld_data)
  TEST_LOAD(72, lwu, 0x82838485, 3, ld_data)
  TEST_LOAD(73, lwu, 0x77788182, 6, ld_data)
  TEST_LOAD(74, lwu, 0x717273, 13, ld_data)
  TEST_LOAD(75, ld, 0x7881828384858687, 1, ld_data)
  TEST_LOAD(76, ld, 0x7778818283848586, 2, ld_data)
  TEST_LOAD(77, ld, 0x7677788182838485, 3, ld_data)
  TEST_LOAD(78, ld, 0x7576777881828384, 4, ld_data)
  TEST_LOAD(79, ld, 0x7475767778818283, 5, ld_data)
  TEST_LOAD(80, ld, 0x7374757677788182, 6, ld_data)
  TEST_LOAD(81, ld, 0x7273747576777881, 7, ld_data)
  TEST_LOAD(82, ld, 0x71727374757677, 9, ld_data)
  TEST_LOAD(83, ld, 0x1807fff00ff0071, 15, ld_data)

  /* misaligned loads crossing a page boundary (cross_page is 8 bytes below it) */
  TEST_LOAD(84, ld, 0xccbbaa9988776655, 4, cross_page)
  TEST_LOAD(85, ld, 0x9988776655443322, 1, cross_page)
  TEST_LOAD(86, ld, 0xffeeddccbbaa9988, 7, cross_page)
  TEST_LOAD(87, lw, 0xffffffffaa998877, 6, cross_page)
  TEST_LOAD(88, lwu, 0x99887766, 5, cross_page)
  TEST_LOAD(89, lh, 0xffffffffffff9988, 7, cross_page)
  TEST_LOAD(90, lhu, 0x9988, 7, cross_page)

  /* rd = rs1, rd = x0 */
  TEST_CASE(91, a1, 0x8182838485868788, la a1, ld_data; ld a1, 0(a1))
  TEST_CASE(92, a1, 0xffffffffffffff85, la a1, ld_data; lb a1, 3(a1))
  TEST_CASE(93, x0, 0, la a1, ld_data; ld x0, 0(a1))
  TEST_CASE(94, a1, 0xffffffff85868788, la a1, ld_data; lw x0, 0(a1); lw a1, 0(a1))

  /* stores of every width, read back whole so neighbouring bytes are checked too */
  TEST_CASE(95, a4, 0x00000000000000aa, la a1, st_data; sd x0, 0(a1); li a2, 0x12345678aa; sb a2, 0(a1); ld a4, 0(a1))
  TEST_CASE(96, a4, 0x0000bb00000000aa, la a1, st_data; li a2, 0xbb; sb a2, 5(a1); ld a4, 0(a1))
  TEST_CASE(97, a4, 0xffffffffffffffbb, la a1, st_data; lb a4, 5(a1))
  TEST_CASE(98, a4, 0x00000000000000bb, la a1, st_data; lbu a4, 5(a1))
  TEST_CASE(99, a4, 0xbeef00000000, la a1, st_data; sd x0, 0(a1); li a2, 0x1234beef; sh a2, 4(a1); ld a4, 0(a1))
  TEST_CASE(100, a4, 0xffffffffffffbeef, la a1, st_data; lh a4, 4(a1))
  TEST_CASE(101, a4, 0xdeadbeef00000000, la a1, st_data; sd x0, 0(a1); li a2, 0x12deadbeef; sw a2, 4(a1); ld a4, 0(a1))
  TEST_CASE(102, a4, 0xffffffffdeadbeef, la a1, st_data; lw a4, 4(a1))
  TEST_CASE(103, a4, 0xdeadbeef, la a1, st_data; lwu a4, 4(a1))
  TEST_CASE(104, a4, 0x0123456789abcdef, la a1, st_data; li a2, 0x0123456789abcdef; sd a2, 8(a1); ld a4, 8(a1))
  TEST_CASE(105, a4, 0, la a1, st_data; sd x0, 8(a1); ld a4, 8(a1))
  TEST_CASE(106, a4, 0, la a1, st_data; li a4, -1; sd a4, 8(a1); sw x0, 8(a1); sh x0, 12(a1); sb x0, 14(a1); sb x0, 15(a1); ld a4, 8(a1))

  /* store offsets: negative and at the limits */
  TEST_CASE(107, a4, 0x55, la a1, st_data+8; li a2, 0x55; sd a2, -8(a1); ld a4, 0(a1); addi a1, a1, -8; ld a4, 0(a1))
  TEST_CASE(108, a4, 0x66, la a1, st_data; addi a1, a1, 2047; addi a1, a1, 1; li a2, 0x66; sd a2, -2048(a1); la a1, st_data; ld a4, 0(a1))
  TEST_CASE(109, a4, 0x77, la a1, st_data; addi a1, a1, -2047; li a2, 0x77; sb a2, 2047(a1); la a1, st_data; ld a4, 0(a1))

  /* store where the data and address registers are the same */
  TEST_CASE(110, a4, 1, la a1, st_data; sd a1, 0(a1); ld a4, 0(a1); sub a4, a4, a1; seqz a4, a4)

  /* misaligned stores are performed, not trapped */
  TEST_CASE(111, a4, 0x0000000000bbaa00, la a1, st_data; sd x0, 0(a1); li a2, 0xbbaa; sh a2, 1(a1); ld a4, 0(a1))
  TEST_CASE(112, a4, 0x00ddccbbaa000000, la a1, st_data; sd x0, 0(a1); li a2, 0xddccbbaa; sw a2, 3(a1); ld a4, 0(a1))
  TEST_CASE(113, a4, 0x0000ddccbbaa0000, la a1, st_data; sd x0, 0(a1); li a2, 0xddccbbaa; sw a2, 2(a1); ld a4, 0(a1))
  TEST_CASE(114, a4, 0x1122334455667788, la a1, st_data; li a2, 0x1122334455667788; sd a2, 3(a1); ld a4, 3(a1))
  TEST_CASE(115, a4, 0x4455660000000000, la a1, st_data; sd x0, 0(a1); sd a2, 3(a1); sw x0, 0(a1); sb x0, 4(a1); ld a4, 0(a1))
  TEST_CASE(116, a4, 0x0000000000112233, la a1, st_data; ld a4, 8(a1))
  TEST_CASE(117, a4, 0x8877665544332211, la a1, st_data; li a2, 0x8877665544332211; sd a2, 7(a1); lbu a4, 7(a1); lwu a5, 8(a1); lhu a6, 12(a1); lbu a7, 14(a1); slli a5, a5, 8; or a4, a4, a5; slli a6, a6, 40; or a4, a4, a6; slli a7, a7, 56; or a4, a4, a7)

  /* misaligned stores crossing a page boundary */
  TEST_CASE(118, a4, 0xa1a2a3a4a5a6a7a8, la a1, cross_st; li a2, 0xa1a2a3a4a5a6a7a8; sd a2, 4(a1); ld a4, 4(a1))
  TEST_CASE(119, a4, 0xa5a6a7a8, la a1, cross_st; lwu a4, 4(a1))
  TEST_CASE(120, a4, 0xa1a2a3a4, la a1, cross_st; lwu a4, 8(a1))
  TEST_CASE(121, a4, 0x0000b1b2, la a1, cross_st; li a2, 0xb1b2; sh a2, 7(a1); lbu a4, 7(a1); lbu a5, 8(a1); slli a5, a5, 8; or a4, a4, a5)
  TEST_CASE(122, a4, 0xffffffffc1c2c3c4, la a1, cross_st; li a2, 0xc1c2c3c4; sw a2, 6(a1); lw a4, 6(a1))

TEST_END

  .data
  .balign 8
ld_data:
  .byte 0x88, 0x87, 0x86, 0x85, 0x84, 0x83, 0x82, 0x81, 0x78, 0x77, 0x76, 0x75, 0x74, 0x73, 0x72, 0x71
  .byte 0x00, 0xff, 0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe
ld_data_end:
st_data:
  .skip 32

  /* 16 bytes straddling a page boundary, 8 on each side */
  .balign 4096
  .skip 4096 - 8
cross_page:
  .byte 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x01
  .balign 4096
  .skip 4096 - 8
cross_st:
  .skip 16
