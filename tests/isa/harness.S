/* ISA test harness: linked into every tests/isa/NAME.{m,s}.elf.
 *
 * Entry in M-mode at 0x80000000. It clears .bss, installs the trap handlers, points tp at the trap
 * record and then either
 *   TEST_MODE_M: jumps to test_main in M-mode, or
 *   TEST_MODE_S: builds Sv39 page tables (4 KiB leaves through all three levels), delegates the
 *                synchronous exceptions other than ecall-from-S to S-mode and mrets to test_main
 *                in S-mode.
 * test_main ends by jumping to test_pass or test_fail (gp = case number). Both write to the UART
 * and the finisher directly; in S-mode those pages are identity-mapped.
 */
#include "test.h"

#ifndef ISA_TEST_NAME
#define ISA_TEST_NAME "unnamed"
#endif

#define UART_BASE     0x10000000
#define UART_LSR      5
#define UART_LSR_THRE 0x20
#define FINISHER_BASE 0x100000
#define FINISHER_PASS 0x5555
#define FINISHER_FAIL 0x3333
#define UART_POLLS    100000      /* bounded: a missing UART must not hang the harness */

#define RAM_BASE      0x80000000
#define PTE_LEAF_RAM  (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
#define PTE_LEAF_IO   (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define SATP_SV39     (8 << 60)

/* Exceptions delegated to S in the S variant: all synchronous ones except ecall from S/M, so a
 * body can still reach M with ecall. */
#define DELEGATED_EXCEPTIONS ((1 << CAUSE_MISALIGNED_FETCH) | (1 << CAUSE_FETCH_ACCESS) | \
  (1 << CAUSE_ILLEGAL_INSN) | (1 << CAUSE_BREAKPOINT) | (1 << CAUSE_MISALIGNED_LOAD) | \
  (1 << CAUSE_LOAD_ACCESS) | (1 << CAUSE_MISALIGNED_STORE) | (1 << CAUSE_STORE_ACCESS) | \
  (1 << CAUSE_USER_ECALL) | (1 << CAUSE_FETCH_PAGE_FAULT) | (1 << CAUSE_LOAD_PAGE_FAULT) | \
  (1 << CAUSE_STORE_PAGE_FAULT))

/* Save area offsets after the trap record: one for each handler. */
#define SAVE_M  TR_SIZE
#define SAVE_S  (TR_SIZE + 32)

  .section .text.init, "ax"
  .globl _start
_start:
  csrr t0, mhartid
  bnez t0, park
  lla t0, m_trap
  csrw mtvec, t0
  lla sp, isa_stack_top
  lla tp, isa_trap_record
  lla t0, __bss_start
  lla t1, __bss_end
1:bgeu t0, t1, 2f
  sd zero, 0(t0)
  addi t0, t0, 8
  j 1b
2:li t0, MSTATUS_FS            /* FS = dirty so floating-point tests run in either mode */
  csrs mstatus, t0
  csrw fcsr, zero
  call setup_optional_csrs
#ifdef TEST_MODE_S
  call setup_sv39
  li t0, DELEGATED_EXCEPTIONS
  csrw medeleg, t0
  csrw mideleg, zero
  lla t0, s_trap
  csrw stvec, t0
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, (PRV_S << 11)
  csrs mstatus, t0
  lla t0, test_main
  csrw mepc, t0
  call clear_registers
  mret
#else
  csrw medeleg, zero           /* every trap of the M body goes to m_trap */
  csrw mideleg, zero
  call clear_registers
  j test_main
#endif

park:
  wfi
  j park

  .text
/* Give every register but sp, tp and ra a known value so tests start from the same state. */
clear_registers:
  li x3, 0
  li x5, 0
  li x6, 0
  li x7, 0
  li x8, 0
  li x9, 0
  li x10, 0
  li x11, 0
  li x12, 0
  li x13, 0
  li x14, 0
  li x15, 0
  li x16, 0
  li x17, 0
  li x18, 0
  li x19, 0
  li x20, 0
  li x21, 0
  li x22, 0
  li x23, 0
  li x24, 0
  li x25, 0
  li x26, 0
  li x27, 0
  li x28, 0
  li x29, 0
  li x30, 0
  li x31, 0
  ret

/* PMP (so S-mode may access memory at all) and the counter enables. These CSRs may be absent on
 * an implementation without PMP, so a trap while writing them is skipped via a temporary mtvec. */
setup_optional_csrs:
  csrr t2, mtvec
  lla t0, 1f
  csrw mtvec, t0
  li t0, -1
  csrw pmpaddr0, t0
  li t0, 0x1f                  /* NAPOT, R/W/X: all of memory */
  csrw pmpcfg0, t0
  .balign 4
1:lla t0, 2f
  csrw mtvec, t0
  li t0, 7
  csrw mcounteren, t0
  csrw scounteren, t0
  .balign 4
2:csrw mtvec, t2
  ret

#ifdef TEST_MODE_S
/* pte = (pa >> 12) << 10 | flags; pa is page aligned so (pa >> 2) | flags does it. */
setup_sv39:
  lla t0, isa_pt_root
  lla t1, isa_pt_l1_ram
  lla t2, isa_pt_l0_ram
  srli t3, t1, 2
  ori t3, t3, PTE_V
  sd t3, 16(t0)                /* VA 0x80000000: identity */
  sd t3, 24(t0)                /* VA 0xc0000000: alias (ISA_ALIAS_OFFSET) */
  srli t3, t2, 2
  ori t3, t3, PTE_V
  sd t3, 0(t1)
  li t3, (RAM_BASE >> 2) | PTE_LEAF_RAM
  li t4, 512
  li t5, (4096 >> 2)
1:sd t3, 0(t2)
  add t3, t3, t5
  addi t2, t2, 8
  addi t4, t4, -1
  bnez t4, 1b
  /* I/O: finisher page and UART page, both under VPN2 = 0. */
  lla t1, isa_pt_l1_io
  srli t3, t1, 2
  ori t3, t3, PTE_V
  sd t3, 0(t0)
  lla t2, isa_pt_l0_fin
  srli t3, t2, 2
  ori t3, t3, PTE_V
  sd t3, ((FINISHER_BASE >> 21) & 511) * 8(t1)
  li t3, (FINISHER_BASE >> 2) | PTE_LEAF_IO
  li t4, ((FINISHER_BASE >> 12) & 511) * 8
  add t4, t4, t2
  sd t3, 0(t4)
  lla t2, isa_pt_l0_uart
  srli t3, t2, 2
  ori t3, t3, PTE_V
  sd t3, ((UART_BASE >> 21) & 511) * 8(t1)
  li t3, (UART_BASE >> 2) | PTE_LEAF_IO
  sd t3, ((UART_BASE >> 12) & 511) * 8(t2)
  srli t0, t0, 12
  li t1, SATP_SV39
  or t0, t0, t1
  sfence.vma
  csrw satp, t0
  sfence.vma
  csrr t1, satp                /* satp is WARL: without Sv39 the S variant must not "pass" */
  bne t0, t1, 2f
  ret
2:sd t1, TR_GOT(tp)
  sd t0, TR_WANT(tp)
  li gp, 0
  j test_fail_ne
#endif

/* ---- trap handlers ----
 * Both record cause/epc/tval in the trap record at tp. Exceptions resume at TR_RESUME if set,
 * at ra for instruction-fetch faults (the target cannot be read), otherwise after the trapping
 * instruction (2 or 4 bytes, read from memory with the trapped privilege's view of it).
 * Interrupts disable their enable bit in xie and resume the interrupted instruction.
 * A trap while TR_EXPECT is zero fails the test. */
  .balign 4
m_trap:
  sd t0, SAVE_M + 0(tp)
  sd t1, SAVE_M + 8(tp)
  sd t2, SAVE_M + 16(tp)
  csrr t0, mcause
  csrr t1, mepc
  csrr t2, mtval
  sd t0, TR_CAUSE(tp)
  sd t1, TR_EPC(tp)
  sd t2, TR_TVAL(tp)
  li t2, PRV_M
  sd t2, TR_MODE(tp)
  csrr t2, mstatus
  srli t2, t2, 11
  andi t2, t2, 3
  sd t2, TR_PREV(tp)
  ld t2, TR_COUNT(tp)
  addi t2, t2, 1
  sd t2, TR_COUNT(tp)
  ld t2, TR_EXPECT(tp)
  beqz t2, trap_unexpected
  bltz t0, m_interrupt
  ld t2, TR_RESUME(tp)
  bnez t2, m_resume
  mv t2, ra
  beqz t0, m_set_epc            /* misaligned fetch */
  li t1, CAUSE_FETCH_ACCESS
  beq t0, t1, m_set_epc
  li t1, CAUSE_FETCH_PAGE_FAULT
  beq t0, t1, m_set_epc
  csrr t1, mepc
  li t2, MSTATUS_MPRV | MSTATUS_MXR
  csrs mstatus, t2
  lhu t0, 0(t1)
  csrc mstatus, t2
  andi t0, t0, 3
  addi t2, t1, 2
  li t1, 3
  bne t0, t1, m_set_epc
  addi t2, t2, 2
m_set_epc:
  csrw mepc, t2
m_return:
  ld t0, SAVE_M + 0(tp)
  ld t1, SAVE_M + 8(tp)
  ld t2, SAVE_M + 16(tp)
  mret
m_resume:
  csrw mepc, t2
  sd zero, TR_RESUME(tp)
  li t2, MSTATUS_MPP
  csrc mstatus, t2
  li t2, (TEST_BODY_PRV << 11)
  csrs mstatus, t2
  j m_return
m_interrupt:
  li t2, 1
  sll t2, t2, t0               /* sll uses the low 6 bits: the interrupt number */
  csrc mie, t2
  j m_return

  .balign 4
s_trap:
  sd t0, SAVE_S + 0(tp)
  sd t1, SAVE_S + 8(tp)
  sd t2, SAVE_S + 16(tp)
  csrr t0, scause
  csrr t1, sepc
  csrr t2, stval
  sd t0, TR_CAUSE(tp)
  sd t1, TR_EPC(tp)
  sd t2, TR_TVAL(tp)
  li t2, PRV_S
  sd t2, TR_MODE(tp)
  csrr t2, sstatus
  srli t2, t2, 8
  andi t2, t2, 1
  sd t2, TR_PREV(tp)
  ld t2, TR_COUNT(tp)
  addi t2, t2, 1
  sd t2, TR_COUNT(tp)
  ld t2, TR_EXPECT(tp)
  beqz t2, trap_unexpected
  bltz t0, s_interrupt
  ld t2, TR_RESUME(tp)
  bnez t2, s_resume
  mv t2, ra
  beqz t0, s_set_epc
  li t1, CAUSE_FETCH_ACCESS
  beq t0, t1, s_set_epc
  li t1, CAUSE_FETCH_PAGE_FAULT
  beq t0, t1, s_set_epc
  csrr t1, sepc
  li t2, MSTATUS_SUM | MSTATUS_MXR    /* the instruction may sit on a U or execute-only page */
  csrs sstatus, t2
  lhu t0, 0(t1)
  csrc sstatus, t2
  andi t0, t0, 3
  addi t2, t1, 2
  li t1, 3
  bne t0, t1, s_set_epc
  addi t2, t2, 2
s_set_epc:
  csrw sepc, t2
s_return:
  ld t0, SAVE_S + 0(tp)
  ld t1, SAVE_S + 8(tp)
  ld t2, SAVE_S + 16(tp)
  sret
s_resume:
  csrw sepc, t2
  sd zero, TR_RESUME(tp)
  li t2, MSTATUS_SPP
  csrs sstatus, t2
  j s_return
s_interrupt:
  li t2, 1
  sll t2, t2, t0
  csrc sie, t2
  j s_return

/* ---- reporting (no stack, no M extension: usable whatever state the test left) ---- */
  .globl test_pass
test_pass:
  lla a0, msg_pass
  jal s1, put_str
  lla a0, test_name
  jal s1, put_str
  li a0, '\n'
  jal s1, put_char
  li t0, FINISHER_BASE
  li t1, FINISHER_PASS
  sw t1, 0(t0)
  j park_forever

  .globl test_fail
test_fail:
  jal s2, fail_header
  li a0, '\n'
  jal s1, put_char
  j fail_exit

/* A TEST_FAIL_IF_NE mismatch: print both values. */
  .globl test_fail_ne
test_fail_ne:
  jal s2, fail_header
  lla a0, msg_got
  jal s1, put_str
  ld a0, TR_GOT(tp)
  jal s2, put_hex
  lla a0, msg_want
  jal s1, put_str
  ld a0, TR_WANT(tp)
  jal s2, put_hex
  li a0, '\n'
  jal s1, put_char
  j fail_exit

/* A trap while none was expected: say what it was, then fail the current case. */
trap_unexpected:
  ld s4, TR_CAUSE(tp)
  ld s5, TR_EPC(tp)
  ld s7, TR_TVAL(tp)
  jal s2, fail_header
  lla a0, msg_trap_cause
  jal s1, put_str
  mv a0, s4
  jal s2, put_hex
  lla a0, msg_trap_epc
  jal s1, put_str
  mv a0, s5
  jal s2, put_hex
  lla a0, msg_trap_tval
  jal s1, put_str
  mv a0, s7
  jal s2, put_hex
  li a0, '\n'
  jal s1, put_char
  j fail_exit

fail_exit:
  li t0, 0xffff
  and t1, gp, t0
  bnez t1, 1f
  li t1, 0xffff                /* case 0 would read as exit code 0: report 65535 instead */
1:slli t1, t1, 16
  li t0, FINISHER_FAIL
  or t1, t1, t0
  li t0, FINISHER_BASE
  sw t1, 0(t0)
park_forever:
  j park_forever

/* "FAIL case N in NAME" without the newline; returns to s2. */
fail_header:
  lla a0, msg_fail
  jal s1, put_str
  mv a0, gp
  jal s3, put_dec
  lla a0, msg_in
  jal s1, put_str
  lla a0, test_name
  jal s1, put_str
  jr s2

/* put_char(a0), returns to s1; clobbers t0, t1, t2. */
put_char:
  li t0, UART_BASE
  li t2, UART_POLLS
1:lbu t1, UART_LSR(t0)
  andi t1, t1, UART_LSR_THRE
  bnez t1, 2f
  addi t2, t2, -1
  bnez t2, 1b
2:sb a0, 0(t0)
  jr s1

/* put_str(a0 = NUL-terminated string), returns to s1; clobbers a0, a1, t0-t2. */
put_str:
  mv a1, a0
  mv s6, s1
1:lbu a0, 0(a1)
  beqz a0, 2f
  jal s1, put_char
  addi a1, a1, 1
  j 1b
2:jr s6

/* put_dec(a0 < 10^6) by repeated subtraction, returns to s3; clobbers a0-a4, t0-t2, s1. */
put_dec:
  mv a2, a0
  li a3, 0                     /* a digit has been printed: print the following zeros */
  lla a4, powers_of_ten
1:ld t0, 0(a4)
  beqz t0, 4f
  li a0, '0'
2:bltu a2, t0, 3f
  sub a2, a2, t0
  addi a0, a0, 1
  j 2b
3:addi a4, a4, 8
  li t1, '0'
  bne a0, t1, 5f
  bnez a3, 5f
  ld t1, 0(a4)
  bnez t1, 1b                  /* leading zero, but never skip the last digit */
5:li a3, 1
  jal s1, put_char
  j 1b
4:jr s3

/* put_hex(a0) as 0x + 16 digits, returns to s2; clobbers a0-a3, t0-t2. */
put_hex:
  mv a2, a0
  li a0, '0'
  jal s1, put_char
  li a0, 'x'
  jal s1, put_char
  li a3, 60
1:srl a0, a2, a3
  andi a0, a0, 15
  addi a0, a0, '0'
  li t1, '9'
  bleu a0, t1, 2f
  addi a0, a0, 'a' - '0' - 10
2:jal s1, put_char
  addi a3, a3, -4
  bgez a3, 1b
  jr s2

  .section .rodata
  .balign 8
powers_of_ten:
  .dword 100000, 10000, 1000, 100, 10, 1, 0
test_name:
  .asciz ISA_TEST_NAME
msg_pass:
  .asciz "PASS "
msg_fail:
  .asciz "FAIL case "
msg_in:
  .asciz " in "
msg_got:
  .asciz ": got "
msg_want:
  .asciz " expected "
msg_trap_cause:
  .asciz ": unexpected trap cause="
msg_trap_epc:
  .asciz " epc="
msg_trap_tval:
  .asciz " tval="

  .section .bss
  .balign 4096
isa_pt_root:    .skip 4096
  .globl isa_pt_root, isa_pt_l1_ram, isa_pt_l0_ram, isa_pt_l1_io
isa_pt_l1_ram:  .skip 4096
isa_pt_l0_ram:  .skip 4096     /* entry i maps VA/PA 0x80000000 + i * 4096 */
isa_pt_l1_io:   .skip 4096
isa_pt_l0_fin:  .skip 4096
isa_pt_l0_uart: .skip 4096
isa_stack:      .skip 16384
isa_stack_top:
  .globl isa_trap_record
  .balign 64
isa_trap_record: .skip 256
