/* Decoder: 32-bit instruction (16-bit ones are expanded first) -> insn_t.
 *
 * Decoding is table driven: for each major opcode (bits 6:2) a table of (mask, match, handler,
 * operand format, kind) patterns, scanned in order. Extensions contribute their own tables. */
#ifndef CPU_DECODE_H
#define CPU_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/insn.h"

/* How operands are extracted into insn_t. */
typedef enum {
    FMT_NONE,  /* no operands */
    FMT_R,     /* rd, rs1, rs2; aux = funct3 (rounding mode for FP) */
    FMT_R4,    /* rd, rs1, rs2, rs3 = bits 31:27; aux = funct3 */
    FMT_I,     /* rd, rs1, imm = sext(31:20) */
    FMT_S,     /* rs1, rs2, imm = store offset */
    FMT_B,     /* rs1, rs2, imm = branch offset */
    FMT_U,     /* rd, imm = sext(31:12 << 12) */
    FMT_J,     /* rd, imm = jal offset */
    FMT_SHAMT, /* rd, rs1, imm = bits 25:20 */
    FMT_CSR,   /* rd, rs1 (register or 5-bit immediate), imm = CSR number */
} insn_fmt_t;

/* Where an instruction may sit in a block. */
typedef enum {
    KIND_NORMAL, /* continues the block */
    KIND_BRANCH, /* conditional branch: leaves its block when taken, continues it otherwise */
    KIND_JUMP,   /* may change the pc: ends its block */
    KIND_SYSTEM, /* reads or changes privileged state: always alone in its block */
} insn_kind_t;

typedef struct decode_pat {
    uint32_t mask, match;
    insn_fn_t fn;
    uint8_t fmt;  /* insn_fmt_t */
    uint8_t kind; /* insn_kind_t */
    uint8_t jop;  /* jit_op_t; tables leave it out (JOP_NONE) for what the JIT does not emit */
} decode_pat_t;

typedef struct decode_table {
    const decode_pat_t *pats;
    size_t count;
} decode_table_t;

#define DECODE_TABLE(arr) {(arr), sizeof(arr) / sizeof((arr)[0])}

/* Tables of the F and D extensions (exec_fp.c), one per major opcode. */
extern const decode_table_t decode_fp_load, decode_fp_store, decode_fp_madd, decode_fp_msub,
    decode_fp_nmsub, decode_fp_nmadd, decode_fp_op;

/* Decodes the instruction bits `raw` (len 2 or 4; 16-bit ones in the low half) into `in`
 * (fn, operands, raw, len; the caller sets off). Unknown or reserved encodings decode to an
 * illegal-instruction handler. Returns the instruction's insn_kind_t. */
insn_kind_t decode_insn(insn_t *in, uint32_t raw, unsigned len);

/* Handler that raises an illegal-instruction trap (tval = raw); exported for tests. */
int op_illegal(hart_t *h, const insn_t *in);

#endif
