/* F and D extensions: decode tables and handlers. The arithmetic itself is in fpu.c; handlers
 * only check that the FPU is on and the rounding mode is valid, move operands in and out of the
 * register files (NaN-boxing single-precision values) and account flags and mstatus.FS. */
#include "cpu/decode.h"
#include "cpu/fpu.h"
#include "cpu/hart.h"
#include "cpu/mmu.h"
#include "cpu/trap.h"
#include "util/util.h"

_Static_assert(FPU_NX == FFLAG_NX && FPU_UF == FFLAG_UF && FPU_OF == FFLAG_OF &&
                   FPU_DZ == FFLAG_DZ && FPU_NV == FFLAG_NV,
               "fpu.h flags must use the fflags layout");
_Static_assert((int)FPU_RNE == (int)RM_RNE && (int)FPU_RTZ == (int)RM_RTZ &&
                   (int)FPU_RDN == (int)RM_RDN && (int)FPU_RUP == (int)RM_RUP &&
                   (int)FPU_RMM == (int)RM_RMM,
               "fpu.h rounding modes must use the frm encoding");

#define SIGN_S 0x80000000ull
#define SIGN_D 0x8000000000000000ull
#define NAN_BOX 0xffffffff00000000ull

/* ---- register file access ---- */

/* A single-precision operand that is not properly NaN-boxed reads as the canonical NaN. */
static inline uint32_t f_get_s(const hart_t *h, unsigned r)
{
    uint64_t v = h->f[r];
    return likely((v & NAN_BOX) == NAN_BOX) ? (uint32_t)v : FPU_CNAN_S;
}

static inline void f_set_s(hart_t *h, unsigned r, uint32_t v)
{
    h->f[r] = NAN_BOX | v;
}

static inline uint64_t f_get_d(const hart_t *h, unsigned r)
{
    return h->f[r];
}

static inline void f_set_d(hart_t *h, unsigned r, uint64_t v)
{
    h->f[r] = v;
}

/* ---- common checks ---- */

static __attribute__((noinline, cold)) int fp_illegal(hart_t *h, const insn_t *in)
{
    return hart_trap_insn(h, in, EXC_ILLEGAL, in->raw);
}

/* Resolves the instruction's rounding mode (7 = frm). False when the FPU is off or the mode is
 * reserved (5, 6, or a dynamic mode with frm >= 5): the instruction is then illegal. */
static inline bool fp_ready_rm(const hart_t *h, const insn_t *in, unsigned *rm)
{
    unsigned r = in->aux == RM_DYN ? h->frm : in->aux;
    *rm = r;
    return hart_fp_enabled(h) && r <= RM_RMM;
}

/* For an instruction that writes no f register, after it accrued its flags into h->fflags
 * (directly: a local's address would keep the handler from tail-calling the next one): FS
 * only becomes dirty when fflags actually changed. */
static inline void fp_flags_changed(hart_t *h, uint32_t before)
{
    if (h->fflags != before)
        hart_fp_set_dirty(h);
}

#define FP_CHECK(h, in)                       \
    do {                                      \
        if (unlikely(!hart_fp_enabled(h)))    \
            return fp_illegal(h, in);         \
    } while (0)

#define FP_CHECK_RM(h, in, rm)                \
    unsigned rm;                              \
    do {                                      \
        if (unlikely(!fp_ready_rm(h, in, &rm))) \
            return fp_illegal(h, in);         \
    } while (0)

/* The value-producing operations below pass &h->fflags as the accrued flags (see fpu.h). */

/* ---- loads and stores (misaligned addresses are handled by the mmu helpers) ---- */

#define DEF_FP_LOAD(name, size, set)                                   \
    static int op_##name(hart_t *h, const insn_t *in)                  \
    {                                                                  \
        FP_CHECK(h, in);                                               \
        uint64_t v;                                                    \
        if (!mmu_load(h, h->x[in->rs1] + (uint64_t)in->imm, size, &v)) \
            return hart_raise(h, in);                                  \
        set(h, in->rd, v);                                             \
        hart_fp_set_dirty(h);                                          \
        return exec_next(h, in);                                       \
    }
DEF_FP_LOAD(flw, 4, f_set_s)
DEF_FP_LOAD(fld, 8, f_set_d)

/* fsw stores the low 32 bits as they are, boxed or not. */
#define DEF_FP_STORE(name, size)                                                 \
    static int op_##name(hart_t *h, const insn_t *in)                            \
    {                                                                            \
        FP_CHECK(h, in);                                                         \
        if (!mmu_store(h, h->x[in->rs1] + (uint64_t)in->imm, size, h->f[in->rs2])) \
            return hart_raise(h, in);                                            \
        return exec_next(h, in);                                                 \
    }
DEF_FP_STORE(fsw, 4)
DEF_FP_STORE(fsd, 8)

/* ---- arithmetic: P is the precision suffix, s or d ---- */

#define DEF_FP_BINOP(name, P, fn)                                                        \
    static int op_##name##_##P(hart_t *h, const insn_t *in)                              \
    {                                                                                    \
        FP_CHECK_RM(h, in, rm);                                                          \
        f_set_##P(h, in->rd,                                                             \
                  fn##_##P(f_get_##P(h, in->rs1), f_get_##P(h, in->rs2), rm, &h->fflags)); \
        hart_fp_set_dirty(h);                                                            \
        return exec_next(h, in);                                                         \
    }
#define DEF_FP_BINOPS(name, fn) DEF_FP_BINOP(name, s, fn) DEF_FP_BINOP(name, d, fn)
DEF_FP_BINOPS(fadd, fpu_add)
DEF_FP_BINOPS(fsub, fpu_sub)
DEF_FP_BINOPS(fmul, fpu_mul)
DEF_FP_BINOPS(fdiv, fpu_div)

#define DEF_FP_SQRT(P)                                                           \
    static int op_fsqrt_##P(hart_t *h, const insn_t *in)                         \
    {                                                                            \
        FP_CHECK_RM(h, in, rm);                                                  \
        f_set_##P(h, in->rd, fpu_sqrt_##P(f_get_##P(h, in->rs1), rm, &h->fflags)); \
        hart_fp_set_dirty(h);                                                    \
        return exec_next(h, in);                                                 \
    }
DEF_FP_SQRT(s)
DEF_FP_SQRT(d)

#define DEF_FP_FMA(name, P, neg)                                                          \
    static int op_##name##_##P(hart_t *h, const insn_t *in)                               \
    {                                                                                     \
        FP_CHECK_RM(h, in, rm);                                                           \
        f_set_##P(h, in->rd,                                                              \
                  fpu_fma_##P(f_get_##P(h, in->rs1), f_get_##P(h, in->rs2),               \
                              f_get_##P(h, in->rs3), neg, rm, &h->fflags));               \
        hart_fp_set_dirty(h);                                                             \
        return exec_next(h, in);                                                          \
    }
#define DEF_FP_FMAS(name, neg) DEF_FP_FMA(name, s, neg) DEF_FP_FMA(name, d, neg)
DEF_FP_FMAS(fmadd, 0)
DEF_FP_FMAS(fmsub, FPU_NEG_ADDEND)
DEF_FP_FMAS(fnmsub, FPU_NEG_PRODUCT)
DEF_FP_FMAS(fnmadd, FPU_NEG_PRODUCT | FPU_NEG_ADDEND)

/* ---- sign injection, min/max: no rounding mode ---- */

#define DEF_FP_SGNJ(name, P, SIGN, op)                                                   \
    static int op_##name##_##P(hart_t *h, const insn_t *in)                              \
    {                                                                                    \
        FP_CHECK(h, in);                                                                 \
        f_set_##P(h, in->rd,                                                             \
                  fpu_sgnj(f_get_##P(h, in->rs1), f_get_##P(h, in->rs2), SIGN, op));     \
        hart_fp_set_dirty(h);                                                            \
        return exec_next(h, in);                                                         \
    }
DEF_FP_SGNJ(fsgnj, s, SIGN_S, 0)
DEF_FP_SGNJ(fsgnjn, s, SIGN_S, 1)
DEF_FP_SGNJ(fsgnjx, s, SIGN_S, 2)
DEF_FP_SGNJ(fsgnj, d, SIGN_D, 0)
DEF_FP_SGNJ(fsgnjn, d, SIGN_D, 1)
DEF_FP_SGNJ(fsgnjx, d, SIGN_D, 2)

#define DEF_FP_MINMAX(name, P, fn)                                                       \
    static int op_##name##_##P(hart_t *h, const insn_t *in)                              \
    {                                                                                    \
        FP_CHECK(h, in);                                                                 \
        f_set_##P(h, in->rd, fn##_##P(f_get_##P(h, in->rs1), f_get_##P(h, in->rs2),     \
                                      &h->fflags));                                      \
        hart_fp_set_dirty(h);                                                            \
        return exec_next(h, in);                                                         \
    }
DEF_FP_MINMAX(fmin, s, fpu_min)
DEF_FP_MINMAX(fmax, s, fpu_max)
DEF_FP_MINMAX(fmin, d, fpu_min)
DEF_FP_MINMAX(fmax, d, fpu_max)

/* ---- results in integer registers ---- */

#define DEF_FP_CMP(name, P, fn)                                                          \
    static int op_##name##_##P(hart_t *h, const insn_t *in)                              \
    {                                                                                    \
        FP_CHECK(h, in);                                                                 \
        uint32_t before = h->fflags;                                                     \
        bool r = fn##_##P(f_get_##P(h, in->rs1), f_get_##P(h, in->rs2), &h->fflags);     \
        hart_set_x(h, in->rd, r);                                                        \
        fp_flags_changed(h, before);                                                     \
        return exec_next(h, in);                                                         \
    }
DEF_FP_CMP(feq, s, fpu_eq)
DEF_FP_CMP(flt, s, fpu_lt)
DEF_FP_CMP(fle, s, fpu_le)
DEF_FP_CMP(feq, d, fpu_eq)
DEF_FP_CMP(flt, d, fpu_lt)
DEF_FP_CMP(fle, d, fpu_le)

#define DEF_FP_CLASS(P)                                                   \
    static int op_fclass_##P(hart_t *h, const insn_t *in)                 \
    {                                                                     \
        FP_CHECK(h, in);                                                  \
        hart_set_x(h, in->rd, fpu_class_##P(f_get_##P(h, in->rs1)));      \
        return exec_next(h, in);                                          \
    }
DEF_FP_CLASS(s)
DEF_FP_CLASS(d)

#define DEF_FP_TO_INT(name, P, type)                                                     \
    static int op_##name(hart_t *h, const insn_t *in)                                    \
    {                                                                                    \
        FP_CHECK_RM(h, in, rm);                                                          \
        uint32_t before = h->fflags;                                                     \
        uint64_t v = fpu_to_int_##P(f_get_##P(h, in->rs1), type, rm, &h->fflags);        \
        hart_set_x(h, in->rd, v);                                                        \
        fp_flags_changed(h, before);                                                     \
        return exec_next(h, in);                                                         \
    }
DEF_FP_TO_INT(fcvt_w_s, s, FPU_W)
DEF_FP_TO_INT(fcvt_wu_s, s, FPU_WU)
DEF_FP_TO_INT(fcvt_l_s, s, FPU_L)
DEF_FP_TO_INT(fcvt_lu_s, s, FPU_LU)
DEF_FP_TO_INT(fcvt_w_d, d, FPU_W)
DEF_FP_TO_INT(fcvt_wu_d, d, FPU_WU)
DEF_FP_TO_INT(fcvt_l_d, d, FPU_L)
DEF_FP_TO_INT(fcvt_lu_d, d, FPU_LU)

/* fmv.x.w moves the low 32 bits, boxed or not, sign-extended. */
static int op_fmv_x_w(hart_t *h, const insn_t *in)
{
    FP_CHECK(h, in);
    hart_set_x(h, in->rd, (uint64_t)(int64_t)(int32_t)h->f[in->rs1]);
    return exec_next(h, in);
}

static int op_fmv_x_d(hart_t *h, const insn_t *in)
{
    FP_CHECK(h, in);
    hart_set_x(h, in->rd, h->f[in->rs1]);
    return exec_next(h, in);
}

/* ---- results in f registers from integer registers or the other precision ---- */

#define DEF_FP_FROM_INT(name, P, type)                                                   \
    static int op_##name(hart_t *h, const insn_t *in)                                    \
    {                                                                                    \
        FP_CHECK_RM(h, in, rm);                                                          \
        f_set_##P(h, in->rd, fpu_from_int_##P(h->x[in->rs1], type, rm, &h->fflags));     \
        hart_fp_set_dirty(h);                                                            \
        return exec_next(h, in);                                                         \
    }
DEF_FP_FROM_INT(fcvt_s_w, s, FPU_W)
DEF_FP_FROM_INT(fcvt_s_wu, s, FPU_WU)
DEF_FP_FROM_INT(fcvt_s_l, s, FPU_L)
DEF_FP_FROM_INT(fcvt_s_lu, s, FPU_LU)
DEF_FP_FROM_INT(fcvt_d_w, d, FPU_W)
DEF_FP_FROM_INT(fcvt_d_wu, d, FPU_WU)
DEF_FP_FROM_INT(fcvt_d_l, d, FPU_L)
DEF_FP_FROM_INT(fcvt_d_lu, d, FPU_LU)

static int op_fcvt_s_d(hart_t *h, const insn_t *in)
{
    FP_CHECK_RM(h, in, rm);
    f_set_s(h, in->rd, fpu_cvt_s_d(f_get_d(h, in->rs1), rm, &h->fflags));
    hart_fp_set_dirty(h);
    return exec_next(h, in);
}

/* Exact, but its rm field is still decoded: a reserved mode makes it illegal. */
static int op_fcvt_d_s(hart_t *h, const insn_t *in)
{
    FP_CHECK_RM(h, in, rm);
    (void)rm;
    f_set_d(h, in->rd, fpu_cvt_d_s(f_get_s(h, in->rs1), &h->fflags));
    hart_fp_set_dirty(h);
    return exec_next(h, in);
}

static int op_fmv_w_x(hart_t *h, const insn_t *in)
{
    FP_CHECK(h, in);
    f_set_s(h, in->rd, (uint32_t)h->x[in->rs1]);
    hart_fp_set_dirty(h);
    return exec_next(h, in);
}

static int op_fmv_d_x(hart_t *h, const insn_t *in)
{
    FP_CHECK(h, in);
    f_set_d(h, in->rd, h->x[in->rs1]);
    hart_fp_set_dirty(h);
    return exec_next(h, in);
}

/* ---- decode tables ----
 * Masks cover every fixed field, so reserved encodings (fmt H/Q, nonzero rs2 where rs2 selects
 * nothing, undefined funct3 values) match nothing and decode as illegal. A funct3 that is a
 * rounding mode is left out of the mask: reserved modes trap at execution, as frm can change. */

#define MASK_MEM 0x0000707fu    /* opcode, funct3 */
#define MASK_R4 0x0600007fu     /* opcode, fmt */
#define MASK_RM 0xfe00007fu     /* opcode, funct5, fmt */
#define MASK_RS2_RM 0xfff0007fu /* + rs2 */
#define MASK_F3 0xfe00707fu     /* opcode, funct5, fmt, funct3 */
#define MASK_RS2_F3 0xfff0707fu /* + rs2 */

enum { FMT_SINGLE = 0, FMT_DOUBLE = 1 };

#define MEM_MATCH(opcode, width) (((uint32_t)(width) << 12) | (opcode))
#define R4_MATCH(opcode, fmt) (((uint32_t)(fmt) << 25) | (opcode))
#define OP_MATCH(funct5, fmt, rs2, funct3) \
    (((uint32_t)(funct5) << 27) | ((uint32_t)(fmt) << 25) | ((uint32_t)(rs2) << 20) | \
     ((uint32_t)(funct3) << 12) | 0x53u)

#define PAT(mask, match, fn, fmt) {(mask), (match), (fn), (fmt), KIND_NORMAL, JOP_NONE}
#define PATJ(mask, match, fn, fmt, jop) {(mask), (match), (fn), (fmt), KIND_NORMAL, jop}

static const decode_pat_t fp_load_pats[] = {
    PATJ(MASK_MEM, MEM_MATCH(0x07, 2), op_flw, FMT_I, JOP_FLW),
    PATJ(MASK_MEM, MEM_MATCH(0x07, 3), op_fld, FMT_I, JOP_FLD),
};

static const decode_pat_t fp_store_pats[] = {
    PATJ(MASK_MEM, MEM_MATCH(0x27, 2), op_fsw, FMT_S, JOP_FSW),
    PATJ(MASK_MEM, MEM_MATCH(0x27, 3), op_fsd, FMT_S, JOP_FSD),
};

#define FMA_PATS(opcode, name)                                                \
    static const decode_pat_t name##_pats[] = {                               \
        PAT(MASK_R4, R4_MATCH(opcode, FMT_SINGLE), op_##name##_s, FMT_R4),    \
        PAT(MASK_R4, R4_MATCH(opcode, FMT_DOUBLE), op_##name##_d, FMT_R4),    \
    };
FMA_PATS(0x43, fmadd)
FMA_PATS(0x47, fmsub)
FMA_PATS(0x4b, fnmsub)
FMA_PATS(0x4f, fnmadd)

/* Both precisions of one OP-FP instruction. */
#define OP_PATS(mask, funct5, rs2, funct3, name, fmt)                                        \
    PAT(mask, OP_MATCH(funct5, FMT_SINGLE, rs2, funct3), op_##name##_s, fmt),               \
        PAT(mask, OP_MATCH(funct5, FMT_DOUBLE, rs2, funct3), op_##name##_d, fmt)

static const decode_pat_t fp_op_pats[] = {
    OP_PATS(MASK_RM, 0x00, 0, 0, fadd, FMT_R),
    OP_PATS(MASK_RM, 0x01, 0, 0, fsub, FMT_R),
    OP_PATS(MASK_RM, 0x02, 0, 0, fmul, FMT_R),
    OP_PATS(MASK_RM, 0x03, 0, 0, fdiv, FMT_R),
    OP_PATS(MASK_RS2_RM, 0x0b, 0, 0, fsqrt, FMT_R),
    OP_PATS(MASK_F3, 0x04, 0, 0, fsgnj, FMT_R),
    OP_PATS(MASK_F3, 0x04, 0, 1, fsgnjn, FMT_R),
    OP_PATS(MASK_F3, 0x04, 0, 2, fsgnjx, FMT_R),
    OP_PATS(MASK_F3, 0x05, 0, 0, fmin, FMT_R),
    OP_PATS(MASK_F3, 0x05, 0, 1, fmax, FMT_R),
    OP_PATS(MASK_F3, 0x14, 0, 2, feq, FMT_R),
    OP_PATS(MASK_F3, 0x14, 0, 1, flt, FMT_R),
    OP_PATS(MASK_F3, 0x14, 0, 0, fle, FMT_R),
    OP_PATS(MASK_RS2_F3, 0x1c, 0, 1, fclass, FMT_R),
    PAT(MASK_RS2_RM, OP_MATCH(0x18, FMT_SINGLE, 0, 0), op_fcvt_w_s, FMT_R),
    PAT(MASK_RS2_RM, OP_MATCH(0x18, FMT_SINGLE, 1, 0), op_fcvt_wu_s, FMT_R),
    PAT(MASK_RS2_RM, OP_MATCH(0x18, FMT_SINGLE, 2, 0), op_fcvt_l_s, FMT_R),
    PAT(MASK_RS2_RM, OP_MATCH(0x18, FMT_SINGLE, 3, 0), op_fcvt_lu_s, FMT_R),
    PAT(MASK_RS2_RM, OP_MATCH(0x18, FMT_DOUBLE, 0, 0), op_fcvt_w_d, FMT_R),
    PAT(MASK_RS2_RM, OP_MATCH(0x18, FMT_DOUBLE, 1, 0), op_fcvt_wu_d, FMT_R),
    PAT(MASK_RS2_RM, OP_MATCH(0x18, FMT_DOUBLE, 2, 0), op_fcvt_l_d, FMT_R),
    PAT(MASK_RS2_RM, OP_MATCH(0x18, FMT_DOUBLE, 3, 0), op_fcvt_lu_d, FMT_R),
    PAT(MASK_RS2_RM, OP_MATCH(0x1a, FMT_SINGLE, 0, 0), op_fcvt_s_w, FMT_R),
    PAT(MASK_RS2_RM, OP_MATCH(0x1a, FMT_SINGLE, 1, 0), op_fcvt_s_wu, FMT_R),
    PAT(MASK_RS2_RM, OP_MATCH(0x1a, FMT_SINGLE, 2, 0), op_fcvt_s_l, FMT_R),
    PAT(MASK_RS2_RM, OP_MATCH(0x1a, FMT_SINGLE, 3, 0), op_fcvt_s_lu, FMT_R),
    PAT(MASK_RS2_RM, OP_MATCH(0x1a, FMT_DOUBLE, 0, 0), op_fcvt_d_w, FMT_R),
    PAT(MASK_RS2_RM, OP_MATCH(0x1a, FMT_DOUBLE, 1, 0), op_fcvt_d_wu, FMT_R),
    PAT(MASK_RS2_RM, OP_MATCH(0x1a, FMT_DOUBLE, 2, 0), op_fcvt_d_l, FMT_R),
    PAT(MASK_RS2_RM, OP_MATCH(0x1a, FMT_DOUBLE, 3, 0), op_fcvt_d_lu, FMT_R),
    /* fcvt.s.d: fmt = S, rs2 = D; fcvt.d.s: fmt = D, rs2 = S */
    PAT(MASK_RS2_RM, OP_MATCH(0x08, FMT_SINGLE, FMT_DOUBLE, 0), op_fcvt_s_d, FMT_R),
    PAT(MASK_RS2_RM, OP_MATCH(0x08, FMT_DOUBLE, FMT_SINGLE, 0), op_fcvt_d_s, FMT_R),
    PAT(MASK_RS2_F3, OP_MATCH(0x1c, FMT_SINGLE, 0, 0), op_fmv_x_w, FMT_R),
    PAT(MASK_RS2_F3, OP_MATCH(0x1c, FMT_DOUBLE, 0, 0), op_fmv_x_d, FMT_R),
    PAT(MASK_RS2_F3, OP_MATCH(0x1e, FMT_SINGLE, 0, 0), op_fmv_w_x, FMT_R),
    PAT(MASK_RS2_F3, OP_MATCH(0x1e, FMT_DOUBLE, 0, 0), op_fmv_d_x, FMT_R),
};

const decode_table_t decode_fp_load = DECODE_TABLE(fp_load_pats);
const decode_table_t decode_fp_store = DECODE_TABLE(fp_store_pats);
const decode_table_t decode_fp_madd = DECODE_TABLE(fmadd_pats);
const decode_table_t decode_fp_msub = DECODE_TABLE(fmsub_pats);
const decode_table_t decode_fp_nmsub = DECODE_TABLE(fnmsub_pats);
const decode_table_t decode_fp_nmadd = DECODE_TABLE(fnmadd_pats);
const decode_table_t decode_fp_op = DECODE_TABLE(fp_op_pats);
