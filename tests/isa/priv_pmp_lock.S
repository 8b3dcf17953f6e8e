/* Locked PMP entries (privileged spec v1.12, 3.7.1.2, 3.7.1.3): a locked entry also applies to
 * M-mode; writes to its pmpcfg byte and pmpaddr are ignored (other bytes of the same pmpcfg
 * register stay writable); the pmpaddr below a locked TOR entry is not writable either; an
 * unlocked entry that matches first still lets M through; a locked entry grants as well as it
 * denies. Locks last until reset, so they only cover a test area that nothing else uses (PMPT,
 * 64 KiB of RAM at 0x80400000, outside the image); M keeps full access elsewhere because no entry
 * matches there.
 *
 * Fixed entries for S: 15 = the image (RWX), 14 = UART, 13 = finisher. Page k of PMPT starts
 * with MARK(k); page 8 holds code (li a0, 0x77; ecall). The body runs in M; CATCH_M(label)
 * points mtvec at a label of the body to catch the next trap there.
 */
#include "test.h"

TEST_ONLY_M

/* Case n: insn, run in M with a1 = addr, traps with cause and tval = a1 */
#define TEST_M_FAULT(n, cause, addr, insn...) \
  li TESTNUM, n; li a1, addr; CATCH_M(9801f); \
  insn; j test_fail; .balign 4; \
  9801: csrr t5, mcause; li t6, cause; TEST_FAIL_IF_NE(t5, t6); \
  csrr t5, mtval; TEST_FAIL_IF_NE(t5, a1)

#define PMP_R     0x01
#define PMP_W     0x02
#define PMP_X     0x04
#define PMP_TOR   0x08
#define PMP_NAPOT 0x18
#define PMP_L     0x80
#define PMP_CFG_LO(i, cfg) \
  li t0, 0xff << ((i) * 8); csrc pmpcfg0, t0; li t0, (cfg) << ((i) * 8); csrs pmpcfg0, t0
#define PMP_CFG_HI(i, cfg) \
  li t0, 0xff << (((i) - 8) * 8); csrc pmpcfg2, t0; li t0, (cfg) << (((i) - 8) * 8); csrs pmpcfg2, t0
#define PMP_ADDR(i, value)    li t0, value; csrw pmpaddr ## i, t0
#define NAPOT(base, size)     (((base) >> 2) | (((size) >> 3) - 1))
/* reg = the cfg byte of entry i (0-7) */
#define GET_CFG_LO(reg, i)    csrr reg, pmpcfg0; srli reg, reg, (i) * 8; andi reg, reg, 0xff
#define NOCACHE               sfence.vma

#define PMPT        0x80400000
#define PAGE(k)     (PMPT + (k) * 4096)
#define MARK(k)     (0x5a5a000000000000 + (k))
#define CODE_PAGE   8
#define UART_BASE   0x10000000
#define FIN_BASE    0x100000

#include "priv.h"

TEST_BEGIN
  csrr s11, mtvec
  csrw mie, zero
  csrw medeleg, zero
  csrw satp, zero

  li t0, PMPT
  li t1, 0
1:li t2, MARK(0)
  add t2, t2, t1
  sd t2, 0(t0)
  li t2, 4096
  add t0, t0, t2
  addi t1, t1, 1
  li t2, 16
  bne t1, t2, 1b
  li t0, PAGE(CODE_PAGE)
  li t1, 0x07700513                    /* li a0, 0x77 */
  sw t1, 0(t0)
  li t1, 0x00000073                    /* ecall */
  sw t1, 4(t0)
  fence.i

  csrw pmpcfg0, zero
  csrw pmpcfg2, zero
  PMP_ADDR(15, NAPOT(0x80000000, 0x200000))
  PMP_ADDR(14, NAPOT(UART_BASE, 4096))
  PMP_ADDR(13, NAPOT(FIN_BASE, 4096))
  PMP_CFG_HI(15, PMP_NAPOT | PMP_R | PMP_W | PMP_X)
  PMP_CFG_HI(14, PMP_NAPOT | PMP_R | PMP_W)
  PMP_CFG_HI(13, PMP_NAPOT | PMP_R | PMP_W)

  /* ---- entry 0: PAGE(0), read-only, locked: M may read, not write ---- */
  PMP_ADDR(0, NAPOT(PAGE(0), 4096))
  PMP_CFG_LO(0, PMP_L | PMP_NAPOT | PMP_R)
  NOCACHE
  TEST_CASE(1, a0, MARK(0), li t0, PAGE(0); ld a0, 0(t0))
  TEST_M_FAULT(2, CAUSE_STORE_ACCESS, PAGE(0) + 8, sd a0, 0(a1))
  TEST_M_FAULT(3, CAUSE_STORE_ACCESS, PAGE(0) + 0xffc, sw a0, 0(a1))
  /* the same for S */
  TEST_ACCESS(4, PRV_S, MARK(0), VA(PAGE(0)), ld a0, 0(a1))
  TEST_FAULT(5, PRV_S, CAUSE_STORE_ACCESS, VA(PAGE(0) + 16), sd a0, 0(a1))
  /* M just outside the locked region: no entry matches, M succeeds */
  TEST_CASE(6, a0, 0x1111, li t0, PAGE(1); li a0, 0x1111; sd a0, 8(t0); ld a0, 8(t0))

  /* ---- writes to a locked entry are ignored ---- */
  TEST_CASE(7, a0, PMP_L | PMP_NAPOT | PMP_R, li t0, 0xff; csrc pmpcfg0, t0; GET_CFG_LO(a0, 0))
  TEST_CASE(8, a0, PMP_L | PMP_NAPOT | PMP_R, li t0, PMP_W | PMP_X; csrs pmpcfg0, t0; GET_CFG_LO(a0, 0))
  TEST_CASE(9, a0, PMP_L | PMP_NAPOT | PMP_R, csrw pmpcfg0, zero; GET_CFG_LO(a0, 0))
  TEST_CASE(10, a0, NAPOT(PAGE(0), 4096), PMP_ADDR(0, NAPOT(PAGE(2), 4096)); csrr a0, pmpaddr0)
  TEST_CASE(11, a0, NAPOT(PAGE(0), 4096), csrw pmpaddr0, zero; csrr a0, pmpaddr0)
  /* and the region is still enforced */
  TEST_M_FAULT(12, CAUSE_STORE_ACCESS, PAGE(0), sb a0, 0(a1))
  /* an unlocked entry sharing pmpcfg0 stays writable */
  TEST_CASE(13, a0, PMP_NAPOT | PMP_R, PMP_CFG_LO(2, PMP_NAPOT | PMP_R); GET_CFG_LO(a0, 2))
  TEST_CASE(14, a0, 0, PMP_CFG_LO(2, 0); GET_CFG_LO(a0, 2))

  /* ---- a locked entry without X: M cannot execute there ---- */
  PMP_ADDR(1, NAPOT(PAGE(CODE_PAGE), 4096))
  PMP_CFG_LO(1, PMP_L | PMP_NAPOT | PMP_R)
  NOCACHE
  li TESTNUM, 15
  li a1, PAGE(CODE_PAGE)
  CATCH_M(1f)
  jalr ra, a1
  j test_fail
  .balign 4
1:TEST_CASE(15, a0, CAUSE_FETCH_ACCESS, csrr a0, mcause)
  TEST_CASE(16, a0, PAGE(CODE_PAGE), csrr a0, mtval)
  TEST_CASE(17, a0, PAGE(CODE_PAGE), csrr a0, mepc)
  TEST_CASE(18, a0, 0x07700513, li t0, PAGE(CODE_PAGE); lw a0, 0(t0))    /* R is granted */

  /* ---- a locked TOR entry also locks the pmpaddr below it ---- */
  PMP_ADDR(3, PAGE(4) >> 2)
  PMP_ADDR(4, PAGE(5) >> 2)
  PMP_CFG_LO(4, PMP_L | PMP_TOR | PMP_R)
  NOCACHE
  TEST_CASE(19, a0, PAGE(4) >> 2, PMP_ADDR(3, PAGE(3) >> 2); csrr a0, pmpaddr3)
  TEST_CASE(20, a0, PAGE(5) >> 2, PMP_ADDR(4, PAGE(9) >> 2); csrr a0, pmpaddr4)
  TEST_M_FAULT(21, CAUSE_STORE_ACCESS, PAGE(4) + 0x40, sd a0, 0(a1))
  TEST_M_FAULT(22, CAUSE_STORE_ACCESS, PAGE(5) - 8, sd a0, 0(a1))
  TEST_CASE(23, a0, MARK(4), li t0, PAGE(4); ld a0, 0(t0))
  TEST_CASE(24, a0, 0x2222, li t0, PAGE(5); li a0, 0x2222; sd a0, 8(t0); ld a0, 8(t0))
  TEST_CASE(25, a0, 0x3333, li t0, PAGE(4) - 8; li a0, 0x3333; sd a0, 0(t0); ld a0, 0(t0))
  /* entry 3's own cfg byte is not locked */
  TEST_CASE(26, a0, PMP_R, PMP_CFG_LO(3, PMP_R); GET_CFG_LO(a0, 3))
  PMP_CFG_LO(3, 0)

  /* ---- a locked entry grants too: RWX, locked, M and S may write ---- */
  PMP_ADDR(5, NAPOT(PAGE(6), 4096))
  PMP_CFG_LO(5, PMP_L | PMP_NAPOT | PMP_R | PMP_W | PMP_X)
  NOCACHE
  TEST_CASE(27, a0, 0x4444, li t0, PAGE(6); li a0, 0x4444; sd a0, 8(t0); ld a0, 8(t0))
  TEST_ACCESS(28, PRV_S, 0x5555, VA(PAGE(6)), li a0, 0x5555; sd a0, 16(a1); ld a0, 16(a1))

  /* ---- the first matching entry decides for M as well: an unlocked entry 2 (no permission)
   * ahead of a locked read-only entry 6 lets M write; S is denied by entry 2 ---- */
  PMP_ADDR(6, NAPOT(PAGE(7), 4096))
  PMP_CFG_LO(6, PMP_L | PMP_NAPOT | PMP_R)
  PMP_ADDR(2, NAPOT(PAGE(7), 4096))
  PMP_CFG_LO(2, PMP_NAPOT)
  NOCACHE
  TEST_CASE(29, a0, 0x6666, li t0, PAGE(7); li a0, 0x6666; sd a0, 8(t0); ld a0, 8(t0))
  TEST_FAULT(30, PRV_S, CAUSE_LOAD_ACCESS, VA(PAGE(7)), ld a0, 0(a1))
  /* turning entry 2 off exposes entry 6 */
  PMP_CFG_LO(2, 0)
  NOCACHE
  TEST_M_FAULT(31, CAUSE_STORE_ACCESS, PAGE(7) + 8, sd a0, 0(a1))
  TEST_CASE(32, a0, 0x6666, li t0, PAGE(7); ld a0, 8(t0))

  /* ---- the lock bit on an OFF entry freezes it too ---- */
  PMP_ADDR(7, NAPOT(PAGE(10), 4096))
  PMP_CFG_LO(7, PMP_L)
  TEST_CASE(33, a0, PMP_L, PMP_CFG_LO(7, PMP_NAPOT | PMP_R); GET_CFG_LO(a0, 7))
  TEST_CASE(34, a0, NAPOT(PAGE(10), 4096), PMP_ADDR(7, 0); csrr a0, pmpaddr7)
  TEST_CASE(35, a0, 0x7777, li t0, PAGE(10); li a0, 0x7777; sd a0, 0(t0); ld a0, 0(t0))

  /* leave the unlocked entries so that the image stays reachable from every mode */
  csrw mtvec, s11
TEST_END
