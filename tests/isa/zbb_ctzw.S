/* Zbb ctzw when bits 31:0 are zero but bits 63:32 are not: the result is 32 (ctzw looks at the
 * low word only). QEMU 7.2 gets this wrong (it returns the 64-bit trailing-zero count, e.g. 63
 * for 0x8000000000000000), so this file is listed in ISA_QEMU_KNOWN_BAD (isa.mk) and is
 * expected to FAIL on qemu-system-riscv64 7.2 and PASS on a correct implementation. */
#include "test.h"
  .option norvc

TEST_BEGIN
  TEST_R(1, ctzw, 32, 0x0000000100000000)
  TEST_R(2, ctzw, 32, 0x8000000000000000)
  TEST_R(3, ctzw, 32, 0x0000800000000000)
  TEST_R(4, ctzw, 32, 0xff00000000000000)
  TEST_R(5, ctzw, 32, 0xffffffff00000000)
  TEST_CASE(6, a1, 32, li a1, 0x1234567800000000; ctzw a1, a1)
TEST_END
