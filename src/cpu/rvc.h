/*
 * rvc.h - expansion of RV64C compressed instructions to their 32-bit form.
 *
 * The decoder only ever has to understand 32-bit encodings: a 16-bit
 * parcel is first rewritten into the RV64G instruction the C extension
 * defines as its equivalent, then decoded as usual (with a pc increment
 * of 2 instead of 4).
 */
#ifndef POLYHART_CPU_RVC_H
#define POLYHART_CPU_RVC_H

#include <stdint.h>

/*
 * Return the 32-bit RV64G instruction equivalent to the compressed
 * instruction `insn` (RV64GC: includes c.fld/c.fsd/c.fldsp/c.fsdsp,
 * c.ld/c.sd/c.ldsp/c.sdsp, c.addiw; no c.jal/c.flw/c.fsw).
 *
 * Returns 0 for encodings that are illegal or reserved on RV64 (0x0000,
 * c.addi4spn/c.addi16sp/c.lui with a zero immediate, c.lwsp/c.ldsp or
 * c.addiw with rd=x0, c.jr with rs1=x0, the reserved quadrant-0 funct3=100
 * and quadrant-1 arithmetic slots). 0 is never a valid expansion, so it
 * can serve as the illegal-instruction marker.
 *
 * HINT encodings (e.g. c.li/c.mv/c.add with rd=x0, c.nop with a nonzero
 * immediate, zero shift amounts) expand to the corresponding valid
 * instruction, which writes x0 or is otherwise a no-op.
 *
 * `insn` must be a 16-bit instruction, i.e. (insn & 3) != 3; a 32-bit
 * parcel passed here returns 0.
 */
uint32_t rvc_expand(uint16_t insn);

#endif /* POLYHART_CPU_RVC_H */
