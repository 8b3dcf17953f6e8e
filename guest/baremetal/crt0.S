/* Entry for C bare-metal programs: M-mode, a0 = hartid. Harts other than 0 park in WFI.
 * main()'s return value goes to the virt test finisher: 0 passes, n fails with code n. */
  .section .text.init
  .globl _start
_start:
  bnez a0, 2f
  la sp, __stack_top
  la t0, __bss_start
  la t1, __bss_end
1:bgeu t0, t1, 3f
  sd zero, 0(t0)
  addi t0, t0, 8
  j 1b
3:li t0, 0x6000           /* mstatus.FS = dirty: C code may use the FPU */
  csrs mstatus, t0
  call main
  call bm_exit
2:wfi
  j 2b
