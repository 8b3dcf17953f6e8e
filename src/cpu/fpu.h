/* IEEE 754 binary32/binary64 arithmetic with RISC-V F/D semantics, as pure functions on raw bits.
 *
 * Every function takes operands as raw encodings (single precision as the 32-bit encoding, already
 * unboxed by the caller), a rounding mode already resolved to FPU_RNE..FPU_RMM, and ORs the
 * exception flags it raises into *flags (FPU_NX..FPU_NV, the fflags bit layout). NaN results of
 * arithmetic are always the canonical NaN; tininess is detected after rounding, and underflow is
 * only signalled when the result is also inexact.
 *
 * Round-to-nearest-even arithmetic runs on the host FPU (SSE on x86-64) where that is exactly
 * equivalent; the other rounding modes and the cases the host would get wrong go through the
 * software implementation (fpu_soft_*), which is also the reference the unit tests compare the
 * fast paths against. Passing the caller's accrued flags as *flags (rather than a zeroed
 * temporary) keeps the host path fast: it then rarely needs to clear the host's status bits.
 * The host path assumes the calling thread's SSE control word is the default one (round to
 * nearest, exceptions masked, no flush-to-zero); it checks and repairs that, slowly. */
#ifndef CPU_FPU_H
#define CPU_FPU_H

#include <stdbool.h>
#include <stdint.h>

/* Rounding modes (the values of the rm field and frm). */
enum { FPU_RNE = 0, FPU_RTZ = 1, FPU_RDN = 2, FPU_RUP = 3, FPU_RMM = 4 };

/* Exception flags (the fflags bit layout). */
#define FPU_NX 0x01u
#define FPU_UF 0x02u
#define FPU_OF 0x04u
#define FPU_DZ 0x08u
#define FPU_NV 0x10u

#define FPU_CNAN_S 0x7fc00000u
#define FPU_CNAN_D 0x7ff8000000000000ull

/* Sign manipulation of fused multiply-add: FMADD = 0, FMSUB = NEG_ADDEND, FNMSUB = NEG_PRODUCT,
 * FNMADD = both. The product and the addend are negated before the single rounding. */
#define FPU_NEG_PRODUCT 1u
#define FPU_NEG_ADDEND 2u

/* Integer types of conversions; W/WU results are returned sign-extended from 32 bits, and W/WU
 * sources use only the low 32 bits of the argument. */
typedef enum { FPU_W, FPU_WU, FPU_L, FPU_LU } fpu_int_t;

/* Operations of fpu_soft_* (the software reference). */
typedef enum {
    FPU_OP_ADD,
    FPU_OP_SUB,
    FPU_OP_MUL,
    FPU_OP_DIV,
    FPU_OP_SQRT, /* uses a only */
    FPU_OP_FMA,  /* a * b + c, with FPU_NEG_* in the op's `neg` argument */
} fpu_op_t;

uint32_t fpu_add_s(uint32_t a, uint32_t b, unsigned rm, uint32_t *flags);
uint32_t fpu_sub_s(uint32_t a, uint32_t b, unsigned rm, uint32_t *flags);
uint32_t fpu_mul_s(uint32_t a, uint32_t b, unsigned rm, uint32_t *flags);
uint32_t fpu_div_s(uint32_t a, uint32_t b, unsigned rm, uint32_t *flags);
uint32_t fpu_sqrt_s(uint32_t a, unsigned rm, uint32_t *flags);
uint32_t fpu_fma_s(uint32_t a, uint32_t b, uint32_t c, unsigned neg, unsigned rm, uint32_t *flags);

uint64_t fpu_add_d(uint64_t a, uint64_t b, unsigned rm, uint32_t *flags);
uint64_t fpu_sub_d(uint64_t a, uint64_t b, unsigned rm, uint32_t *flags);
uint64_t fpu_mul_d(uint64_t a, uint64_t b, unsigned rm, uint32_t *flags);
uint64_t fpu_div_d(uint64_t a, uint64_t b, unsigned rm, uint32_t *flags);
uint64_t fpu_sqrt_d(uint64_t a, unsigned rm, uint32_t *flags);
uint64_t fpu_fma_d(uint64_t a, uint64_t b, uint64_t c, unsigned neg, unsigned rm, uint32_t *flags);

/* fmin/fmax (IEEE 754-2019 minimumNumber/maximumNumber): a NaN operand yields the other one,
 * two NaNs the canonical NaN, -0 < +0; a signaling NaN raises NV. */
uint32_t fpu_min_s(uint32_t a, uint32_t b, uint32_t *flags);
uint32_t fpu_max_s(uint32_t a, uint32_t b, uint32_t *flags);
uint64_t fpu_min_d(uint64_t a, uint64_t b, uint32_t *flags);
uint64_t fpu_max_d(uint64_t a, uint64_t b, uint32_t *flags);

/* feq is quiet (NV on signaling NaNs only), flt/fle signal NV on any NaN. */
bool fpu_eq_s(uint32_t a, uint32_t b, uint32_t *flags);
bool fpu_lt_s(uint32_t a, uint32_t b, uint32_t *flags);
bool fpu_le_s(uint32_t a, uint32_t b, uint32_t *flags);
bool fpu_eq_d(uint64_t a, uint64_t b, uint32_t *flags);
bool fpu_lt_d(uint64_t a, uint64_t b, uint32_t *flags);
bool fpu_le_d(uint64_t a, uint64_t b, uint32_t *flags);

/* fclass: one of bits 0..9 (-inf, -normal, -subnormal, -0, +0, +subnormal, +normal, +inf,
 * signaling NaN, quiet NaN). */
unsigned fpu_class_s(uint32_t a);
unsigned fpu_class_d(uint64_t a);

/* Float -> integer, saturating: NaN and too large positive values give the largest value, too
 * large negative ones the smallest (0 for unsigned), with NV; inexact in-range results raise NX. */
uint64_t fpu_to_int_s(uint32_t a, fpu_int_t type, unsigned rm, uint32_t *flags);
uint64_t fpu_to_int_d(uint64_t a, fpu_int_t type, unsigned rm, uint32_t *flags);
/* Integer -> float. */
uint32_t fpu_from_int_s(uint64_t x, fpu_int_t type, unsigned rm, uint32_t *flags);
uint64_t fpu_from_int_d(uint64_t x, fpu_int_t type, unsigned rm, uint32_t *flags);
/* Between precisions (the widening one is exact; its rounding mode is irrelevant). */
uint32_t fpu_cvt_s_d(uint64_t a, unsigned rm, uint32_t *flags);
uint64_t fpu_cvt_d_s(uint32_t a, uint32_t *flags);

/* Software reference of the rounding operations, for any mode; `neg` is used by FPU_OP_FMA. */
uint32_t fpu_soft_s(fpu_op_t op, uint32_t a, uint32_t b, uint32_t c, unsigned neg, unsigned rm,
                    uint32_t *flags);
uint64_t fpu_soft_d(fpu_op_t op, uint64_t a, uint64_t b, uint64_t c, unsigned neg, unsigned rm,
                    uint32_t *flags);

/* Sign injection (fsgnj/fsgnjn/fsgnjx, op = 0/1/2) on raw bits; `sign` is the sign bit mask.
 * No NaN canonicalization and no flags. */
static inline uint64_t fpu_sgnj(uint64_t a, uint64_t b, uint64_t sign, unsigned op)
{
    uint64_t s = op == 0 ? b : op == 1 ? ~b : a ^ b;
    return (a & ~sign) | (s & sign);
}

#endif
