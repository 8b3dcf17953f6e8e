/* CSRRS/CSRRC whose rs1 is not x0 count as writes even when the register holds zero (Zicsr:
 * "the instruction will still attempt to write the unmodified value back"), so on a read-only
 * CSR they raise an illegal-instruction exception. QEMU 7.2 looks at the value instead and does
 * not trap, so this file is listed in ISA_QEMU_KNOWN_BAD (isa.mk): expected to FAIL on
 * qemu-system-riscv64 7.2 and PASS on a correct implementation. */
#include "test.h"
  .option norvc

TEST_BEGIN
  TEST_TRAP(1, CAUSE_ILLEGAL_INSN, 0xc005b773, li a1, 0; csrrc a4, cycle, a1)
  TEST_TRAP(2, CAUSE_ILLEGAL_INSN, 0xc005a773, li a1, 0; csrrs a4, cycle, a1)
  TEST_TRAP(3, CAUSE_ILLEGAL_INSN, 0xc025a773, li a1, 0; csrrs a4, instret, a1)
  TEST_CASE(4, a4, 0x44, li a4, 0x44; li a1, 0; TRAP_EXPECT_BEGIN; csrrs a4, time, a1; TRAP_EXPECT_END; \
            ld t5, TR_COUNT(tp); li t6, 1; bne t5, t6, test_fail)
TEST_END
