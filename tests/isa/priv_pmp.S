/* Physical memory protection without the lock bit (privileged spec v1.12, 3.7): S and U
 * accesses that no entry matches fail (16 entries are implemented), NAPOT, TOR and NA4 regions
 * grant R, W and X separately (load/store/fetch access faults 5/7/1, tval = the address), the
 * lowest-numbered matching entry wins, an access only partly inside an entry fails, A = OFF
 * entries match nothing, M is unaffected by unlocked entries, MPRV accesses are checked as
 * MPP, and access faults can be delegated to S.
 *
 * The body runs in M with satp = Bare and programs all 16 entries itself:
 *   entry 15: NAPOT 2 MiB at 0x80000000, RWX (the image: code, stack, trap record)
 *   entry 14: NAPOT 4 KiB at the UART, entry 13: NAPOT 4 KiB at the finisher (failure reports)
 *   entries 0-12: the cases, on a test area PMPT (64 KiB at 0x80400000, RAM outside the image)
 * Page k of PMPT starts with the marker MARK(k); page 8 holds code: li a0, 0x77; ecall.
 */
#include "test.h"

TEST_ONLY_M

/* Case n: after setup, code run in prv does not trap and leaves a0 = expected. */

#define PMP_R     0x01
#define PMP_W     0x02
#define PMP_X     0x04
#define PMP_TOR   0x08
#define PMP_NA4   0x10
#define PMP_NAPOT 0x18
/* entry i (0-7 in pmpcfg0, 8-15 in pmpcfg2): set its cfg byte, leave the others */
#define PMP_CFG_LO(i, cfg) \
  li t0, 0xff << ((i) * 8); csrc pmpcfg0, t0; li t0, (cfg) << ((i) * 8); csrs pmpcfg0, t0
#define PMP_CFG_HI(i, cfg) \
  li t0, 0xff << (((i) - 8) * 8); csrc pmpcfg2, t0; li t0, (cfg) << (((i) - 8) * 8); csrs pmpcfg2, t0
#define PMP_ADDR(i, value)    li t0, value; csrw pmpaddr ## i, t0
#define NAPOT(base, size)     (((base) >> 2) | (((size) >> 3) - 1))
#define PMP_TEST_RESET        csrw pmpcfg0, zero; li t0, 0xff; csrc pmpcfg2, t0; \
                              li t0, 0xff00; csrc pmpcfg2, t0; li t0, 0xff0000; csrc pmpcfg2, t0
#define NOCACHE               sfence.vma     /* PMP changes: flush any cached permission */

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

  /* test area: markers, and code on page CODE_PAGE */
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

  /* the fixed entries */
  csrw pmpcfg0, zero
  csrw pmpcfg2, zero
  PMP_ADDR(15, NAPOT(0x80000000, 0x200000))
  PMP_ADDR(14, NAPOT(UART_BASE, 4096))
  PMP_ADDR(13, NAPOT(FIN_BASE, 4096))
  PMP_CFG_HI(15, PMP_NAPOT | PMP_R | PMP_W | PMP_X)
  PMP_CFG_HI(14, PMP_NAPOT | PMP_R | PMP_W)
  PMP_CFG_HI(13, PMP_NAPOT | PMP_R | PMP_W)
  NOCACHE
  /* what was written reads back (4-byte granularity: no bits are lost) */
  TEST_CASE(1, a0, NAPOT(0x80000000, 0x200000), csrr a0, pmpaddr15)
  TEST_CASE(2, a0, (PMP_NAPOT | PMP_R | PMP_W | PMP_X) << 56, csrr a0, pmpcfg2; srli a0, a0, 56; slli a0, a0, 56)

  /* ---- no entry matches: S and U fail, M succeeds ---- */
  TEST_FAULT(3, PRV_S, CAUSE_LOAD_ACCESS, VA(PAGE(0)), ld a0, 0(a1))
  TEST_FAULT(4, PRV_S, CAUSE_STORE_ACCESS, VA(PAGE(1) + 8), sd a0, 0(a1))
  TEST_FAULT(5, PRV_S, CAUSE_FETCH_ACCESS, VA(PAGE(CODE_PAGE)), jalr ra, a1)
  TEST_FAULT(6, PRV_U, CAUSE_LOAD_ACCESS, VA(PAGE(2) + 3), lbu a0, 0(a1))
  TEST_FAULT(7, PRV_U, CAUSE_STORE_ACCESS, VA(PAGE(2)), sh a0, 0(a1))   /* (AMO: priv_spec_corners) */
  TEST_CASE(8, a0, MARK(3), li t0, PAGE(3); ld a0, 0(t0))
  li TESTNUM, 9
  li a0, 0
  CATCH_M(1f)
  li t0, PAGE(CODE_PAGE)
  jalr ra, t0
  j test_fail
  .balign 4
1:TEST_CASE(9, a0, 0x77, )
  TEST_CASE(10, a0, CAUSE_MACHINE_ECALL, csrr a0, mcause)

  /* ---- NAPOT regions, one permission each ---- */
  PMP_ADDR(0, NAPOT(PAGE(0), 4096))
  PMP_CFG_LO(0, PMP_NAPOT | PMP_R)
  PMP_ADDR(1, NAPOT(PAGE(1), 4096))
  PMP_CFG_LO(1, PMP_NAPOT | PMP_W | PMP_R)
  PMP_ADDR(2, NAPOT(PAGE(CODE_PAGE), 4096))
  PMP_CFG_LO(2, PMP_NAPOT | PMP_X)
  NOCACHE
  TEST_ACCESS(11, PRV_S, MARK(0), VA(PAGE(0)), ld a0, 0(a1))
  TEST_FAULT(12, PRV_S, CAUSE_STORE_ACCESS, VA(PAGE(0) + 16), sd a0, 0(a1))
  TEST_FAULT(13, PRV_S, CAUSE_FETCH_ACCESS, VA(PAGE(0)), jalr ra, a1)
  TEST_ACCESS(14, PRV_U, MARK(0), VA(PAGE(0)), ld a0, 0(a1))
  TEST_FAULT(15, PRV_U, CAUSE_STORE_ACCESS, VA(PAGE(0) + 0xff8), sd a0, 0(a1))
  TEST_ACCESS(16, PRV_S, 0x1357, VA(PAGE(1)), li a0, 0x1357; sd a0, 8(a1); ld a0, 8(a1))
  TEST_FAULT(17, PRV_S, CAUSE_FETCH_ACCESS, VA(PAGE(1)), jalr ra, a1)
  TEST_ACCESS(18, PRV_S, 0x77, VA(PAGE(CODE_PAGE)), jalr ra, a1)
  TEST_ACCESS(19, PRV_U, 0x77, VA(PAGE(CODE_PAGE)), jalr ra, a1)
  TEST_FAULT(20, PRV_S, CAUSE_LOAD_ACCESS, VA(PAGE(CODE_PAGE)), lw a0, 0(a1))
  TEST_FAULT(21, PRV_U, CAUSE_STORE_ACCESS, VA(PAGE(CODE_PAGE) + 4), sw a0, 0(a1))
  /* just outside a region: the next page, the previous doubleword */
  TEST_FAULT(22, PRV_S, CAUSE_LOAD_ACCESS, VA(PAGE(2)), ld a0, 0(a1))
  TEST_FAULT(23, PRV_S, CAUSE_LOAD_ACCESS, VA(PAGE(0) - 8), ld a0, 0(a1))
  /* M is not restricted by unlocked entries */
  TEST_CASE(24, a0, 0x2468, li t0, PAGE(0); li a0, 0x2468; sd a0, 16(t0); ld a0, 16(t0))

  /* ---- priority: the lowest-numbered matching entry decides ---- */
  PMP_ADDR(3, NAPOT(PMPT, 0x10000))                /* all of PMPT, RWX */
  PMP_CFG_LO(3, PMP_NAPOT | PMP_R | PMP_W | PMP_X)
  NOCACHE
  TEST_FAULT(25, PRV_S, CAUSE_STORE_ACCESS, VA(PAGE(0) + 8), sd a0, 0(a1))     /* entry 0 */
  TEST_FAULT(26, PRV_S, CAUSE_LOAD_ACCESS, VA(PAGE(CODE_PAGE)), ld a0, 0(a1))  /* entry 2 */
  TEST_ACCESS(27, PRV_S, MARK(4), VA(PAGE(4)), ld a0, 0(a1); sd a0, 8(a1))    /* entry 3 */
  TEST_ACCESS(28, PRV_S, 0x77, VA(PAGE(CODE_PAGE)), jalr ra, a1)
  /* a lower entry with no permission at all shadows a higher RWX one */
  PMP_TEST_RESET
  PMP_ADDR(0, NAPOT(PAGE(4), 8192))
  PMP_CFG_LO(0, PMP_NAPOT)
  PMP_ADDR(1, NAPOT(PMPT, 0x10000))
  PMP_CFG_LO(1, PMP_NAPOT | PMP_R | PMP_W | PMP_X)
  NOCACHE
  TEST_FAULT(29, PRV_S, CAUSE_LOAD_ACCESS, VA(PAGE(5) + 0x100), ld a0, 0(a1))
  TEST_FAULT(30, PRV_U, CAUSE_STORE_ACCESS, VA(PAGE(4)), sb a0, 0(a1))
  TEST_ACCESS(31, PRV_S, MARK(6), VA(PAGE(6)), ld a0, 0(a1))
  /* A = OFF: the entry matches nothing, whatever its RWX */
  PMP_CFG_LO(0, PMP_R | PMP_W | PMP_X)
  PMP_CFG_LO(1, PMP_R | PMP_W | PMP_X)
  NOCACHE
  TEST_FAULT(32, PRV_S, CAUSE_LOAD_ACCESS, VA(PAGE(6)), ld a0, 0(a1))

  /* ---- TOR: entry i covers [pmpaddr(i-1), pmpaddr(i)) ---- */
  PMP_TEST_RESET
  PMP_ADDR(4, PAGE(5) >> 2)
  PMP_ADDR(5, PAGE(7) >> 2)
  PMP_CFG_LO(5, PMP_TOR | PMP_R | PMP_W)
  NOCACHE
  TEST_ACCESS(33, PRV_S, MARK(5), VA(PAGE(5)), ld a0, 0(a1))
  TEST_ACCESS(34, PRV_U, 0xbead, VA(PAGE(7) - 8), li a0, 0xbead; sd a0, 0(a1); ld a0, 0(a1))
  TEST_FAULT(35, PRV_S, CAUSE_LOAD_ACCESS, VA(PAGE(7)), ld a0, 0(a1))           /* top: out */
  TEST_FAULT(36, PRV_S, CAUSE_STORE_ACCESS, VA(PAGE(5) - 4), sw a0, 0(a1))      /* below */
  TEST_FAULT(37, PRV_S, CAUSE_FETCH_ACCESS, VA(PAGE(6)), jalr ra, a1)
  /* TOR in entry 0 starts at address 0, so it covers the image too, ahead of entry 15: grant
   * R and X only (the S code of these cases stores nothing but the faulting store) */
  PMP_ADDR(0, PAGE(1) >> 2)
  PMP_CFG_LO(0, PMP_TOR | PMP_R | PMP_X)
  NOCACHE
  TEST_ACCESS(38, PRV_S, MARK(0), VA(PAGE(0)), ld a0, 0(a1))
  TEST_FAULT(39, PRV_S, CAUSE_STORE_ACCESS, VA(PAGE(0)), sd a0, 0(a1))
  TEST_FAULT(40, PRV_S, CAUSE_LOAD_ACCESS, VA(PAGE(1)), ld a0, 0(a1))
  /* an entry whose TOR range is empty (top <= bottom) matches nothing */
  PMP_CFG_LO(0, 0)
  PMP_ADDR(6, PAGE(5) >> 2)
  PMP_CFG_LO(6, PMP_TOR | PMP_R | PMP_W | PMP_X)
  PMP_CFG_LO(5, 0)
  PMP_ADDR(5, PAGE(6) >> 2)
  NOCACHE
  TEST_FAULT(41, PRV_S, CAUSE_LOAD_ACCESS, VA(PAGE(5)), ld a0, 0(a1))

  /* ---- NA4: a single 4-byte word ---- */
  PMP_TEST_RESET
  PMP_ADDR(6, (PAGE(9) + 4) >> 2)
  PMP_CFG_LO(6, PMP_NA4 | PMP_R | PMP_W)
  NOCACHE
  TEST_ACCESS(42, PRV_S, 0x600d, VA(PAGE(9) + 4), li a0, 0x600d; sw a0, 0(a1); lw a0, 0(a1))
  TEST_FAULT(43, PRV_S, CAUSE_LOAD_ACCESS, VA(PAGE(9)), lw a0, 0(a1))
  TEST_FAULT(44, PRV_S, CAUSE_STORE_ACCESS, VA(PAGE(9) + 8), sw a0, 0(a1))
  TEST_ACCESS(45, PRV_U, 0x0d, VA(PAGE(9) + 4), lbu a0, 0(a1))
  TEST_ACCESS(46, PRV_U, 0x60, VA(PAGE(9) + 5), lbu a0, 0(a1))

  /* ---- an access partly inside an entry fails, even if a later entry covers it all ---- */
  PMP_ADDR(7, NAPOT(PAGE(9), 4096))
  PMP_CFG_LO(7, PMP_NAPOT | PMP_R | PMP_W)
  NOCACHE
  TEST_ACCESS(47, PRV_S, MARK(9) & 0xffff, VA(PAGE(9)), lw a0, 0(a1))         /* entry 7 */
  TEST_ACCESS(48, PRV_S, 0x600d, VA(PAGE(9) + 4), lw a0, 0(a1))               /* entry 6 */
  TEST_FAULT(49, PRV_S, CAUSE_LOAD_ACCESS, VA(PAGE(9)), ld a0, 0(a1))          /* bytes 0-7: 4-7 in NA4 */
  TEST_FAULT(50, PRV_S, CAUSE_STORE_ACCESS, VA(PAGE(9)), sd a0, 0(a1))
  /* the same at a NAPOT edge: a doubleword straddling the end of a 4 KiB region */
  PMP_TEST_RESET
  PMP_ADDR(0, NAPOT(PAGE(10), 4096))
  PMP_CFG_LO(0, PMP_NAPOT | PMP_R)
  PMP_ADDR(1, NAPOT(PMPT, 0x10000))
  PMP_CFG_LO(1, PMP_NAPOT | PMP_R)
  NOCACHE
  TEST_FAULT(51, PRV_S, CAUSE_LOAD_ACCESS, VA(PAGE(11) - 4), ld a0, 0(a1))
  TEST_ACCESS(52, PRV_S, MARK(11), VA(PAGE(11)), ld a0, 0(a1))

  /* ---- MPRV: M's loads and stores are checked as MPP ---- */
  PMP_TEST_RESET
  PMP_ADDR(0, NAPOT(PAGE(12), 4096))
  PMP_CFG_LO(0, PMP_NAPOT | PMP_R)
  NOCACHE
  TEST_CASE(53, a0, MARK(12), li a1, PAGE(12); li t0, MSTATUS_MPP; csrc mstatus, t0; \
            li t0, (PRV_U << 11) | MSTATUS_MPRV; csrs mstatus, t0; ld a0, 0(a1); \
            li t0, MSTATUS_MPRV; csrc mstatus, t0)
  li TESTNUM, 54
  li a1, PAGE(12)
  CATCH_M(1f)
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, (PRV_S << 11) | MSTATUS_MPRV
  csrs mstatus, t0
  sd a0, 0(a1)
  j test_fail
  .balign 4
1:li t0, MSTATUS_MPRV
  csrc mstatus, t0
  TEST_CASE(54, a0, CAUSE_STORE_ACCESS, csrr a0, mcause)
  TEST_CASE(55, a0, PAGE(12), csrr a0, mtval)

  /* ---- access faults delegated to S ---- */
  li TESTNUM, 56
  li t0, (1 << CAUSE_LOAD_ACCESS) | (1 << CAUSE_STORE_ACCESS) | (1 << CAUSE_FETCH_ACCESS)
  csrw medeleg, t0
  la t0, 3f
  csrw stvec, t0
  li a1, PAGE(13) + 0x20
  CATCH_M(1f)
  MRET_TO(PRV_U, 2f)
2:ld a0, 0(a1)
  j test_fail
  .balign 4
3:ecall
  .balign 4
1:csrw medeleg, zero
  TEST_CASE(56, a0, CAUSE_SUPERVISOR_ECALL, csrr a0, mcause)
  TEST_CASE(57, a0, CAUSE_LOAD_ACCESS, csrr a0, scause)
  TEST_CASE(58, a0, PAGE(13) + 0x20, csrr a0, stval)

  /* back to the harness's single all-memory entry */
  csrw pmpcfg2, zero
  li t0, -1
  csrw pmpaddr0, t0
  li t0, PMP_NAPOT | PMP_R | PMP_W | PMP_X
  csrw pmpcfg0, t0
  NOCACHE
  csrw mtvec, s11
TEST_END
