/* Privileged behaviour seen from an S-mode body running under the harness's Sv39 tables
 * (privileged spec v1.12, chapter 4): which handler takes what (delegated exceptions go to the
 * S handler, ecall from S to M), page faults in S and U with tval, U-mode visits through sret
 * (U runs only on a page whose PTE has U set; S cannot execute it; U cannot touch S pages),
 * SUM, satp writes from S (Bare and back, an unsupported MODE ignored), sie with nothing
 * delegated, and the S CSRs.
 *
 * One 4 KiB page of code, u_page, gets the U bit in the harness's leaf table (and loses it again
 * at the end). A U visit: TR_RESUME = the way back, sepc = the U entry, SPP = U, sret; the U
 * code's first trap returns to S at TR_RESUME (harness.S).
 */
#include "test.h"

TEST_ONLY_S

#define MSTATUS_SPP_BIT 8
/* Visit U at entry; the first trap there resumes S at back (write back: right after this). */
#define VISIT_U(entry, back) \
  TRAP_EXPECT_BEGIN; la t0, back; sd t0, TR_RESUME(tp); la t0, entry; csrw sepc, t0; \
  li t0, MSTATUS_SPP; csrc sstatus, t0; sret
/* t1 = address of the harness PTE that maps the page at label */
#define PTE_ADDR_OF(label) \
  la t0, label; li t1, 0x80000000; sub t0, t0, t1; srli t0, t0, 12; slli t0, t0, 3; \
  la t1, isa_pt_l0_ram; add t1, t1, t0

TEST_BEGIN
  TEST_CASE(1, a0, 8, csrr a0, satp; srli a0, a0, 60)

  /* ---- who takes what ---- */
  TEST_TRAP(2, CAUSE_ILLEGAL_INSN, 0x30002573, csrr a0, mstatus)
  TEST_CASE(3, a0, PRV_S, ld a0, TR_MODE(tp))
  TEST_CASE(4, a0, PRV_S, ld a0, TR_PREV(tp))
  TEST_TRAP(5, CAUSE_ILLEGAL_INSN, 0xf1402573, csrr a0, mhartid)
  TEST_TRAP(6, CAUSE_SUPERVISOR_ECALL, 0, ecall)
  TEST_CASE(7, a0, PRV_M, ld a0, TR_MODE(tp))
  TEST_CASE(8, a0, PRV_S, ld a0, TR_PREV(tp))

  /* ---- page faults in S: tval = the virtual address ---- */
  TEST_TRAP(9, CAUSE_LOAD_PAGE_FAULT, 0x40000010, li a1, 0x40000010; ld a0, 0(a1))
  TEST_TRAP(10, CAUSE_STORE_PAGE_FAULT, 0x40000022, li a1, 0x40000022; sh a0, 0(a1))
  TEST_TRAP(11, CAUSE_LOAD_PAGE_FAULT, 0x0000008000000000, li a1, 0x0000008000000000; lw a0, 0(a1))
  TEST_TRAP_FETCH(12, CAUSE_FETCH_PAGE_FAULT, 0x40001000)

  /* ---- U without a U page: the very first fetch faults ---- */
  li TESTNUM, 13
  VISIT_U(s_only_code, 1f)
1:TRAP_EXPECT_END
  TRAP_CHECK(TR_CAUSE, CAUSE_FETCH_PAGE_FAULT)
  TRAP_CHECK_ADDR(TR_TVAL, s_only_code)
  TRAP_CHECK_ADDR(TR_EPC, s_only_code)
  TRAP_CHECK(TR_PREV, PRV_U)

  /* ---- give u_page the U bit ---- */
  PTE_ADDR_OF(u_page)
  ld t0, 0(t1)
  ori t0, t0, PTE_U
  sd t0, 0(t1)
  sfence.vma

  /* U runs there: its ecall is delegated to the S handler */
  li TESTNUM, 14
  li a0, 0
  VISIT_U(u_ecall, 1f)
1:TRAP_EXPECT_END
  TRAP_CHECK(TR_COUNT, 1)
  TRAP_CHECK(TR_CAUSE, CAUSE_USER_ECALL)
  TRAP_CHECK(TR_MODE, PRV_S)
  TRAP_CHECK(TR_PREV, PRV_U)
  TRAP_CHECK_ADDR(TR_EPC, u_ecall + 4)
  TEST_CASE(15, a0, 0x99, )
  /* U loading from an S page */
  li TESTNUM, 16
  la a1, s_data
  VISIT_U(u_load, 1f)
1:TRAP_EXPECT_END
  TRAP_CHECK(TR_CAUSE, CAUSE_LOAD_PAGE_FAULT)
  TRAP_CHECK_ADDR(TR_TVAL, s_data)
  /* U storing to its own page is fine (U RWX), to an S page not */
  li TESTNUM, 17
  la a1, u_page_data
  VISIT_U(u_store, 1f)
1:TRAP_EXPECT_END
  TRAP_CHECK(TR_CAUSE, CAUSE_USER_ECALL)
  TEST_CASE(18, a0, 0x7e57, la t0, u_page_data; li t1, MSTATUS_SUM; csrs sstatus, t1; \
            ld a0, 0(t0); csrc sstatus, t1)
  li TESTNUM, 19
  la a1, s_data
  VISIT_U(u_store, 1f)
1:TRAP_EXPECT_END
  TRAP_CHECK(TR_CAUSE, CAUSE_STORE_PAGE_FAULT)
  TRAP_CHECK_ADDR(TR_TVAL, s_data)
  /* S CSRs from U */
  li TESTNUM, 20
  VISIT_U(u_csr, 1f)
1:TRAP_EXPECT_END
  TRAP_CHECK(TR_CAUSE, CAUSE_ILLEGAL_INSN)
  TRAP_CHECK(TR_TVAL, 0x10002573)
  /* counters from U (the harness enables them all) */
  li TESTNUM, 21
  VISIT_U(u_counters, 1f)
1:TRAP_EXPECT_END
  TRAP_CHECK(TR_CAUSE, CAUSE_USER_ECALL)

  /* ---- S and the U page: no execution, data only with SUM ---- */
  li TESTNUM, 22
  TRAP_EXPECT_BEGIN
  la t0, u_ecall
  jalr ra, t0
  TRAP_EXPECT_END
  TRAP_CHECK(TR_CAUSE, CAUSE_FETCH_PAGE_FAULT)
  TRAP_CHECK_ADDR(TR_TVAL, u_ecall)
  TEST_TRAP_ADDR(23, CAUSE_LOAD_PAGE_FAULT, u_page_data, la a1, u_page_data; ld a0, 0(a1))
  TEST_CASE(24, a0, 0x7e57, la a1, u_page_data; li t0, MSTATUS_SUM; csrs sstatus, t0; \
            ld a0, 0(a1); csrc sstatus, t0)
  li TESTNUM, 25
  li t0, MSTATUS_SUM
  csrs sstatus, t0
  TRAP_EXPECT_BEGIN
  la t0, u_ecall
  jalr ra, t0
  TRAP_EXPECT_END
  li t0, MSTATUS_SUM
  csrc sstatus, t0
  TRAP_CHECK(TR_CAUSE, CAUSE_FETCH_PAGE_FAULT)

  /* take the U bit away again */
  PTE_ADDR_OF(u_page)
  ld t0, 0(t1)
  andi t0, t0, ~PTE_U
  sd t0, 0(t1)
  sfence.vma

  /* ---- satp from S ---- */
  csrr s8, satp
  TEST_CASE(26, a0, 0, li t0, (1 << 60) | 0x55; csrw satp, t0; csrr a0, satp; sub a0, a0, s8)
  TEST_CASE(27, a0, 0, li t0, (11 << 60); csrw satp, t0; csrr a0, satp; sub a0, a0, s8)
  /* Bare: S sees physical memory directly (the image is identity-mapped, so it runs on),
   * and the alias at ISA_ALIAS_OFFSET is gone */
  csrw satp, zero
  sfence.vma
  TEST_CASE(28, a0, 0, csrr a0, satp)
  TEST_CASE(29, a0, 0x5d5d, la t0, s_data; ld a0, 0(t0))
  csrw satp, s8
  sfence.vma
  TEST_CASE(30, a0, 0x5d5d, la t0, s_data; li t1, ISA_ALIAS_OFFSET; add t0, t0, t1; ld a0, 0(t0))

  /* ---- S CSRs ---- */
  /* nothing is delegated in mideleg: sie and sip show no bit */
  TEST_CASE(31, a0, 0, li t0, -1; csrs sie, t0; csrr a0, sie)
  TEST_CASE(32, a0, 0, csrr a0, sip)
  TEST_CASE(33, a0, 0x123, li t0, 0x123; csrw scause, t0; csrr a0, scause)
  TEST_CASE(34, a0, 0x456, li t0, 0x456; csrw stval, t0; csrr a0, stval)
  TEST_CASE(35, a0, 0x80001232, li t0, 0x80001232; csrw sepc, t0; csrr a0, sepc)
  TEST_CASE(36, a0, 0xabcdef, li t0, 0xabcdef; csrw sscratch, t0; csrr a0, sscratch)
  /* sstatus shows no M field (MPP of this hart is S, MPIE...) */
  TEST_CASE(37, a0, 0, csrr a0, sstatus; li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV; \
            and a0, a0, t0)
  TEST_CASE(38, a0, 1, li t0, MSTATUS_SUM; csrs sstatus, t0; csrr a0, sstatus; srli a0, a0, 18; \
            andi a0, a0, 1; csrc sstatus, t0)
TEST_END

  .text
  .balign 4
s_only_code:
  ecall

  .balign 4096
u_page:
u_ecall:
  .option push
  .option norvc
  li a0, 0x99
  ecall
u_load:
  ld a0, 0(a1)
  ecall
u_store:
  li a0, 0x7e57
  sd a0, 0(a1)
  ecall
u_csr:
  csrr a0, sstatus
  ecall
u_counters:
  csrr a0, cycle
  csrr a0, time
  csrr a0, instret
  ecall
  .option pop
  .balign 8
u_page_data:
  .dword 0
  .balign 4096

  .data
  .balign 8
s_data:
  .dword 0x5d5d
