#include "cpu/decode.h"

#include "cpu/decode_tables.h"
#include "cpu/hart.h"
#include "cpu/rvc.h"
#include "cpu/trap.h"
#include "util/util.h"

int op_illegal(hart_t *h, const insn_t *in)
{
    return hart_trap_insn(h, in, EXC_ILLEGAL, in->raw);
}

static const decode_table_t *const major_tables[32] = {
    [0x03 >> 2] = &decode_mem_load,    [0x07 >> 2] = &decode_fp_load,
    [0x0f >> 2] = &decode_sys_miscmem, [0x13 >> 2] = &decode_int_opimm,
    [0x17 >> 2] = &decode_int_auipc,   [0x1b >> 2] = &decode_int_opimm32,
    [0x23 >> 2] = &decode_mem_store,   [0x27 >> 2] = &decode_fp_store,
    [0x2f >> 2] = &decode_mem_amo,     [0x33 >> 2] = &decode_int_op,
    [0x37 >> 2] = &decode_int_lui,     [0x3b >> 2] = &decode_int_op32,
    [0x43 >> 2] = &decode_fp_madd,     [0x47 >> 2] = &decode_fp_msub,
    [0x4b >> 2] = &decode_fp_nmsub,    [0x4f >> 2] = &decode_fp_nmadd,
    [0x53 >> 2] = &decode_fp_op,       [0x63 >> 2] = &decode_int_branch,
    [0x67 >> 2] = &decode_int_jalr,    [0x6f >> 2] = &decode_int_jal,
    [0x73 >> 2] = &decode_sys_system,
};

static int64_t imm_s(uint32_t r)
{
    return sext((bits(r, 31, 25) << 5) | bits(r, 11, 7), 12);
}

static int64_t imm_b(uint32_t r)
{
    return sext((bits(r, 31, 31) << 12) | (bits(r, 7, 7) << 11) | (bits(r, 30, 25) << 5) |
                    (bits(r, 11, 8) << 1), 13);
}

static int64_t imm_j(uint32_t r)
{
    return sext((bits(r, 31, 31) << 20) | (bits(r, 19, 12) << 12) | (bits(r, 20, 20) << 11) |
                    (bits(r, 30, 21) << 1), 21);
}

static void extract_operands(insn_t *in, uint32_t r, insn_fmt_t fmt)
{
    in->rd = (uint8_t)bits(r, 11, 7);
    in->rs1 = (uint8_t)bits(r, 19, 15);
    in->rs2 = (uint8_t)bits(r, 24, 20);
    in->rs3 = (uint8_t)bits(r, 31, 27);
    in->aux = (uint8_t)bits(r, 14, 12);
    switch (fmt) {
    case FMT_I: in->imm = sext(bits(r, 31, 20), 12); break;
    case FMT_S: in->imm = imm_s(r); break;
    case FMT_B: in->imm = imm_b(r); break;
    case FMT_U: in->imm = sext(r & 0xfffff000u, 32); break;
    case FMT_J: in->imm = imm_j(r); break;
    case FMT_SHAMT: in->imm = (int64_t)bits(r, 25, 20); break;
    case FMT_CSR: in->imm = (int64_t)bits(r, 31, 20); break;
    default: in->imm = 0; break;
    }
}

static const decode_pat_t *find_pattern(uint32_t r)
{
    if ((r & 3) != 3)
        return NULL;
    const decode_table_t *t = major_tables[bits(r, 6, 2)];
    if (!t)
        return NULL;
    for (size_t i = 0; i < t->count; i++)
        if ((r & t->pats[i].mask) == t->pats[i].match)
            return &t->pats[i];
    return NULL;
}

insn_kind_t decode_insn(insn_t *in, uint32_t raw, unsigned len)
{
    uint32_t r = len == 2 ? rvc_expand((uint16_t)raw) : raw;
    in->raw = raw;
    in->len = (uint8_t)len;
    const decode_pat_t *p = r ? find_pattern(r) : NULL;
    if (!p) {
        extract_operands(in, 0, FMT_NONE);
        in->fn = op_illegal;
        in->jop = JOP_NONE;
        return KIND_JUMP;
    }
    extract_operands(in, r, (insn_fmt_t)p->fmt);
    in->fn = p->fn;
    in->jop = p->jop;
    return (insn_kind_t)p->kind;
}
