/* Pre-decoded instructions: the unit the interpreter executes and the JIT (exec/jit.h) compiles.
 *
 * A block is an array of insn_t. Each handler performs one instruction; one that continues the
 * block tail-calls the next handler (exec_next), one that ends it records itself in
 * hart->exit_insn and returns what the block loop must do next. While a block runs, hart->pc holds the virtual address of the block's
 * first instruction; an instruction's own pc is hart->pc + in->off. A handler that transfers
 * control sets hart->pc to the target. */
#ifndef CPU_INSN_H
#define CPU_INSN_H

#include <stdint.h>

typedef struct hart hart_t;
typedef struct insn insn_t;

typedef enum {
    EXEC_NEXT = 0, /* retired; continue with the next instruction of the block */
    EXEC_JUMP,     /* retired; hart->pc set to the next pc; leave the block */
    EXEC_TRAP,     /* not retired; a trap was taken, hart->pc is the handler */
    EXEC_END,      /* synthetic end of a fall-through block; hart->pc advanced; nothing retired */
} exec_status_t;

typedef int (*insn_fn_t)(hart_t *h, const insn_t *in);

/* What a JIT may emit natively for an instruction (exec/jit.h); JOP_NONE: it calls the
 * handler. Set by the decoder from the instruction's pattern, so that it always agrees with
 * the handler the interpreter would run. */
typedef enum {
    JOP_NONE,
    JOP_ADD, JOP_SUB, JOP_SLL, JOP_SLT, JOP_SLTU, JOP_XOR, JOP_SRL, JOP_SRA, JOP_OR, JOP_AND,
    JOP_ADDW, JOP_SUBW, JOP_SLLW, JOP_SRLW, JOP_SRAW, JOP_MUL, JOP_MULW,
    JOP_DIV, JOP_DIVU, JOP_REM, JOP_REMU, JOP_DIVW, JOP_DIVUW, JOP_REMW, JOP_REMUW,
    JOP_ADDI, JOP_SLTI, JOP_SLTIU, JOP_XORI, JOP_ORI, JOP_ANDI, JOP_SLLI, JOP_SRLI, JOP_SRAI,
    JOP_ADDIW, JOP_SLLIW, JOP_SRLIW, JOP_SRAIW,
    JOP_LUI, JOP_AUIPC, JOP_JAL, JOP_JALR,
    JOP_BEQ, JOP_BNE, JOP_BLT, JOP_BGE, JOP_BLTU, JOP_BGEU,
    JOP_LB, JOP_LH, JOP_LW, JOP_LD, JOP_LBU, JOP_LHU, JOP_LWU,
    JOP_SB, JOP_SH, JOP_SW, JOP_SD,
    JOP_FLW, JOP_FLD, JOP_FSW, JOP_FSD,
    JOP_COUNT
} jit_op_t;

struct insn {
    insn_fn_t fn;
    int64_t imm;
    uint32_t raw;  /* instruction bits as fetched (16-bit ones zero-extended), for tval */
    uint16_t off;  /* byte offset of this instruction from the block start */
    uint8_t rd, rs1, rs2, rs3;
    uint8_t len;   /* 2 or 4 */
    uint8_t aux;   /* funct3: the rounding mode of FP instructions, the CSR operation... */
    uint8_t jop;   /* jit_op_t */
};

/* The end of a handler that continues the block: run the next instruction's handler as a tail
 * call (threaded dispatch; a block always ends with an instruction that does not continue). */
static inline int exec_next(hart_t *h, const insn_t *in)
{
    return in[1].fn(h, in + 1);
}

#endif
