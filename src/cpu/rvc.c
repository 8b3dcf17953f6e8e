/*
 * rvc.c - expansion of RV64C compressed instructions (RISC-V unprivileged
 * ISA, chapter "C" Standard Extension for Compressed Instructions).
 *
 * The expansion is driven by a table indexed by quadrant (insn[1:0]) and
 * funct3 (insn[15:13]); each handler decodes one compressed format and
 * re-encodes the equivalent 32-bit instruction.
 */
#include "cpu/rvc.h"

enum {
    RVC_OPC_LOAD = 0x03,
    RVC_OPC_LOAD_FP = 0x07,
    RVC_OPC_OP_IMM = 0x13,
    RVC_OPC_OP_IMM_32 = 0x1b,
    RVC_OPC_STORE = 0x23,
    RVC_OPC_STORE_FP = 0x27,
    RVC_OPC_OP = 0x33,
    RVC_OPC_LUI = 0x37,
    RVC_OPC_OP_32 = 0x3b,
    RVC_OPC_BRANCH = 0x63,
    RVC_OPC_JALR = 0x67,
    RVC_OPC_JAL = 0x6f,
};

enum {
    RVC_REG_ZERO = 0,
    RVC_REG_RA = 1,
    RVC_REG_SP = 2,
};

/* A zero return is the "illegal" marker: no real expansion encodes to 0. */
#define RVC_ILLEGAL 0u
#define RVC_EBREAK 0x00100073u

typedef uint32_t (*rvc_handler_fn)(uint32_t insn);

/* ---- field helpers ---------------------------------------------------- */

static uint32_t rvc_bits(uint32_t x, unsigned hi, unsigned lo)
{
    return (x >> lo) & ((1u << (hi - lo + 1)) - 1u);
}

/* Move insn[from] to result bit `to`: the C formats scatter immediates. */
static uint32_t rvc_bit_to(uint32_t x, unsigned from, unsigned to)
{
    return ((x >> from) & 1u) << to;
}

static int32_t rvc_sext(uint32_t v, unsigned sign_bit)
{
    uint32_t m = 1u << sign_bit;
    return (int32_t)((v ^ m) - m);
}

/* Full 5-bit register field at [11:7] (rd/rs1) and [6:2] (rs2). */
static uint32_t rvc_rd(uint32_t x) { return rvc_bits(x, 11, 7); }
static uint32_t rvc_rs2(uint32_t x) { return rvc_bits(x, 6, 2); }

/* The 3-bit "prime" fields name x8..x15 (or f8..f15). */
static uint32_t rvc_rs1p(uint32_t x) { return rvc_bits(x, 9, 7) + 8u; }
static uint32_t rvc_rs2p(uint32_t x) { return rvc_bits(x, 4, 2) + 8u; }

/* ---- 32-bit encoders ---------------------------------------------------- */

static uint32_t rvc_enc_i(uint32_t opc, uint32_t f3, uint32_t rd, uint32_t rs1,
                          int32_t imm)
{
    return ((uint32_t)imm & 0xfffu) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opc;
}

static uint32_t rvc_enc_s(uint32_t opc, uint32_t f3, uint32_t rs1, uint32_t rs2,
                          int32_t imm)
{
    uint32_t u = (uint32_t)imm;
    return rvc_bits(u, 11, 5) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 |
           rvc_bits(u, 4, 0) << 7 | opc;
}

static uint32_t rvc_enc_r(uint32_t opc, uint32_t f3, uint32_t f7, uint32_t rd,
                          uint32_t rs1, uint32_t rs2)
{
    return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opc;
}

static uint32_t rvc_enc_b(uint32_t f3, uint32_t rs1, uint32_t rs2, int32_t imm)
{
    uint32_t u = (uint32_t)imm;
    return rvc_bit_to(u, 12, 31) | rvc_bits(u, 10, 5) << 25 | rs2 << 20 |
           rs1 << 15 | f3 << 12 | rvc_bits(u, 4, 1) << 8 |
           rvc_bit_to(u, 11, 7) | RVC_OPC_BRANCH;
}

static uint32_t rvc_enc_j(uint32_t rd, int32_t imm)
{
    uint32_t u = (uint32_t)imm;
    return rvc_bit_to(u, 20, 31) | rvc_bits(u, 10, 1) << 21 |
           rvc_bit_to(u, 11, 20) | rvc_bits(u, 19, 12) << 12 | rd << 7 |
           RVC_OPC_JAL;
}

/* ---- immediate decoders, one per C format ------------------------------- */

/* CI-format 6-bit signed immediate: imm[5] = insn[12], imm[4:0] = insn[6:2]. */
static int32_t rvc_imm_ci(uint32_t x)
{
    return rvc_sext(rvc_bit_to(x, 12, 5) | rvc_bits(x, 6, 2), 5);
}

/* 6-bit shift amount; on RV64 shamt[5] is legal. */
static uint32_t rvc_shamt(uint32_t x)
{
    return rvc_bit_to(x, 12, 5) | rvc_bits(x, 6, 2);
}

static uint32_t rvc_uimm_addi4spn(uint32_t x)
{
    return rvc_bits(x, 12, 11) << 4 | rvc_bits(x, 10, 7) << 6 |
           rvc_bit_to(x, 6, 2) | rvc_bit_to(x, 5, 3);
}

/* CL/CS word offset: uimm[5:3] = insn[12:10], uimm[2] = insn[6], uimm[6] = insn[5]. */
static int32_t rvc_uimm_clw(uint32_t x)
{
    return (int32_t)(rvc_bits(x, 12, 10) << 3 | rvc_bit_to(x, 6, 2) |
                     rvc_bit_to(x, 5, 6));
}

/* CL/CS doubleword offset: uimm[5:3] = insn[12:10], uimm[7:6] = insn[6:5]. */
static int32_t rvc_uimm_cld(uint32_t x)
{
    return (int32_t)(rvc_bits(x, 12, 10) << 3 | rvc_bits(x, 6, 5) << 6);
}

static int32_t rvc_imm_addi16sp(uint32_t x)
{
    uint32_t v = rvc_bit_to(x, 12, 9) | rvc_bit_to(x, 6, 4) |
                 rvc_bit_to(x, 5, 6) | rvc_bits(x, 4, 3) << 7 |
                 rvc_bit_to(x, 2, 5);
    return rvc_sext(v, 9);
}

/* c.lui: nzimm[17] = insn[12], nzimm[16:12] = insn[6:2]. */
static int32_t rvc_imm_lui(uint32_t x)
{
    return rvc_sext(rvc_bit_to(x, 12, 17) | rvc_bits(x, 6, 2) << 12, 17);
}

static int32_t rvc_imm_cj(uint32_t x)
{
    uint32_t v = rvc_bit_to(x, 12, 11) | rvc_bit_to(x, 11, 4) |
                 rvc_bits(x, 10, 9) << 8 | rvc_bit_to(x, 8, 10) |
                 rvc_bit_to(x, 7, 6) | rvc_bit_to(x, 6, 7) |
                 rvc_bits(x, 5, 3) << 1 | rvc_bit_to(x, 2, 5);
    return rvc_sext(v, 11);
}

static int32_t rvc_imm_cb(uint32_t x)
{
    uint32_t v = rvc_bit_to(x, 12, 8) | rvc_bits(x, 11, 10) << 3 |
                 rvc_bits(x, 6, 5) << 6 | rvc_bits(x, 4, 3) << 1 |
                 rvc_bit_to(x, 2, 5);
    return rvc_sext(v, 8);
}

/* c.lwsp: uimm[5] = insn[12], uimm[4:2] = insn[6:4], uimm[7:6] = insn[3:2]. */
static int32_t rvc_uimm_lwsp(uint32_t x)
{
    return (int32_t)(rvc_bit_to(x, 12, 5) | rvc_bits(x, 6, 4) << 2 |
                     rvc_bits(x, 3, 2) << 6);
}

/* c.ldsp/c.fldsp: uimm[5] = insn[12], uimm[4:3] = insn[6:5], uimm[8:6] = insn[4:2]. */
static int32_t rvc_uimm_ldsp(uint32_t x)
{
    return (int32_t)(rvc_bit_to(x, 12, 5) | rvc_bits(x, 6, 5) << 3 |
                     rvc_bits(x, 4, 2) << 6);
}

/* c.swsp: uimm[5:2] = insn[12:9], uimm[7:6] = insn[8:7]. */
static int32_t rvc_uimm_swsp(uint32_t x)
{
    return (int32_t)(rvc_bits(x, 12, 9) << 2 | rvc_bits(x, 8, 7) << 6);
}

/* c.sdsp/c.fsdsp: uimm[5:3] = insn[12:10], uimm[8:6] = insn[9:7]. */
static int32_t rvc_uimm_sdsp(uint32_t x)
{
    return (int32_t)(rvc_bits(x, 12, 10) << 3 | rvc_bits(x, 9, 7) << 6);
}

/* ---- quadrant 0 --------------------------------------------------------- */

static uint32_t rvc_reserved(uint32_t x)
{
    (void)x;
    return RVC_ILLEGAL;
}

static uint32_t rvc_addi4spn(uint32_t x)
{
    uint32_t imm = rvc_uimm_addi4spn(x);
    if (imm == 0) /* also covers the all-zero defined-illegal parcel */
        return RVC_ILLEGAL;
    return rvc_enc_i(RVC_OPC_OP_IMM, 0, rvc_rs2p(x), RVC_REG_SP, (int32_t)imm);
}

static uint32_t rvc_fld(uint32_t x)
{
    return rvc_enc_i(RVC_OPC_LOAD_FP, 3, rvc_rs2p(x), rvc_rs1p(x), rvc_uimm_cld(x));
}

static uint32_t rvc_lw(uint32_t x)
{
    return rvc_enc_i(RVC_OPC_LOAD, 2, rvc_rs2p(x), rvc_rs1p(x), rvc_uimm_clw(x));
}

static uint32_t rvc_ld(uint32_t x)
{
    return rvc_enc_i(RVC_OPC_LOAD, 3, rvc_rs2p(x), rvc_rs1p(x), rvc_uimm_cld(x));
}

static uint32_t rvc_fsd(uint32_t x)
{
    return rvc_enc_s(RVC_OPC_STORE_FP, 3, rvc_rs1p(x), rvc_rs2p(x), rvc_uimm_cld(x));
}

static uint32_t rvc_sw(uint32_t x)
{
    return rvc_enc_s(RVC_OPC_STORE, 2, rvc_rs1p(x), rvc_rs2p(x), rvc_uimm_clw(x));
}

static uint32_t rvc_sd(uint32_t x)
{
    return rvc_enc_s(RVC_OPC_STORE, 3, rvc_rs1p(x), rvc_rs2p(x), rvc_uimm_cld(x));
}

/* ---- quadrant 1 --------------------------------------------------------- */

/* c.addi and c.nop; every encoding is either the instruction or a HINT. */
static uint32_t rvc_addi(uint32_t x)
{
    return rvc_enc_i(RVC_OPC_OP_IMM, 0, rvc_rd(x), rvc_rd(x), rvc_imm_ci(x));
}

static uint32_t rvc_addiw(uint32_t x)
{
    if (rvc_rd(x) == RVC_REG_ZERO)
        return RVC_ILLEGAL;
    return rvc_enc_i(RVC_OPC_OP_IMM_32, 0, rvc_rd(x), rvc_rd(x), rvc_imm_ci(x));
}

static uint32_t rvc_li(uint32_t x)
{
    return rvc_enc_i(RVC_OPC_OP_IMM, 0, rvc_rd(x), RVC_REG_ZERO, rvc_imm_ci(x));
}

/* funct3=011 is c.addi16sp when rd=sp, c.lui otherwise. */
static uint32_t rvc_lui_addi16sp(uint32_t x)
{
    uint32_t rd = rvc_rd(x);
    if (rd == RVC_REG_SP) {
        int32_t imm = rvc_imm_addi16sp(x);
        if (imm == 0)
            return RVC_ILLEGAL;
        return rvc_enc_i(RVC_OPC_OP_IMM, 0, RVC_REG_SP, RVC_REG_SP, imm);
    }
    int32_t imm = rvc_imm_lui(x);
    if (imm == 0)
        return RVC_ILLEGAL;
    return ((uint32_t)imm & 0xfffff000u) | rd << 7 | RVC_OPC_LUI;
}

/* c.sub/c.xor/c.or/c.and (insn[12]=0), c.subw/c.addw (insn[12]=1). */
static uint32_t rvc_arith_reg(uint32_t x)
{
    static const struct {
        uint8_t opc, f3, f7;
    } ops[8] = {
        { RVC_OPC_OP, 0, 0x20 },    /* c.sub */
        { RVC_OPC_OP, 4, 0x00 },    /* c.xor */
        { RVC_OPC_OP, 6, 0x00 },    /* c.or */
        { RVC_OPC_OP, 7, 0x00 },    /* c.and */
        { RVC_OPC_OP_32, 0, 0x20 }, /* c.subw */
        { RVC_OPC_OP_32, 0, 0x00 }, /* c.addw */
        { 0, 0, 0 },                /* reserved */
        { 0, 0, 0 },                /* reserved */
    };
    unsigned idx = rvc_bit_to(x, 12, 2) | rvc_bits(x, 6, 5);
    if (ops[idx].opc == 0)
        return RVC_ILLEGAL;
    uint32_t r = rvc_rs1p(x);
    return rvc_enc_r(ops[idx].opc, ops[idx].f3, ops[idx].f7, r, r, rvc_rs2p(x));
}

/*
 * funct3=100: c.srli, c.srai, c.andi and the register-register group.
 * On RV64 shamt[5]=1 is legal and shamt=0 is a HINT, so no shift
 * encoding is reserved.
 */
static uint32_t rvc_misc_alu(uint32_t x)
{
    uint32_t r = rvc_rs1p(x);
    switch (rvc_bits(x, 11, 10)) {
    case 0:
        return rvc_enc_i(RVC_OPC_OP_IMM, 5, r, r, (int32_t)rvc_shamt(x));
    case 1:
        return rvc_enc_i(RVC_OPC_OP_IMM, 5, r, r, (int32_t)(0x400u | rvc_shamt(x)));
    case 2:
        return rvc_enc_i(RVC_OPC_OP_IMM, 7, r, r, rvc_imm_ci(x));
    default:
        return rvc_arith_reg(x);
    }
}

static uint32_t rvc_j(uint32_t x)
{
    return rvc_enc_j(RVC_REG_ZERO, rvc_imm_cj(x));
}

static uint32_t rvc_beqz(uint32_t x)
{
    return rvc_enc_b(0, rvc_rs1p(x), RVC_REG_ZERO, rvc_imm_cb(x));
}

static uint32_t rvc_bnez(uint32_t x)
{
    return rvc_enc_b(1, rvc_rs1p(x), RVC_REG_ZERO, rvc_imm_cb(x));
}

/* ---- quadrant 2 --------------------------------------------------------- */

static uint32_t rvc_slli(uint32_t x)
{
    return rvc_enc_i(RVC_OPC_OP_IMM, 1, rvc_rd(x), rvc_rd(x), (int32_t)rvc_shamt(x));
}

static uint32_t rvc_fldsp(uint32_t x)
{
    return rvc_enc_i(RVC_OPC_LOAD_FP, 3, rvc_rd(x), RVC_REG_SP, rvc_uimm_ldsp(x));
}

static uint32_t rvc_lwsp(uint32_t x)
{
    if (rvc_rd(x) == RVC_REG_ZERO)
        return RVC_ILLEGAL;
    return rvc_enc_i(RVC_OPC_LOAD, 2, rvc_rd(x), RVC_REG_SP, rvc_uimm_lwsp(x));
}

static uint32_t rvc_ldsp(uint32_t x)
{
    if (rvc_rd(x) == RVC_REG_ZERO)
        return RVC_ILLEGAL;
    return rvc_enc_i(RVC_OPC_LOAD, 3, rvc_rd(x), RVC_REG_SP, rvc_uimm_ldsp(x));
}

/* c.jr / c.mv (insn[12]=0); c.ebreak / c.jalr / c.add (insn[12]=1). */
static uint32_t rvc_jr_mv_add(uint32_t x)
{
    uint32_t rd = rvc_rd(x);
    uint32_t rs2 = rvc_rs2(x);
    int link = (int)rvc_bits(x, 12, 12);

    if (rs2 != RVC_REG_ZERO) {
        uint32_t rs1 = link ? rd : RVC_REG_ZERO; /* c.add : c.mv */
        return rvc_enc_r(RVC_OPC_OP, 0, 0, rd, rs1, rs2);
    }
    if (!link) {
        if (rd == RVC_REG_ZERO)
            return RVC_ILLEGAL; /* c.jr x0 is reserved */
        return rvc_enc_i(RVC_OPC_JALR, 0, RVC_REG_ZERO, rd, 0);
    }
    if (rd == RVC_REG_ZERO)
        return RVC_EBREAK;
    return rvc_enc_i(RVC_OPC_JALR, 0, RVC_REG_RA, rd, 0);
}

static uint32_t rvc_fsdsp(uint32_t x)
{
    return rvc_enc_s(RVC_OPC_STORE_FP, 3, RVC_REG_SP, rvc_rs2(x), rvc_uimm_sdsp(x));
}

static uint32_t rvc_swsp(uint32_t x)
{
    return rvc_enc_s(RVC_OPC_STORE, 2, RVC_REG_SP, rvc_rs2(x), rvc_uimm_swsp(x));
}

static uint32_t rvc_sdsp(uint32_t x)
{
    return rvc_enc_s(RVC_OPC_STORE, 3, RVC_REG_SP, rvc_rs2(x), rvc_uimm_sdsp(x));
}

/* ---- dispatch ------------------------------------------------------------ */

static const rvc_handler_fn RVC_HANDLERS[3][8] = {
    { rvc_addi4spn, rvc_fld, rvc_lw, rvc_ld,
      rvc_reserved, rvc_fsd, rvc_sw, rvc_sd },
    { rvc_addi, rvc_addiw, rvc_li, rvc_lui_addi16sp,
      rvc_misc_alu, rvc_j, rvc_beqz, rvc_bnez },
    { rvc_slli, rvc_fldsp, rvc_lwsp, rvc_ldsp,
      rvc_jr_mv_add, rvc_fsdsp, rvc_swsp, rvc_sdsp },
};

uint32_t rvc_expand(uint16_t insn)
{
    uint32_t x = insn;
    uint32_t quadrant = rvc_bits(x, 1, 0);
    if (quadrant == 3)
        return RVC_ILLEGAL;
    return RVC_HANDLERS[quadrant][rvc_bits(x, 15, 13)](x);
}
