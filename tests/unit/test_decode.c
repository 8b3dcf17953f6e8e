/*
 * test_decode.c - unit tests for decode_insn() together with the integer, memory and system
 * handlers it selects.
 *
 * The handlers are static, so instead of comparing function pointers each test decodes an
 * instruction and runs it on a real hart (M-mode, bare translation, 64 KiB of RAM at
 * 0x80000000), then checks registers, pc and trap state. Literal encodings marked "as:" were
 * produced with `riscv64-linux-gnu-as -march=rv64gc_zba_zbb_zbs` and read back with
 * `riscv64-linux-gnu-objdump -d -M no-aliases`; the table-driven ALU cases use the encoders
 * below, which were checked against the same assembler.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/decode.h"
#include "cpu/hart.h"
#include "mem/phys.h"
#include "util/log.h"

#define RAM_BASE 0x80000000ULL
#define RAM_SIZE 0x10000ULL
#define PC0 (RAM_BASE + 0x100)
#define TRAP_VEC (RAM_BASE + 0x800)
#define DATA (RAM_BASE + 0x4000)
#define JUNK 0xdeadbeefcafef00dULL

/* Operand registers of the table-driven cases: rd = a0, rs1 = a1, rs2 = a2. */
enum { RD = 10, RS1 = 11, RS2 = 12 };

typedef struct {
    phys_map_t phys;
    log_ctx_t log;
    hart_t hart;
} rig_t;

static int rig_setup(void **state)
{
    rig_t *rig = calloc(1, sizeof(*rig));
    assert_non_null(rig);
    phys_init(&rig->phys);
    assert_non_null(phys_add_ram(&rig->phys, "ram", RAM_BASE, RAM_SIZE, false));
    log_init(&rig->log);
    hart_init(&rig->hart, 0, NULL, &rig->phys, NULL, &rig->log, 0);
    hart_reset(&rig->hart, PC0);
    rig->hart.mtvec = TRAP_VEC;
    *state = rig;
    return 0;
}

static int rig_teardown(void **state)
{
    rig_t *rig = *state;
    phys_destroy(&rig->phys);
    free(rig);
    return 0;
}

static hart_t *rig_hart(void **state)
{
    return &((rig_t *)*state)->hart;
}

static uint8_t *rig_ram(void **state, uint64_t pa, uint64_t len)
{
    uint8_t *p = phys_ram_ptr(&((rig_t *)*state)->phys, pa, len);
    assert_non_null(p);
    return p;
}

/* Encoders (field layouts of the unprivileged spec, chapter 2). Macros, so that the case tables
 * below stay constant initializers. */
#define ENC_R(f7, rs2, rs1, f3, rd, opc)                                                       \
    (((uint32_t)(f7) << 25) | ((uint32_t)(rs2) << 20) | ((uint32_t)(rs1) << 15) |             \
     ((uint32_t)(f3) << 12) | ((uint32_t)(rd) << 7) | (uint32_t)(opc))
#define ENC_I(imm, rs1, f3, rd, opc)                                                           \
    ((((uint32_t)(imm) & 0xfff) << 20) | ((uint32_t)(rs1) << 15) | ((uint32_t)(f3) << 12) |  \
     ((uint32_t)(rd) << 7) | (uint32_t)(opc))
/* a0 <- a1 op a2 */
#define RR(f7, f3, opc) ENC_R(f7, RS2, RS1, f3, RD, opc)
/* a0 <- a1 op imm (the raw 12-bit immediate field, funct6/7 included) */
#define RI(imm12, f3, opc) ENC_I(imm12, RS1, f3, RD, opc)

static uint32_t enc_b(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t f3)
{
    uint32_t u = (uint32_t)imm;
    return (((u >> 12) & 1) << 31) | (((u >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) |
           (f3 << 12) | (((u >> 1) & 0xf) << 8) | (((u >> 11) & 1) << 7) | 0x63;
}

static uint32_t enc_j(int32_t imm, uint32_t rd)
{
    uint32_t u = (uint32_t)imm;
    return (((u >> 20) & 1) << 31) | (((u >> 1) & 0x3ff) << 21) | (((u >> 11) & 1) << 20) |
           (((u >> 12) & 0xff) << 12) | (rd << 7) | 0x6f;
}

/* Stands after the instruction under test: handlers that continue the block tail-call the
 * next instruction, so this one ends the run and reports "continued". */
static int stop_after(hart_t *h, const insn_t *in)
{
    h->exit_insn = in;
    return EXEC_NEXT;
}

/* Runs a decoded instruction as if it were followed by more of its block. */
static int run_insn(hart_t *h, const insn_t *in)
{
    insn_t pair[2];
    pair[0] = *in;
    memset(&pair[1], 0, sizeof(pair[1]));
    pair[1].fn = stop_after;
    return pair[0].fn(h, pair);
}

/* Decodes raw as the first instruction of a block at h->pc and runs it. */
static int exec_raw(hart_t *h, uint32_t raw, unsigned len, insn_t *in)
{
    memset(in, 0, sizeof(*in));
    decode_insn(in, raw, len);
    in->off = 0;
    assert_non_null(in->fn);
    return run_insn(h, in);
}

static insn_t decode_only(uint32_t raw, unsigned len, insn_kind_t *kind)
{
    insn_t in;
    memset(&in, 0xa5, sizeof(in)); /* the decoder must set every field it promises */
    insn_kind_t k = decode_insn(&in, raw, len);
    if (kind)
        *kind = k;
    return in;
}

/* ---- table-driven ALU cases: decode + handler ---- */

typedef struct {
    const char *name;
    uint32_t raw;
    uint64_t a, b, expect;
} alu_case_t;

static void run_alu_cases(void **state, const alu_case_t *cases, size_t n)
{
    hart_t *h = rig_hart(state);
    for (size_t i = 0; i < n; i++) {
        const alu_case_t *c = &cases[i];
        insn_t in;
        h->pc = PC0;
        h->x[RD] = JUNK;
        h->x[RS1] = c->a;
        h->x[RS2] = c->b;
        int st = exec_raw(h, c->raw, 4, &in);
        if (st != EXEC_NEXT || h->x[RD] != c->expect || h->pc != PC0)
            fail_msg("%s (%#010x): a=%#" PRIx64 " b=%#" PRIx64 ": got %#" PRIx64 " status %d,"
                     " want %#" PRIx64, c->name, c->raw, c->a, c->b, h->x[RD], st, c->expect);
    }
}

#define OP 0x33
#define OP32 0x3b
#define OPIMM 0x13
#define OPIMM32 0x1b
#define I64MIN 0x8000000000000000ULL
#define I64MAX 0x7fffffffffffffffULL
#define ONES (~0ULL)
#define W32MIN 0xffffffff80000000ULL /* sign-extended INT32_MIN */

static const alu_case_t RV64I_CASES[] = {
    {"add overflow", RR(0x00, 0, OP), I64MAX, 1, I64MIN},
    {"sub borrow", RR(0x20, 0, OP), 0, 1, ONES},
    {"sll masks shamt to 6 bits", RR(0x00, 1, OP), 1, 64 + 3, 8},
    {"slt signed", RR(0x00, 2, OP), ONES, 0, 1},
    {"sltu unsigned", RR(0x00, 3, OP), ONES, 0, 0},
    {"xor", RR(0x00, 4, OP), 0xff00, 0x0ff0, 0xf0f0},
    {"srl logical", RR(0x00, 5, OP), I64MIN, 63, 1},
    {"sra arithmetic", RR(0x20, 5, OP), I64MIN, 63, ONES},
    {"or", RR(0x00, 6, OP), 0xf0, 0x0f, 0xff},
    {"and", RR(0x00, 7, OP), 0xf0, 0x3c, 0x30},
    {"addi -2048", RI(0x800, 0, OPIMM), 0, 0, (uint64_t)-2048},
    {"addi 2047", RI(0x7ff, 0, OPIMM), 1, 0, 2048},
    {"slti signed imm", RI(-4, 2, OPIMM), (uint64_t)-5, 0, 1},
    {"sltiu -1 is all ones", RI(0xfff, 3, OPIMM), 0x10000, 0, 1},
    {"sltiu equal", RI(5, 3, OPIMM), 5, 0, 0},
    {"xori -1 is not", RI(0xfff, 4, OPIMM), 0x1234, 0, ~0x1234ULL},
    {"ori", RI(0x0f0, 6, OPIMM), 0x00f, 0, 0x0ff},
    {"andi sign-extended", RI(0x800, 7, OPIMM), ONES, 0, 0xfffffffffffff800ULL},
    {"slli 63", RI(63, 1, OPIMM), 1, 0, I64MIN},
    {"srli 63", RI(63, 5, OPIMM), I64MIN, 0, 1},
    {"srli 32", RI(32, 5, OPIMM), ONES, 0, 0xffffffffULL},
    {"srai 63", RI(0x400 | 63, 5, OPIMM), I64MIN, 0, ONES},
    {"srai 1", RI(0x400 | 1, 5, OPIMM), (uint64_t)-4, 0, (uint64_t)-2},
};

static const alu_case_t RV64I_W_CASES[] = {
    {"addw wraps and sign-extends", RR(0x00, 0, OP32), 0x7fffffff, 1, W32MIN},
    {"addw ignores upper bits", RR(0x00, 0, OP32), 0x1234500000001ULL, 0xff00000000000002ULL, 3},
    {"subw", RR(0x20, 0, OP32), 0, 1, ONES},
    {"sllw to bit 31", RR(0x00, 1, OP32), 1, 31, W32MIN},
    {"sllw masks shamt to 5 bits", RR(0x00, 1, OP32), 1, 32, 1},
    {"srlw by 0 sign-extends bit 31", RR(0x00, 5, OP32), 0x80000000, 0, W32MIN},
    {"srlw zero-fills from bit 31", RR(0x00, 5, OP32), 0xffffffff80000000ULL, 1, 0x40000000},
    {"sraw", RR(0x20, 5, OP32), 0x80000000, 4, 0xfffffffff8000000ULL},
    {"addiw -1", RI(0xfff, 0, OPIMM32), 0, 0, ONES},
    {"addiw 0 is sext.w", RI(0, 0, OPIMM32), 0x00000000ffffffffULL, 0, ONES},
    {"slliw 31", RI(31, 1, OPIMM32), 1, 0, W32MIN},
    {"srliw 0 sign-extends", RI(0, 5, OPIMM32), 0x80000000, 0, W32MIN},
    {"srliw 31", RI(31, 5, OPIMM32), 0x80000000, 0, 1},
    {"sraiw 31", RI(0x400 | 31, 5, OPIMM32), 0x80000000, 0, ONES},
};

static const alu_case_t M_CASES[] = {
    {"mul low", RR(0x01, 0, OP), ONES, ONES, 1},
    {"mulh -1*-1", RR(0x01, 1, OP), ONES, ONES, 0},
    {"mulh min*min", RR(0x01, 1, OP), I64MIN, I64MIN, 0x4000000000000000ULL},
    {"mulh -2*3", RR(0x01, 1, OP), (uint64_t)-2, 3, ONES},
    {"mulhsu -1*(2^64-1)", RR(0x01, 2, OP), ONES, ONES, ONES},
    {"mulhsu min*(2^64-1)", RR(0x01, 2, OP), I64MIN, ONES, I64MIN},
    {"mulhsu 2*(2^64-1)", RR(0x01, 2, OP), 2, ONES, 1},
    {"mulhu", RR(0x01, 3, OP), ONES, ONES, 0xfffffffffffffffeULL},
    {"div truncates", RR(0x01, 4, OP), (uint64_t)-7, 2, (uint64_t)-3},
    {"div by zero", RR(0x01, 4, OP), 42, 0, ONES},
    {"div overflow", RR(0x01, 4, OP), I64MIN, ONES, I64MIN},
    {"divu", RR(0x01, 5, OP), ONES, 2, I64MAX},
    {"divu by zero", RR(0x01, 5, OP), 42, 0, ONES},
    {"rem sign of dividend", RR(0x01, 6, OP), (uint64_t)-7, 2, ONES},
    {"rem by zero", RR(0x01, 6, OP), (uint64_t)-42, 0, (uint64_t)-42},
    {"rem overflow", RR(0x01, 6, OP), I64MIN, ONES, 0},
    {"remu", RR(0x01, 7, OP), ONES, 10, 5},
    {"remu by zero", RR(0x01, 7, OP), 42, 0, 42},
    {"mulw sign-extends", RR(0x01, 0, OP32), 0x8000, 0x10000, W32MIN},
    {"mulw ignores upper bits", RR(0x01, 0, OP32), 0x100000003ULL, 0x200000005ULL, 15},
    {"divw overflow", RR(0x01, 4, OP32), 0x80000000, 0xffffffff, W32MIN},
    {"divw uses low words", RR(0x01, 4, OP32), 0x100000006ULL, 0xf00000002ULL, 3},
    {"divw by zero", RR(0x01, 4, OP32), 5, 0x100000000ULL, ONES},
    {"divuw result sign-extended", RR(0x01, 5, OP32), 0xffffffff, 1, ONES},
    {"divuw by zero", RR(0x01, 5, OP32), 5, 0, ONES},
    {"remw overflow", RR(0x01, 6, OP32), 0x80000000, 0xffffffff, 0},
    {"remw by zero sign-extends dividend", RR(0x01, 6, OP32), 0x80000000, 0, W32MIN},
    {"remw negative", RR(0x01, 6, OP32), (uint64_t)-7, 2, ONES},
    {"remuw", RR(0x01, 7, OP32), 0x80000005, 0x10, 5},
    {"remuw by zero sign-extends dividend", RR(0x01, 7, OP32), 0x80000005, 0,
     0xffffffff80000005ULL},
};

static const alu_case_t B_CASES[] = {
    /* Zba */
    {"sh1add", RR(0x10, 2, OP), 3, 100, 106},
    {"sh2add", RR(0x10, 4, OP), 3, 100, 112},
    {"sh3add", RR(0x10, 6, OP), 3, 100, 124},
    {"add.uw", RR(0x04, 0, OP32), 0xffffffff80000000ULL, 1, 0x80000001},
    {"sh1add.uw", RR(0x10, 2, OP32), 0xffffffff80000000ULL, 1, 0x100000001ULL},
    {"sh3add.uw", RR(0x10, 6, OP32), 0xffffffffffffffffULL, 0, 0x7fffffff8ULL},
    {"slli.uw", RI(0x080 | 4, 1, OPIMM32), 0xffffffff80000001ULL, 0, 0x800000010ULL},
    {"slli.uw 63", RI(0x080 | 63, 1, OPIMM32), 1, 0, I64MIN},
    /* Zbb */
    {"andn", RR(0x20, 7, OP), 0xff, 0x0f, 0xf0},
    {"orn", RR(0x20, 6, OP), 0, ONES - 1, 1},
    {"xnor", RR(0x20, 4, OP), 0xf0, 0xff, ~0x0fULL},
    {"max signed", RR(0x05, 6, OP), ONES, 1, 1},
    {"maxu", RR(0x05, 7, OP), ONES, 1, ONES},
    {"min signed", RR(0x05, 4, OP), ONES, 1, ONES},
    {"minu", RR(0x05, 5, OP), ONES, 1, 1},
    {"rol", RR(0x30, 1, OP), I64MIN | 1, 4, 0x18},
    {"rol by 64 is identity", RR(0x30, 1, OP), 0x1234, 64, 0x1234},
    {"ror", RR(0x30, 5, OP), 0x1, 1, I64MIN},
    {"rolw sign-extends", RR(0x30, 1, OP32), 0x40000000, 1, W32MIN},
    {"rorw", RR(0x30, 5, OP32), 0xffffffff00000001ULL, 1, W32MIN},
    {"rori 63", RI(0x600 | 63, 5, OPIMM), 1, 0, 2},
    {"roriw 31", RI(0x600 | 31, 5, OPIMM32), 1, 0, 2},
    {"clz 0", RI(0x600, 1, OPIMM), 0, 0, 64},
    {"clz 1", RI(0x600, 1, OPIMM), 1, 0, 63},
    {"ctz 0", RI(0x601, 1, OPIMM), 0, 0, 64},
    {"ctz", RI(0x601, 1, OPIMM), 0x100, 0, 8},
    {"cpop", RI(0x602, 1, OPIMM), ONES, 0, 64},
    {"clzw 0", RI(0x600, 1, OPIMM32), 0xffffffff00000000ULL, 0, 32},
    {"clzw", RI(0x600, 1, OPIMM32), 0x10000, 0, 15},
    {"ctzw 0", RI(0x601, 1, OPIMM32), 0x100000000ULL, 0, 32},
    {"cpopw", RI(0x602, 1, OPIMM32), ONES, 0, 32},
    {"sext.b", RI(0x604, 1, OPIMM), 0x1280, 0, 0xffffffffffffff80ULL},
    {"sext.h", RI(0x605, 1, OPIMM), 0x18000, 0, 0xffffffffffff8000ULL},
    {"zext.h", ENC_R(0x04, 0, RS1, 4, RD, OP32), ONES, 0, 0xffff},
    {"orc.b", RI(0x287, 5, OPIMM), 0x0100000000008001ULL, 0, 0xff0000000000ffffULL},
    {"rev8", RI(0x6b8, 5, OPIMM), 0x0102030405060708ULL, 0, 0x0807060504030201ULL},
    /* Zbs */
    {"bset 63", RR(0x14, 1, OP), 0, 63, I64MIN},
    {"bset masks index", RR(0x14, 1, OP), 0, 64 + 1, 2},
    {"bclr", RR(0x24, 1, OP), ONES, 0, ONES - 1},
    {"binv", RR(0x34, 1, OP), 0, 5, 32},
    {"bext", RR(0x24, 5, OP), I64MIN, 63, 1},
    {"bseti 63", RI(0x280 | 63, 1, OPIMM), 0, 0, I64MIN},
    {"bclri 63", RI(0x480 | 63, 1, OPIMM), ONES, 0, I64MAX},
    {"binvi 32", RI(0x680 | 32, 1, OPIMM), 0, 0, 0x100000000ULL},
    {"bexti 33", RI(0x480 | 33, 5, OPIMM), 0x200000000ULL, 0, 1},
};

static void test_rv64i_alu(void **state)
{
    run_alu_cases(state, RV64I_CASES, sizeof(RV64I_CASES) / sizeof(RV64I_CASES[0]));
}

static void test_rv64i_word_forms(void **state)
{
    run_alu_cases(state, RV64I_W_CASES, sizeof(RV64I_W_CASES) / sizeof(RV64I_W_CASES[0]));
}

static void test_m_extension(void **state)
{
    run_alu_cases(state, M_CASES, sizeof(M_CASES) / sizeof(M_CASES[0]));
}

static void test_bitmanip(void **state)
{
    run_alu_cases(state, B_CASES, sizeof(B_CASES) / sizeof(B_CASES[0]));
}

/* ---- operand extraction per format ---- */

static void test_fmt_r(void **state)
{
    (void)state;
    insn_kind_t k;
    insn_t in = decode_only(ENC_R(0x20, 31, 17, 0, 1, OP), 4, &k); /* sub ra, a7, t6 */
    assert_int_equal(in.rd, 1);
    assert_int_equal(in.rs1, 17);
    assert_int_equal(in.rs2, 31);
    assert_int_equal(in.len, 4);
    assert_int_equal(in.raw, ENC_R(0x20, 31, 17, 0, 1, OP));
    assert_int_equal(k, KIND_NORMAL);
}

static void test_fmt_i_limits(void **state)
{
    static const struct {
        uint32_t raw;
        int64_t imm;
    } cases[] = {
        {0x7ff58513, 2047},  /* as: addi a0,a1,2047 */
        {0x80058513, -2048}, /* as: addi a0,a1,-2048 */
        {0xfff58513, -1},    /* as: addi a0,a1,-1 */
        {0x800080e7, -2048}, /* as: jalr ra,-2048(ra) */
        {0x7ff58067, 2047},  /* as: jalr zero,2047(a1) */
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        insn_t in = decode_only(cases[i].raw, 4, NULL);
        assert_int_equal(in.imm, cases[i].imm);
    }
    insn_t in = decode_only(0x80058513, 4, NULL);
    assert_int_equal(in.rd, 10);
    assert_int_equal(in.rs1, 11);
}

static void test_fmt_s(void **state)
{
    hart_t *h = rig_hart(state);
    insn_t in = decode_only(0x80c5b023, 4, NULL); /* as: sd a2,-2048(a1) */
    assert_int_equal(in.imm, -2048);
    assert_int_equal(in.rs1, 11);
    assert_int_equal(in.rs2, 12);
    in = decode_only(0x7ec5bfa3, 4, NULL); /* as: sd a2,2047(a1) */
    assert_int_equal(in.imm, 2047);
    in = decode_only(0xfffd8fa3, 4, NULL); /* as: sb t6,-1(s11) */
    assert_int_equal(in.imm, -1);
    assert_int_equal(in.rs1, 27);
    assert_int_equal(in.rs2, 31);

    /* The store lands at rs1 + imm. */
    h->x[11] = DATA + 2048;
    h->x[12] = 0x1122334455667788ULL;
    assert_int_equal(exec_raw(h, 0x80c5b023, 4, &in), EXEC_NEXT);
    uint64_t got;
    memcpy(&got, rig_ram(state, DATA, 8), 8);
    assert_int_equal(got, 0x1122334455667788ULL);
}

static void test_fmt_b(void **state)
{
    hart_t *h = rig_hart(state);
    insn_t in;
    insn_kind_t k;
    in = decode_only(0x7ec58fe3, 4, &k); /* as: beq a1,a2,.+4094 */
    assert_int_equal(in.imm, 4094);
    assert_int_equal(in.rs1, 11);
    assert_int_equal(in.rs2, 12);
    assert_int_equal(k, KIND_BRANCH);
    in = decode_only(0x80c58063, 4, NULL); /* as: beq a1,a2,.-4096 */
    assert_int_equal(in.imm, -4096);
    in = decode_only(0xfec59fe3, 4, NULL); /* as: bne a1,a2,.-2 */
    assert_int_equal(in.imm, -2);
    in = decode_only(0x00c5e163, 4, NULL); /* as: bltu a1,a2,.+2 */
    assert_int_equal(in.imm, 2);

    /* Taken: leaves the block for pc + imm; not taken: goes on with the block's next
     * instruction (h->pc stays the block's start). */
    h->x[11] = h->x[12] = 7;
    h->pc = PC0 + 0x2000;
    assert_int_equal(exec_raw(h, 0x80c58063, 4, &in), EXEC_JUMP);
    assert_int_equal(h->pc, PC0 + 0x2000 - 4096);
    h->pc = PC0;
    h->x[12] = 8;
    assert_int_equal(exec_raw(h, 0x80c58063, 4, &in), EXEC_NEXT);
    assert_int_equal(h->pc, PC0);

    /* Signed vs unsigned comparisons with -1 against 1. */
    static const struct {
        uint32_t f3;
        int taken;
    } cmp[] = {{0, 0}, {1, 1}, {4, 1}, {5, 0}, {6, 0}, {7, 1}};
    for (size_t i = 0; i < sizeof(cmp) / sizeof(cmp[0]); i++) {
        h->pc = PC0;
        h->x[11] = ONES;
        h->x[12] = 1;
        assert_int_equal(exec_raw(h, enc_b(64, 12, 11, cmp[i].f3), 4, &in),
                         cmp[i].taken ? EXEC_JUMP : EXEC_NEXT);
        if (h->pc != (cmp[i].taken ? PC0 + 64 : PC0))
            fail_msg("branch funct3 %u: pc %#" PRIx64, cmp[i].f3, h->pc);
    }
    /* Equal operands: bge and bgeu are taken, blt and bltu are not. */
    h->pc = PC0;
    h->x[11] = h->x[12] = ONES;
    exec_raw(h, enc_b(-8, 12, 11, 5), 4, &in);
    assert_int_equal(h->pc, PC0 - 8);
    h->pc = PC0;
    assert_int_equal(exec_raw(h, enc_b(-8, 12, 11, 6), 4, &in), EXEC_NEXT);
    assert_int_equal(h->pc, PC0);
}

static void test_fmt_u(void **state)
{
    hart_t *h = rig_hart(state);
    insn_t in;
    in = decode_only(0x80000537, 4, NULL); /* as: lui a0,0x80000 */
    assert_int_equal(in.rd, 10);
    assert_int_equal((uint64_t)in.imm, W32MIN);
    in = decode_only(0x7fffffb7, 4, NULL); /* as: lui t6,0x7ffff */
    assert_int_equal(in.rd, 31);
    assert_int_equal(in.imm, 0x7ffff000);

    assert_int_equal(exec_raw(h, 0xfffff537, 4, &in), EXEC_NEXT); /* lui a0,0xfffff */
    assert_int_equal(h->x[10], 0xfffffffffffff000ULL);
    assert_int_equal(exec_raw(h, 0x80000517, 4, &in), EXEC_NEXT); /* auipc a0,0x80000 */
    assert_int_equal(h->x[10], PC0 + W32MIN);
}

static void test_fmt_j(void **state)
{
    hart_t *h = rig_hart(state);
    insn_t in;
    insn_kind_t k;
    in = decode_only(0x7ffff0ef, 4, &k); /* as: jal ra,.+0xffffe */
    assert_int_equal(in.imm, 0xffffe);
    assert_int_equal(in.rd, 1);
    assert_int_equal(k, KIND_JUMP);
    in = decode_only(0x8000006f, 4, NULL); /* as: jal zero,.-0x100000 */
    assert_int_equal(in.imm, -0x100000);
    in = decode_only(0xfffff56f, 4, NULL); /* as: jal a0,.-2 */
    assert_int_equal(in.imm, -2);
    assert_int_equal(enc_j(-2, 10), 0xfffff56f);

    assert_int_equal(exec_raw(h, 0x7ffff0ef, 4, &in), EXEC_JUMP);
    assert_int_equal(h->x[1], PC0 + 4);
    assert_int_equal(h->pc, PC0 + 0xffffe);
    /* jal zero discards the link. */
    h->pc = PC0;
    assert_int_equal(exec_raw(h, 0x8000006f, 4, &in), EXEC_JUMP);
    assert_int_equal(h->x[0], 0);
    assert_int_equal(h->pc, PC0 - 0x100000);
}

static void test_jalr(void **state)
{
    hart_t *h = rig_hart(state);
    insn_t in;
    /* jalr ra,-2048(ra): the target uses ra's old value; bit 0 is cleared. */
    h->x[1] = DATA + 2048 + 1;
    assert_int_equal(exec_raw(h, 0x800080e7, 4, &in), EXEC_JUMP);
    assert_int_equal(h->pc, DATA);
    assert_int_equal(h->x[1], PC0 + 4);
    /* jalr zero,2047(a1) */
    h->pc = PC0;
    h->x[11] = DATA;
    assert_int_equal(exec_raw(h, 0x7ff58067, 4, &in), EXEC_JUMP);
    assert_int_equal(h->pc, DATA + 2046);
    assert_int_equal(h->x[0], 0);
}

static void test_fmt_shamt(void **state)
{
    (void)state;
    insn_t in = decode_only(0x03f59513, 4, NULL); /* as: slli a0,a1,63 */
    assert_int_equal(in.imm, 63);
    assert_int_equal(in.rd, 10);
    assert_int_equal(in.rs1, 11);
    in = decode_only(0x43f5d513, 4, NULL); /* as: srai a0,a1,63: funct6 not in imm */
    assert_int_equal(in.imm, 63);
    in = decode_only(0x0205d513, 4, NULL); /* as: srli a0,a1,32 */
    assert_int_equal(in.imm, 32);
    in = decode_only(0x01f5951b, 4, NULL); /* as: slliw a0,a1,31 */
    assert_int_equal(in.imm, 31);
}

static void test_fmt_csr(void **state)
{
    hart_t *h = rig_hart(state);
    insn_kind_t k;
    insn_t in = decode_only(0xffffe573, 4, &k); /* as: csrrsi a0,0xfff,31 */
    assert_int_equal(in.imm, 0xfff); /* CSR numbers are not sign-extended */
    assert_int_equal(in.rs1, 31);
    assert_int_equal(in.rd, 10);
    assert_int_equal(k, KIND_SYSTEM);

    /* as: csrrw a0,mscratch,a1 swaps and ends the block at pc + 4 */
    h->mscratch = 0x55;
    h->x[11] = 0x1234;
    in = decode_only(0x34059573, 4, &k);
    assert_int_equal(in.imm, 0x340);
    assert_int_equal(k, KIND_SYSTEM);
    assert_int_equal(exec_raw(h, 0x34059573, 4, &in), EXEC_JUMP);
    assert_int_equal(h->x[10], 0x55);
    assert_int_equal(h->mscratch, 0x1234);
    assert_int_equal(h->pc, PC0 + 4);

    /* csrrsi / csrrci with the immediate in the rs1 field */
    h->pc = PC0;
    assert_int_equal(exec_raw(h, ENC_I(0x340, 0x3, 6, 12, 0x73), 4, &in), EXEC_JUMP);
    assert_int_equal(h->x[12], 0x1234);
    assert_int_equal(h->mscratch, 0x1237);
    h->pc = PC0;
    assert_int_equal(exec_raw(h, ENC_I(0x340, 0x4, 7, 0, 0x73), 4, &in), EXEC_JUMP);
    assert_int_equal(h->mscratch, 0x1233);
    /* csrrs a0,mhartid,zero reads a read-only CSR */
    h->pc = PC0;
    assert_int_equal(exec_raw(h, 0xf1402573, 4, &in), EXEC_JUMP);
    assert_int_equal(h->x[10], 0);
}

/* ---- compressed instructions ---- */

#define ANY 0xff /* operand field the format does not define */

static void test_rvc_fields(void **state)
{
    (void)state;
    static const struct {
        uint16_t raw;
        uint8_t rd, rs1;
        int64_t imm;
        insn_kind_t kind;
    } cases[] = {
        {0x17fd, 15, 15, -1, KIND_NORMAL},        /* c.addi a5,-1 */
        {0x057d, 10, 10, 31, KIND_NORMAL},        /* c.addi a0,31 */
        {0xaffd, 0, ANY, 2046, KIND_JUMP},        /* c.j .+2046 */
        {0xb001, 0, ANY, -2048, KIND_JUMP},       /* c.j .-2048 */
        {0x5de8, 10, 11, 124, KIND_NORMAL},       /* c.lw a0,124(a1) */
        {0x7de8, 10, 11, 248, KIND_NORMAL},       /* c.ld a0,248(a1) */
        {0x9582, 1, 11, 0, KIND_JUMP},            /* c.jalr a1 */
        {0x8082, 0, 1, 0, KIND_JUMP},             /* c.jr ra */
        {0x5501, 10, 0, -32, KIND_NORMAL},        /* c.li a0,-32 */
        {0x7501, 10, ANY, -0x20000, KIND_NORMAL}, /* c.lui a0,0xfffe0: U has no rs1 */
        {0x357d, 10, 10, -1, KIND_NORMAL},        /* c.addiw a0,-1 */
        {0x957d, 10, 10, 63, KIND_NORMAL},        /* c.srai a0,63 */
        {0x157e, 10, 10, 63, KIND_NORMAL},        /* c.slli a0,63 */
        {0x7101, 2, 2, -512, KIND_NORMAL},        /* c.addi16sp sp,-512 */
        {0x1fe8, 10, 2, 1020, KIND_NORMAL},       /* c.addi4spn a0,sp,1020 */
        {0x9002, 0, 0, 0, KIND_SYSTEM},           /* c.ebreak */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        insn_kind_t k;
        insn_t in = decode_only(cases[i].raw, 2, &k);
        if (in.len != 2 || in.raw != cases[i].raw || in.rd != cases[i].rd ||
            (cases[i].rs1 != ANY && in.rs1 != cases[i].rs1) || in.imm != cases[i].imm || k != cases[i].kind)
            fail_msg("%#06x: len %u raw %#x rd %u rs1 %u imm %" PRId64 " kind %d", cases[i].raw,
                     in.len, in.raw, in.rd, in.rs1, in.imm, k);
    }
    insn_t in = decode_only(0xd101, 2, NULL); /* c.beqz a0,.-256 */
    assert_int_equal(in.rs1, 10);
    assert_int_equal(in.rs2, 0);
    assert_int_equal(in.imm, -256);
    in = decode_only(0xecfd, 2, NULL); /* c.bnez s1,.+254 */
    assert_int_equal(in.rs1, 9);
    assert_int_equal(in.imm, 254);
    in = decode_only(0xc190, 2, NULL); /* c.sw a2,0(a1) */
    assert_int_equal(in.rs1, 11);
    assert_int_equal(in.rs2, 12);
    assert_int_equal(in.imm, 0);
}

static void test_rvc_exec(void **state)
{
    hart_t *h = rig_hart(state);
    insn_t in;
    /* c.addi a5,-1 */
    h->x[15] = 10;
    assert_int_equal(exec_raw(h, 0x17fd, 2, &in), EXEC_NEXT);
    assert_int_equal(h->x[15], 9);
    /* c.lw a0,124(a1) sign-extends */
    uint32_t word = 0x89abcdef;
    memcpy(rig_ram(state, DATA + 124, 4), &word, 4);
    h->x[11] = DATA;
    assert_int_equal(exec_raw(h, 0x5de8, 2, &in), EXEC_NEXT);
    assert_int_equal(h->x[10], 0xffffffff89abcdefULL);
    /* c.jalr a1 links pc + 2, not pc + 4 */
    h->x[11] = DATA;
    assert_int_equal(exec_raw(h, 0x9582, 2, &in), EXEC_JUMP);
    assert_int_equal(h->x[1], PC0 + 2);
    assert_int_equal(h->pc, DATA);
    /* c.j .-2048 */
    h->pc = PC0 + 0x1000;
    assert_int_equal(exec_raw(h, 0xb001, 2, &in), EXEC_JUMP);
    assert_int_equal(h->pc, PC0 + 0x1000 - 2048);
    /* c.bnez s1 not taken goes on with the block */
    h->pc = PC0;
    h->x[9] = 0;
    assert_int_equal(exec_raw(h, 0xecfd, 2, &in), EXEC_NEXT);
    assert_int_equal(h->pc, PC0);
    /* c.addiw a0,-1 on 0x80000000 sign-extends the word result */
    h->x[10] = 0x80000000;
    assert_int_equal(exec_raw(h, 0x357d, 2, &in), EXEC_NEXT);
    assert_int_equal(h->x[10], 0x7fffffff);
    /* c.ebreak: epc is its own pc */
    h->pc = PC0;
    assert_int_equal(exec_raw(h, 0x9002, 2, &in), EXEC_TRAP);
    assert_int_equal(h->mcause, EXC_BREAKPOINT);
    assert_int_equal(h->mepc, PC0);
    assert_int_equal(h->pc, TRAP_VEC);
}

/* The instruction's pc is the block's pc plus its offset. */
static void test_insn_offset(void **state)
{
    hart_t *h = rig_hart(state);
    insn_t in;
    memset(&in, 0, sizeof(in));
    decode_insn(&in, 0x80000517, 4); /* auipc a0,0x80000 */
    in.off = 12;
    assert_int_equal(run_insn(h, &in), EXEC_NEXT);
    assert_int_equal(h->x[10], PC0 + 12 + W32MIN);
    decode_insn(&in, 0x9582, 2); /* c.jalr a1 */
    in.off = 6;
    h->x[11] = DATA;
    assert_int_equal(run_insn(h, &in), EXEC_JUMP);
    assert_int_equal(h->x[1], PC0 + 8);
    h->pc = PC0;
    decode_insn(&in, 0xfffff56f, 4); /* jal a0,.-2 */
    in.off = 4;
    assert_int_equal(run_insn(h, &in), EXEC_JUMP);
    assert_int_equal(h->x[10], PC0 + 8);
    assert_int_equal(h->pc, PC0 + 2);
    /* a trap's epc is the instruction's own pc */
    h->pc = PC0;
    decode_insn(&in, 0x0000, 2);
    in.off = 10;
    assert_int_equal(run_insn(h, &in), EXEC_TRAP);
    assert_int_equal(h->mepc, PC0 + 10);
}

/* ---- loads, stores, atomics ---- */

static void test_loads_extend(void **state)
{
    hart_t *h = rig_hart(state);
    static const uint8_t bytes[8] = {0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87};
    static const struct {
        uint32_t f3;
        uint64_t expect;
    } cases[] = {
        {0, 0xffffffffffffff80ULL}, /* lb */
        {1, 0xffffffffffff8180ULL}, /* lh */
        {2, 0xffffffff83828180ULL}, /* lw */
        {3, 0x8786858483828180ULL}, /* ld */
        {4, 0x80},                  /* lbu */
        {5, 0x8180},                /* lhu */
        {6, 0x83828180},            /* lwu */
    };
    memcpy(rig_ram(state, DATA, 8), bytes, 8);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        insn_t in;
        h->x[11] = DATA + 16;
        assert_int_equal(exec_raw(h, ENC_I(-16, 11, cases[i].f3, 10, 0x03), 4, &in), EXEC_NEXT);
        if (h->x[10] != cases[i].expect)
            fail_msg("load funct3 %u: got %#" PRIx64, cases[i].f3, h->x[10]);
    }
}

static void test_atomics(void **state)
{
    hart_t *h = rig_hart(state);
    insn_t in;
    uint32_t word = 0x7fffffff;
    memcpy(rig_ram(state, DATA, 4), &word, 4);
    h->x[11] = DATA;
    h->x[12] = 1;
    /* as: amoadd.w.aqrl a0,a2,(a1): old value sign-extended, memory updated */
    assert_int_equal(exec_raw(h, 0x06c5a52f, 4, &in), EXEC_NEXT);
    assert_int_equal(h->x[10], 0x7fffffff);
    memcpy(&word, rig_ram(state, DATA, 4), 4);
    assert_int_equal(word, 0x80000000);
    /* lr.w then sc.w succeeds (rd = 0) and stores */
    assert_int_equal(exec_raw(h, 0x1005a52f, 4, &in), EXEC_NEXT);
    assert_int_equal(h->x[10], W32MIN);
    h->x[12] = 5;
    assert_int_equal(exec_raw(h, 0x18c5a52f, 4, &in), EXEC_NEXT);
    assert_int_equal(h->x[10], 0);
    memcpy(&word, rig_ram(state, DATA, 4), 4);
    assert_int_equal(word, 5);
    /* a second sc.w without a reservation fails (rd = 1) and does not store */
    h->x[12] = 9;
    assert_int_equal(exec_raw(h, 0x18c5a52f, 4, &in), EXEC_NEXT);
    assert_int_equal(h->x[10], 1);
    memcpy(&word, rig_ram(state, DATA, 4), 4);
    assert_int_equal(word, 5);
    /* a trap between lr.w and sc.w drops the reservation, even though memory is unchanged */
    assert_int_equal(exec_raw(h, 0x1005a52f, 4, &in), EXEC_NEXT);
    assert_int_equal(exec_raw(h, 0x00000073, 4, &in), EXEC_TRAP); /* ecall */
    h->x[12] = 9;
    assert_int_equal(exec_raw(h, 0x18c5a52f, 4, &in), EXEC_NEXT);
    assert_int_equal(h->x[10], 1);
    memcpy(&word, rig_ram(state, DATA, 4), 4);
    assert_int_equal(word, 5);
    /* a large device write (a block read) elsewhere on the LR's page breaks it too */
    assert_int_equal(exec_raw(h, 0x1005a52f, 4, &in), EXEC_NEXT);
    uint8_t buf[256] = {0};
    assert_true(phys_dma_write(h->phys, DATA + 2048, buf, sizeof(buf)));
    h->x[12] = 9;
    assert_int_equal(exec_raw(h, 0x18c5a52f, 4, &in), EXEC_NEXT);
    assert_int_equal(h->x[10], 1);
    memcpy(&word, rig_ram(state, DATA, 4), 4);
    assert_int_equal(word, 5);
    /* as: amomax.d a0,a2,(a1) is signed */
    uint64_t dw = (uint64_t)-5;
    memcpy(rig_ram(state, DATA + 8, 8), &dw, 8);
    h->x[11] = DATA + 8;
    h->x[12] = (uint64_t)-7;
    assert_int_equal(exec_raw(h, 0xa0c5b52f, 4, &in), EXEC_NEXT);
    memcpy(&dw, rig_ram(state, DATA + 8, 8), 8);
    assert_int_equal(dw, (uint64_t)-5);
}

/* ---- kinds ---- */

static void test_kinds(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        uint32_t raw;
        unsigned len;
        insn_kind_t kind;
    } cases[] = {
        {"beq", 0x7ec58fe3, 4, KIND_BRANCH},
        {"bltu", 0x00c5e163, 4, KIND_BRANCH},
        {"jal", 0x7ffff0ef, 4, KIND_JUMP},
        {"jalr", 0x800080e7, 4, KIND_JUMP},
        {"c.j", 0xaffd, 2, KIND_JUMP},
        {"c.jr", 0x8082, 2, KIND_JUMP},
        {"c.beqz", 0xd101, 2, KIND_BRANCH},
        {"csrrw", 0x34059573, 4, KIND_SYSTEM},
        {"csrrsi", 0xffffe573, 4, KIND_SYSTEM},
        {"csrrc", 0x300fb073, 4, KIND_SYSTEM},
        {"ecall", 0x00000073, 4, KIND_SYSTEM},
        {"ebreak", 0x00100073, 4, KIND_SYSTEM},
        {"mret", 0x30200073, 4, KIND_SYSTEM},
        {"sret", 0x10200073, 4, KIND_SYSTEM},
        {"wfi", 0x10500073, 4, KIND_SYSTEM},
        {"sfence.vma", 0x12c58073, 4, KIND_SYSTEM},
        {"fence.i", 0x0000100f, 4, KIND_SYSTEM},
        {"fence", 0x0ff0000f, 4, KIND_NORMAL},
        {"fence rw,rw", 0x0330000f, 4, KIND_NORMAL},
        {"addi", 0x7ff58513, 4, KIND_NORMAL},
        {"add", 0x00c58533, 4, KIND_NORMAL},
        {"lui", 0x80000537, 4, KIND_NORMAL},
        {"auipc", 0x80000517, 4, KIND_NORMAL},
        {"sd", 0x80c5b023, 4, KIND_NORMAL},
        {"ld", 0x0005b503, 4, KIND_NORMAL},
        {"lr.w", 0x1005a52f, 4, KIND_NORMAL},
        {"sc.w", 0x18c5a52f, 4, KIND_NORMAL},
        {"amomax.d", 0xa0c5b52f, 4, KIND_NORMAL},
        {"c.lw", 0x5de8, 2, KIND_NORMAL},
        {"c.mv", 0x852e, 2, KIND_NORMAL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        insn_kind_t k;
        insn_t in = decode_only(cases[i].raw, cases[i].len, &k);
        if (k != cases[i].kind || in.fn == op_illegal)
            fail_msg("%s: kind %d, want %d%s", cases[i].name, k, cases[i].kind,
                     in.fn == op_illegal ? " (decoded as illegal)" : "");
    }
}

/* ---- system instructions ---- */

static void test_fence_continues(void **state)
{
    hart_t *h = rig_hart(state);
    insn_t in;
    assert_int_equal(exec_raw(h, 0x0120000f, 4, &in), EXEC_NEXT); /* fence w,r */
    assert_int_equal(h->pc, PC0);
    assert_int_equal(exec_raw(h, 0x0000100f, 4, &in), EXEC_JUMP); /* fence.i */
    assert_int_equal(h->pc, PC0 + 4);
}

static void test_ecall_mret(void **state)
{
    hart_t *h = rig_hart(state);
    insn_t in;
    h->mtval = JUNK;
    assert_int_equal(exec_raw(h, 0x00000073, 4, &in), EXEC_TRAP);
    assert_int_equal(h->mcause, EXC_ECALL_M);
    assert_int_equal(h->mepc, PC0);
    assert_int_equal(h->mtval, 0);
    assert_int_equal(h->pc, TRAP_VEC);

    /* mret to S with MPIE set: MIE <- MPIE, MPIE <- 1, MPP <- U */
    h->mepc = DATA;
    h->mstatus = MSTATUS_MPIE | (1ULL << MSTATUS_MPP_SHIFT);
    assert_int_equal(exec_raw(h, 0x30200073, 4, &in), EXEC_JUMP);
    assert_int_equal(h->priv, PRIV_S);
    assert_int_equal(h->pc, DATA);
    assert_int_equal(h->mstatus & (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP),
                     MSTATUS_MIE | MSTATUS_MPIE);

    /* ecall from S and from U */
    h->pc = PC0;
    assert_int_equal(exec_raw(h, 0x00000073, 4, &in), EXEC_TRAP);
    assert_int_equal(h->mcause, EXC_ECALL_S);
    assert_int_equal((h->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT, PRIV_S);
    h->priv = PRIV_U;
    hart_update_mmu_idx(h);
    h->pc = PC0;
    assert_int_equal(exec_raw(h, 0x00000073, 4, &in), EXEC_TRAP);
    assert_int_equal(h->mcause, EXC_ECALL_U);
    assert_int_equal(h->priv, PRIV_M);
}

/* ---- illegal and reserved encodings ---- */

static void expect_illegal(void **state, uint32_t raw, unsigned len, const char *what)
{
    hart_t *h = rig_hart(state);
    insn_t in;
    insn_kind_t k;
    in = decode_only(raw, len, &k);
    if (in.fn != op_illegal)
        fail_msg("%s (%#x, len %u) did not decode as illegal", what, raw, len);
    if (in.raw != raw || in.len != len)
        fail_msg("%s: raw %#x len %u", what, in.raw, in.len);
    h->priv = PRIV_M;
    h->mstatus = 0;
    h->mtvec = TRAP_VEC;
    h->pc = PC0;
    h->mtval = JUNK;
    h->mepc = JUNK;
    h->x[RD] = JUNK;
    if (exec_raw(h, raw, len, &in) != EXEC_TRAP || h->mcause != EXC_ILLEGAL ||
        h->mtval != raw || h->mepc != PC0 || h->pc != TRAP_VEC || h->x[RD] != JUNK)
        fail_msg("%s (%#x): mcause %" PRIu64 " mtval %#" PRIx64 " mepc %#" PRIx64
                 " pc %#" PRIx64, what, raw, h->mcause, h->mtval, h->mepc, h->pc);
}

static void test_illegal_32(void **state)
{
    static const struct {
        uint32_t raw;
        const char *what;
    } cases[] = {
        {0x00000000, "all zeros"},
        {0xffffffff, "all ones"},
        {0x0205951b, "slliw with shamt bit 5 (bit 25) set"},
        {0x0205d51b, "srliw with bit 25 set"},
        {0x4205d51b, "sraiw with bit 25 set"},
        {0x04c58533, "OP funct7 0x02"},
        {0x06c58533, "OP funct7 0x03"},
        {0x02c5953b, "OP-32 funct7 0x01 funct3 1"},
        {0x0405d513, "OP-IMM shift funct6 0x01"},
        {0x00c5852f, "AMO funct3 0"},
        {0x00c5c52f, "AMO funct3 4"},
        {0x10c5a52f, "lr.w with rs2 != 0"},
        {0x10c5b52f, "lr.d with rs2 != 0"},
        {0x00c5a063, "branch funct3 2"},
        {0x00c5b063, "branch funct3 3"},
        {0x00059067, "jalr funct3 1"},
        {0x0005f503, "load funct3 7"},
        {0x00c5c023, "store funct3 4"},
        {0x3405c573, "SYSTEM funct3 4"},
        {0x00000573, "ecall with rd != 0"},
        {0x00200073, "uret (no N extension)"},
        {0x0000000b, "custom-0"},
        {0x00000057, "OP-V"},
        {0x0000001f, "48-bit prefix"},
        {0x0000200f, "MISC-MEM funct3 2"},
        {0x08c5c53b, "packw (Zbkb, not Zbb): zext.h with rs2 != 0"},
        {0x08c5c533, "pack (Zbkb)"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        expect_illegal(state, cases[i].raw, 4, cases[i].what);
}

static void test_illegal_16(void **state)
{
    static const struct {
        uint16_t raw;
        const char *what;
    } cases[] = {
        {0x0000, "c.unimp 0x0000"},
        {0x0008, "c.addi4spn with nzuimm 0"},
        {0x4002, "c.lwsp rd=x0"},
        {0x8002, "c.jr rs1=x0"},
        {0x6101, "c.addi16sp nzimm 0"},
        {0x6501, "c.lui nzimm 0"},
        {0x8000, "quadrant 0 funct3 4"},
        {0x2001, "c.addiw rd=x0"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        expect_illegal(state, cases[i].raw, 2, cases[i].what);
}

/* Instructions that decode but are illegal in the current state trap with tval = raw. */
static void test_illegal_by_privilege(void **state)
{
    hart_t *h = rig_hart(state);
    insn_t in;
    static const struct {
        uint32_t raw;
        unsigned priv;
        uint64_t mstatus;
        const char *what;
    } cases[] = {
        {0x30200073, PRIV_S, 0, "mret in S"},
        {0x10200073, PRIV_U, 0, "sret in U"},
        {0x10200073, PRIV_S, MSTATUS_TSR, "sret in S with TSR"},
        {0x10500073, PRIV_U, 0, "wfi in U"},
        {0x10500073, PRIV_S, MSTATUS_TW, "wfi in S with TW"},
        {0x12c58073, PRIV_U, 0, "sfence.vma in U"},
        {0x12c58073, PRIV_S, MSTATUS_TVM, "sfence.vma in S with TVM"},
        {0x18059073, PRIV_S, MSTATUS_TVM, "csrw satp in S with TVM"},
        {0x34059573, PRIV_S, 0, "csrrw mscratch in S"},
        {0xf1459073, PRIV_M, 0, "csrrw to read-only mhartid"},
        {0xf1405073, PRIV_M, 0, "csrrwi zero to read-only mhartid"},
        {0xffffe573, PRIV_M, 0, "csrrsi to nonexistent CSR 0xfff"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        h->priv = cases[i].priv;
        h->mstatus = cases[i].mstatus;
        hart_update_mmu_idx(h);
        h->pc = PC0;
        h->mtval = JUNK;
        h->mscratch = 0x77;
        if (exec_raw(h, cases[i].raw, 4, &in) != EXEC_TRAP || h->mcause != EXC_ILLEGAL ||
            h->mtval != cases[i].raw || h->pc != TRAP_VEC || h->priv != PRIV_M ||
            h->mscratch != 0x77)
            fail_msg("%s: mcause %" PRIu64 " mtval %#" PRIx64 " pc %#" PRIx64, cases[i].what,
                     h->mcause, h->mtval, h->pc);
    }
}

/* An illegal instruction in U with medeleg[2] set goes to S with stval = raw. */
static void test_illegal_delegated(void **state)
{
    hart_t *h = rig_hart(state);
    insn_t in;
    h->priv = PRIV_U;
    h->medeleg = 1ULL << EXC_ILLEGAL;
    h->stvec = DATA;
    hart_update_mmu_idx(h);
    h->mcause = JUNK;
    assert_int_equal(exec_raw(h, 0x0008, 2, &in), EXEC_TRAP);
    assert_int_equal(h->priv, PRIV_S);
    assert_int_equal(h->scause, EXC_ILLEGAL);
    assert_int_equal(h->stval, 0x0008);
    assert_int_equal(h->sepc, PC0);
    assert_int_equal(h->pc, DATA);
    assert_int_equal(h->mcause, JUNK);
}

static void test_x0_hardwired(void **state)
{
    hart_t *h = rig_hart(state);
    insn_t in;
    assert_int_equal(exec_raw(h, ENC_I(5, 0, 0, 0, OPIMM), 4, &in), EXEC_NEXT); /* addi x0,x0,5 */
    assert_int_equal(h->x[0], 0);
    h->x[11] = 3;
    assert_int_equal(exec_raw(h, ENC_R(0, 11, 11, 0, 0, OP), 4, &in), EXEC_NEXT);
    assert_int_equal(h->x[0], 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, rig_setup, rig_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_rv64i_alu),
        T(test_rv64i_word_forms),
        T(test_m_extension),
        T(test_bitmanip),
        T(test_fmt_r),
        T(test_fmt_i_limits),
        T(test_fmt_s),
        T(test_fmt_b),
        T(test_fmt_u),
        T(test_fmt_j),
        T(test_jalr),
        T(test_fmt_shamt),
        T(test_fmt_csr),
        T(test_rvc_fields),
        T(test_rvc_exec),
        T(test_insn_offset),
        T(test_loads_extend),
        T(test_atomics),
        T(test_kinds),
        T(test_fence_continues),
        T(test_ecall_mret),
        T(test_illegal_32),
        T(test_illegal_16),
        T(test_illegal_by_privilege),
        T(test_illegal_delegated),
        T(test_x0_hardwired),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
