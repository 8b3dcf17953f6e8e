/* Privileged-spec (v1.12) rules on which QEMU 7.2 deviates from the specification. Every check
 * here follows the spec and FAILS on qemu-system-riscv64 7.2 (each one was confirmed to fail
 * there on its own, with -DCORNER_ONLY=n); list this test in ISA_QEMU_KNOWN_BAD.
 *
 *  1-3   xRET to a mode below M clears MPRV (3.1.6.3; QEMU 7.2 leaves it set)
 *  4     medeleg[11] (ecall from M) is read-only zero (3.1.8; QEMU lets it be set)
 *  5     MPP is WARL over the supported modes: writing 2 does not read back 2 (3.1.6.2)
 *  6-7   mepc[0] and sepc[0] always read zero (3.1.14, 4.1.7)
 *  8-10  csrrs/csrrc whose rs1 is not x0 write the CSR even when the value is 0: on a read-only
 *        CSR that is an illegal instruction (Zicsr; 2.1)
 *  11-15 interrupt priority MSI > MTI > SEI > SSI > STI (3.1.9; QEMU takes the lowest number)
 *  16-17 an AMO that faults raises the store/AMO exception: page fault 15, access fault 7
 *        (3.7.1, 4.3.2; QEMU reports the load exception)
 *  18    a PMP cfg with R = 0, W = 1 (reserved) does not read back as such (3.7.1)
 *  19    pmpaddr bits 63:54 read zero in RV64 (3.7.1)
 *  20    with all 16 PMP entries OFF, an S-mode access matches no entry and fails (3.7.1): the
 *        first fetch in S is an access fault (QEMU instead makes the mret itself illegal, and
 *        would otherwise grant S everything when no entry is active)
 *  21-23 ecall, ebreak and an illegal instruction do not retire: minstret does not count them
 *        (3.1.11, 3.3.1) -- needs exact counting (QEMU: -icount)
 *  24    mcountinhibit.IR freezes minstret at its current value (3.1.12)
 *  25    a value written to minstret is what the next instruction reads (Zicsr)
 *  26    mcountinhibit bit 1 (TM) is read-only zero (3.1.12)
 *
 * The body runs in M and visits S with CATCH_M / MRET_TO (mtvec at a body label; s11 = the
 * harness's mtvec).
 */
#include "test.h"

TEST_ONLY_M

#define GET_FIELD(reg, csr, shift, mask) csrr reg, csr; srli reg, reg, shift; andi reg, reg, mask
/* Check of case n: reg must hold expected. With -DCORNER_ONLY=k only case k is checked (the
 * code of the others still runs), to see each case fail on its own on a deviating emulator. */
#ifdef CORNER_ONLY
#define CORNER_CHECK(n, reg, expected) \
  .if (n) == CORNER_ONLY; li TESTNUM, n; li t6, expected; TEST_FAIL_IF_NE(reg, t6); .endif
#else
#define CORNER_CHECK(n, reg, expected) li TESTNUM, n; li t6, expected; TEST_FAIL_IF_NE(reg, t6)
#endif
/* a0 = mcause of the first trap of insn (with a1 as its operand), run in prv */
#define CAUSE_OF(prv, insn...) \
  CATCH_M(9801f); MRET_TO(prv, 9802f); 9802: insn; ecall; .balign 4; 9801: csrr a0, mcause

#define CLINT_MSIP     0x2000000
#define CLINT_MTIMECMP 0x2004000
#define IRQ            (1 << 63)
#define MIP_SSIP       (1 << 1)
#define MIP_STIP       (1 << 5)
#define MIP_SEIP       (1 << 9)
#define MIP_MSIP       (1 << 3)
#define MIP_MTIP       (1 << 7)
#define PMP_NAPOT_RWX  0x1f
#define SATP_SV39      (8 << 60)
#define LEAF_SRWX      (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)

#include "priv.h"

TEST_BEGIN
  csrr s11, mtvec
  csrw mie, zero
  csrw mideleg, zero
  csrw medeleg, zero

  /* ---- 1-3: MPRV cleared by mret to S, mret to U, sret to U ---- */
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  CATCH_M(1f)
  MRET_TO(PRV_S, 2f)
2:ecall
  .balign 4
1:GET_FIELD(a0, mstatus, 17, 1)
  CORNER_CHECK(1, a0, 0)
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  CATCH_M(1f)
  MRET_TO(PRV_U, 2f)
2:ecall
  .balign 4
1:GET_FIELD(a0, mstatus, 17, 1)
  CORNER_CHECK(2, a0, 0)
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  li t0, MSTATUS_SPP
  csrc mstatus, t0
  la t0, 2f
  csrw sepc, t0
  CATCH_M(1f)
  sret
2:ecall
  .balign 4
1:GET_FIELD(a0, mstatus, 17, 1)
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  CORNER_CHECK(3, a0, 0)

  /* ---- 4: medeleg[11] ---- */
  li t0, -1
  csrw medeleg, t0
  GET_FIELD(a0, medeleg, CAUSE_MACHINE_ECALL, 1)
  csrw medeleg, zero
  CORNER_CHECK(4, a0, 0)

  /* ---- 5: MPP = 2 is not a supported mode ---- */
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, 2 << 11
  csrs mstatus, t0
  GET_FIELD(a0, mstatus, 11, 3)
  addi a0, a0, -2
  seqz a0, a0
  li t0, MSTATUS_MPP
  csrs mstatus, t0
  CORNER_CHECK(5, a0, 0)

  /* ---- 6-7: xepc[0] ---- */
  li t0, 0x80000003
  csrw mepc, t0
  csrr a0, mepc
  CORNER_CHECK(6, a0, 0x80000002)
  li t0, 0x80000007
  csrw sepc, t0
  csrr a0, sepc
  CORNER_CHECK(7, a0, 0x80000006)

  /* ---- 8-10: a zero register operand still writes ---- */
  li a1, 0
  CAUSE_OF(PRV_M, csrrs a0, mhartid, a1)
  CORNER_CHECK(8, a0, CAUSE_ILLEGAL_INSN)
  li a1, 0
  CAUSE_OF(PRV_M, csrrc a0, cycle, a1)
  CORNER_CHECK(9, a0, CAUSE_ILLEGAL_INSN)
  li a1, 0
  CAUSE_OF(PRV_S, csrrs a0, time, a1)
  CORNER_CHECK(10, a0, CAUSE_ILLEGAL_INSN)
  csrw mtvec, s11

  /* ---- 11-15: all five pending at once, taken in priority order ---- */
  la t0, irq_m_log
  csrw mtvec, t0
  la s6, irq_log
  li t0, MIP_SSIP | MIP_STIP | MIP_SEIP | MIP_MSIP | MIP_MTIP
  csrw mie, t0
  li t0, MIP_SSIP | MIP_STIP | MIP_SEIP
  csrw mip, t0
  li t0, CLINT_MSIP
  li t1, 1
  sw t1, 0(t0)
  li t0, CLINT_MTIMECMP
  sd zero, 0(t0)
  fence
  csrsi mstatus, MSTATUS_MIE
  nop
  csrci mstatus, MSTATUS_MIE
  li t0, CLINT_MSIP
  sw zero, 0(t0)
  li t0, CLINT_MTIMECMP
  li t1, -1
  sd t1, 0(t0)
  fence
  csrw mip, zero
  csrw mie, zero
  csrw mtvec, s11
  la t0, irq_log
  ld a0, 0(t0)
  CORNER_CHECK(11, a0, IRQ | 3)
  ld a0, 8(t0)
  CORNER_CHECK(12, a0, IRQ | 7)
  ld a0, 16(t0)
  CORNER_CHECK(13, a0, IRQ | 9)
  ld a0, 24(t0)
  CORNER_CHECK(14, a0, IRQ | 1)
  ld a0, 32(t0)
  CORNER_CHECK(15, a0, IRQ | 5)

  /* ---- 16: AMO on an unmapped page (Sv39: only the image's gigapage is mapped) ---- */
  la t0, pt_root
  li t1, (0x80000000 >> 2) | LEAF_SRWX
  sd t1, 2 * 8(t0)
  srli t0, t0, 12
  li t1, SATP_SV39
  or t0, t0, t1
  csrw satp, t0
  sfence.vma
  li a1, 0x40000000
  CAUSE_OF(PRV_S, amoadd.w a0, a0, (a1))
  csrw satp, zero
  sfence.vma
  CORNER_CHECK(16, a0, CAUSE_STORE_PAGE_FAULT)
  /* ---- 17: AMO outside every PMP entry (entry 0 narrowed to the image) ---- */
  li t0, (0x80000000 >> 2) | ((0x200000 >> 3) - 1)
  csrw pmpaddr0, t0
  sfence.vma
  li a1, 0x80400000
  CAUSE_OF(PRV_S, amoor.w a0, a0, (a1))
  li t0, -1
  csrw pmpaddr0, t0
  sfence.vma
  CORNER_CHECK(17, a0, CAUSE_STORE_ACCESS)

  /* ---- 18: reserved PMP permission R = 0, W = 1 (entry 5, NAPOT) ---- */
  li t0, 0x1a << 40
  csrs pmpcfg0, t0
  csrr a0, pmpcfg0
  srli a0, a0, 40
  andi a0, a0, 3
  addi a0, a0, -2
  seqz a0, a0
  li t0, 0xff << 40
  csrc pmpcfg0, t0
  CORNER_CHECK(18, a0, 0)
  /* ---- 19: pmpaddr holds address bits 55:2 only ---- */
  li t0, -1
  csrw pmpaddr5, t0
  csrr a0, pmpaddr5
  srli a0, a0, 54
  csrw pmpaddr5, zero
  CORNER_CHECK(19, a0, 0)
  /* ---- 20: every entry OFF: S cannot even fetch its first instruction ---- */
  csrw pmpcfg0, zero
  csrw pmpcfg2, zero
  sfence.vma
  CAUSE_OF(PRV_S, nop)
  li t0, PMP_NAPOT_RWX
  csrw pmpcfg0, t0
  sfence.vma
  CORNER_CHECK(20, a0, CAUSE_FETCH_ACCESS)

  /* ---- 21-23: trapping instructions do not retire ---- */
  csrw mcountinhibit, zero
  CATCH_M(1f)
  csrr a1, minstret
  ecall
  .balign 4
1:csrr a0, minstret
  sub a0, a0, a1
  CORNER_CHECK(21, a0, 1)
  CATCH_M(1f)
  csrr a1, minstret
  .word 0x00100073                     /* ebreak */
  .balign 4
1:csrr a0, minstret
  sub a0, a0, a1
  CORNER_CHECK(22, a0, 1)
  CATCH_M(1f)
  csrr a1, minstret
  .word 0x0000005b                     /* illegal */
  .balign 4
1:csrr a0, minstret
  sub a0, a0, a1
  CORNER_CHECK(23, a0, 1)
  csrw mtvec, s11

  /* ---- 24: IR inhibit freezes the current count (no write needed) ---- */
  csrwi mcountinhibit, 4
  csrr a1, minstret
  li t0, 50
1:addi t0, t0, -1
  bnez t0, 1b
  csrr a0, minstret
  csrwi mcountinhibit, 0
  sub a0, a0, a1
  CORNER_CHECK(24, a0, 0)
  /* ---- 25: write, then read at once ---- */
  li t0, 0x123456789
  csrw minstret, t0
  csrr a0, minstret
  CORNER_CHECK(25, a0, 0x123456789)
  /* ---- 26: mcountinhibit.TM ---- */
  li t0, 2
  csrs mcountinhibit, t0
  GET_FIELD(a0, mcountinhibit, 1, 1)
  csrw mcountinhibit, zero
  CORNER_CHECK(26, a0, 0)
TEST_END

/* Interrupt log handler: the cause goes to s6 (8 bytes per interrupt), the interrupt's enable
 * is cleared; clobbers t3 and t4. */
  .text
  .balign 4
irq_m_log:
  csrr t3, mcause
  sd t3, 0(s6)
  addi s6, s6, 8
  bgez t3, 1f
  li t4, 1
  sll t4, t4, t3
  csrc mie, t4
  mret
1:j test_fail

  .bss
  .balign 4096
pt_root: .skip 4096
irq_log: .skip 8 * 8
