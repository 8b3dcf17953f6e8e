/* U-mode sandbox for chaos.c. chaos_run(code, regs) enters `code` in U-mode with x1..x15 and
 * x31 loaded from `regs`. Every trap lands in chaos_trap (M-mode), which skips the trapping
 * instruction (mepc += 2, wrapped into the code page) until the trap budget runs out or an
 * interrupt (the timer bounding the run) arrives; then chaos_run returns to its caller. */
  .section .text
  .globl chaos_run, chaos_trap, chaos_state
  .align 2
chaos_run:
  la t0, chaos_save
  sd sp, 0(t0)
  sd ra, 8(t0)
  sd gp, 16(t0)
  sd tp, 24(t0)
  sd s0, 32(t0)
  sd s1, 40(t0)
  sd s2, 48(t0)
  sd s3, 56(t0)
  sd s4, 64(t0)
  sd s5, 72(t0)
  sd s6, 80(t0)
  sd s7, 88(t0)
  sd s8, 96(t0)
  sd s9, 104(t0)
  sd s10, 112(t0)
  sd s11, 120(t0)
  la t0, chaos_state
  sd a0, 16(t0)            /* code page base */
  csrw mepc, a0
  li t0, 0x1800            /* MPP = U */
  csrc mstatus, t0
  mv t6, a1
  ld x1, 8(t6)
  ld x2, 16(t6)
  ld x3, 24(t6)
  ld x4, 32(t6)
  ld x5, 40(t6)
  ld x6, 48(t6)
  ld x7, 56(t6)
  ld x8, 64(t6)
  ld x9, 72(t6)
  ld x10, 80(t6)
  ld x11, 88(t6)
  ld x12, 96(t6)
  ld x13, 104(t6)
  ld x14, 112(t6)
  ld x15, 120(t6)
  ld x31, 248(t6)
  mret

  .align 2
chaos_trap:
  csrw mscratch, t0
  la t0, chaos_state
  sd t1, 0(t0)             /* state: 0 saved t1, 8 budget, 16 code base, 24 traps taken */
  ld t1, 24(t0)
  addi t1, t1, 1
  sd t1, 24(t0)
  ld t1, 8(t0)
  addi t1, t1, -1
  sd t1, 8(t0)
  blez t1, 1f
  csrr t1, mcause
  bltz t1, 1f              /* an interrupt: the time slice is over */
  csrr t1, mepc
  addi t1, t1, 2
  sd t2, 32(t0)
  ld t2, 16(t0)
  sub t2, t1, t2
  srli t2, t2, 12
  beqz t2, 2f
  ld t1, 16(t0)            /* left the page: start again at its base */
2:csrw mepc, t1
  ld t2, 32(t0)
  ld t1, 0(t0)
  csrr t0, mscratch
  mret
1:la t0, chaos_save
  ld sp, 0(t0)
  ld ra, 8(t0)
  ld gp, 16(t0)
  ld tp, 24(t0)
  ld s0, 32(t0)
  ld s1, 40(t0)
  ld s2, 48(t0)
  ld s3, 56(t0)
  ld s4, 64(t0)
  ld s5, 72(t0)
  ld s6, 80(t0)
  ld s7, 88(t0)
  ld s8, 96(t0)
  ld s9, 104(t0)
  ld s10, 112(t0)
  ld s11, 120(t0)
  ret

  .section .bss
  .align 3
chaos_save: .space 128
chaos_state: .space 40
