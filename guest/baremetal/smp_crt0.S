/* Entry for the multi-hart programs smp_*.c: every hart arrives here in M-mode with
 * a0 = hartid and a1 = device tree (-bios none). Each hart below SMP_MAX_HARTS gets its own
 * stack and the trap vector smp_trap_entry; hart 0 clears .bss and then releases the others
 * through smp_released, which lives in .data so that clearing .bss cannot race with the
 * spinning harts. Every hart then calls smp_main(hartid, dtb); hart 0's return value goes to
 * the test finisher (bm_exit), the others park in WFI with interrupts off. */
#include "smp_rt.h"

  .section .text.init
  .globl _start
_start:
  csrw mie, zero
  li t0, SMP_MAX_HARTS
  bgeu a0, t0, smp_park           /* no stack for it: it stays out of the program */
  la sp, __smp_stacks_top
  slli t0, a0, SMP_STACK_SHIFT
  sub sp, sp, t0
  la t0, smp_trap_entry
  csrw mtvec, t0
  li t0, 0x6000                   /* mstatus.FS = dirty: C code may use the FPU */
  csrs mstatus, t0
  bnez a0, 2f
  la t0, __bss_start
  la t1, __bss_end
1:bgeu t0, t1, 3f
  sd zero, 0(t0)
  addi t0, t0, 8
  j 1b
3:fence rw, rw                    /* .bss is zero before any hart can see the release */
  la t0, smp_released
  li t1, 1
  sw t1, 0(t0)
  j 5f
2:la t0, smp_released
4:lw t1, 0(t0)
  beqz t1, 4b
  fence r, rw                     /* nothing of the program is read before the release */
5:mv s0, a0
  call smp_main
  bnez s0, smp_park
  call bm_exit

  .globl smp_park
smp_park:
  csrci mstatus, 8
  csrw mie, zero
1:wfi
  j 1b

/* Saves the registers a C function may clobber, calls smp_trap(mcause, mepc, mtval) and
 * resumes at the address it returns. Handlers must not use the FPU (its state is not
 * saved). */
  .align 2
  .globl smp_trap_entry
smp_trap_entry:
  addi sp, sp, -128
  sd ra, 0(sp)
  sd t0, 8(sp)
  sd t1, 16(sp)
  sd t2, 24(sp)
  sd a0, 32(sp)
  sd a1, 40(sp)
  sd a2, 48(sp)
  sd a3, 56(sp)
  sd a4, 64(sp)
  sd a5, 72(sp)
  sd a6, 80(sp)
  sd a7, 88(sp)
  sd t3, 96(sp)
  sd t4, 104(sp)
  sd t5, 112(sp)
  sd t6, 120(sp)
  csrr a0, mcause
  csrr a1, mepc
  csrr a2, mtval
  call smp_trap
  csrw mepc, a0
  ld ra, 0(sp)
  ld t0, 8(sp)
  ld t1, 16(sp)
  ld t2, 24(sp)
  ld a0, 32(sp)
  ld a1, 40(sp)
  ld a2, 48(sp)
  ld a3, 56(sp)
  ld a4, 64(sp)
  ld a5, 72(sp)
  ld a6, 80(sp)
  ld a7, 88(sp)
  ld t3, 96(sp)
  ld t4, 104(sp)
  ld t5, 112(sp)
  ld t6, 120(sp)
  addi sp, sp, 128
  mret

/* The handler of programs that expect no trap: says which trap came and fails with
 * SMP_EXIT_TRAP. */
  .weak smp_trap
smp_trap:
  mv s0, a0
  mv s1, a1
  la a0, unexpected_msg
  call bm_puts
  mv a0, s0
  call bm_put_hex
  la a0, epc_msg
  call bm_puts
  mv a0, s1
  call bm_put_hex
  li a0, 10
  call bm_putc
  li a0, SMP_EXIT_TRAP
  call bm_exit

  .section .rodata
unexpected_msg: .string "smp: unexpected trap, mcause "
epc_msg: .string " mepc "

  .section .data
  .align 2
  .globl smp_released
smp_released: .word 0
