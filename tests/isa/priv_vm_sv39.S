/* Sv39 address translation (privileged spec v1.12, 4.3, 4.4, 3.1.6.3): page faults (load 13,
 * store/AMO 15, fetch 12) with tval = the virtual address, non-canonical addresses, the U bit
 * (SUM, S never executes U pages, U never touches S pages), MXR, reserved PTE encodings,
 * misaligned superpages, megapages and gigapages, a non-leaf PTE at level 0, reserved PTE bits
 * (63:54 in a leaf: no Svpbmt, no Svnapot; A/D/U in a non-leaf), a misaligned load that
 * crosses into an unmapped page, and delegating page faults to S.
 *
 * The body runs in M and builds its own tables (vm_root, vm_l1, vm_l0), then enters S or U:
 *   VA 0x00000000 +1 GiB  gigapage -> PA 0 (S, RW: the UART and the finisher, for failures)
 *   VA 0x40000000 +2 MiB  vm_l0: one 4 KiB test page per entry (TP(i) = 0x40000000 + i*4096)
 *   VA 0x40200000 +2 MiB  megapage -> PA 0x80000000 (S, RW)
 *   VA 0x40400000 +2 MiB  misaligned megapage (PPN[0] != 0)
 *   VA 0x80000000 +1 GiB  gigapage identity (S, RWX): the image itself, for S code
 *   VA 0xc0000000 +1 GiB  gigapage -> PA 0x80000000 (U, RWX): U code runs at label + U_ALIAS
 *   VA 0x100000000 +1 GiB misaligned gigapage (PPN[1] != 0)
 *   VA 0xffffffffc0000000 gigapage -> PA 0x80000000 (S, RW): the top of the address space
 * Each case mrets into S or U at a label and catches the first trap back in M (CATCH_M: mtvec
 * in direct mode at a label of the body): a fault, or the ecall that ends a successful access.
 */
#include "test.h"

TEST_ONLY_M

#define U_ALIAS 0x40000000

/* set bits (a constant) in an existing PTE */
#define PTE_OR(table, idx, bits) \
  la t2, table; li t3, (idx) * 8; add t2, t2, t3; ld t1, 0(t2); li t0, bits; or t1, t1, t0; sd t1, 0(t2)

#define SATP_SV39   (8 << 60)
#define LEAF_SRWX   (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
#define LEAF_SRW    (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define LEAF_SR     (PTE_V | PTE_R | PTE_A)
#define LEAF_SX     (PTE_V | PTE_X | PTE_A)
#define LEAF_URWX   (LEAF_SRWX | PTE_U)
#define LEAF_URW    (LEAF_SRW | PTE_U)
#define LEAF_UX     (LEAF_SX | PTE_U)
#define PTR         PTE_V

#define TP(i)       (0x40000000 + (i) * 4096)
#define MEGA        0x40200000
#define MEGA_BAD    0x40400000
#define GIGA_BAD    0x100000000
#define GIGA_TOP    0xffffffffc0000000
#define MARK_A      0xaaaa0000aaaa0001
#define MARK_B      0xbbbb0000bbbb0002
#define MARK_X      0x07700513         /* first word of vm_xpage: li a0, 0x77 */

#include "priv.h"

TEST_BEGIN
  csrr s11, mtvec
  csrw mie, zero
  csrw medeleg, zero

  /* ---- page tables ---- */
  PTE_PA(vm_root, 0, 0, LEAF_SRW)
  PTE_LA(vm_root, 1, vm_l1, PTR)
  PTE_PA(vm_root, 2, 0x80000000, LEAF_SRWX)
  PTE_PA(vm_root, 3, 0x80000000, LEAF_URWX)
  PTE_PA(vm_root, 4, 0x80200000, LEAF_SRW)         /* PPN[1] = 1: misaligned gigapage */
  PTE_PA(vm_root, 511, 0x80000000, LEAF_SRW)
  PTE_LA(vm_l1, 0, vm_l0, PTR)
  PTE_PA(vm_l1, 1, 0x80000000, LEAF_SRW)
  PTE_PA(vm_l1, 2, 0x80001000, LEAF_SRW)           /* PPN[0] = 1: misaligned megapage */
  PTE_LA(vm_l0, 0, vm_page_a, LEAF_SRW)
  /* entry 1: invalid */
  PTE_LA(vm_l0, 2, vm_page_a, LEAF_SR)
  PTE_LA(vm_l0, 3, vm_xpage, LEAF_SX)
  PTE_LA(vm_l0, 4, vm_page_a, LEAF_URW)
  PTE_LA(vm_l0, 5, vm_xpage, LEAF_UX)
  PTE_LA(vm_l0, 6, vm_page_a, PTE_V | PTE_W | PTE_A | PTE_D)          /* R = 0, W = 1 */
  PTE_LA(vm_l0, 7, vm_page_a, PTE_V | PTE_W | PTE_X | PTE_A | PTE_D)  /* R = 0, W = 1 */
  PTE_LA(vm_l0, 8, vm_l0, PTR)                     /* a pointer at level 0 */
  PTE_LA(vm_l0, 9, vm_page_a, LEAF_SRWX)
  /* entry 10: invalid, so TP(9) is the last page before a hole */
  PTE_LA(vm_l0, 11, vm_page_a, LEAF_URW)
  PTE_LA(vm_l0, 12, vm_page_a, LEAF_SRW & ~PTE_V)  /* V = 0 with everything else set */
  /* reserved PTE bits: 60:54, PBMT (62:61, no Svpbmt), N (63, no Svnapot) */
  PTE_LA(vm_l0, 13, vm_page_a, LEAF_SRW)
  PTE_OR(vm_l0, 13, 1 << 54)
  PTE_LA(vm_l0, 14, vm_page_a, LEAF_SRW)
  PTE_OR(vm_l0, 14, 1 << 61)
  PTE_LA(vm_l0, 15, vm_page_a, LEAF_SRW)
  PTE_OR(vm_l0, 15, 1 << 63)
  PTE_LA(vm_l0, 16, vm_page_a, LEAF_SRW)
  PTE_OR(vm_l0, 16, 1 << 60)
  /* non-leaf PTEs with A, D or U set (reserved there) */
  PTE_LA(vm_l1, 5, vm_l0, PTR | PTE_A)
  PTE_LA(vm_l1, 6, vm_l0, PTR | PTE_D)
  PTE_LA(vm_l1, 7, vm_l0, PTR | PTE_U)
  la t0, vm_root
  srli t0, t0, 12
  li t1, SATP_SV39
  or t0, t0, t1
  csrw satp, t0
  sfence.vma
  TEST_CASE(1, a0, 8, csrr a0, satp; srli a0, a0, 60)

  /* ---- mappings that work ---- */
  TEST_ACCESS(2, PRV_S, MARK_A, VA(TP(0)), ld a0, 0(a1))
  TEST_ACCESS(3, PRV_S, 0x1234, VA(TP(0)), li a0, 0x1234; sd a0, 8(a1); ld a0, 8(a1))
  TEST_CASE(4, a0, 0x1234, la t0, vm_page_a; ld a0, 8(t0))     /* it reached vm_page_a */
  TEST_ACCESS(5, PRV_S, MARK_A, VA(TP(2)), ld a0, 0(a1))        /* read-only page, read */
  TEST_ACCESS(6, PRV_S, MARK_A, VA_OF(vm_page_a, MEGA - 0x80000000), ld a0, 0(a1))
  TEST_ACCESS(7, PRV_S, MARK_A, VA_OF(vm_page_a, GIGA_TOP - 0x80000000), ld a0, 0(a1))
  TEST_ACCESS(8, PRV_S, MARK_B, VA_OF(vm_page_b, 0), ld a0, 0(a1))   /* identity gigapage */
  TEST_ACCESS(9, PRV_U, MARK_B, VA_OF(vm_page_b, U_ALIAS), ld a0, 0(a1)) /* U gigapage */
  TEST_ACCESS(10, PRV_U, MARK_A, VA(TP(4)), ld a0, 0(a1))       /* U page from U */
  TEST_ACCESS(11, PRV_S, 0x77, VA(TP(3)), jalr ra, a1)          /* execute-only page */
  TEST_ACCESS(12, PRV_U, 0x77, VA(TP(5)), jalr ra, a1)          /* U execute-only page */
  /* an aligned load at the very end of a page before a hole */
  TEST_ACCESS(13, PRV_S, 0x5555aaaa5555aaaa, VA(TP(9) + 4088), ld a0, 0(a1))

  /* ---- faults on missing or forbidden mappings: tval = the virtual address ---- */
  TEST_FAULT(14, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TP(1)), ld a0, 0(a1))
  TEST_FAULT(15, PRV_S, CAUSE_STORE_PAGE_FAULT, VA(TP(1) + 8), sd a0, 0(a1))
  TEST_FAULT(16, PRV_S, CAUSE_FETCH_PAGE_FAULT, VA(TP(1)), jalr ra, a1)
  TEST_FAULT(17, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TP(1) + 0x123), lbu a0, 0(a1))
  TEST_FAULT(18, PRV_S, CAUSE_STORE_PAGE_FAULT, VA(TP(1) + 5), sb a0, 0(a1))   /* (AMO: priv_spec_corners) */
  TEST_FAULT(19, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TP(1) + 16), lr.d a0, (a1))
  TEST_FAULT(20, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TP(12)), ld a0, 0(a1))     /* V = 0 */
  TEST_FAULT(21, PRV_S, CAUSE_STORE_PAGE_FAULT, VA(TP(2) + 8), sd a0, 0(a1)) /* read-only */
  TEST_FAULT(22, PRV_S, CAUSE_STORE_PAGE_FAULT, VA(TP(2)), amoswap.d a0, a0, (a1))
  TEST_FAULT(23, PRV_S, CAUSE_FETCH_PAGE_FAULT, VA(TP(0)), jalr ra, a1)      /* X = 0 */
  TEST_FAULT(24, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TP(3)), ld a0, 0(a1))      /* X only */
  TEST_FAULT(25, PRV_S, CAUSE_STORE_PAGE_FAULT, VA(TP(3)), sd a0, 0(a1))
  /* reserved encodings R = 0, W = 1 fault for every access */
  TEST_FAULT(26, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TP(6)), ld a0, 0(a1))
  TEST_FAULT(27, PRV_S, CAUSE_STORE_PAGE_FAULT, VA(TP(6)), sd a0, 0(a1))
  TEST_FAULT(28, PRV_S, CAUSE_FETCH_PAGE_FAULT, VA(TP(7)), jalr ra, a1)
  TEST_FAULT(29, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TP(7)), ld a0, 0(a1))
  /* a pointer PTE at level 0 */
  TEST_FAULT(30, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TP(8)), ld a0, 0(a1))
  /* reserved bits in a leaf */
  TEST_FAULT(31, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TP(13)), ld a0, 0(a1))
  TEST_FAULT(32, PRV_S, CAUSE_STORE_PAGE_FAULT, VA(TP(14)), sd a0, 0(a1))
  TEST_FAULT(33, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TP(15)), ld a0, 0(a1))
  TEST_FAULT(34, PRV_S, CAUSE_FETCH_PAGE_FAULT, VA(TP(16)), jalr ra, a1)
  /* A, D, U in a non-leaf PTE (VA 0x40a00000, 0x40c00000, 0x40e00000 -> vm_l0 entry 0) */
  TEST_FAULT(35, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(0x40a00000), ld a0, 0(a1))
  TEST_FAULT(36, PRV_S, CAUSE_STORE_PAGE_FAULT, VA(0x40c00000), sd a0, 0(a1))
  TEST_FAULT(37, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(0x40e00000), ld a0, 0(a1))
  /* misaligned superpages */
  TEST_FAULT(38, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(MEGA_BAD + 0x10), ld a0, 0(a1))
  TEST_FAULT(39, PRV_S, CAUSE_STORE_PAGE_FAULT, VA(MEGA_BAD), sd a0, 0(a1))
  TEST_FAULT(40, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(GIGA_BAD + 0x2000), ld a0, 0(a1))
  /* a VA whose root entry is invalid */
  TEST_FAULT(41, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(0x2000000000), ld a0, 0(a1))

  /* ---- non-canonical addresses (bits 63:39 != bit 38) fault whatever the tables say ---- */
  TEST_FAULT(42, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(0x0000008000000000), ld a0, 0(a1))
  TEST_FAULT(43, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(0x0000008040000000), ld a0, 0(a1))
  TEST_FAULT(44, PRV_S, CAUSE_STORE_PAGE_FAULT, VA(0xffffff8080000000), sd a0, 0(a1))
  TEST_FAULT(45, PRV_S, CAUSE_FETCH_PAGE_FAULT, VA(0x8000000080000000), jalr ra, a1)
  TEST_FAULT(46, PRV_U, CAUSE_LOAD_PAGE_FAULT, VA(0x00000100c0000000), ld a0, 0(a1))

  /* ---- the U bit ---- */
  /* S touching a U page: faults unless SUM = 1 (loads and stores only) */
  TEST_FAULT(47, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TP(4)), ld a0, 0(a1))
  TEST_FAULT(48, PRV_S, CAUSE_STORE_PAGE_FAULT, VA(TP(4)), sd a0, 0(a1))
  li t0, MSTATUS_SUM
  csrs mstatus, t0
  TEST_ACCESS(49, PRV_S, MARK_A, VA(TP(4)), ld a0, 0(a1))
  TEST_ACCESS(50, PRV_S, 0x4321, VA(TP(4)), li a0, 0x4321; sw a0, 16(a1); lw a0, 16(a1))
  /* S never executes from a U page, SUM or not */
  TEST_FAULT(51, PRV_S, CAUSE_FETCH_PAGE_FAULT, VA(TP(5)), jalr ra, a1)
  li t0, MSTATUS_SUM
  csrc mstatus, t0
  TEST_FAULT(52, PRV_S, CAUSE_FETCH_PAGE_FAULT, VA(TP(5)), jalr ra, a1)
  /* U touching an S page */
  TEST_FAULT(53, PRV_U, CAUSE_LOAD_PAGE_FAULT, VA(TP(0)), ld a0, 0(a1))
  TEST_FAULT(54, PRV_U, CAUSE_STORE_PAGE_FAULT, VA(TP(0)), sd a0, 0(a1))
  TEST_FAULT(55, PRV_U, CAUSE_FETCH_PAGE_FAULT, VA(TP(3)), jalr ra, a1)
  TEST_FAULT(56, PRV_U, CAUSE_LOAD_PAGE_FAULT, VA_OF(vm_page_a, 0), ld a0, 0(a1))
  /* SUM does not open S pages to U */
  li t0, MSTATUS_SUM
  csrs mstatus, t0
  TEST_FAULT(57, PRV_U, CAUSE_LOAD_PAGE_FAULT, VA(TP(0)), ld a0, 0(a1))
  li t0, MSTATUS_SUM
  csrc mstatus, t0

  /* ---- MXR: execute-only pages become readable (not writable) ---- */
  li t0, MSTATUS_MXR
  csrs mstatus, t0
  TEST_ACCESS(58, PRV_S, MARK_X, VA(TP(3)), lw a0, 0(a1))
  TEST_FAULT(59, PRV_S, CAUSE_STORE_PAGE_FAULT, VA(TP(3)), sw a0, 0(a1))
  TEST_ACCESS(60, PRV_U, MARK_X, VA(TP(5)), lw a0, 0(a1))
  /* MXR does not override the U bit */
  TEST_FAULT(61, PRV_U, CAUSE_LOAD_PAGE_FAULT, VA(TP(3)), lw a0, 0(a1))
  li t0, MSTATUS_MXR
  csrc mstatus, t0
  TEST_FAULT(62, PRV_U, CAUSE_LOAD_PAGE_FAULT, VA(TP(5)), lw a0, 0(a1))

  /* ---- a misaligned load crossing from a mapped page into a hole: load page fault, tval =
   * the load's address or the first byte of the unmapped page (both allowed) ---- */
  li TESTNUM, 63
  li a1, TP(9) + 4092
  CATCH_M(1f)
  MRET_TO(PRV_S, 2f)
2:ld a0, 0(a1)
  j test_fail
  .balign 4
1:TEST_CASE(63, a0, CAUSE_LOAD_PAGE_FAULT, csrr a0, mcause)
  li TESTNUM, 64
  csrr a0, mtval
  beq a0, a1, 3f
  li t0, TP(10)
  beq a0, t0, 3f
  j test_fail
3:li TESTNUM, 65
  li a1, TP(9) + 4094
  CATCH_M(1f)
  MRET_TO(PRV_S, 2f)
2:sw a0, 0(a1)
  j test_fail
  .balign 4
1:TEST_CASE(65, a0, CAUSE_STORE_PAGE_FAULT, csrr a0, mcause)
  li TESTNUM, 66
  csrr a0, mtval
  beq a0, a1, 3f
  li t0, TP(10)
  beq a0, t0, 3f
  j test_fail
3:

  /* ---- page faults delegated to S: scause/stval ---- */
  li TESTNUM, 67
  li t0, (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT) | (1 << CAUSE_FETCH_PAGE_FAULT)
  csrw medeleg, t0
  la t0, 3f
  csrw stvec, t0
  li a1, TP(1) + 0x40
  CATCH_M(1f)
  MRET_TO(PRV_U, 2f)
2:sd a0, 0(a1)
  j test_fail
  .balign 4
3:ecall                                /* S: ecalls from S are not delegated */
  .balign 4
1:csrw medeleg, zero
  TEST_CASE(67, a0, CAUSE_SUPERVISOR_ECALL, csrr a0, mcause)
  TEST_CASE(68, a0, CAUSE_STORE_PAGE_FAULT, csrr a0, scause)
  TEST_CASE(69, a0, TP(1) + 0x40, csrr a0, stval)
  TEST_CASE(70, a0, PRV_U, csrr a0, sstatus; srli a0, a0, 8; andi a0, a0, 1)

  csrw satp, zero
  sfence.vma
  csrw mtvec, s11
TEST_END

  .text
  .balign 4096
/* Executed through TP(3)/TP(5): leaves a0 = 0x77 and ecalls; its first word is MARK_X. */
vm_xpage:
  .option push
  .option norvc
  li a0, 0x77
  ecall
  .option pop
  .balign 4096

  .data
  .balign 4096
vm_page_a:
  .dword MARK_A
  .skip 4096 - 16
  .dword 0x5555aaaa5555aaaa            /* last doubleword of the page */
vm_page_b:
  .dword MARK_B
  .skip 4096 - 8

  .bss
  .balign 4096
vm_root: .skip 4096
vm_l1:   .skip 4096
vm_l0:   .skip 4096
