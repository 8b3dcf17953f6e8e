/* RV64I computational and control-transfer instructions, M, Zba, Zbb and Zbs. */
#include "cpu/decode_tables.h"
#include "cpu/hart.h"
#include "util/util.h"

#define RS1 (h->x[in->rs1])
#define RS2 (h->x[in->rs2])
#define IMM ((uint64_t)in->imm)
#define W(v) ((uint64_t)(int64_t)(int32_t)(uint32_t)(v))

/* Register-register / register-immediate handlers whose whole body is one expression. */
#define DEF_RR(name, expr)                                           \
    static int op_##name(hart_t *h, const insn_t *in)                \
    {                                                                \
        uint64_t a = RS1, b = RS2;                                   \
        hart_set_x(h, in->rd, (expr));                               \
        return exec_next(h, in);                                     \
    }
#define DEF_UN(name, expr)                                           \
    static int op_##name(hart_t *h, const insn_t *in)                \
    {                                                                \
        uint64_t a = RS1;                                            \
        hart_set_x(h, in->rd, (expr));                               \
        return exec_next(h, in);                                     \
    }
#define DEF_RI(name, expr)                                           \
    static int op_##name(hart_t *h, const insn_t *in)                \
    {                                                                \
        uint64_t a = RS1, b = IMM;                                   \
        hart_set_x(h, in->rd, (expr));                               \
        return exec_next(h, in);                                     \
    }

static uint64_t rol64(uint64_t a, unsigned s) { s &= 63; return s ? (a << s) | (a >> (64 - s)) : a; }
static uint64_t ror64(uint64_t a, unsigned s) { s &= 63; return s ? (a >> s) | (a << (64 - s)) : a; }
static uint32_t rol32(uint32_t a, unsigned s) { s &= 31; return s ? (a << s) | (a >> (32 - s)) : a; }
static uint32_t ror32(uint32_t a, unsigned s) { s &= 31; return s ? (a >> s) | (a << (32 - s)) : a; }

static uint64_t orc_b(uint64_t a)
{
    uint64_t r = 0;
    for (int i = 0; i < 64; i += 8)
        if ((a >> i) & 0xff)
            r |= 0xffULL << i;
    return r;
}

static uint64_t div_s(int64_t a, int64_t b)
{
    if (b == 0)
        return ~0ULL;
    if (a == INT64_MIN && b == -1)
        return (uint64_t)a;
    return (uint64_t)(a / b);
}
static uint64_t rem_s(int64_t a, int64_t b)
{
    if (b == 0)
        return (uint64_t)a;
    if (a == INT64_MIN && b == -1)
        return 0;
    return (uint64_t)(a % b);
}
static uint64_t div_u(uint64_t a, uint64_t b) { return b ? a / b : ~0ULL; }
static uint64_t rem_u(uint64_t a, uint64_t b) { return b ? a % b : a; }
static uint64_t div_w(int32_t a, int32_t b)
{
    if (b == 0)
        return ~0ULL;
    if (a == INT32_MIN && b == -1)
        return W(a);
    return W(a / b);
}
static uint64_t rem_w(int32_t a, int32_t b)
{
    if (b == 0)
        return W(a);
    if (a == INT32_MIN && b == -1)
        return 0;
    return W(a % b);
}
static uint64_t divu_w(uint32_t a, uint32_t b) { return b ? W(a / b) : ~0ULL; }
static uint64_t remu_w(uint32_t a, uint32_t b) { return b ? W(a % b) : W(a); }

static uint64_t mulh(int64_t a, int64_t b) { return (uint64_t)(((__int128)a * b) >> 64); }
static uint64_t mulhu(uint64_t a, uint64_t b) { return (uint64_t)(((unsigned __int128)a * b) >> 64); }
static uint64_t mulhsu(int64_t a, uint64_t b)
{
    return (uint64_t)(((__int128)a * (__int128)(unsigned __int128)b) >> 64);
}

/* RV64I register-register */
DEF_RR(add, a + b)
DEF_RR(sub, a - b)
DEF_RR(sll, a << (b & 63))
DEF_RR(slt, (int64_t)a < (int64_t)b)
DEF_RR(sltu, a < b)
DEF_RR(xor, a ^ b)
DEF_RR(srl, a >> (b & 63))
DEF_RR(sra, (uint64_t)((int64_t)a >> (b & 63)))
DEF_RR(or, a | b)
DEF_RR(and, a & b)
DEF_RR(addw, W(a + b))
DEF_RR(subw, W(a - b))
DEF_RR(sllw, W((uint32_t)a << (b & 31)))
DEF_RR(srlw, W((uint32_t)a >> (b & 31)))
DEF_RR(sraw, W((int32_t)a >> (b & 31)))
/* M */
DEF_RR(mul, a * b)
DEF_RR(mulh, mulh((int64_t)a, (int64_t)b))
DEF_RR(mulhsu, mulhsu((int64_t)a, b))
DEF_RR(mulhu, mulhu(a, b))
DEF_RR(div, div_s((int64_t)a, (int64_t)b))
DEF_RR(divu, div_u(a, b))
DEF_RR(rem, rem_s((int64_t)a, (int64_t)b))
DEF_RR(remu, rem_u(a, b))
DEF_RR(mulw, W((uint32_t)a * (uint32_t)b))
DEF_RR(divw, div_w((int32_t)a, (int32_t)b))
DEF_RR(divuw, divu_w((uint32_t)a, (uint32_t)b))
DEF_RR(remw, rem_w((int32_t)a, (int32_t)b))
DEF_RR(remuw, remu_w((uint32_t)a, (uint32_t)b))
/* Zba */
DEF_RR(sh1add, (a << 1) + b)
DEF_RR(sh2add, (a << 2) + b)
DEF_RR(sh3add, (a << 3) + b)
DEF_RR(add_uw, (uint64_t)(uint32_t)a + b)
DEF_RR(sh1add_uw, ((uint64_t)(uint32_t)a << 1) + b)
DEF_RR(sh2add_uw, ((uint64_t)(uint32_t)a << 2) + b)
DEF_RR(sh3add_uw, ((uint64_t)(uint32_t)a << 3) + b)
DEF_RI(slli_uw, (uint64_t)(uint32_t)a << (b & 63))
/* Zbb */
DEF_RR(andn, a & ~b)
DEF_RR(orn, a | ~b)
DEF_RR(xnor, ~(a ^ b))
DEF_RR(max, (int64_t)a > (int64_t)b ? a : b)
DEF_RR(maxu, a > b ? a : b)
DEF_RR(min, (int64_t)a < (int64_t)b ? a : b)
DEF_RR(minu, a < b ? a : b)
DEF_RR(rol, rol64(a, (unsigned)b))
DEF_RR(ror, ror64(a, (unsigned)b))
DEF_RR(rolw, W(rol32((uint32_t)a, (unsigned)b)))
DEF_RR(rorw, W(ror32((uint32_t)a, (unsigned)b)))
DEF_RI(rori, ror64(a, (unsigned)b))
DEF_RI(roriw, W(ror32((uint32_t)a, (unsigned)b)))
DEF_UN(clz, a ? (uint64_t)__builtin_clzll(a) : 64)
DEF_UN(ctz, a ? (uint64_t)__builtin_ctzll(a) : 64)
DEF_UN(cpop, (uint64_t)__builtin_popcountll(a))
DEF_UN(clzw, (uint32_t)a ? (uint64_t)__builtin_clz((uint32_t)a) : 32)
DEF_UN(ctzw, (uint32_t)a ? (uint64_t)__builtin_ctz((uint32_t)a) : 32)
DEF_UN(cpopw, (uint64_t)__builtin_popcount((uint32_t)a))
DEF_UN(sext_b, (uint64_t)(int64_t)(int8_t)a)
DEF_UN(sext_h, (uint64_t)(int64_t)(int16_t)a)
DEF_UN(zext_h, (uint16_t)a)
DEF_UN(orc_b, orc_b(a))
DEF_UN(rev8, __builtin_bswap64(a))
/* Zbs */
DEF_RR(bclr, a & ~(1ULL << (b & 63)))
DEF_RR(bext, (a >> (b & 63)) & 1)
DEF_RR(binv, a ^ (1ULL << (b & 63)))
DEF_RR(bset, a | (1ULL << (b & 63)))
DEF_RI(bclri, a & ~(1ULL << (b & 63)))
DEF_RI(bexti, (a >> (b & 63)) & 1)
DEF_RI(binvi, a ^ (1ULL << (b & 63)))
DEF_RI(bseti, a | (1ULL << (b & 63)))
/* RV64I register-immediate */
DEF_RI(addi, a + b)
DEF_RI(slti, (int64_t)a < (int64_t)b)
DEF_RI(sltiu, a < b)
DEF_RI(xori, a ^ b)
DEF_RI(ori, a | b)
DEF_RI(andi, a & b)
DEF_RI(slli, a << b)
DEF_RI(srli, a >> b)
DEF_RI(srai, (uint64_t)((int64_t)a >> b))
DEF_RI(addiw, W(a + b))
DEF_RI(slliw, W((uint32_t)a << b))
DEF_RI(srliw, W((uint32_t)a >> b))
DEF_RI(sraiw, W((int32_t)a >> b))

static int op_lui(hart_t *h, const insn_t *in)
{
    hart_set_x(h, in->rd, IMM);
    return exec_next(h, in);
}

static int op_auipc(hart_t *h, const insn_t *in)
{
    hart_set_x(h, in->rd, insn_pc(h, in) + IMM);
    return exec_next(h, in);
}

static int op_jal(hart_t *h, const insn_t *in)
{
    uint64_t pc = insn_pc(h, in);
    hart_set_x(h, in->rd, pc + in->len);
    h->pc = pc + IMM;
    return exec_jump(h, in);
}

static int op_jalr(hart_t *h, const insn_t *in)
{
    uint64_t pc = insn_pc(h, in);
    uint64_t target = (RS1 + IMM) & ~1ULL;
    hart_set_x(h, in->rd, pc + in->len);
    h->pc = target;
    return exec_jump(h, in);
}

/* Not taken, a branch continues its block (blocks run on past conditional branches, so a
 * block ending in one is followed by op_block_end or by more instructions). */
#define DEF_BRANCH(name, cond)                                       \
    static int op_##name(hart_t *h, const insn_t *in)                \
    {                                                                \
        uint64_t a = RS1, b = RS2;                                   \
        if (!(cond))                                                 \
            return exec_next(h, in);                                 \
        h->pc = insn_pc(h, in) + IMM;                                \
        return exec_jump(h, in);                                     \
    }
DEF_BRANCH(beq, a == b)
DEF_BRANCH(bne, a != b)
DEF_BRANCH(blt, (int64_t)a < (int64_t)b)
DEF_BRANCH(bge, (int64_t)a >= (int64_t)b)
DEF_BRANCH(bltu, a < b)
DEF_BRANCH(bgeu, a >= b)

/* Encoding helpers for the tables */
#define R_MASK 0xfe00707fu
#define I_MASK 0x0000707fu
#define SH6_MASK 0xfc00707fu
#define FULL_I_MASK 0xfff0707fu
#define ENC_R(f7, f3, opc) (((uint32_t)(f7) << 25) | ((f3) << 12) | (opc))
#define ENC_I(f3, opc) (((f3) << 12) | (opc))
#define ENC_SH6(f6, f3, opc) (((uint32_t)(f6) << 26) | ((f3) << 12) | (opc))
#define ENC_IMM(imm, f3, opc) (((uint32_t)(imm) << 20) | ((f3) << 12) | (opc))

#define RR(f7, f3, opc, name) {R_MASK, ENC_R(f7, f3, opc), op_##name, FMT_R, KIND_NORMAL, JOP_NONE}
#define RRJ(f7, f3, opc, name, jop) {R_MASK, ENC_R(f7, f3, opc), op_##name, FMT_R, KIND_NORMAL, jop}
#define OP(f7, f3, name) RR(f7, f3, 0x33, name)
#define OPJ(f7, f3, name, jop) RRJ(f7, f3, 0x33, name, jop)
#define OP32(f7, f3, name) RR(f7, f3, 0x3b, name)
#define OP32J(f7, f3, name, jop) RRJ(f7, f3, 0x3b, name, jop)

static const decode_pat_t op_pats[] = {
    OPJ(0x00, 0, add, JOP_ADD), OPJ(0x20, 0, sub, JOP_SUB), OPJ(0x00, 1, sll, JOP_SLL),
    OPJ(0x00, 2, slt, JOP_SLT), OPJ(0x00, 3, sltu, JOP_SLTU), OPJ(0x00, 4, xor, JOP_XOR),
    OPJ(0x00, 5, srl, JOP_SRL), OPJ(0x20, 5, sra, JOP_SRA), OPJ(0x00, 6, or, JOP_OR),
    OPJ(0x00, 7, and, JOP_AND),
    OPJ(0x01, 0, mul, JOP_MUL), OP(0x01, 1, mulh), OP(0x01, 2, mulhsu), OP(0x01, 3, mulhu),
    OPJ(0x01, 4, div, JOP_DIV), OPJ(0x01, 5, divu, JOP_DIVU), OPJ(0x01, 6, rem, JOP_REM),
    OPJ(0x01, 7, remu, JOP_REMU),
    OP(0x10, 2, sh1add), OP(0x10, 4, sh2add), OP(0x10, 6, sh3add),
    OP(0x20, 7, andn), OP(0x20, 6, orn), OP(0x20, 4, xnor),
    OP(0x05, 6, max), OP(0x05, 7, maxu), OP(0x05, 4, min), OP(0x05, 5, minu),
    OP(0x30, 1, rol), OP(0x30, 5, ror),
    OP(0x24, 1, bclr), OP(0x24, 5, bext), OP(0x34, 1, binv), OP(0x14, 1, bset),
};

static const decode_pat_t op32_pats[] = {
    OP32J(0x00, 0, addw, JOP_ADDW), OP32J(0x20, 0, subw, JOP_SUBW),
    OP32J(0x00, 1, sllw, JOP_SLLW), OP32J(0x00, 5, srlw, JOP_SRLW),
    OP32J(0x20, 5, sraw, JOP_SRAW), OP32J(0x01, 0, mulw, JOP_MULW),
    OP32J(0x01, 4, divw, JOP_DIVW), OP32J(0x01, 5, divuw, JOP_DIVUW),
    OP32J(0x01, 6, remw, JOP_REMW), OP32J(0x01, 7, remuw, JOP_REMUW),
    OP32(0x04, 0, add_uw), OP32(0x10, 2, sh1add_uw), OP32(0x10, 4, sh2add_uw),
    OP32(0x10, 6, sh3add_uw), OP32(0x30, 1, rolw), OP32(0x30, 5, rorw),
    {0xfff0707fu, ENC_R(0x04, 4, 0x3b), op_zext_h, FMT_R, KIND_NORMAL, JOP_NONE},
};

#define IMM_OP(f3, name, jop) {I_MASK, ENC_I(f3, 0x13), op_##name, FMT_I, KIND_NORMAL, jop}
#define SH6(f6, f3, opc, name) \
    {SH6_MASK, ENC_SH6(f6, f3, opc), op_##name, FMT_SHAMT, KIND_NORMAL, JOP_NONE}
#define SH6J(f6, f3, opc, name, jop) \
    {SH6_MASK, ENC_SH6(f6, f3, opc), op_##name, FMT_SHAMT, KIND_NORMAL, jop}
#define UNARY(imm, f3, opc, name) \
    {FULL_I_MASK, ENC_IMM(imm, f3, opc), op_##name, FMT_I, KIND_NORMAL, JOP_NONE}

static const decode_pat_t opimm_pats[] = {
    IMM_OP(0, addi, JOP_ADDI), IMM_OP(2, slti, JOP_SLTI), IMM_OP(3, sltiu, JOP_SLTIU),
    IMM_OP(4, xori, JOP_XORI), IMM_OP(6, ori, JOP_ORI), IMM_OP(7, andi, JOP_ANDI),
    SH6J(0x00, 1, 0x13, slli, JOP_SLLI), SH6J(0x00, 5, 0x13, srli, JOP_SRLI),
    SH6J(0x10, 5, 0x13, srai, JOP_SRAI), SH6(0x18, 5, 0x13, rori),
    SH6(0x12, 1, 0x13, bclri), SH6(0x12, 5, 0x13, bexti), SH6(0x1a, 1, 0x13, binvi),
    SH6(0x0a, 1, 0x13, bseti),
    UNARY(0x600, 1, 0x13, clz), UNARY(0x601, 1, 0x13, ctz), UNARY(0x602, 1, 0x13, cpop),
    UNARY(0x604, 1, 0x13, sext_b), UNARY(0x605, 1, 0x13, sext_h),
    UNARY(0x287, 5, 0x13, orc_b), UNARY(0x6b8, 5, 0x13, rev8),
};

static const decode_pat_t opimm32_pats[] = {
    {I_MASK, ENC_I(0, 0x1b), op_addiw, FMT_I, KIND_NORMAL, JOP_ADDIW},
    {R_MASK, ENC_R(0x00, 1, 0x1b), op_slliw, FMT_SHAMT, KIND_NORMAL, JOP_SLLIW},
    {R_MASK, ENC_R(0x00, 5, 0x1b), op_srliw, FMT_SHAMT, KIND_NORMAL, JOP_SRLIW},
    {R_MASK, ENC_R(0x20, 5, 0x1b), op_sraiw, FMT_SHAMT, KIND_NORMAL, JOP_SRAIW},
    {R_MASK, ENC_R(0x30, 5, 0x1b), op_roriw, FMT_SHAMT, KIND_NORMAL, JOP_NONE},
    SH6(0x02, 1, 0x1b, slli_uw),
    UNARY(0x600, 1, 0x1b, clzw), UNARY(0x601, 1, 0x1b, ctzw), UNARY(0x602, 1, 0x1b, cpopw),
};

#define BR(f3, name, jop) {I_MASK, ENC_I(f3, 0x63), op_##name, FMT_B, KIND_BRANCH, jop}
static const decode_pat_t branch_pats[] = {
    BR(0, beq, JOP_BEQ), BR(1, bne, JOP_BNE), BR(4, blt, JOP_BLT), BR(5, bge, JOP_BGE),
    BR(6, bltu, JOP_BLTU), BR(7, bgeu, JOP_BGEU),
};
static const decode_pat_t lui_pats[] = {{0x7f, 0x37, op_lui, FMT_U, KIND_NORMAL, JOP_LUI}};
static const decode_pat_t auipc_pats[] = {{0x7f, 0x17, op_auipc, FMT_U, KIND_NORMAL, JOP_AUIPC}};
static const decode_pat_t jal_pats[] = {{0x7f, 0x6f, op_jal, FMT_J, KIND_JUMP, JOP_JAL}};
static const decode_pat_t jalr_pats[] = {{I_MASK, 0x67, op_jalr, FMT_I, KIND_JUMP, JOP_JALR}};

const decode_table_t decode_int_op = DECODE_TABLE(op_pats);
const decode_table_t decode_int_op32 = DECODE_TABLE(op32_pats);
const decode_table_t decode_int_opimm = DECODE_TABLE(opimm_pats);
const decode_table_t decode_int_opimm32 = DECODE_TABLE(opimm32_pats);
const decode_table_t decode_int_branch = DECODE_TABLE(branch_pats);
const decode_table_t decode_int_lui = DECODE_TABLE(lui_pats);
const decode_table_t decode_int_auipc = DECODE_TABLE(auipc_pats);
const decode_table_t decode_int_jal = DECODE_TABLE(jal_pats);
const decode_table_t decode_int_jalr = DECODE_TABLE(jalr_pats);
