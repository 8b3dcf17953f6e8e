/* RISC-V F/D arithmetic on raw bits (see fpu.h).
 *
 * Two implementations share this file:
 *  - a small software one (unpack to sign/exponent/integer significand, compute the exact result
 *    or a sticky-jammed approximation wide enough to round correctly, round once), used for the
 *    directed rounding modes and round-to-nearest-max-magnitude (RMM, which x86 lacks), for
 *    infinite and NaN operands of the fused multiply-add, for conversions, and as the test
 *    reference;
 *  - the host SSE unit for round to nearest even, the hot path: x86 implements IEEE 754 with
 *    tininess detected after rounding and, with underflow masked, raises underflow only for
 *    inexact tiny results, exactly as RISC-V requires. Its NaN results are replaced by the
 *    canonical NaN.
 */
#include "cpu/fpu.h"

#include <string.h>

#include "util/util.h"

__extension__ typedef unsigned __int128 u128;

/* ------------------------------------------------------------------------------------------
 * Software implementation
 * ------------------------------------------------------------------------------------------ */

typedef struct {
    unsigned mant;  /* stored fraction bits */
    unsigned width; /* encoding width in bits */
    int32_t bias;
    uint64_t emax;  /* the all-ones exponent field */
    uint64_t cnan;  /* canonical NaN */
} format_t;

static const format_t FORMAT_S = {23, 32, 127, 0xff, FPU_CNAN_S};
static const format_t FORMAT_D = {52, 64, 1023, 0x7ff, FPU_CNAN_D};

typedef enum { NUM_ZERO, NUM_FINITE, NUM_INF, NUM_QNAN, NUM_SNAN } num_class_t;

/* A decoded operand; finite nonzero values are sig * 2^exp with sig's top bit at bit `mant`
 * (subnormals are normalized). */
typedef struct {
    num_class_t cls;
    bool sign;
    int32_t exp;
    uint64_t sig;
} num_t;

static uint64_t sign_mask(const format_t *f)
{
    return 1ull << (f->width - 1);
}

static uint64_t frac_mask(const format_t *f)
{
    return (1ull << f->mant) - 1;
}

static uint64_t pack_zero(const format_t *f, bool sign)
{
    return sign ? sign_mask(f) : 0;
}

static uint64_t pack_inf(const format_t *f, bool sign)
{
    return pack_zero(f, sign) | (f->emax << f->mant);
}

static uint64_t pack_max(const format_t *f, bool sign)
{
    return pack_zero(f, sign) | ((f->emax - 1) << f->mant) | frac_mask(f);
}

static bool bits_is_nan(const format_t *f, uint64_t x)
{
    return (x & ~sign_mask(f)) > (f->emax << f->mant);
}

static bool bits_is_snan(const format_t *f, uint64_t x)
{
    return bits_is_nan(f, x) && !((x >> (f->mant - 1)) & 1);
}

static bool bits_is_zero(const format_t *f, uint64_t x)
{
    return (x & ~sign_mask(f)) == 0;
}

static int msb64(uint64_t x)
{
    return 63 - __builtin_clzll(x);
}

static int msb128(u128 x)
{
    uint64_t hi = (uint64_t)(x >> 64);
    return hi ? 64 + msb64(hi) : msb64((uint64_t)x);
}

/* Shift right, ORing every bit shifted out into bit 0 ("sticky"), so that later rounding still
 * sees that the value was not exact. */
static uint64_t shr_jam64(uint64_t x, unsigned n)
{
    if (n == 0)
        return x;
    if (n >= 64)
        return x != 0;
    return (x >> n) | ((x << (64 - n)) != 0);
}

static u128 shr_jam128(u128 x, unsigned n)
{
    if (n == 0)
        return x;
    if (n >= 128)
        return x != 0;
    return (x >> n) | ((x << (128 - n)) != 0);
}

static num_t unpack(const format_t *f, uint64_t bits)
{
    num_t n = {NUM_FINITE, (bits & sign_mask(f)) != 0, 0, 0};
    uint64_t frac = bits & frac_mask(f);
    uint64_t e = (bits >> f->mant) & f->emax;
    if (e == f->emax) {
        if (frac == 0)
            n.cls = NUM_INF;
        else
            n.cls = (frac >> (f->mant - 1)) & 1 ? NUM_QNAN : NUM_SNAN;
    } else if (e == 0) {
        if (frac == 0) {
            n.cls = NUM_ZERO;
        } else {
            int s = (int)f->mant - msb64(frac);
            n.sig = frac << s;
            n.exp = 1 - f->bias - (int32_t)f->mant - s;
        }
    } else {
        n.sig = frac | (1ull << f->mant);
        n.exp = (int32_t)e - f->bias - (int32_t)f->mant;
    }
    return n;
}

static bool num_is_nan(num_t n)
{
    return n.cls == NUM_QNAN || n.cls == NUM_SNAN;
}

/* Whether a magnitude whose discarded part is `rest` (half-way value `half`) rounds up. */
static bool round_up(unsigned rm, bool sign, bool lsb, uint64_t rest, uint64_t half)
{
    switch (rm) {
    case FPU_RTZ: return false;
    case FPU_RDN: return sign && rest != 0;
    case FPU_RUP: return !sign && rest != 0;
    case FPU_RMM: return rest >= half;
    default: return rest > half || (rest == half && lsb);
    }
}

static uint64_t overflow_value(const format_t *f, bool sign, unsigned rm)
{
    bool to_inf = rm == FPU_RNE || rm == FPU_RMM || (rm == FPU_RUP && !sign) ||
                  (rm == FPU_RDN && sign);
    return to_inf ? pack_inf(f, sign) : pack_max(f, sign);
}

/* Rounds sig * 2^exp (sig's top bit at bit 62, bit 0 sticky) to the format. */
static uint64_t round_pack(const format_t *f, bool sign, int32_t exp, uint64_t sig, unsigned rm,
                           uint32_t *flags)
{
    const unsigned rbits = 62 - f->mant; /* bits below the result's last place */
    const uint64_t rmask = (1ull << rbits) - 1, half = 1ull << (rbits - 1);
    int32_t be = exp + 62 + f->bias; /* biased exponent, if the result is normal */
    bool tiny = false;

    if (be <= 0) {
        /* Tininess after rounding: tiny unless rounding to full precision with an unbounded
         * exponent carries up to the smallest normal number. */
        uint64_t m = sig >> rbits;
        bool carries = m == (2ull << f->mant) - 1 && round_up(rm, sign, 1, sig & rmask, half);
        tiny = be < 0 || !carries;
        sig = shr_jam64(sig, be < -64 ? 65 : (unsigned)(1 - be));
        be = 0;
    }
    uint64_t rest = sig & rmask;
    uint64_t m = sig >> rbits;
    if (round_up(rm, sign, m & 1, rest, half))
        m++;
    if (rest)
        *flags |= tiny ? FPU_NX | FPU_UF : FPU_NX;
    if (be == 0) /* subnormal; a carry into bit `mant` makes it the smallest normal */
        return pack_zero(f, sign) | m;
    if (m >> (f->mant + 1)) {
        m >>= 1;
        be++;
    }
    if ((uint64_t)be >= f->emax) {
        *flags |= FPU_OF | FPU_NX;
        return overflow_value(f, sign, rm);
    }
    return pack_zero(f, sign) | ((uint64_t)be << f->mant) | (m & frac_mask(f));
}

/* Rounds m * 2^exp (m nonzero, bit 0 sticky, at least two bits below the result's last place
 * before any sticky bit). */
static uint64_t norm_round(const format_t *f, bool sign, u128 m, int32_t exp, unsigned rm,
                           uint32_t *flags)
{
    int k = msb128(m);
    if (k > 62) {
        m = shr_jam128(m, (unsigned)(k - 62));
        exp += k - 62;
    } else {
        m <<= 62 - k;
        exp -= 62 - k;
    }
    return round_pack(f, sign, exp, (uint64_t)m, rm, flags);
}

static uint64_t invalid(const format_t *f, uint32_t *flags)
{
    *flags |= FPU_NV;
    return f->cnan;
}

static uint64_t nan_result(const format_t *f, num_t a, num_t b, num_t c, uint32_t *flags)
{
    if (a.cls == NUM_SNAN || b.cls == NUM_SNAN || c.cls == NUM_SNAN)
        *flags |= FPU_NV;
    return f->cnan;
}

static const num_t NUM_NONE = {NUM_ZERO, false, 0, 0};

/* Exact sum of two nonzero values ma * 2^ea and mb * 2^eb (significands below 2^107), rounded.
 * The operand with the larger leading exponent is placed with its top bit at bit 125; the other
 * is aligned to it, jamming what falls off. Bits are only lost when the exponents are more than
 * 20 apart, and then the result's last place lies far above bit 0. */
static uint64_t add_core(const format_t *f, bool sa, u128 ma, int32_t ea, bool sb, u128 mb,
                         int32_t eb, unsigned rm, uint32_t *flags)
{
    int ka = msb128(ma), kb = msb128(mb);
    if (ea + ka < eb + kb) {
        bool ts = sa;
        u128 tm = ma;
        int32_t te = ea;
        int tk = ka;
        sa = sb, ma = mb, ea = eb, ka = kb;
        sb = ts, mb = tm, eb = te, kb = tk;
    }
    int32_t frame = ea + ka - 125; /* exponent of bit 0 */
    ma <<= 125 - ka;
    int64_t sh = (int64_t)eb - frame;
    mb = sh >= 0 ? mb << sh : shr_jam128(mb, -sh > 127 ? 128 : (unsigned)-sh);

    u128 m;
    bool sign;
    if (sa == sb) {
        m = ma + mb;
        sign = sa;
    } else if (ma >= mb) {
        m = ma - mb;
        sign = sa;
    } else {
        m = mb - ma;
        sign = sb;
    }
    if (m == 0) /* exact cancellation */
        return pack_zero(f, rm == FPU_RDN);
    return norm_round(f, sign, m, frame, rm, flags);
}

static uint64_t soft_add(const format_t *f, uint64_t a, uint64_t b, bool negate_b, unsigned rm,
                         uint32_t *flags)
{
    if (negate_b)
        b ^= sign_mask(f);
    num_t x = unpack(f, a), y = unpack(f, b);
    if (num_is_nan(x) || num_is_nan(y))
        return nan_result(f, x, y, NUM_NONE, flags);
    if (x.cls == NUM_INF) {
        if (y.cls == NUM_INF && x.sign != y.sign)
            return invalid(f, flags);
        return a;
    }
    if (y.cls == NUM_INF)
        return b;
    if (x.cls == NUM_ZERO && y.cls == NUM_ZERO)
        return pack_zero(f, x.sign == y.sign ? x.sign : rm == FPU_RDN);
    if (x.cls == NUM_ZERO)
        return b;
    if (y.cls == NUM_ZERO)
        return a;
    return add_core(f, x.sign, x.sig, x.exp, y.sign, y.sig, y.exp, rm, flags);
}

static uint64_t soft_mul(const format_t *f, uint64_t a, uint64_t b, unsigned rm, uint32_t *flags)
{
    num_t x = unpack(f, a), y = unpack(f, b);
    bool sign = x.sign != y.sign;
    if (num_is_nan(x) || num_is_nan(y))
        return nan_result(f, x, y, NUM_NONE, flags);
    if (x.cls == NUM_INF || y.cls == NUM_INF) {
        if (x.cls == NUM_ZERO || y.cls == NUM_ZERO)
            return invalid(f, flags);
        return pack_inf(f, sign);
    }
    if (x.cls == NUM_ZERO || y.cls == NUM_ZERO)
        return pack_zero(f, sign);
    return norm_round(f, sign, (u128)x.sig * y.sig, x.exp + y.exp, rm, flags);
}

static uint64_t soft_div(const format_t *f, uint64_t a, uint64_t b, unsigned rm, uint32_t *flags)
{
    num_t x = unpack(f, a), y = unpack(f, b);
    bool sign = x.sign != y.sign;
    if (num_is_nan(x) || num_is_nan(y))
        return nan_result(f, x, y, NUM_NONE, flags);
    if (x.cls == NUM_INF)
        return y.cls == NUM_INF ? invalid(f, flags) : pack_inf(f, sign);
    if (y.cls == NUM_INF)
        return pack_zero(f, sign);
    if (x.cls == NUM_ZERO)
        return y.cls == NUM_ZERO ? invalid(f, flags) : pack_zero(f, sign);
    if (y.cls == NUM_ZERO) {
        *flags |= FPU_DZ;
        return pack_inf(f, sign);
    }
    /* At least 64 quotient bits; a nonzero remainder becomes the sticky bit. */
    u128 n = (u128)x.sig << 64;
    u128 q = n / y.sig;
    bool rest = n % y.sig != 0;
    return norm_round(f, sign, q | rest, x.exp - y.exp - 64, rm, flags);
}

/* floor(sqrt(m)) for m < 2^124: Newton's iteration from above decreases monotonically. */
static uint64_t isqrt128(u128 m)
{
    u128 r = (u128)1 << ((msb128(m) + 2) / 2 + 1);
    for (;;) {
        u128 next = (r + m / r) / 2;
        if (next >= r)
            break;
        r = next;
    }
    return (uint64_t)r;
}

static uint64_t soft_sqrt(const format_t *f, uint64_t a, unsigned rm, uint32_t *flags)
{
    num_t x = unpack(f, a);
    if (num_is_nan(x))
        return nan_result(f, x, NUM_NONE, NUM_NONE, flags);
    if (x.cls == NUM_ZERO)
        return a; /* sqrt(-0) = -0 */
    if (x.sign)
        return invalid(f, flags);
    if (x.cls == NUM_INF)
        return a;
    uint64_t sig = x.sig;
    int32_t exp = x.exp;
    if (exp & 1) {
        sig <<= 1;
        exp -= 1;
    }
    /* Scale to about 2^124 by an even shift: the root then has 62 bits. */
    unsigned shift = (124 - (f->mant + 2)) & ~1u;
    u128 m = (u128)sig << shift;
    uint64_t r = isqrt128(m);
    bool rest = m != (u128)r * r;
    return norm_round(f, false, r | rest, (exp - (int32_t)shift) / 2, rm, flags);
}

static uint64_t soft_fma(const format_t *f, uint64_t a, uint64_t b, uint64_t c, unsigned neg,
                         unsigned rm, uint32_t *flags)
{
    if (neg & FPU_NEG_ADDEND)
        c ^= sign_mask(f);
    num_t x = unpack(f, a), y = unpack(f, b), z = unpack(f, c);
    bool ps = (x.sign != y.sign) != ((neg & FPU_NEG_PRODUCT) != 0);
    /* RISC-V: inf * 0 is invalid even when the addend is a quiet NaN. */
    if ((x.cls == NUM_INF && y.cls == NUM_ZERO) || (x.cls == NUM_ZERO && y.cls == NUM_INF))
        return invalid(f, flags);
    if (num_is_nan(x) || num_is_nan(y) || num_is_nan(z))
        return nan_result(f, x, y, z, flags);
    if (x.cls == NUM_INF || y.cls == NUM_INF) {
        if (z.cls == NUM_INF && z.sign != ps)
            return invalid(f, flags);
        return pack_inf(f, ps);
    }
    if (z.cls == NUM_INF)
        return c;
    if (x.cls == NUM_ZERO || y.cls == NUM_ZERO) {
        if (z.cls == NUM_ZERO)
            return pack_zero(f, ps == z.sign ? ps : rm == FPU_RDN);
        return c;
    }
    u128 p = (u128)x.sig * y.sig;
    if (z.cls == NUM_ZERO)
        return norm_round(f, ps, p, x.exp + y.exp, rm, flags);
    return add_core(f, ps, p, x.exp + y.exp, z.sign, z.sig, z.exp, rm, flags);
}

static uint64_t soft_op(const format_t *f, fpu_op_t op, uint64_t a, uint64_t b, uint64_t c,
                        unsigned neg, unsigned rm, uint32_t *flags)
{
    switch (op) {
    case FPU_OP_ADD: return soft_add(f, a, b, false, rm, flags);
    case FPU_OP_SUB: return soft_add(f, a, b, true, rm, flags);
    case FPU_OP_MUL: return soft_mul(f, a, b, rm, flags);
    case FPU_OP_DIV: return soft_div(f, a, b, rm, flags);
    case FPU_OP_SQRT: return soft_sqrt(f, a, rm, flags);
    case FPU_OP_FMA: return soft_fma(f, a, b, c, neg, rm, flags);
    }
    return invalid(f, flags);
}

uint32_t fpu_soft_s(fpu_op_t op, uint32_t a, uint32_t b, uint32_t c, unsigned neg, unsigned rm,
                    uint32_t *flags)
{
    return (uint32_t)soft_op(&FORMAT_S, op, a, b, c, neg, rm, flags);
}

uint64_t fpu_soft_d(fpu_op_t op, uint64_t a, uint64_t b, uint64_t c, unsigned neg, unsigned rm,
                    uint32_t *flags)
{
    return soft_op(&FORMAT_D, op, a, b, c, neg, rm, flags);
}

/* ------------------------------------------------------------------------------------------
 * Host FPU (x86-64 SSE), round to nearest even only: the directed modes would need MXCSR
 * reloads, which cost more than the software path. Each operation sits in one asm statement
 * with its MXCSR accesses, so the compiler can neither move nor constant-fold it.
 * ------------------------------------------------------------------------------------------ */

#if defined(__x86_64__) && defined(__GNUC__)

/* All exceptions masked, round to nearest, no flush-to-zero, no denormals-are-zero. */
#define MXCSR_BASE 0x1f80u

/* MXCSR status bits (IE, DE, ZE, OE, UE, PE) -> fflags; DE (denormal operand) has no
 * RISC-V counterpart. */
static uint32_t mxcsr_flags(uint32_t st)
{
    return ((st & 0x01) << 4) | ((st & 0x04) << 1) | ((st & 0x08) >> 1) | ((st & 0x10) >> 3) |
           ((st & 0x20) >> 5);
}

/* Clearing MXCSR's sticky status bits before each operation would cost more than the
 * operation (a read of MXCSR after a reload stalls for tens of cycles), so it is only done when
 * needed: if every status bit already set is in *flags, the caller's accrued flags, and the
 * control bits are the defaults, OR-ing all status bits after the operation adds exactly what it
 * raised. Otherwise MXCSR is reloaded first; that leaves only this operation's bits set. */
static bool host_clean(uint32_t flags)
{
    uint32_t st;
    __asm__ volatile("stmxcsr %0" : "=m"(st));
    return (st & ~0x3fu) == MXCSR_BASE && (mxcsr_flags(st) & ~flags) == 0;
}

#define HOST_CLEAN_ASM(insn) insn "\n\tstmxcsr %[s]"
#define HOST_RESET_ASM(insn) "ldmxcsr %[base]\n\t" insn "\n\tstmxcsr %[s]"

/* a = a OP b (for sqrt: a = sqrt(b)). */
#define HOST_BINOP(name, type, insn)                                          \
    static type name(type a, type b, uint32_t *flags)                         \
    {                                                                         \
        const uint32_t base = MXCSR_BASE;                                     \
        uint32_t st;                                                          \
        if (likely(host_clean(*flags)))                                       \
            __asm__ volatile(HOST_CLEAN_ASM(insn " %[b], %[a]")                \
                             : [a] "+x"(a), [s] "=m"(st)                      \
                             : [b] "x"(b));                                   \
        else                                                                  \
            __asm__ volatile(HOST_RESET_ASM(insn " %[b], %[a]")                \
                             : [a] "+x"(a), [s] "=m"(st)                      \
                             : [b] "x"(b), [base] "m"(base));                 \
        *flags |= mxcsr_flags(st);                                            \
        return a;                                                             \
    }

/* c = a * b + c with one rounding (FMA3). */
#define HOST_FMA(name, type, insn)                                            \
    static type name(type a, type b, type c, uint32_t *flags)                 \
    {                                                                         \
        const uint32_t base = MXCSR_BASE;                                     \
        uint32_t st;                                                          \
        if (likely(host_clean(*flags)))                                       \
            __asm__ volatile(HOST_CLEAN_ASM(insn " %[b], %[a], %[c]")          \
                             : [c] "+x"(c), [s] "=m"(st)                      \
                             : [a] "x"(a), [b] "x"(b));                       \
        else                                                                  \
            __asm__ volatile(HOST_RESET_ASM(insn " %[b], %[a], %[c]")          \
                             : [c] "+x"(c), [s] "=m"(st)                      \
                             : [a] "x"(a), [b] "x"(b), [base] "m"(base));     \
        *flags |= mxcsr_flags(st);                                            \
        return c;                                                             \
    }

static bool host_has_fma(void)
{
    return __builtin_cpu_supports("fma");
}

#define HOST_OK(rm) likely((rm) == FPU_RNE)

#else /* no host fast path: everything is done in software, the stubs are never called */

#define HOST_BINOP(name, type, insn)                                          \
    static type name(type a, type b, uint32_t *flags)                         \
    {                                                                         \
        (void)b, (void)flags;                                                 \
        return a;                                                             \
    }
#define HOST_FMA(name, type, insn)                                            \
    static type name(type a, type b, type c, uint32_t *flags)                 \
    {                                                                         \
        (void)a, (void)b, (void)flags;                                        \
        return c;                                                             \
    }

static bool host_has_fma(void)
{
    return false;
}

#define HOST_OK(rm) ((void)(rm), false)
#endif

HOST_BINOP(host_add_s, float, "addss")
HOST_BINOP(host_sub_s, float, "subss")
HOST_BINOP(host_mul_s, float, "mulss")
HOST_BINOP(host_div_s, float, "divss")
HOST_BINOP(host_sqrt_s, float, "sqrtss")
HOST_BINOP(host_add_d, double, "addsd")
HOST_BINOP(host_sub_d, double, "subsd")
HOST_BINOP(host_mul_d, double, "mulsd")
HOST_BINOP(host_div_d, double, "divsd")
HOST_BINOP(host_sqrt_d, double, "sqrtsd")
HOST_FMA(host_fma_s, float, "vfmadd231ss")
HOST_FMA(host_fma_d, double, "vfmadd231sd")

static float f32_of(uint32_t x)
{
    float v;
    memcpy(&v, &x, sizeof v);
    return v;
}

/* Host results: any NaN becomes the canonical one. */
static uint32_t bits_of_f32(float v)
{
    uint32_t x;
    memcpy(&x, &v, sizeof x);
    return (x & 0x7fffffffu) > 0x7f800000u ? FPU_CNAN_S : x;
}

static double f64_of(uint64_t x)
{
    double v;
    memcpy(&v, &x, sizeof v);
    return v;
}

static uint64_t bits_of_f64(double v)
{
    uint64_t x;
    memcpy(&x, &v, sizeof x);
    return (x & ~(1ull << 63)) > 0x7ff0000000000000ull ? FPU_CNAN_D : x;
}

/* ------------------------------------------------------------------------------------------
 * Public entry points
 * ------------------------------------------------------------------------------------------ */

#define DEF_BINOP(op, OPCODE)                                                         \
    uint32_t fpu_##op##_s(uint32_t a, uint32_t b, unsigned rm, uint32_t *flags)       \
    {                                                                                 \
        if (HOST_OK(rm))                                                              \
            return bits_of_f32(host_##op##_s(f32_of(a), f32_of(b), flags));           \
        return fpu_soft_s(OPCODE, a, b, 0, 0, rm, flags);                             \
    }                                                                                 \
    uint64_t fpu_##op##_d(uint64_t a, uint64_t b, unsigned rm, uint32_t *flags)       \
    {                                                                                 \
        if (HOST_OK(rm))                                                              \
            return bits_of_f64(host_##op##_d(f64_of(a), f64_of(b), flags));           \
        return fpu_soft_d(OPCODE, a, b, 0, 0, rm, flags);                             \
    }
DEF_BINOP(add, FPU_OP_ADD)
DEF_BINOP(sub, FPU_OP_SUB)
DEF_BINOP(mul, FPU_OP_MUL)
DEF_BINOP(div, FPU_OP_DIV)

uint32_t fpu_sqrt_s(uint32_t a, unsigned rm, uint32_t *flags)
{
    if (HOST_OK(rm))
        return bits_of_f32(host_sqrt_s(0.0f, f32_of(a), flags));
    return fpu_soft_s(FPU_OP_SQRT, a, 0, 0, 0, rm, flags);
}

uint64_t fpu_sqrt_d(uint64_t a, unsigned rm, uint32_t *flags)
{
    if (HOST_OK(rm))
        return bits_of_f64(host_sqrt_d(0.0, f64_of(a), flags));
    return fpu_soft_d(FPU_OP_SQRT, a, 0, 0, 0, rm, flags);
}

/* The host handles finite operands; infinities and NaNs take the software path because x86
 * does not signal invalid for inf * 0 + qNaN. */
uint32_t fpu_fma_s(uint32_t a, uint32_t b, uint32_t c, unsigned neg, unsigned rm, uint32_t *flags)
{
    const uint32_t e = 0x7f800000u;
    if (HOST_OK(rm) && (a & e) != e && (b & e) != e && (c & e) != e && host_has_fma()) {
        if (neg & FPU_NEG_PRODUCT)
            a ^= 0x80000000u;
        if (neg & FPU_NEG_ADDEND)
            c ^= 0x80000000u;
        return bits_of_f32(host_fma_s(f32_of(a), f32_of(b), f32_of(c), flags));
    }
    return fpu_soft_s(FPU_OP_FMA, a, b, c, neg, rm, flags);
}

uint64_t fpu_fma_d(uint64_t a, uint64_t b, uint64_t c, unsigned neg, unsigned rm, uint32_t *flags)
{
    const uint64_t e = 0x7ff0000000000000ull;
    if (HOST_OK(rm) && (a & e) != e && (b & e) != e && (c & e) != e && host_has_fma()) {
        if (neg & FPU_NEG_PRODUCT)
            a ^= 1ull << 63;
        if (neg & FPU_NEG_ADDEND)
            c ^= 1ull << 63;
        return bits_of_f64(host_fma_d(f64_of(a), f64_of(b), f64_of(c), flags));
    }
    return fpu_soft_d(FPU_OP_FMA, a, b, c, neg, rm, flags);
}

/* ---- min/max, compares, classify: exact bit-level operations ---- */

/* Total order key of a non-NaN value with -0 below +0. */
static int64_t order_key(const format_t *f, uint64_t x)
{
    int64_t mag = (int64_t)(x & ~sign_mask(f));
    return x & sign_mask(f) ? -mag - 1 : mag;
}

/* Numeric order key of a non-NaN value (-0 == +0). */
static int64_t value_key(const format_t *f, uint64_t x)
{
    int64_t mag = (int64_t)(x & ~sign_mask(f));
    return x & sign_mask(f) ? -mag : mag;
}

static uint64_t minmax(const format_t *f, uint64_t a, uint64_t b, bool want_max, uint32_t *flags)
{
    bool an = bits_is_nan(f, a), bn = bits_is_nan(f, b);
    if (unlikely(an || bn)) {
        if (bits_is_snan(f, a) || bits_is_snan(f, b))
            *flags |= FPU_NV;
        if (an && bn)
            return f->cnan;
        return an ? b : a;
    }
    bool a_below = order_key(f, a) < order_key(f, b);
    return a_below == want_max ? b : a;
}

uint32_t fpu_min_s(uint32_t a, uint32_t b, uint32_t *flags)
{
    return (uint32_t)minmax(&FORMAT_S, a, b, false, flags);
}

uint32_t fpu_max_s(uint32_t a, uint32_t b, uint32_t *flags)
{
    return (uint32_t)minmax(&FORMAT_S, a, b, true, flags);
}

uint64_t fpu_min_d(uint64_t a, uint64_t b, uint32_t *flags)
{
    return minmax(&FORMAT_D, a, b, false, flags);
}

uint64_t fpu_max_d(uint64_t a, uint64_t b, uint32_t *flags)
{
    return minmax(&FORMAT_D, a, b, true, flags);
}

typedef enum { CMP_EQ, CMP_LT, CMP_LE } cmp_t;

static bool compare(const format_t *f, uint64_t a, uint64_t b, cmp_t cmp, uint32_t *flags)
{
    if (unlikely(bits_is_nan(f, a) || bits_is_nan(f, b))) {
        /* feq is a quiet comparison, flt/fle signaling ones. */
        if (cmp != CMP_EQ || bits_is_snan(f, a) || bits_is_snan(f, b))
            *flags |= FPU_NV;
        return false;
    }
    if (cmp == CMP_EQ)
        return a == b || bits_is_zero(f, a | b);
    int64_t ka = value_key(f, a), kb = value_key(f, b);
    return cmp == CMP_LT ? ka < kb : ka <= kb;
}

bool fpu_eq_s(uint32_t a, uint32_t b, uint32_t *flags)
{
    return compare(&FORMAT_S, a, b, CMP_EQ, flags);
}

bool fpu_lt_s(uint32_t a, uint32_t b, uint32_t *flags)
{
    return compare(&FORMAT_S, a, b, CMP_LT, flags);
}

bool fpu_le_s(uint32_t a, uint32_t b, uint32_t *flags)
{
    return compare(&FORMAT_S, a, b, CMP_LE, flags);
}

bool fpu_eq_d(uint64_t a, uint64_t b, uint32_t *flags)
{
    return compare(&FORMAT_D, a, b, CMP_EQ, flags);
}

bool fpu_lt_d(uint64_t a, uint64_t b, uint32_t *flags)
{
    return compare(&FORMAT_D, a, b, CMP_LT, flags);
}

bool fpu_le_d(uint64_t a, uint64_t b, uint32_t *flags)
{
    return compare(&FORMAT_D, a, b, CMP_LE, flags);
}

static unsigned classify(const format_t *f, uint64_t a)
{
    num_t n = unpack(f, a);
    uint64_t e = (a >> f->mant) & f->emax;
    switch (n.cls) {
    case NUM_SNAN: return 1u << 8;
    case NUM_QNAN: return 1u << 9;
    case NUM_INF: return n.sign ? 1u << 0 : 1u << 7;
    case NUM_ZERO: return n.sign ? 1u << 3 : 1u << 4;
    default:
        if (e == 0)
            return n.sign ? 1u << 2 : 1u << 5;
        return n.sign ? 1u << 1 : 1u << 6;
    }
}

unsigned fpu_class_s(uint32_t a)
{
    return classify(&FORMAT_S, a);
}

unsigned fpu_class_d(uint64_t a)
{
    return classify(&FORMAT_D, a);
}

/* ---- conversions ---- */

static uint64_t int_result(fpu_int_t type, uint64_t v)
{
    return type == FPU_W || type == FPU_WU ? (uint64_t)(int64_t)(int32_t)v : v;
}

static uint64_t to_int(const format_t *f, uint64_t a, fpu_int_t type, unsigned rm,
                       uint32_t *flags)
{
    bool is_signed = type == FPU_W || type == FPU_L;
    uint64_t umax = type == FPU_W || type == FPU_WU ? 0xffffffffull : ~0ull;
    uint64_t pos_limit = is_signed ? umax >> 1 : umax; /* largest magnitudes */
    uint64_t neg_limit = is_signed ? pos_limit + 1 : 0;
    num_t x = unpack(f, a);
    uint64_t mag = 0;
    bool inexact = false, huge = false;

    switch (x.cls) {
    case NUM_QNAN:
    case NUM_SNAN:
        *flags |= FPU_NV;
        return int_result(type, pos_limit);
    case NUM_ZERO: return 0;
    case NUM_INF: huge = true; break;
    case NUM_FINITE:
        if (x.exp >= 0) {
            huge = x.exp + (int32_t)f->mant > 63;
            if (!huge)
                mag = x.sig << x.exp;
        } else {
            unsigned n = (unsigned)-x.exp;
            /* Beyond 63 bits the fraction is nonzero and below one half. */
            uint64_t ipart = n > 63 ? 0 : x.sig >> n;
            uint64_t rest = n > 63 ? 1 : x.sig & ((1ull << n) - 1);
            uint64_t half = n > 63 ? 2 : 1ull << (n - 1);
            mag = ipart + round_up(rm, x.sign, ipart & 1, rest, half);
            inexact = rest != 0;
        }
        break;
    }
    if (huge || mag > (x.sign ? neg_limit : pos_limit)) {
        *flags |= FPU_NV;
        return int_result(type, x.sign ? (uint64_t)-neg_limit : pos_limit);
    }
    if (inexact)
        *flags |= FPU_NX;
    return int_result(type, x.sign ? (uint64_t)-mag : mag);
}

uint64_t fpu_to_int_s(uint32_t a, fpu_int_t type, unsigned rm, uint32_t *flags)
{
    return to_int(&FORMAT_S, a, type, rm, flags);
}

uint64_t fpu_to_int_d(uint64_t a, fpu_int_t type, unsigned rm, uint32_t *flags)
{
    return to_int(&FORMAT_D, a, type, rm, flags);
}

static uint64_t from_int(const format_t *f, uint64_t x, fpu_int_t type, unsigned rm,
                         uint32_t *flags)
{
    bool neg = false;
    uint64_t mag;
    switch (type) {
    case FPU_W: neg = (int32_t)x < 0; mag = (uint64_t)(int64_t)(int32_t)x; break;
    case FPU_WU: mag = (uint32_t)x; break;
    case FPU_L: neg = (int64_t)x < 0; mag = x; break;
    default: mag = x; break;
    }
    if (neg)
        mag = -mag;
    if (mag == 0)
        return 0;
    return norm_round(f, neg, mag, 0, rm, flags);
}

uint32_t fpu_from_int_s(uint64_t x, fpu_int_t type, unsigned rm, uint32_t *flags)
{
    return (uint32_t)from_int(&FORMAT_S, x, type, rm, flags);
}

uint64_t fpu_from_int_d(uint64_t x, fpu_int_t type, unsigned rm, uint32_t *flags)
{
    return from_int(&FORMAT_D, x, type, rm, flags);
}

static uint64_t convert(const format_t *to, const format_t *from, uint64_t a, unsigned rm,
                        uint32_t *flags)
{
    num_t x = unpack(from, a);
    switch (x.cls) {
    case NUM_QNAN:
    case NUM_SNAN: return nan_result(to, x, NUM_NONE, NUM_NONE, flags);
    case NUM_INF: return pack_inf(to, x.sign);
    case NUM_ZERO: return pack_zero(to, x.sign);
    default: return norm_round(to, x.sign, x.sig, x.exp, rm, flags);
    }
}

uint32_t fpu_cvt_s_d(uint64_t a, unsigned rm, uint32_t *flags)
{
    return (uint32_t)convert(&FORMAT_S, &FORMAT_D, a, rm, flags);
}

uint64_t fpu_cvt_d_s(uint32_t a, uint32_t *flags)
{
    return convert(&FORMAT_D, &FORMAT_S, a, FPU_RNE, flags);
}
