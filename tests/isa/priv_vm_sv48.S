/* Sv48 address translation (privileged spec v1.12, 4.5): the four-level walk, 4 KiB pages,
 * megapages, gigapages and terapages (including a misaligned terapage), 48-bit canonical
 * addresses (bits 63:48 = bit 47), addresses that are non-canonical in Sv39 but fine in Sv48,
 * the U bit, SUM, MXR, reserved and non-leaf-at-level-0 PTEs, and satp writes with an
 * unsupported MODE being ignored.
 *
 * The body runs in M and builds its own tables, then enters S or U:
 *   VA 0 .. 512 GiB through vm_l2 (laid out like the Sv39 test's root):
 *     VA 0x00000000 +1 GiB  gigapage -> PA 0 (S, RW: UART, finisher)
 *     VA 0x40000000 +2 MiB  vm_l0 4 KiB test pages, TP(i) = 0x40000000 + i*4096
 *     VA 0x40200000 +2 MiB  megapage -> PA 0x80000000 (S, RW)
 *     VA 0x80000000 +1 GiB  gigapage identity (S, RWX)
 *     VA 0xc0000000 +1 GiB  gigapage -> PA 0x80000000 (U, RWX): U code at label + U_ALIAS
 *     VA 0x100000000 +1 GiB misaligned gigapage
 *   VA 0x8000000000 +512 GiB   terapage -> PA 0 (S, RW)
 *   VA 0x10000000000 +512 GiB  misaligned terapage (PPN[2] != 0)
 *   VA 0xffffff8000000000      terapage -> PA 0 (S, RW): the top of the address space
 * Each case mrets into S or U and catches the first trap back in M (mtvec at a body label).
 */
#include "test.h"

TEST_ONLY_M

#define U_ALIAS 0x40000000

#define SATP_SV48   (9 << 60)
#define LEAF_SRWX   (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
#define LEAF_SRW    (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define LEAF_SX     (PTE_V | PTE_X | PTE_A)
#define LEAF_URWX   (LEAF_SRWX | PTE_U)
#define LEAF_URW    (LEAF_SRW | PTE_U)
#define PTR         PTE_V

#define TP(i)       (0x40000000 + (i) * 4096)
#define MEGA        0x40200000
#define GIGA_BAD    0x100000000
#define TERA        0x8000000000
#define TERA_BAD    0x10000000000
#define TERA_TOP    0xffffff8000000000
#define MARK_A      0xaaaa0000aaaa0001
#define MARK_B      0xbbbb0000bbbb0002
#define MARK_X      0x07700513         /* first word of vm_xpage: li a0, 0x77 */

#include "priv.h"

TEST_BEGIN
  csrr s11, mtvec
  csrw mie, zero
  csrw medeleg, zero

  /* ---- page tables ---- */
  PTE_LA(vm_root, 0, vm_l2, PTR)
  PTE_PA(vm_root, 1, 0, LEAF_SRW)                  /* terapage at 512 GiB -> PA 0 */
  /* PPN[2:0] != 0: a misaligned terapage for Sv48; for Sv39 (case 42 on) the same entry is the
   * identity gigapage that lets S run the body's code */
  PTE_PA(vm_root, 2, 0x80000000, LEAF_SRWX)
  PTE_PA(vm_root, 511, 0, LEAF_SRW)
  PTE_PA(vm_l2, 0, 0, LEAF_SRW)
  PTE_LA(vm_l2, 1, vm_l1, PTR)
  PTE_PA(vm_l2, 2, 0x80000000, LEAF_SRWX)
  PTE_PA(vm_l2, 3, 0x80000000, LEAF_URWX)
  PTE_PA(vm_l2, 4, 0x80200000, LEAF_SRW)           /* misaligned gigapage */
  PTE_LA(vm_l1, 0, vm_l0, PTR)
  PTE_PA(vm_l1, 1, 0x80000000, LEAF_SRW)
  PTE_LA(vm_l0, 0, vm_page_a, LEAF_SRW)
  /* entry 1: invalid */
  PTE_LA(vm_l0, 3, vm_xpage, LEAF_SX)
  PTE_LA(vm_l0, 4, vm_page_a, LEAF_URW)
  PTE_LA(vm_l0, 6, vm_page_a, PTE_V | PTE_W | PTE_A | PTE_D)          /* R = 0, W = 1 */
  PTE_LA(vm_l0, 8, vm_l0, PTR)                     /* a pointer at level 0 */
  la t0, vm_root
  srli t0, t0, 12
  li t1, SATP_SV48
  or t0, t0, t1
  csrw satp, t0
  sfence.vma
  csrr s9, satp
  TEST_CASE(1, a0, 9, srli a0, s9, 60)

  /* ---- mappings that work, at every level ---- */
  TEST_ACCESS(2, PRV_S, MARK_A, VA(TP(0)), ld a0, 0(a1))
  TEST_ACCESS(3, PRV_S, 0x1234, VA(TP(0)), li a0, 0x1234; sd a0, 8(a1); ld a0, 8(a1))
  TEST_CASE(4, a0, 0x1234, la t0, vm_page_a; ld a0, 8(t0))
  TEST_ACCESS(5, PRV_S, MARK_A, VA_OF(vm_page_a, MEGA - 0x80000000), ld a0, 0(a1))
  TEST_ACCESS(6, PRV_S, MARK_B, VA_OF(vm_page_b, 0), ld a0, 0(a1))
  TEST_ACCESS(7, PRV_S, MARK_A, VA_OF(vm_page_a, TERA), ld a0, 0(a1))
  TEST_ACCESS(8, PRV_S, MARK_B, VA_OF(vm_page_b, TERA_TOP), ld a0, 0(a1))
  TEST_ACCESS(9, PRV_S, 0x9876, VA_OF(vm_page_b, TERA), li a0, 0x9876; sd a0, 8(a1); ld a0, 8(a1))
  TEST_CASE(10, a0, 0x9876, la t0, vm_page_b; ld a0, 8(t0))
  TEST_ACCESS(11, PRV_U, MARK_B, VA_OF(vm_page_b, U_ALIAS), ld a0, 0(a1))
  TEST_ACCESS(12, PRV_U, MARK_A, VA(TP(4)), ld a0, 0(a1))
  TEST_ACCESS(13, PRV_S, 0x77, VA(TP(3)), jalr ra, a1)

  /* ---- faults ---- */
  TEST_FAULT(14, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TP(1)), ld a0, 0(a1))
  TEST_FAULT(15, PRV_S, CAUSE_STORE_PAGE_FAULT, VA(TP(1) + 8), sd a0, 0(a1))
  TEST_FAULT(16, PRV_S, CAUSE_FETCH_PAGE_FAULT, VA(TP(1)), jalr ra, a1)
  TEST_FAULT(17, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TERA_BAD + 0x80000000), ld a0, 0(a1))
  TEST_FAULT(18, PRV_S, CAUSE_STORE_PAGE_FAULT, VA(TERA_BAD), sd a0, 0(a1))
  TEST_FAULT(19, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(GIGA_BAD + 0x10), ld a0, 0(a1))
  TEST_FAULT(20, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(0x18000000000), ld a0, 0(a1))   /* root[3] invalid */
  TEST_FAULT(21, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TP(6)), ld a0, 0(a1))           /* R = 0, W = 1 */
  TEST_FAULT(22, PRV_S, CAUSE_STORE_PAGE_FAULT, VA(TP(6)), sd a0, 0(a1))
  TEST_FAULT(23, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TP(8)), ld a0, 0(a1))           /* pointer at level 0 */
  TEST_FAULT(24, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TP(3)), ld a0, 0(a1))           /* X only */
  TEST_FAULT(25, PRV_S, CAUSE_FETCH_PAGE_FAULT, VA(TP(0)), jalr ra, a1)

  /* ---- canonical addresses: bits 63:48 must equal bit 47 ---- */
  TEST_FAULT(26, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(0x0000800000000000), ld a0, 0(a1))
  TEST_FAULT(27, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(0x0001008080000000), ld a0, 0(a1))
  TEST_FAULT(28, PRV_S, CAUSE_STORE_PAGE_FAULT, VA(0xffff7f8000000000), sd a0, 0(a1))
  TEST_FAULT(29, PRV_S, CAUSE_FETCH_PAGE_FAULT, VA(0x4000000080000000), jalr ra, a1)
  TEST_FAULT(30, PRV_U, CAUSE_LOAD_PAGE_FAULT, VA(0x80000000c0000000), ld a0, 0(a1))

  /* ---- the U bit, SUM, MXR ---- */
  TEST_FAULT(31, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TP(4)), ld a0, 0(a1))
  li t0, MSTATUS_SUM
  csrs mstatus, t0
  TEST_ACCESS(32, PRV_S, MARK_A, VA(TP(4)), ld a0, 0(a1))
  li t0, MSTATUS_SUM
  csrc mstatus, t0
  TEST_FAULT(33, PRV_U, CAUSE_LOAD_PAGE_FAULT, VA(TP(0)), ld a0, 0(a1))
  TEST_FAULT(34, PRV_U, CAUSE_FETCH_PAGE_FAULT, VA(TP(3)), jalr ra, a1)
  TEST_FAULT(35, PRV_U, CAUSE_LOAD_PAGE_FAULT, VA_OF(vm_page_a, TERA), ld a0, 0(a1))
  li t0, MSTATUS_MXR
  csrs mstatus, t0
  TEST_ACCESS(36, PRV_S, MARK_X, VA(TP(3)), lw a0, 0(a1))
  li t0, MSTATUS_MXR
  csrc mstatus, t0

  /* ---- satp: a write with an unsupported MODE changes nothing, not even PPN or ASID ---- */
  TEST_CASE(37, a0, 0, li t0, (1 << 60) | 0x123; csrw satp, t0; csrr a0, satp; sub a0, a0, s9)
  TEST_CASE(38, a0, 0, li t0, (7 << 60) | (1 << 44); csrw satp, t0; csrr a0, satp; sub a0, a0, s9)
  TEST_CASE(39, a0, 0, li t0, (11 << 60); csrw satp, t0; csrr a0, satp; sub a0, a0, s9)
  TEST_CASE(40, a0, 0, li t0, (15 << 60) | 0xfff; csrw satp, t0; csrr a0, satp; sub a0, a0, s9)
  /* the translation still works after those writes */
  TEST_ACCESS(41, PRV_S, MARK_A, VA(TP(0)), ld a0, 0(a1))
  /* switching to Sv39 on the same root: TERA + x, a terapage for Sv48, is non-canonical for
   * Sv39 (bit 39 set, bit 38 clear) and must fault */
  li t0, (1 << 60)
  xor t0, s9, t0                        /* mode 9 -> 8 */
  csrw satp, t0
  sfence.vma
  TEST_CASE(42, a0, 8, csrr a0, satp; srli a0, a0, 60)
  TEST_FAULT(43, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA_OF(vm_page_a, TERA), ld a0, 0(a1))

  csrw satp, zero
  sfence.vma
  csrw mtvec, s11
TEST_END

  .text
  .balign 4096
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
  .skip 4096 - 8
vm_page_b:
  .dword MARK_B
  .skip 4096 - 8

  .bss
  .balign 4096
vm_root: .skip 4096
vm_l2:   .skip 4096
vm_l1:   .skip 4096
vm_l0:   .skip 4096
