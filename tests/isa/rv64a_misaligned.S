/* Misaligned SC and AMOs must raise store/AMO-address-misaligned (cause 6) with tval = the
 * address (the ISA also allows an access fault; polyhart, like later QEMU, uses cause 6). A
 * misaligned SC must trap even when the hart holds no reservation for that address.
 * QEMU 7.2 gets both wrong: its SC checks the reservation first and just fails without
 * trapping, and its AMOs report load-address-misaligned (4). This file is therefore listed in
 * ISA_QEMU_KNOWN_BAD (isa.mk): expected to FAIL on qemu-system-riscv64 7.2, PASS on a correct
 * implementation. */
#include "test.h"
  .option norvc

TEST_BEGIN
  TEST_TRAP_ADDR(1, CAUSE_MISALIGNED_STORE, buf+2, la a1, buf+2; sc.w a4, a2, (a1))
  TEST_TRAP_ADDR(2, CAUSE_MISALIGNED_STORE, buf+4, la a1, buf+4; sc.d a4, a2, (a1))
  /* with a reservation held on the aligned word next to it */
  TEST_TRAP_ADDR(3, CAUSE_MISALIGNED_STORE, buf+1, la a1, buf; lr.w a3, (a1); la a1, buf+1; sc.w a4, a2, (a1))
  TEST_TRAP_ADDR(4, CAUSE_MISALIGNED_STORE, buf+1, la a1, buf+1; amoadd.w a4, a2, (a1))
  TEST_TRAP_ADDR(5, CAUSE_MISALIGNED_STORE, buf+3, la a1, buf+3; amoswap.w a4, a2, (a1))
  TEST_TRAP_ADDR(6, CAUSE_MISALIGNED_STORE, buf+4, la a1, buf+4; amoadd.d a4, a2, (a1))
  TEST_TRAP_ADDR(7, CAUSE_MISALIGNED_STORE, buf+6, la a1, buf+6; amoor.d a4, a2, (a1))
  TEST_TRAP_ADDR(8, CAUSE_MISALIGNED_STORE, buf+2, la a1, buf+2; amomaxu.w a4, a2, (a1))
  TEST_TRAP_ADDR(9, CAUSE_MISALIGNED_STORE, buf+7, la a1, buf+7; amominu.d a4, a2, (a1))
  TEST_TRAP_ADDR(10, CAUSE_MISALIGNED_STORE, buf+2, la a1, buf+2; amoand.w a4, a2, (a1))
  TEST_TRAP_ADDR(11, CAUSE_MISALIGNED_STORE, buf+2, la a1, buf+2; amomin.d a4, a2, (a1))
TEST_END

  .data
  .balign 16
buf:
  .skip 16
