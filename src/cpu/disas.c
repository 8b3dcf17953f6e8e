/*
 * disas.c - RV64GC disassembler (see disas.h for the output format).
 *
 * Decoding is table driven: the major opcode (insn[6:2]) selects a short
 * list of {mask, match, name, operand formatter} entries, scanned in order
 * with the first match winning. Pseudo-instructions are simply entries
 * with a tighter mask placed before the instruction they alias, so the
 * alias policy lives in data rather than in code. Operand formatters are
 * small functions, one per operand layout.
 */
#include "cpu/disas.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "cpu/rvc.h"

/* Column at which operands start when the mnemonic is short enough. */
#define DISAS_MNEMONIC_WIDTH 8

/* Output cursor; `len` counts what would have been written, as snprintf. */
typedef struct {
    char *buf;
    size_t size;
    size_t len;
} disas_out_t;

typedef void (*disas_args_fn)(disas_out_t *o, uint64_t pc, uint32_t insn);

enum {
    DISAS_F_AQRL = 1u << 0,    /* append .aq/.rl/.aqrl from insn[26:25] */
    DISAS_F_SAME_RS = 1u << 1, /* only matches when rs1 == rs2 */
};

typedef struct {
    uint32_t mask;
    uint32_t match;
    const char *name;
    disas_args_fn args; /* NULL: the mnemonic stands alone */
    unsigned flags;
} disas_entry_t;

typedef struct {
    const disas_entry_t *entries;
    size_t count;
} disas_table_t;

/* ---- output ------------------------------------------------------------ */

static void disas_vprintf(disas_out_t *o, const char *fmt, va_list ap)
{
    size_t room = o->len < o->size ? o->size - o->len : 0;
    int n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
    if (n > 0)
        o->len += (size_t)n;
}

static void disas_printf(disas_out_t *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void disas_printf(disas_out_t *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    disas_vprintf(o, fmt, ap);
    va_end(ap);
}

/* Pad after the mnemonic so that operands line up, as objdump's tab does. */
static void disas_pad(disas_out_t *o, size_t mnemonic_len)
{
    int pad = mnemonic_len < DISAS_MNEMONIC_WIDTH
                  ? (int)(DISAS_MNEMONIC_WIDTH - mnemonic_len)
                  : 1;
    disas_printf(o, "%*s", pad, "");
}

/* ---- fields ------------------------------------------------------------ */

static uint32_t disas_bits(uint32_t x, unsigned hi, unsigned lo)
{
    return (x >> lo) & ((1u << (hi - lo + 1)) - 1u);
}

static int32_t disas_sext(uint32_t v, unsigned sign_bit)
{
    uint32_t m = 1u << sign_bit;
    return (int32_t)((v ^ m) - m);
}

static uint32_t disas_rd(uint32_t x) { return disas_bits(x, 11, 7); }
static uint32_t disas_rs1(uint32_t x) { return disas_bits(x, 19, 15); }
static uint32_t disas_rs2(uint32_t x) { return disas_bits(x, 24, 20); }
static uint32_t disas_rs3(uint32_t x) { return disas_bits(x, 31, 27); }
static uint32_t disas_rm(uint32_t x) { return disas_bits(x, 14, 12); }
static uint32_t disas_csr(uint32_t x) { return disas_bits(x, 31, 20); }

static int32_t disas_imm_i(uint32_t x)
{
    return disas_sext(disas_bits(x, 31, 20), 11);
}

static int32_t disas_imm_s(uint32_t x)
{
    return disas_sext(disas_bits(x, 31, 25) << 5 | disas_bits(x, 11, 7), 11);
}

static int32_t disas_imm_b(uint32_t x)
{
    uint32_t v = disas_bits(x, 31, 31) << 12 | disas_bits(x, 7, 7) << 11 |
                 disas_bits(x, 30, 25) << 5 | disas_bits(x, 11, 8) << 1;
    return disas_sext(v, 12);
}

static int32_t disas_imm_j(uint32_t x)
{
    uint32_t v = disas_bits(x, 31, 31) << 20 | disas_bits(x, 19, 12) << 12 |
                 disas_bits(x, 20, 20) << 11 | disas_bits(x, 30, 21) << 1;
    return disas_sext(v, 20);
}

static uint64_t disas_target(uint64_t pc, int32_t off)
{
    return pc + (uint64_t)(int64_t)off;
}

/* ---- names ------------------------------------------------------------- */

static const char *const DISAS_XREG[32] = {
    "zero", "ra", "sp",  "gp",  "tp", "t0", "t1", "t2",
    "s0",   "s1", "a0",  "a1",  "a2", "a3", "a4", "a5",
    "a6",   "a7", "s2",  "s3",  "s4", "s5", "s6", "s7",
    "s8",   "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static const char *const DISAS_FREG[32] = {
    "ft0", "ft1", "ft2",  "ft3",  "ft4", "ft5", "ft6",  "ft7",
    "fs0", "fs1", "fa0",  "fa1",  "fa2", "fa3", "fa4",  "fa5",
    "fa6", "fa7", "fs2",  "fs3",  "fs4", "fs5", "fs6",  "fs7",
    "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

/* Index 7 (dyn) is never printed; 5 and 6 are reserved. */
static const char *const DISAS_RM[8] = {
    "rne", "rtz", "rdn", "rup", "rmm", "unknown", "unknown", "dyn",
};

#define DISAS_RM_DYN 7u

static const char *disas_x(uint32_t r) { return DISAS_XREG[r & 31]; }
static const char *disas_f(uint32_t r) { return DISAS_FREG[r & 31]; }

typedef struct {
    uint16_t num;
    const char *name;
} disas_csr_name_t;

static const disas_csr_name_t DISAS_CSR_NAMES[] = {
    { 0x001, "fflags" },     { 0x002, "frm" },         { 0x003, "fcsr" },
    { 0xc00, "cycle" },      { 0xc01, "time" },        { 0xc02, "instret" },
    { 0xc80, "cycleh" },     { 0xc81, "timeh" },       { 0xc82, "instreth" },
    { 0x100, "sstatus" },    { 0x104, "sie" },         { 0x105, "stvec" },
    { 0x106, "scounteren" }, { 0x10a, "senvcfg" },     { 0x140, "sscratch" },
    { 0x141, "sepc" },       { 0x142, "scause" },      { 0x143, "stval" },
    { 0x144, "sip" },        { 0x180, "satp" },        { 0x5a8, "scontext" },
    { 0xf11, "mvendorid" },  { 0xf12, "marchid" },     { 0xf13, "mimpid" },
    { 0xf14, "mhartid" },    { 0xf15, "mconfigptr" },  { 0x300, "mstatus" },
    { 0x301, "misa" },       { 0x302, "medeleg" },     { 0x303, "mideleg" },
    { 0x304, "mie" },        { 0x305, "mtvec" },       { 0x306, "mcounteren" },
    { 0x30a, "menvcfg" },    { 0x310, "mstatush" },    { 0x31a, "menvcfgh" },
    { 0x320, "mcountinhibit" },
    { 0x340, "mscratch" },   { 0x341, "mepc" },        { 0x342, "mcause" },
    { 0x343, "mtval" },      { 0x344, "mip" },         { 0x34a, "mtinst" },
    { 0x34b, "mtval2" },     { 0x747, "mseccfg" },     { 0x757, "mseccfgh" },
    { 0xb00, "mcycle" },     { 0xb02, "minstret" },    { 0xb80, "mcycleh" },
    { 0xb82, "minstreth" },  { 0x7a0, "tselect" },     { 0x7a1, "tdata1" },
    { 0x7a2, "tdata2" },     { 0x7a3, "tdata3" },      { 0x7a8, "mcontext" },
    { 0x7b0, "dcsr" },       { 0x7b1, "dpc" },         { 0x7b2, "dscratch0" },
    { 0x7b3, "dscratch1" },  { 0x7a4, "tinfo" },       { 0x7a5, "tcontrol" },
    { 0x7aa, "mscontext" },  { 0x14d, "stimecmp" },    { 0x15d, "stimecmph" },
    { 0xda0, "scountovf" },  { 0x015, "seed" },
};

/* Numbered CSR families: csr `lo + i` is "<prefix><first + i><suffix>". */
typedef struct {
    uint16_t lo, hi;
    uint8_t first;
    const char *prefix;
    const char *suffix;
} disas_csr_range_t;

static const disas_csr_range_t DISAS_CSR_RANGES[] = {
    { 0xc03, 0xc1f, 3, "hpmcounter", "" },
    { 0xc83, 0xc9f, 3, "hpmcounter", "h" },
    { 0xb03, 0xb1f, 3, "mhpmcounter", "" },
    { 0xb83, 0xb9f, 3, "mhpmcounter", "h" },
    { 0x323, 0x33f, 3, "mhpmevent", "" },
    { 0x723, 0x73f, 3, "mhpmevent", "h" },
    { 0x3a0, 0x3af, 0, "pmpcfg", "" },
    { 0x3b0, 0x3ef, 0, "pmpaddr", "" },
};

#define DISAS_LEN(a) (sizeof(a) / sizeof((a)[0]))

static void disas_put_csr(disas_out_t *o, uint32_t csr)
{
    for (size_t i = 0; i < DISAS_LEN(DISAS_CSR_NAMES); i++) {
        if (DISAS_CSR_NAMES[i].num == csr) {
            disas_printf(o, "%s", DISAS_CSR_NAMES[i].name);
            return;
        }
    }
    for (size_t i = 0; i < DISAS_LEN(DISAS_CSR_RANGES); i++) {
        const disas_csr_range_t *r = &DISAS_CSR_RANGES[i];
        if (csr >= r->lo && csr <= r->hi) {
            disas_printf(o, "%s%u%s", r->prefix, r->first + (csr - r->lo), r->suffix);
            return;
        }
    }
    disas_printf(o, "0x%" PRIx32, csr);
}

/* ---- operand formatters: integer --------------------------------------- */

static void disas_a_rd(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s", disas_x(disas_rd(x)));
}

static void disas_a_rs1(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s", disas_x(disas_rs1(x)));
}

static void disas_a_rd_rs1(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%s", disas_x(disas_rd(x)), disas_x(disas_rs1(x)));
}

static void disas_a_rd_rs2(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%s", disas_x(disas_rd(x)), disas_x(disas_rs2(x)));
}

static void disas_a_rs1_rs2(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%s", disas_x(disas_rs1(x)), disas_x(disas_rs2(x)));
}

static void disas_a_rd_rs1_rs2(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%s,%s", disas_x(disas_rd(x)), disas_x(disas_rs1(x)),
                 disas_x(disas_rs2(x)));
}

static void disas_a_rd_rs1_imm(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%s,%" PRId32, disas_x(disas_rd(x)), disas_x(disas_rs1(x)),
                 disas_imm_i(x));
}

/* Shift amounts are hex, as objdump prints them; masks keep RV64W ones < 32. */
static void disas_a_rd_rs1_shamt(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%s,0x%" PRIx32, disas_x(disas_rd(x)), disas_x(disas_rs1(x)),
                 disas_bits(x, 25, 20));
}

static void disas_a_rd_imm(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%" PRId32, disas_x(disas_rd(x)), disas_imm_i(x));
}

static void disas_a_rd_uimm20(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,0x%" PRIx32, disas_x(disas_rd(x)), disas_bits(x, 31, 12));
}

static void disas_a_load(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%" PRId32 "(%s)", disas_x(disas_rd(x)), disas_imm_i(x),
                 disas_x(disas_rs1(x)));
}

static void disas_a_store(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%" PRId32 "(%s)", disas_x(disas_rs2(x)), disas_imm_s(x),
                 disas_x(disas_rs1(x)));
}

static void disas_a_fload(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%" PRId32 "(%s)", disas_f(disas_rd(x)), disas_imm_i(x),
                 disas_x(disas_rs1(x)));
}

static void disas_a_fstore(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%" PRId32 "(%s)", disas_f(disas_rs2(x)), disas_imm_s(x),
                 disas_x(disas_rs1(x)));
}

/* ---- operand formatters: control transfer ------------------------------ */

static void disas_a_branch(disas_out_t *o, uint64_t pc, uint32_t x)
{
    disas_printf(o, "%s,%s,0x%" PRIx64, disas_x(disas_rs1(x)), disas_x(disas_rs2(x)),
                 disas_target(pc, disas_imm_b(x)));
}

/* beqz/bnez/bltz/bgez: the register compared with zero is rs1. */
static void disas_a_branch_rs1(disas_out_t *o, uint64_t pc, uint32_t x)
{
    disas_printf(o, "%s,0x%" PRIx64, disas_x(disas_rs1(x)),
                 disas_target(pc, disas_imm_b(x)));
}

/* blez/bgtz: zero is rs1 and the register is rs2. */
static void disas_a_branch_rs2(disas_out_t *o, uint64_t pc, uint32_t x)
{
    disas_printf(o, "%s,0x%" PRIx64, disas_x(disas_rs2(x)),
                 disas_target(pc, disas_imm_b(x)));
}

static void disas_a_jal(disas_out_t *o, uint64_t pc, uint32_t x)
{
    disas_printf(o, "%s,0x%" PRIx64, disas_x(disas_rd(x)),
                 disas_target(pc, disas_imm_j(x)));
}

static void disas_a_jal_target(disas_out_t *o, uint64_t pc, uint32_t x)
{
    disas_printf(o, "0x%" PRIx64, disas_target(pc, disas_imm_j(x)));
}

/* jr/jalr with a nonzero offset: "OFF(RS1)". */
static void disas_a_jalr_off(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%" PRId32 "(%s)", disas_imm_i(x), disas_x(disas_rs1(x)));
}

/* ---- operand formatters: system ---------------------------------------- */

static void disas_a_csr_reg(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,", disas_x(disas_rd(x)));
    disas_put_csr(o, disas_csr(x));
    disas_printf(o, ",%s", disas_x(disas_rs1(x)));
}

static void disas_a_csr_imm(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,", disas_x(disas_rd(x)));
    disas_put_csr(o, disas_csr(x));
    disas_printf(o, ",%" PRIu32, disas_rs1(x));
}

/* csrr RD,CSR */
static void disas_a_csr_read(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,", disas_x(disas_rd(x)));
    disas_put_csr(o, disas_csr(x));
}

/* csrw/csrs/csrc CSR,RS1 */
static void disas_a_csr_write(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_put_csr(o, disas_csr(x));
    disas_printf(o, ",%s", disas_x(disas_rs1(x)));
}

/* csrwi/csrsi/csrci CSR,UIMM */
static void disas_a_csr_write_imm(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_put_csr(o, disas_csr(x));
    disas_printf(o, ",%" PRIu32, disas_rs1(x));
}

/* fsrmi/fsflagsi RD,UIMM */
static void disas_a_rd_uimm5(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%" PRIu32, disas_x(disas_rd(x)), disas_rs1(x));
}

/* FENCE predecessor/successor sets; an empty set prints as objdump does. */
static void disas_put_fence_set(disas_out_t *o, uint32_t set)
{
    static const char letters[4] = { 'i', 'o', 'r', 'w' };
    if (set == 0) {
        disas_printf(o, "unknown");
        return;
    }
    for (unsigned i = 0; i < 4; i++) {
        if (set & (8u >> i))
            disas_printf(o, "%c", letters[i]);
    }
}

static void disas_a_fence(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_put_fence_set(o, disas_bits(x, 27, 24));
    disas_printf(o, ",");
    disas_put_fence_set(o, disas_bits(x, 23, 20));
}

/* ---- operand formatters: atomics --------------------------------------- */

static void disas_a_lr(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,(%s)", disas_x(disas_rd(x)), disas_x(disas_rs1(x)));
}

static void disas_a_amo(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%s,(%s)", disas_x(disas_rd(x)), disas_x(disas_rs2(x)),
                 disas_x(disas_rs1(x)));
}

/* ---- operand formatters: floating point -------------------------------- */

static void disas_put_rm(disas_out_t *o, uint32_t x)
{
    if (disas_rm(x) != DISAS_RM_DYN)
        disas_printf(o, ",%s", DISAS_RM[disas_rm(x)]);
}

/* Conversions that are always exact: gas encodes rm=rne, so only others show. */
static void disas_put_rm_exact(disas_out_t *o, uint32_t x)
{
    if (disas_rm(x) != 0)
        disas_printf(o, ",%s", DISAS_RM[disas_rm(x)]);
}

static void disas_a_f3(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%s,%s", disas_f(disas_rd(x)), disas_f(disas_rs1(x)),
                 disas_f(disas_rs2(x)));
}

static void disas_a_f3_rm(disas_out_t *o, uint64_t pc, uint32_t x)
{
    disas_a_f3(o, pc, x);
    disas_put_rm(o, x);
}

static void disas_a_f4_rm(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%s,%s,%s", disas_f(disas_rd(x)), disas_f(disas_rs1(x)),
                 disas_f(disas_rs2(x)), disas_f(disas_rs3(x)));
    disas_put_rm(o, x);
}

static void disas_a_fd_fs1(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%s", disas_f(disas_rd(x)), disas_f(disas_rs1(x)));
}

static void disas_a_fd_fs1_rm(disas_out_t *o, uint64_t pc, uint32_t x)
{
    disas_a_fd_fs1(o, pc, x);
    disas_put_rm(o, x);
}

static void disas_a_fd_fs1_rm_exact(disas_out_t *o, uint64_t pc, uint32_t x)
{
    disas_a_fd_fs1(o, pc, x);
    disas_put_rm_exact(o, x);
}

static void disas_a_rd_fs1(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%s", disas_x(disas_rd(x)), disas_f(disas_rs1(x)));
}

static void disas_a_rd_fs1_rm(disas_out_t *o, uint64_t pc, uint32_t x)
{
    disas_a_rd_fs1(o, pc, x);
    disas_put_rm(o, x);
}

static void disas_a_rd_fs1_fs2(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%s,%s", disas_x(disas_rd(x)), disas_f(disas_rs1(x)),
                 disas_f(disas_rs2(x)));
}

static void disas_a_fd_rs1(disas_out_t *o, uint64_t pc, uint32_t x)
{
    (void)pc;
    disas_printf(o, "%s,%s", disas_f(disas_rd(x)), disas_x(disas_rs1(x)));
}

static void disas_a_fd_rs1_rm(disas_out_t *o, uint64_t pc, uint32_t x)
{
    disas_a_fd_rs1(o, pc, x);
    disas_put_rm(o, x);
}

static void disas_a_fd_rs1_rm_exact(disas_out_t *o, uint64_t pc, uint32_t x)
{
    disas_a_fd_rs1(o, pc, x);
    disas_put_rm_exact(o, x);
}

/* ---- decode tables ------------------------------------------------------ */

/*
 * Mask shorthands. F3 = funct3, F7 = funct7, F6 = imm[11:6] (RV64 shifts),
 * F12 = imm[11:0], F5 = funct5 of the A extension, FMT = fp format bits.
 */
#define M_OPC 0x0000007fu
#define M_RD 0x00000f80u
#define M_F3 0x00007000u
#define M_RS1 0x000f8000u
#define M_RS2 0x01f00000u
#define M_F7 0xfe000000u
#define M_F6 0xfc000000u
#define M_F12 0xfff00000u
#define M_F5 0xf8000000u
#define M_FMT 0x06000000u

#define F3(v) ((uint32_t)(v) << 12)
#define F7(v) ((uint32_t)(v) << 25)
#define F6(v) ((uint32_t)(v) << 26)
#define F12(v) ((uint32_t)(v) << 20)
#define F5(v) ((uint32_t)(v) << 27)
#define RS2(v) ((uint32_t)(v) << 20)
#define FMT(v) ((uint32_t)(v) << 25)

#define OPC_LOAD 0x03u
#define OPC_LOAD_FP 0x07u
#define OPC_MISC_MEM 0x0fu
#define OPC_OP_IMM 0x13u
#define OPC_AUIPC 0x17u
#define OPC_OP_IMM_32 0x1bu
#define OPC_STORE 0x23u
#define OPC_STORE_FP 0x27u
#define OPC_AMO 0x2fu
#define OPC_OP 0x33u
#define OPC_LUI 0x37u
#define OPC_OP_32 0x3bu
#define OPC_MADD 0x43u
#define OPC_MSUB 0x47u
#define OPC_NMSUB 0x4bu
#define OPC_NMADD 0x4fu
#define OPC_OP_FP 0x53u
#define OPC_BRANCH 0x63u
#define OPC_JALR 0x67u
#define OPC_JAL 0x6fu
#define OPC_SYSTEM 0x73u

/* Entry matching funct3 only / funct3+funct7 / funct3+imm[11:6]. */
#define E3(opc, f3, name, args) { M_OPC | M_F3, (opc) | F3(f3), name, args, 0 }
#define E37(opc, f3, f7, name, args) \
    { M_OPC | M_F3 | M_F7, (opc) | F3(f3) | F7(f7), name, args, 0 }
#define E36(opc, f3, f6, name, args) \
    { M_OPC | M_F3 | M_F6, (opc) | F3(f3) | F6(f6), name, args, 0 }
#define E312(opc, f3, f12, name, args) \
    { M_OPC | M_F3 | M_F12, (opc) | F3(f3) | F12(f12), name, args, 0 }

static const disas_entry_t DISAS_LOAD[] = {
    E3(OPC_LOAD, 0, "lb", disas_a_load),
    E3(OPC_LOAD, 1, "lh", disas_a_load),
    E3(OPC_LOAD, 2, "lw", disas_a_load),
    E3(OPC_LOAD, 3, "ld", disas_a_load),
    E3(OPC_LOAD, 4, "lbu", disas_a_load),
    E3(OPC_LOAD, 5, "lhu", disas_a_load),
    E3(OPC_LOAD, 6, "lwu", disas_a_load),
};

static const disas_entry_t DISAS_STORE[] = {
    E3(OPC_STORE, 0, "sb", disas_a_store),
    E3(OPC_STORE, 1, "sh", disas_a_store),
    E3(OPC_STORE, 2, "sw", disas_a_store),
    E3(OPC_STORE, 3, "sd", disas_a_store),
};

static const disas_entry_t DISAS_LOAD_FP[] = {
    E3(OPC_LOAD_FP, 2, "flw", disas_a_fload),
    E3(OPC_LOAD_FP, 3, "fld", disas_a_fload),
};

static const disas_entry_t DISAS_STORE_FP[] = {
    E3(OPC_STORE_FP, 2, "fsw", disas_a_fstore),
    E3(OPC_STORE_FP, 3, "fsd", disas_a_fstore),
};

/* FENCE: rd, rs1 and the fm field must be zero except for fence.tso. */
static const disas_entry_t DISAS_MISC_MEM[] = {
    { 0xffffffffu, 0x0ff0000fu, "fence", NULL, 0 },
    { 0xffffffffu, 0x0100000fu, "pause", NULL, 0 },
    { 0xffffffffu, 0x8330000fu, "fence.tso", NULL, 0 },
    { 0xf00fffffu, 0x0000000fu, "fence", disas_a_fence, 0 },
    { 0xffffffffu, 0x0000100fu, "fence.i", NULL, 0 },
};

static const disas_entry_t DISAS_OP_IMM[] = {
    { 0xffffffffu, 0x00000013u, "nop", NULL, 0 },
    { M_OPC | M_F3 | M_RS1, OPC_OP_IMM, "li", disas_a_rd_imm, 0 },
    { M_OPC | M_F3 | M_F12, OPC_OP_IMM, "mv", disas_a_rd_rs1, 0 },
    E3(OPC_OP_IMM, 0, "addi", disas_a_rd_rs1_imm),
    /* Zbb unary ops live in the shift-immediate space. */
    E312(OPC_OP_IMM, 1, 0x600, "clz", disas_a_rd_rs1),
    E312(OPC_OP_IMM, 1, 0x601, "ctz", disas_a_rd_rs1),
    E312(OPC_OP_IMM, 1, 0x602, "cpop", disas_a_rd_rs1),
    E312(OPC_OP_IMM, 1, 0x604, "sext.b", disas_a_rd_rs1),
    E312(OPC_OP_IMM, 1, 0x605, "sext.h", disas_a_rd_rs1),
    E36(OPC_OP_IMM, 1, 0x00, "slli", disas_a_rd_rs1_shamt),
    E36(OPC_OP_IMM, 1, 0x0a, "bseti", disas_a_rd_rs1_shamt),
    E36(OPC_OP_IMM, 1, 0x12, "bclri", disas_a_rd_rs1_shamt),
    E36(OPC_OP_IMM, 1, 0x1a, "binvi", disas_a_rd_rs1_shamt),
    E3(OPC_OP_IMM, 2, "slti", disas_a_rd_rs1_imm),
    { M_OPC | M_F3 | M_F12, OPC_OP_IMM | F3(3) | F12(1), "seqz", disas_a_rd_rs1, 0 },
    E3(OPC_OP_IMM, 3, "sltiu", disas_a_rd_rs1_imm),
    { M_OPC | M_F3 | M_F12, OPC_OP_IMM | F3(4) | F12(0xfff), "not", disas_a_rd_rs1, 0 },
    E3(OPC_OP_IMM, 4, "xori", disas_a_rd_rs1_imm),
    E312(OPC_OP_IMM, 5, 0x287, "orc.b", disas_a_rd_rs1),
    E312(OPC_OP_IMM, 5, 0x6b8, "rev8", disas_a_rd_rs1),
    E36(OPC_OP_IMM, 5, 0x00, "srli", disas_a_rd_rs1_shamt),
    E36(OPC_OP_IMM, 5, 0x10, "srai", disas_a_rd_rs1_shamt),
    E36(OPC_OP_IMM, 5, 0x18, "rori", disas_a_rd_rs1_shamt),
    E36(OPC_OP_IMM, 5, 0x12, "bexti", disas_a_rd_rs1_shamt),
    E3(OPC_OP_IMM, 6, "ori", disas_a_rd_rs1_imm),
    { M_OPC | M_F3 | M_F12, OPC_OP_IMM | F3(7) | F12(0xff), "zext.b", disas_a_rd_rs1, 0 },
    E3(OPC_OP_IMM, 7, "andi", disas_a_rd_rs1_imm),
};

static const disas_entry_t DISAS_OP_IMM_32[] = {
    { M_OPC | M_F3 | M_F12, OPC_OP_IMM_32, "sext.w", disas_a_rd_rs1, 0 },
    E3(OPC_OP_IMM_32, 0, "addiw", disas_a_rd_rs1_imm),
    E37(OPC_OP_IMM_32, 1, 0x00, "slliw", disas_a_rd_rs1_shamt),
    E36(OPC_OP_IMM_32, 1, 0x02, "slli.uw", disas_a_rd_rs1_shamt),
    E312(OPC_OP_IMM_32, 1, 0x600, "clzw", disas_a_rd_rs1),
    E312(OPC_OP_IMM_32, 1, 0x601, "ctzw", disas_a_rd_rs1),
    E312(OPC_OP_IMM_32, 1, 0x602, "cpopw", disas_a_rd_rs1),
    E37(OPC_OP_IMM_32, 5, 0x00, "srliw", disas_a_rd_rs1_shamt),
    E37(OPC_OP_IMM_32, 5, 0x20, "sraiw", disas_a_rd_rs1_shamt),
    E37(OPC_OP_IMM_32, 5, 0x30, "roriw", disas_a_rd_rs1_shamt),
};

static const disas_entry_t DISAS_OP[] = {
    E37(OPC_OP, 0, 0x00, "add", disas_a_rd_rs1_rs2),
    { M_OPC | M_F3 | M_F7 | M_RS1, OPC_OP | F7(0x20), "neg", disas_a_rd_rs2, 0 },
    E37(OPC_OP, 0, 0x20, "sub", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 1, 0x00, "sll", disas_a_rd_rs1_rs2),
    { M_OPC | M_F3 | M_F7 | M_RS2, OPC_OP | F3(2), "sltz", disas_a_rd_rs1, 0 },
    { M_OPC | M_F3 | M_F7 | M_RS1, OPC_OP | F3(2), "sgtz", disas_a_rd_rs2, 0 },
    E37(OPC_OP, 2, 0x00, "slt", disas_a_rd_rs1_rs2),
    { M_OPC | M_F3 | M_F7 | M_RS1, OPC_OP | F3(3), "snez", disas_a_rd_rs2, 0 },
    E37(OPC_OP, 3, 0x00, "sltu", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 4, 0x00, "xor", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 5, 0x00, "srl", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 5, 0x20, "sra", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 6, 0x00, "or", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 7, 0x00, "and", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 0, 0x01, "mul", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 1, 0x01, "mulh", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 2, 0x01, "mulhsu", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 3, 0x01, "mulhu", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 4, 0x01, "div", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 5, 0x01, "divu", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 6, 0x01, "rem", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 7, 0x01, "remu", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 2, 0x10, "sh1add", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 4, 0x10, "sh2add", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 6, 0x10, "sh3add", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 7, 0x20, "andn", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 6, 0x20, "orn", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 4, 0x20, "xnor", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 4, 0x05, "min", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 5, 0x05, "minu", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 6, 0x05, "max", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 7, 0x05, "maxu", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 1, 0x30, "rol", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 5, 0x30, "ror", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 1, 0x24, "bclr", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 5, 0x24, "bext", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 1, 0x34, "binv", disas_a_rd_rs1_rs2),
    E37(OPC_OP, 1, 0x14, "bset", disas_a_rd_rs1_rs2),
};

static const disas_entry_t DISAS_OP_32[] = {
    E37(OPC_OP_32, 0, 0x00, "addw", disas_a_rd_rs1_rs2),
    { M_OPC | M_F3 | M_F7 | M_RS1, OPC_OP_32 | F7(0x20), "negw", disas_a_rd_rs2, 0 },
    E37(OPC_OP_32, 0, 0x20, "subw", disas_a_rd_rs1_rs2),
    E37(OPC_OP_32, 1, 0x00, "sllw", disas_a_rd_rs1_rs2),
    E37(OPC_OP_32, 5, 0x00, "srlw", disas_a_rd_rs1_rs2),
    E37(OPC_OP_32, 5, 0x20, "sraw", disas_a_rd_rs1_rs2),
    E37(OPC_OP_32, 0, 0x01, "mulw", disas_a_rd_rs1_rs2),
    E37(OPC_OP_32, 4, 0x01, "divw", disas_a_rd_rs1_rs2),
    E37(OPC_OP_32, 5, 0x01, "divuw", disas_a_rd_rs1_rs2),
    E37(OPC_OP_32, 6, 0x01, "remw", disas_a_rd_rs1_rs2),
    E37(OPC_OP_32, 7, 0x01, "remuw", disas_a_rd_rs1_rs2),
    { M_OPC | M_F3 | M_F7 | M_RS2, OPC_OP_32 | F7(0x04), "zext.w", disas_a_rd_rs1, 0 },
    E37(OPC_OP_32, 0, 0x04, "add.uw", disas_a_rd_rs1_rs2),
    E37(OPC_OP_32, 2, 0x10, "sh1add.uw", disas_a_rd_rs1_rs2),
    E37(OPC_OP_32, 4, 0x10, "sh2add.uw", disas_a_rd_rs1_rs2),
    E37(OPC_OP_32, 6, 0x10, "sh3add.uw", disas_a_rd_rs1_rs2),
    { M_OPC | M_F3 | M_F7 | M_RS2, OPC_OP_32 | F3(4) | F7(0x04), "zext.h", disas_a_rd_rs1, 0 },
    E37(OPC_OP_32, 1, 0x30, "rolw", disas_a_rd_rs1_rs2),
    E37(OPC_OP_32, 5, 0x30, "rorw", disas_a_rd_rs1_rs2),
};

/* A extension: funct5 selects the op, funct3 the width, aq/rl are masked off. */
#define M_AMO (M_OPC | M_F3 | M_F5)
#define EAMO(f3, f5, name) { M_AMO, OPC_AMO | F3(f3) | F5(f5), name, disas_a_amo, DISAS_F_AQRL }
#define ELR(f3, name) \
    { M_AMO | M_RS2, OPC_AMO | F3(f3) | F5(0x02), name, disas_a_lr, DISAS_F_AQRL }

static const disas_entry_t DISAS_AMO[] = {
    ELR(2, "lr.w"),          EAMO(2, 0x03, "sc.w"),
    EAMO(2, 0x01, "amoswap.w"), EAMO(2, 0x00, "amoadd.w"),
    EAMO(2, 0x04, "amoxor.w"),  EAMO(2, 0x0c, "amoand.w"),
    EAMO(2, 0x08, "amoor.w"),   EAMO(2, 0x10, "amomin.w"),
    EAMO(2, 0x14, "amomax.w"),  EAMO(2, 0x18, "amominu.w"),
    EAMO(2, 0x1c, "amomaxu.w"),
    ELR(3, "lr.d"),          EAMO(3, 0x03, "sc.d"),
    EAMO(3, 0x01, "amoswap.d"), EAMO(3, 0x00, "amoadd.d"),
    EAMO(3, 0x04, "amoxor.d"),  EAMO(3, 0x0c, "amoand.d"),
    EAMO(3, 0x08, "amoor.d"),   EAMO(3, 0x10, "amomin.d"),
    EAMO(3, 0x14, "amomax.d"),  EAMO(3, 0x18, "amominu.d"),
    EAMO(3, 0x1c, "amomaxu.d"),
};

/* Fused multiply-add: insn[26:25] is the format (0 = S, 1 = D). */
#define EFMA(opc, fmt, name) { M_OPC | M_FMT, (opc) | FMT(fmt), name, disas_a_f4_rm, 0 }

static const disas_entry_t DISAS_MADD[] = {
    EFMA(OPC_MADD, 0, "fmadd.s"), EFMA(OPC_MADD, 1, "fmadd.d"),
};
static const disas_entry_t DISAS_MSUB[] = {
    EFMA(OPC_MSUB, 0, "fmsub.s"), EFMA(OPC_MSUB, 1, "fmsub.d"),
};
static const disas_entry_t DISAS_NMSUB[] = {
    EFMA(OPC_NMSUB, 0, "fnmsub.s"), EFMA(OPC_NMSUB, 1, "fnmsub.d"),
};
static const disas_entry_t DISAS_NMADD[] = {
    EFMA(OPC_NMADD, 0, "fnmadd.s"), EFMA(OPC_NMADD, 1, "fnmadd.d"),
};

/* OP-FP entries keyed by funct7 (any rm), funct7+funct3, or funct7+rs2. */
#define EF7(f7, name, args) { M_OPC | M_F7, OPC_OP_FP | F7(f7), name, args, 0 }
#define EF73(f7, f3, name, args) \
    { M_OPC | M_F7 | M_F3, OPC_OP_FP | F7(f7) | F3(f3), name, args, 0 }
#define EF7R(f7, rs2, name, args) \
    { M_OPC | M_F7 | M_RS2, OPC_OP_FP | F7(f7) | RS2(rs2), name, args, 0 }
#define EF7R3(f7, rs2, f3, name, args) \
    { M_OPC | M_F7 | M_RS2 | M_F3, OPC_OP_FP | F7(f7) | RS2(rs2) | F3(f3), name, args, 0 }
/* fmv/fneg/fabs: fsgnj* with rs1 == rs2, checked by disas_entry_matches. */
#define EFSGNJ_ALIAS(f7, f3, name) \
    { M_OPC | M_F7 | M_F3, OPC_OP_FP | F7(f7) | F3(f3), name, disas_a_fd_fs1, DISAS_F_SAME_RS }

static const disas_entry_t DISAS_OP_FP[] = {
    EF7(0x00, "fadd.s", disas_a_f3_rm),   EF7(0x01, "fadd.d", disas_a_f3_rm),
    EF7(0x04, "fsub.s", disas_a_f3_rm),   EF7(0x05, "fsub.d", disas_a_f3_rm),
    EF7(0x08, "fmul.s", disas_a_f3_rm),   EF7(0x09, "fmul.d", disas_a_f3_rm),
    EF7(0x0c, "fdiv.s", disas_a_f3_rm),   EF7(0x0d, "fdiv.d", disas_a_f3_rm),
    EF7R(0x2c, 0, "fsqrt.s", disas_a_fd_fs1_rm),
    EF7R(0x2d, 0, "fsqrt.d", disas_a_fd_fs1_rm),
    EFSGNJ_ALIAS(0x10, 0, "fmv.s"),       EFSGNJ_ALIAS(0x10, 1, "fneg.s"),
    EFSGNJ_ALIAS(0x10, 2, "fabs.s"),      EFSGNJ_ALIAS(0x11, 0, "fmv.d"),
    EFSGNJ_ALIAS(0x11, 1, "fneg.d"),      EFSGNJ_ALIAS(0x11, 2, "fabs.d"),
    EF73(0x10, 0, "fsgnj.s", disas_a_f3),  EF73(0x10, 1, "fsgnjn.s", disas_a_f3),
    EF73(0x10, 2, "fsgnjx.s", disas_a_f3), EF73(0x11, 0, "fsgnj.d", disas_a_f3),
    EF73(0x11, 1, "fsgnjn.d", disas_a_f3), EF73(0x11, 2, "fsgnjx.d", disas_a_f3),
    EF73(0x14, 0, "fmin.s", disas_a_f3),   EF73(0x14, 1, "fmax.s", disas_a_f3),
    EF73(0x15, 0, "fmin.d", disas_a_f3),   EF73(0x15, 1, "fmax.d", disas_a_f3),
    EF7R(0x20, 1, "fcvt.s.d", disas_a_fd_fs1_rm),
    EF7R(0x21, 0, "fcvt.d.s", disas_a_fd_fs1_rm_exact),
    EF73(0x50, 2, "feq.s", disas_a_rd_fs1_fs2), EF73(0x50, 1, "flt.s", disas_a_rd_fs1_fs2),
    EF73(0x50, 0, "fle.s", disas_a_rd_fs1_fs2), EF73(0x51, 2, "feq.d", disas_a_rd_fs1_fs2),
    EF73(0x51, 1, "flt.d", disas_a_rd_fs1_fs2), EF73(0x51, 0, "fle.d", disas_a_rd_fs1_fs2),
    EF7R(0x60, 0, "fcvt.w.s", disas_a_rd_fs1_rm),
    EF7R(0x60, 1, "fcvt.wu.s", disas_a_rd_fs1_rm),
    EF7R(0x60, 2, "fcvt.l.s", disas_a_rd_fs1_rm),
    EF7R(0x60, 3, "fcvt.lu.s", disas_a_rd_fs1_rm),
    EF7R(0x61, 0, "fcvt.w.d", disas_a_rd_fs1_rm),
    EF7R(0x61, 1, "fcvt.wu.d", disas_a_rd_fs1_rm),
    EF7R(0x61, 2, "fcvt.l.d", disas_a_rd_fs1_rm),
    EF7R(0x61, 3, "fcvt.lu.d", disas_a_rd_fs1_rm),
    EF7R(0x68, 0, "fcvt.s.w", disas_a_fd_rs1_rm),
    EF7R(0x68, 1, "fcvt.s.wu", disas_a_fd_rs1_rm),
    EF7R(0x68, 2, "fcvt.s.l", disas_a_fd_rs1_rm),
    EF7R(0x68, 3, "fcvt.s.lu", disas_a_fd_rs1_rm),
    EF7R(0x69, 0, "fcvt.d.w", disas_a_fd_rs1_rm_exact),
    EF7R(0x69, 1, "fcvt.d.wu", disas_a_fd_rs1_rm_exact),
    EF7R(0x69, 2, "fcvt.d.l", disas_a_fd_rs1_rm),
    EF7R(0x69, 3, "fcvt.d.lu", disas_a_fd_rs1_rm),
    EF7R3(0x70, 0, 0, "fmv.x.w", disas_a_rd_fs1),
    EF7R3(0x70, 0, 1, "fclass.s", disas_a_rd_fs1),
    EF7R3(0x71, 0, 0, "fmv.x.d", disas_a_rd_fs1),
    EF7R3(0x71, 0, 1, "fclass.d", disas_a_rd_fs1),
    EF7R3(0x78, 0, 0, "fmv.w.x", disas_a_fd_rs1),
    EF7R3(0x79, 0, 0, "fmv.d.x", disas_a_fd_rs1),
};

static const disas_entry_t DISAS_BRANCH[] = {
    { M_OPC | M_F3 | M_RS2, OPC_BRANCH | F3(0), "beqz", disas_a_branch_rs1, 0 },
    E3(OPC_BRANCH, 0, "beq", disas_a_branch),
    { M_OPC | M_F3 | M_RS2, OPC_BRANCH | F3(1), "bnez", disas_a_branch_rs1, 0 },
    E3(OPC_BRANCH, 1, "bne", disas_a_branch),
    { M_OPC | M_F3 | M_RS2, OPC_BRANCH | F3(4), "bltz", disas_a_branch_rs1, 0 },
    { M_OPC | M_F3 | M_RS1, OPC_BRANCH | F3(4), "bgtz", disas_a_branch_rs2, 0 },
    E3(OPC_BRANCH, 4, "blt", disas_a_branch),
    { M_OPC | M_F3 | M_RS1, OPC_BRANCH | F3(5), "blez", disas_a_branch_rs2, 0 },
    { M_OPC | M_F3 | M_RS2, OPC_BRANCH | F3(5), "bgez", disas_a_branch_rs1, 0 },
    E3(OPC_BRANCH, 5, "bge", disas_a_branch),
    E3(OPC_BRANCH, 6, "bltu", disas_a_branch),
    E3(OPC_BRANCH, 7, "bgeu", disas_a_branch),
};

static const disas_entry_t DISAS_JALR[] = {
    { 0xffffffffu, 0x00008067u, "ret", NULL, 0 },
    { M_OPC | M_F3 | M_RD | M_F12, OPC_JALR, "jr", disas_a_rs1, 0 },
    { M_OPC | M_F3 | M_RD, OPC_JALR, "jr", disas_a_jalr_off, 0 },
    { M_OPC | M_F3 | M_RD | M_F12, OPC_JALR | (1u << 7), "jalr", disas_a_rs1, 0 },
    { M_OPC | M_F3 | M_RD, OPC_JALR | (1u << 7), "jalr", disas_a_jalr_off, 0 },
    { M_OPC | M_F3 | M_F12, OPC_JALR, "jalr", disas_a_rd_rs1, 0 },
    E3(OPC_JALR, 0, "jalr", disas_a_load),
};

static const disas_entry_t DISAS_JAL[] = {
    { M_OPC | M_RD, OPC_JAL, "j", disas_a_jal_target, 0 },
    { M_OPC | M_RD, OPC_JAL | (1u << 7), "jal", disas_a_jal_target, 0 },
    { M_OPC, OPC_JAL, "jal", disas_a_jal, 0 },
};

static const disas_entry_t DISAS_LUI[] = {
    { M_OPC, OPC_LUI, "lui", disas_a_rd_uimm20, 0 },
};

static const disas_entry_t DISAS_AUIPC[] = {
    { M_OPC, OPC_AUIPC, "auipc", disas_a_rd_uimm20, 0 },
};

/* CSR pseudo-instructions: csr number and funct3 fixed, rs1/rd as noted. */
#define M_CSRA (M_OPC | M_F3 | M_F12)
#define ECSR(f3, csr, extra_mask, extra_match, name, args) \
    { M_CSRA | (extra_mask), OPC_SYSTEM | F3(f3) | F12(csr) | (extra_match), name, args, 0 }

static const disas_entry_t DISAS_SYSTEM[] = {
    { 0xffffffffu, 0x00000073u, "ecall", NULL, 0 },
    { 0xffffffffu, 0x00100073u, "ebreak", NULL, 0 },
    { 0xffffffffu, 0x10200073u, "sret", NULL, 0 },
    { 0xffffffffu, 0x30200073u, "mret", NULL, 0 },
    { 0xffffffffu, 0x10500073u, "wfi", NULL, 0 },
    { M_F7 | M_RS2 | M_RS1 | M_F3 | M_RD | M_OPC, 0x12000073u, "sfence.vma", NULL, 0 },
    { M_F7 | M_RS2 | M_F3 | M_RD | M_OPC, 0x12000073u, "sfence.vma", disas_a_rs1, 0 },
    { M_F7 | M_F3 | M_RD | M_OPC, 0x12000073u, "sfence.vma", disas_a_rs1_rs2, 0 },
    /* csrrw zero,cycle,zero is the canonical 32-bit "unimp". */
    { 0xffffffffu, 0xc0001073u, "unimp", NULL, 0 },
    ECSR(2, 0xc00, M_RS1, 0, "rdcycle", disas_a_rd),
    ECSR(2, 0xc01, M_RS1, 0, "rdtime", disas_a_rd),
    ECSR(2, 0xc02, M_RS1, 0, "rdinstret", disas_a_rd),
    ECSR(2, 0x003, M_RS1, 0, "frcsr", disas_a_rd),
    ECSR(1, 0x003, M_RD, 0, "fscsr", disas_a_rs1),
    ECSR(1, 0x003, 0, 0, "fscsr", disas_a_rd_rs1),
    ECSR(2, 0x002, M_RS1, 0, "frrm", disas_a_rd),
    ECSR(1, 0x002, M_RD, 0, "fsrm", disas_a_rs1),
    ECSR(1, 0x002, 0, 0, "fsrm", disas_a_rd_rs1),
    ECSR(5, 0x002, 0, 0, "fsrmi", disas_a_rd_uimm5),
    ECSR(2, 0x001, M_RS1, 0, "frflags", disas_a_rd),
    ECSR(1, 0x001, M_RD, 0, "fsflags", disas_a_rs1),
    ECSR(1, 0x001, 0, 0, "fsflags", disas_a_rd_rs1),
    ECSR(5, 0x001, 0, 0, "fsflagsi", disas_a_rd_uimm5),
    { M_OPC | M_F3 | M_RS1, OPC_SYSTEM | F3(2), "csrr", disas_a_csr_read, 0 },
    { M_OPC | M_F3 | M_RD, OPC_SYSTEM | F3(1), "csrw", disas_a_csr_write, 0 },
    { M_OPC | M_F3 | M_RD, OPC_SYSTEM | F3(2), "csrs", disas_a_csr_write, 0 },
    { M_OPC | M_F3 | M_RD, OPC_SYSTEM | F3(3), "csrc", disas_a_csr_write, 0 },
    { M_OPC | M_F3 | M_RD, OPC_SYSTEM | F3(5), "csrwi", disas_a_csr_write_imm, 0 },
    { M_OPC | M_F3 | M_RD, OPC_SYSTEM | F3(6), "csrsi", disas_a_csr_write_imm, 0 },
    { M_OPC | M_F3 | M_RD, OPC_SYSTEM | F3(7), "csrci", disas_a_csr_write_imm, 0 },
    E3(OPC_SYSTEM, 1, "csrrw", disas_a_csr_reg),
    E3(OPC_SYSTEM, 2, "csrrs", disas_a_csr_reg),
    E3(OPC_SYSTEM, 3, "csrrc", disas_a_csr_reg),
    E3(OPC_SYSTEM, 5, "csrrwi", disas_a_csr_imm),
    E3(OPC_SYSTEM, 6, "csrrsi", disas_a_csr_imm),
    E3(OPC_SYSTEM, 7, "csrrci", disas_a_csr_imm),
};

#define DISAS_TABLE(t) { t, DISAS_LEN(t) }

/* Indexed by insn[6:2]; empty slots (custom, 48-bit+, reserved) are unknown. */
static const disas_table_t DISAS_OPCODES[32] = {
    [OPC_LOAD >> 2] = DISAS_TABLE(DISAS_LOAD),
    [OPC_LOAD_FP >> 2] = DISAS_TABLE(DISAS_LOAD_FP),
    [OPC_MISC_MEM >> 2] = DISAS_TABLE(DISAS_MISC_MEM),
    [OPC_OP_IMM >> 2] = DISAS_TABLE(DISAS_OP_IMM),
    [OPC_AUIPC >> 2] = DISAS_TABLE(DISAS_AUIPC),
    [OPC_OP_IMM_32 >> 2] = DISAS_TABLE(DISAS_OP_IMM_32),
    [OPC_STORE >> 2] = DISAS_TABLE(DISAS_STORE),
    [OPC_STORE_FP >> 2] = DISAS_TABLE(DISAS_STORE_FP),
    [OPC_AMO >> 2] = DISAS_TABLE(DISAS_AMO),
    [OPC_OP >> 2] = DISAS_TABLE(DISAS_OP),
    [OPC_LUI >> 2] = DISAS_TABLE(DISAS_LUI),
    [OPC_OP_32 >> 2] = DISAS_TABLE(DISAS_OP_32),
    [OPC_MADD >> 2] = DISAS_TABLE(DISAS_MADD),
    [OPC_MSUB >> 2] = DISAS_TABLE(DISAS_MSUB),
    [OPC_NMSUB >> 2] = DISAS_TABLE(DISAS_NMSUB),
    [OPC_NMADD >> 2] = DISAS_TABLE(DISAS_NMADD),
    [OPC_OP_FP >> 2] = DISAS_TABLE(DISAS_OP_FP),
    [OPC_BRANCH >> 2] = DISAS_TABLE(DISAS_BRANCH),
    [OPC_JALR >> 2] = DISAS_TABLE(DISAS_JALR),
    [OPC_JAL >> 2] = DISAS_TABLE(DISAS_JAL),
    [OPC_SYSTEM >> 2] = DISAS_TABLE(DISAS_SYSTEM),
};

/* ---- driver ------------------------------------------------------------- */

static bool disas_entry_matches(const disas_entry_t *e, uint32_t insn)
{
    if ((insn & e->mask) != e->match)
        return false;
    if ((e->flags & DISAS_F_SAME_RS) && disas_rs1(insn) != disas_rs2(insn))
        return false;
    return true;
}

static const disas_entry_t *disas_lookup(uint32_t insn)
{
    const disas_table_t *t = &DISAS_OPCODES[disas_bits(insn, 6, 2)];
    for (size_t i = 0; i < t->count; i++) {
        if (disas_entry_matches(&t->entries[i], insn))
            return &t->entries[i];
    }
    return NULL;
}

static void disas_emit(disas_out_t *o, uint64_t pc, uint32_t insn,
                       const disas_entry_t *e)
{
    static const char *const aqrl[4] = { "", ".rl", ".aq", ".aqrl" };
    const char *suffix = "";
    if (e->flags & DISAS_F_AQRL)
        suffix = aqrl[disas_bits(insn, 26, 25)];

    size_t before = o->len;
    disas_printf(o, "%s%s", e->name, suffix);
    if (e->args == NULL)
        return;
    disas_pad(o, o->len - before);
    e->args(o, pc, insn);
}

static void disas_32(disas_out_t *o, uint64_t pc, uint32_t insn)
{
    const disas_entry_t *e = disas_lookup(insn);
    if (e == NULL)
        disas_printf(o, ".4byte  0x%" PRIx32, insn);
    else
        disas_emit(o, pc, insn, e);
}

/*
 * c.mv expands to "add rd,x0,rs2", which prints as add; objdump shows the
 * compressed form as "mv", so present it through the equivalent addi.
 */
static uint32_t disas_rvc_display_form(uint16_t half, uint32_t expanded)
{
    const uint16_t c_mv_mask = 0xf003, c_mv_match = 0x8002;
    if ((half & c_mv_mask) == c_mv_match && disas_rs2(expanded) != 0)
        return (disas_rs2(expanded) << 15) | (expanded & M_RD) | OPC_OP_IMM;
    return expanded;
}

static void disas_16(disas_out_t *o, uint64_t pc, uint16_t half)
{
    if (half == 0) {
        disas_printf(o, "unimp");
        return;
    }
    uint32_t full = rvc_expand(half);
    if (full == 0)
        disas_printf(o, ".2byte  0x%" PRIx32, (uint32_t)half);
    else
        disas_32(o, pc, disas_rvc_display_form(half, full));
}

int disas_insn(char *buf, size_t size, uint64_t pc, uint32_t insn)
{
    disas_out_t o = { buf, size, 0 };
    if (size > 0)
        buf[0] = '\0';
    if ((insn & 3u) != 3u) {
        disas_16(&o, pc, (uint16_t)insn);
        return 2;
    }
    disas_32(&o, pc, insn);
    return 4;
}
