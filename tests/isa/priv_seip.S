/* mip.SEIP reads as the OR of the software-writable bit and the PLIC's S-context line, but only
 * the software bit takes part in a CSRRS/CSRRC read-modify-write: clearing another mip bit while
 * the line is high must not latch SEIP into the software bit. The line comes from the UART's
 * THR-empty interrupt (source 10) routed to hart 0's S context (context 1). */
#include "test.h"

TEST_ONLY_M

#define PLIC 0x0c000000
#define PLIC_PRIO_UART (PLIC + 4 * 10)
#define PLIC_ENABLE_CTX1 (PLIC + 0x2000 + 0x80)
#define PLIC_THRESHOLD_CTX1 (PLIC + 0x200000 + 0x1000)
#define PLIC_CLAIM_CTX1 (PLIC + 0x200000 + 0x1000 + 4)
#define UART_IER 0x10000001
#define MIP_SEIP 0x200
#define MIP_STIP 0x20

TEST_BEGIN
  csrw mip, zero
  li t0, PLIC_PRIO_UART
  li t1, 1
  sw t1, 0(t0)
  li t0, PLIC_ENABLE_CTX1
  li t1, 1 << 10
  sw t1, 0(t0)
  li t0, PLIC_THRESHOLD_CTX1
  sw zero, 0(t0)
  li t0, UART_IER
  li t1, 2                                 /* ETBEI: THR is empty, so the line rises */
  sb t1, 0(t0)
  TEST_CASE(1, a0, MIP_SEIP, csrr a0, mip; andi a0, a0, 0x200)
  /* read-modify-write of another bit while the line is high */
  TEST_CASE(2, a0, MIP_SEIP, li t2, MIP_STIP; csrs mip, t2; csrc mip, t2; csrr a0, mip; andi a0, a0, 0x200)
  /* the UART stops asking and the request is claimed: the line drops, and SEIP with it */
  TEST_CASE(3, a0, 10, li t0, UART_IER; sb zero, 0(t0); li t0, PLIC_CLAIM_CTX1; lw a0, 0(t0))
  TEST_CASE(4, a0, 0, li t0, PLIC_CLAIM_CTX1; li t1, 10; sw t1, 0(t0); csrr a0, mip; andi a0, a0, 0x200)
  /* the software bit alone */
  TEST_CASE(5, a0, MIP_SEIP, li t2, MIP_SEIP; csrs mip, t2; csrr a0, mip; andi a0, a0, 0x200)
  TEST_CASE(6, a0, 0, li t2, MIP_SEIP; csrc mip, t2; csrr a0, mip; andi a0, a0, 0x200)
TEST_END
