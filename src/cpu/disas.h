/*
 * disas.h - RV64GC disassembler for traces, the monitor and error reports.
 *
 * Coverage: RV64I, M, A, F, D, C (through rvc_expand), Zicsr, Zifencei,
 * Zba, Zbb, Zbs, and the privileged ecall/ebreak/mret/sret/wfi/sfence.vma.
 *
 * Output format: that of GNU objdump (binutils 2.40) for RISC-V, with ABI
 * register names and objdump's default pseudo-instructions (nop, li, mv,
 * not, neg, negw, sext.w, zext.b, zext.w, seqz, snez, sltz, sgtz, beqz,
 * bnez, bltz, bgez, blez, bgtz, j, jal TARGET, jr, jalr RS, jalr RD,RS1
 * (zero offset), ret, csrr, csrw, csrs, csrc, rdcycle/rdtime/rdinstret,
 * frcsr/fscsr, frrm/fsrm(i), frflags/fsflags(i), fmv.s/fmv.d, fneg, fabs,
 * unimp), with these deliberate differences:
 *   - the mnemonic is padded with spaces to 8 columns (at least one space)
 *     instead of objdump's tab: "addi    a0,a1,12";
 *   - branch and jump targets are absolute and printed as 0x%llx, with
 *     no "<symbol>" and no "# target" comment after jr/jalr;
 *   - instructions with an immediate always use the canonical "i" name
 *     (addi, andi, slli, rori, bseti, csrrwi, csrwi, ...): binutils 2.40
 *     prints some of them as "add a0,a1,12" or "csrw mstatus,5";
 *   - fcvt.d.s/fcvt.d.w/fcvt.d.wu, whose rounding mode cannot matter, are
 *     decoded with any rm and show it when it is not rne;
 *   - compressed instructions are shown as their 32-bit expansion (so
 *     c.addi16sp is "addi sp,sp,-16", c.mv is "mv"), HINTs included
 *     (objdump's "c.nop 1" is "li zero,1", "c.slli64 a0" is
 *     "slli a0,a0,0x0"), except 0x0000 which is "unimp"; reserved ones,
 *     c.addi16sp with a zero immediate among them, are ".2byte 0x%x";
 *   - CSRs outside the machine/supervisor/user set (hypervisor, vector,
 *     AIA, state-enable) are printed as hex;
 *   - sfence.vm/uret/dret and other encodings outside the extensions
 *     above are unknown.
 * Unknown 32-bit encodings are ".4byte 0x%x" (the directive padded like a
 * mnemonic, as are ".2byte" ones). Floating-point rounding
 * modes other than dyn are appended (",rtz"; reserved ones as ",unknown").
 * CSRs of the machine, supervisor and user levels are shown by name,
 * others as hex (e.g. "0x7c0").
 */
#ifndef POLYHART_CPU_DISAS_H
#define POLYHART_CPU_DISAS_H

#include <stddef.h>
#include <stdint.h>

/* A buffer of this size always holds the whole text, NUL included. */
#define DISAS_BUF_SIZE 64

/*
 * Disassemble `insn`, located at guest address `pc` (used for branch
 * targets), into `buf` (NUL-terminated and truncated to `size`, like
 * snprintf). A 16-bit instruction is passed in the low half of `insn`;
 * the upper half is then ignored.
 *
 * Returns the instruction length in bytes: 2 if (insn & 3) != 3, else 4.
 */
int disas_insn(char *buf, size_t size, uint64_t pc, uint32_t insn);

#endif /* POLYHART_CPU_DISAS_H */
