/* Sv39 accessed/dirty bits, sfence.vma and MPRV (privileged spec v1.12, 4.3.1-4.3.2,
 * 4.2.1, 3.1.6.3):
 *  - A and D are set by the hardware (QEMU 7.2 and polyhart both update them): a load or a
 *    fetch sets A only, a store or an AMO sets A and D, an access that faults sets nothing;
 *  - after S rewrites a PTE, sfence.vma (by address, by ASID, both, global) makes the new
 *    mapping visible, including an invalidation;
 *  - MPRV = 1 makes M's loads and stores translate and check permissions as MPP (S or U, with
 *    SUM and MXR), faults included, while M's instruction fetches stay untranslated.
 * Tables (built by the body, in M): VA 0 gigapage -> PA 0 (UART/finisher), VA 0x40000000 4 KiB
 * test pages TP(i) through vm_l0, VA 0x80000000 identity gigapage (S, RWX), VA 0xc0000000 the U
 * alias of the image. Each case mrets into S or U and catches the next trap back in M.
 */
#include "test.h"

TEST_ONLY_M

#define U_ALIAS 0x40000000

#define SATP_SV39   (8 << 60)
#define LEAF_SRWX   (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
#define LEAF_SRW    (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define LEAF_URWX   (LEAF_SRWX | PTE_U)
#define PTR         PTE_V
#define RW_NO_AD    (PTE_V | PTE_R | PTE_W)
#define AD          (PTE_A | PTE_D)

#define TP(i)       (0x40000000 + (i) * 4096)
#define MARK_A      0xaaaa0000aaaa0001
#define MARK_B      0xbbbb0000bbbb0002
#define MARK_C      0xcccc0000cccc0003
#define MARK_X      0x07700513         /* first word of vm_xpage: li a0, 0x77 */

/* Case n: the A and D bits of vm_l0[idx] are ad (a mask of PTE_A | PTE_D) */
#define TEST_AD(n, idx, ad) TEST_CASE(n, a0, ad, la t0, vm_l0; ld a0, (idx) * 8(t0); andi a0, a0, AD)

#include "priv.h"

TEST_BEGIN
  csrr s11, mtvec
  csrw mie, zero
  csrw medeleg, zero

  PTE_PA(vm_root, 0, 0, LEAF_SRW)
  PTE_LA(vm_root, 1, vm_l1, PTR)
  PTE_PA(vm_root, 2, 0x80000000, LEAF_SRWX)
  PTE_PA(vm_root, 3, 0x80000000, LEAF_URWX)
  PTE_LA(vm_l1, 0, vm_l0, PTR)
  PTE_LA(vm_l0, 0, vm_page_a, RW_NO_AD)
  PTE_LA(vm_l0, 1, vm_page_a, RW_NO_AD)
  PTE_LA(vm_l0, 2, vm_xpage, PTE_V | PTE_X)
  PTE_LA(vm_l0, 3, vm_page_a, PTE_V | PTE_R)
  PTE_LA(vm_l0, 4, vm_page_a, LEAF_SRW)
  PTE_LA(vm_l0, 5, vm_page_a, PTE_V | PTE_R | PTE_W | PTE_A)
  PTE_LA(vm_l0, 6, vm_page_a, RW_NO_AD | PTE_U)
  PTE_LA(vm_l0, 7, vm_page_a, LEAF_SRW)
  PTE_LA(vm_l0, 8, vm_page_b, LEAF_SRW | PTE_U)
  PTE_LA(vm_l0, 9, vm_page_a, RW_NO_AD)
  PTE_LA(vm_l0, 10, vm_page_a, RW_NO_AD | PTE_U)
  PTE_LA(vm_l0, 11, vm_xpage, PTE_V | PTE_X | PTE_A)
  la t0, vm_root
  srli t0, t0, 12
  li t1, SATP_SV39
  or t0, t0, t1
  csrw satp, t0
  sfence.vma

  /* ---- A and D ---- */
  TEST_AD(1, 0, 0)
  TEST_ACCESS(2, PRV_S, MARK_A, VA(TP(0)), ld a0, 0(a1))
  TEST_AD(3, 0, PTE_A)                                     /* load: A, not D */
  TEST_ACCESS(4, PRV_S, 0x11, VA(TP(0)), li a0, 0x11; sd a0, 8(a1); ld a0, 8(a1))
  TEST_AD(5, 0, PTE_A | PTE_D)                             /* store: D */
  TEST_ACCESS(6, PRV_S, 0, VA(TP(1)), sd zero, 8(a1))
  TEST_AD(7, 1, PTE_A | PTE_D)                             /* a first store sets both */
  TEST_ACCESS(8, PRV_S, 0x77, VA(TP(2)), jalr ra, a1)
  TEST_AD(9, 2, PTE_A)                                     /* fetch: A */
  /* a store to a read-only page faults and sets neither bit... */
  TEST_FAULT(10, PRV_S, CAUSE_STORE_PAGE_FAULT, VA(TP(3)), sd a0, 0(a1))
  TEST_AD(11, 3, 0)
  /* ...then a load sets A */
  TEST_ACCESS(12, PRV_S, MARK_A, VA(TP(3)), ld a0, 0(a1))
  TEST_AD(13, 3, PTE_A)
  /* A already set, D clear: a load keeps D clear, a store sets it */
  TEST_ACCESS(14, PRV_S, MARK_A, VA(TP(5)), ld a0, 0(a1))
  TEST_AD(15, 5, PTE_A)
  TEST_ACCESS(16, PRV_S, 0, VA(TP(5)), sb zero, 15(a1))
  TEST_AD(17, 5, PTE_A | PTE_D)
  /* an AMO sets both */
  TEST_ACCESS(18, PRV_S, 0, VA(TP(9) + 8), amoadd.d a0, zero, (a1))
  TEST_AD(19, 9, PTE_A | PTE_D)
  /* U pages: a U load sets A; an S load without SUM faults and sets nothing */
  TEST_FAULT(20, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TP(10)), ld a0, 0(a1))
  TEST_AD(21, 10, 0)
  TEST_FAULT(22, PRV_U, CAUSE_FETCH_PAGE_FAULT, VA(TP(10)), jalr ra, a1)
  TEST_AD(23, 10, 0)
  TEST_ACCESS(24, PRV_U, MARK_A, VA(TP(6)), ld a0, 0(a1))
  TEST_AD(25, 6, PTE_A)
  /* MXR read of an execute-only page whose A is set leaves D clear */
  li t0, MSTATUS_MXR
  csrs mstatus, t0
  TEST_ACCESS(26, PRV_S, MARK_X, VA(TP(11)), lw a0, 0(a1))
  li t0, MSTATUS_MXR
  csrc mstatus, t0
  TEST_AD(27, 11, PTE_A)

  /* ---- sfence.vma: S rewrites the PTE of TP(4) itself, fences, and sees the new mapping ---- */
#define PTE4_SET(label, flags) la t0, label; srli t0, t0, 2; ori t0, t0, flags; \
    la t1, vm_l0; sd t0, 4 * 8(t1)
  TEST_ACCESS(28, PRV_S, MARK_B, VA(TP(4)), ld a0, 0(a1); \
              PTE4_SET(vm_page_b, LEAF_SRW); sfence.vma a1; ld a0, 0(a1))
  TEST_ACCESS(29, PRV_S, MARK_C, VA(TP(4)), ld a0, 0(a1); \
              PTE4_SET(vm_page_c, LEAF_SRW); sfence.vma; ld a0, 0(a1))
  TEST_ACCESS(30, PRV_S, MARK_A, VA(TP(4)), ld a0, 0(a1); \
              PTE4_SET(vm_page_a, LEAF_SRW); li a2, 0; sfence.vma zero, a2; ld a0, 0(a1))
  TEST_ACCESS(31, PRV_S, MARK_B, VA(TP(4)), ld a0, 0(a1); \
              PTE4_SET(vm_page_b, LEAF_SRW); li a2, 0; sfence.vma a1, a2; ld a0, 0(a1))
  /* a store through the new mapping lands in the new page */
  TEST_ACCESS(32, PRV_S, 0x3c3c, VA(TP(4)), li a0, 0x3c3c; sd a0, 16(a1); \
              PTE4_SET(vm_page_c, LEAF_SRW); sfence.vma a1; ld a0, 16(a1); \
              PTE4_SET(vm_page_b, LEAF_SRW); sfence.vma a1; ld a0, 16(a1))
  TEST_CASE(33, a0, 0, la t0, vm_page_c; ld a0, 16(t0))
  /* invalidating: the next access faults */
  TEST_FAULT(34, PRV_S, CAUSE_LOAD_PAGE_FAULT, VA(TP(4)), ld a0, 0(a1); \
             la t1, vm_l0; sd zero, 4 * 8(t1); sfence.vma a1; ld a0, 0(a1))
  /* and a valid PTE written by M (which then fences) is seen by S */
  PTE_LA(vm_l0, 4, vm_page_c, LEAF_SRW)
  sfence.vma
  TEST_ACCESS(35, PRV_S, MARK_C, VA(TP(4)), ld a0, 0(a1))
  /* permission upgrade: read-only -> read-write */
  TEST_ACCESS(36, PRV_S, 0x4d, VA(TP(4)), PTE4_SET(vm_page_c, PTE_V | PTE_R | PTE_A); \
              sfence.vma a1; ld a0, 0(a1); PTE4_SET(vm_page_c, LEAF_SRW); sfence.vma a1; \
              li a0, 0x4d; sd a0, 24(a1); ld a0, 24(a1))

  /* ---- MPRV: M's data accesses as MPP ---- */
  /* MPP = S */
#define MPRV_AS(prv) li t0, MSTATUS_MPP; csrc mstatus, t0; li t0, ((prv) << 11) | MSTATUS_MPRV; \
    csrs mstatus, t0
#define MPRV_OFF     li t0, MSTATUS_MPRV; csrc mstatus, t0
  TEST_CASE(37, a0, MARK_A, li a1, TP(7); MPRV_AS(PRV_S); ld a0, 0(a1); MPRV_OFF)
  TEST_CASE(38, a0, 0x5e, li a1, TP(7); li a2, 0x5e; MPRV_AS(PRV_S); sd a2, 32(a1); MPRV_OFF; \
            la t0, vm_page_a; ld a0, 32(t0))
  /* a fault under MPRV is a page fault taken in M, tval = the VA; MPRV stays set */
  li TESTNUM, 39
  li a1, TP(8)                         /* a U page */
  CATCH_M(1f)
  MPRV_AS(PRV_S)
2:ld a0, 0(a1)
  j test_fail
  .balign 4
1:csrr s8, mstatus
  MPRV_OFF
  TEST_CASE(39, a0, CAUSE_LOAD_PAGE_FAULT, csrr a0, mcause)
  TEST_CASE(40, a0, TP(8), csrr a0, mtval)
  li TESTNUM, 41
  csrr a0, mepc
  la a2, 2b
  TEST_FAIL_IF_NE(a0, a2)
  TEST_CASE(42, a0, 1, srli a0, s8, 17; andi a0, a0, 1)
  TEST_CASE(43, a0, PRV_M, srli a0, s8, 11; andi a0, a0, 3)
  /* SUM applies to MPRV accesses as S */
  TEST_CASE(44, a0, MARK_B, li a1, TP(8); li t0, MSTATUS_SUM; csrs mstatus, t0; MPRV_AS(PRV_S); \
            ld a0, 0(a1); MPRV_OFF; li t0, MSTATUS_SUM; csrc mstatus, t0)
  /* MPP = U: U pages yes, S pages no */
  TEST_CASE(45, a0, MARK_B, li a1, TP(8); MPRV_AS(PRV_U); ld a0, 0(a1); MPRV_OFF)
  li TESTNUM, 46
  li a1, TP(7) + 8
  CATCH_M(1f)
  MPRV_AS(PRV_U)
  sd a0, 0(a1)
  j test_fail
  .balign 4
1:MPRV_OFF
  TEST_CASE(46, a0, CAUSE_STORE_PAGE_FAULT, csrr a0, mcause)
  TEST_CASE(47, a0, TP(7) + 8, csrr a0, mtval)
  /* MXR applies too: an execute-only page read through MPRV */
  TEST_CASE(48, a0, MARK_X, li a1, TP(2); li t0, MSTATUS_MXR; csrs mstatus, t0; MPRV_AS(PRV_S); \
            lw a0, 0(a1); MPRV_OFF; li t0, MSTATUS_MXR; csrc mstatus, t0)
  /* fetches are not translated: with the image's gigapage removed, M still runs and its
   * MPRV load through TP(7) still works */
  la t0, vm_root
  sd zero, 2 * 8(t0)
  sd zero, 0(t0)
  sfence.vma
  TEST_CASE(49, a0, MARK_A, li a1, TP(7); MPRV_AS(PRV_S); ld a0, 0(a1); MPRV_OFF)
  /* MPRV with MPP = M: no translation (page_a's address is no longer mapped for S) */
  TEST_CASE(50, a0, MARK_A, la a1, vm_page_a; MPRV_AS(PRV_M); ld a0, 0(a1); MPRV_OFF)

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
vm_page_c:
  .dword MARK_C
  .skip 4096 - 8

  .bss
  .balign 4096
vm_root: .skip 4096
vm_l1:   .skip 4096
vm_l0:   .skip 4096
