/* Floating-point benchmark: mostly double precision (an n-body simulation with square roots and
 * divisions, a matrix multiply with fused multiply-adds, a series of square roots, divisions and
 * int/double conversions) plus a single-precision part (Mandelbrot set, vector normalisation).
 * Built with -ffp-contract=off, every result is fixed by IEEE 754 rounding alone, so it is
 * checked bit for bit; physical and algebraic sanity checks catch wrong-but-stable results. */
#include "bench.h"

enum {
    NBODY_COUNT = 5,
    NBODY_STEPS = 250000,
    MATRIX_N = 96,
    MATRIX_ROUNDS = 24,
    SERIES_TERMS = 3000000,
    MANDEL_WIDTH = 480,
    MANDEL_HEIGHT = 360,
    MANDEL_MAX_ITER = 255,
    VECTOR_COUNT = 3000000,
};

#define NBODY_DT 0.0005
#define NBODY_CENTRAL_MASS 1000.0

#define EXPECT_ENERGY 0xc030218ec17f2ed1ULL
#define EXPECT_MATRIX 0xd69b6cb7c8b3e7c6ULL
#define EXPECT_SERIES 0x0085f2000587d65bULL
#define EXPECT_MANDEL 0x7caa28df6ee38cd0ULL
#define EXPECT_VECTOR 0xc42a8c3034c00000ULL

typedef struct {
    double x[3];
    double v[3];
    double mass;
} body_t;

static double matrix_a[MATRIX_N][MATRIX_N];
static double matrix_b[MATRIX_N][MATRIX_N];
static double matrix_c[MATRIX_N][MATRIX_N];

static double fp_abs(double x)
{
    return x < 0 ? -x : x;
}

/* A heavy central body and light ones on near-circular orbits, tilted a little out of plane
 * so that all three coordinates carry work. */
static void nbody_init(body_t *b)
{
    b[0] = (body_t){ .mass = NBODY_CENTRAL_MASS };
    for (int i = 1; i < NBODY_COUNT; i++) {
        double r = 1.0 + 0.75 * i;
        double speed = bench_sqrt(NBODY_CENTRAL_MASS / r);
        double tilt = 0.05 * i;
        b[i] = (body_t){ .x = { r, 0.0, tilt * r },
                         .v = { 0.0, speed, 0.0 },
                         .mass = 0.01 * i };
    }
    /* Zero the total momentum so the system does not drift away. */
    for (int k = 0; k < 3; k++) {
        double p = 0.0;
        for (int i = 1; i < NBODY_COUNT; i++)
            p += b[i].v[k] * b[i].mass;
        b[0].v[k] = -p / b[0].mass;
    }
}

static double nbody_energy(const body_t *b)
{
    double e = 0.0;
    for (int i = 0; i < NBODY_COUNT; i++) {
        const double *v = b[i].v;
        e += 0.5 * b[i].mass * (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        for (int j = i + 1; j < NBODY_COUNT; j++) {
            double dx = b[i].x[0] - b[j].x[0], dy = b[i].x[1] - b[j].x[1];
            double dz = b[i].x[2] - b[j].x[2];
            e -= b[i].mass * b[j].mass / bench_sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

/* One symplectic-Euler step: velocities from all pairwise forces, then positions. */
static void nbody_step(body_t *b, double dt)
{
    for (int i = 0; i < NBODY_COUNT; i++) {
        for (int j = i + 1; j < NBODY_COUNT; j++) {
            double d[3], d2 = 0.0;
            for (int k = 0; k < 3; k++) {
                d[k] = b[i].x[k] - b[j].x[k];
                d2 += d[k] * d[k];
            }
            double scale = dt / (d2 * bench_sqrt(d2));
            for (int k = 0; k < 3; k++) {
                b[i].v[k] -= d[k] * b[j].mass * scale;
                b[j].v[k] += d[k] * b[i].mass * scale;
            }
        }
    }
    for (int i = 0; i < NBODY_COUNT; i++)
        for (int k = 0; k < 3; k++)
            b[i].x[k] += dt * b[i].v[k];
}

static int nbody_run(uint64_t *bits)
{
    body_t bodies[NBODY_COUNT];
    nbody_init(bodies);
    double e0 = nbody_energy(bodies);
    for (long s = 0; s < NBODY_STEPS; s++)
        nbody_step(bodies, NBODY_DT);
    double e1 = nbody_energy(bodies);
    *bits = bench_double_bits(e1);
    /* A symplectic integrator keeps the energy close; a broken FPU does not. */
    return bench_check("nbody energy conserved", fp_abs((e1 - e0) / e0) < 1e-3, 1);
}

static void matrix_init(void)
{
    uint64_t seed = 0x3141592653589793ULL;
    for (int i = 0; i < MATRIX_N; i++) {
        for (int j = 0; j < MATRIX_N; j++) {
            /* Values in [-1, 1) with 53 random bits, via an int-to-double conversion. */
            matrix_a[i][j] = (double)(int64_t)(bench_rand(&seed) >> 11) * 0x1p-52 - 1.0;
            matrix_b[i][j] = (double)(int64_t)(bench_rand(&seed) >> 11) * 0x1p-52 - 1.0;
        }
    }
}

static void matrix_multiply(void)
{
    for (int i = 0; i < MATRIX_N; i++) {
        for (int j = 0; j < MATRIX_N; j++)
            matrix_c[i][j] = 0.0;
        for (int k = 0; k < MATRIX_N; k++) {
            double a = matrix_a[i][k];
            for (int j = 0; j < MATRIX_N; j++)
                matrix_c[i][j] = __builtin_fma(a, matrix_b[k][j], matrix_c[i][j]);
        }
    }
}

/* Checks C = A*B by comparing sum(C) with A times the row sums of B, computed another way. */
static int matrix_run(uint64_t *sum)
{
    matrix_init();
    for (int r = 0; r < MATRIX_ROUNDS; r++) {
        /* Feed the last result back so that each round depends on the previous one. */
        for (int i = 0; r > 0 && i < MATRIX_N; i++)
            matrix_a[i][(i + r) % MATRIX_N] = matrix_c[i][i] * 0.25;
        matrix_multiply();
    }
    double total = 0.0, expected = 0.0, magnitude = 0.0;
    uint64_t digest = 0;
    for (int i = 0; i < MATRIX_N; i++) {
        for (int j = 0; j < MATRIX_N; j++) {
            total += matrix_c[i][j];
            digest = bench_mix(digest, bench_double_bits(matrix_c[i][j]));
        }
    }
    for (int k = 0; k < MATRIX_N; k++) {
        double row_b = 0.0, col_a = 0.0;
        for (int j = 0; j < MATRIX_N; j++)
            row_b += matrix_b[k][j];
        for (int i = 0; i < MATRIX_N; i++)
            col_a += matrix_a[i][k];
        expected += col_a * row_b;
        magnitude += fp_abs(col_a * row_b);
    }
    *sum = digest;
    return bench_check("matrix sum", fp_abs(total - expected) <= 1e-9 * magnitude, 1);
}

/* Square roots, divisions and conversions; the float-to-int conversions truncate on purpose. */
static int series_run(uint64_t *bits)
{
    double harmonic = 0.0, roots = 0.0;
    int64_t truncated = 0;
    for (long i = 1; i <= SERIES_TERMS; i++) {
        double x = (double)i;
        double root = bench_sqrt(x);
        harmonic += 1.0 / x;
        roots += root / (x + 1.0);
        truncated += (int64_t)(root * 1000.0) % 7;
    }
    *bits = bench_double_bits(harmonic) ^ bench_double_bits(roots) ^ (uint64_t)truncated;
    /* H(n) - ln(n) tends to Euler's gamma, 0.5772...; ln(3e6) = 14.914... */
    return bench_check("series harmonic", fp_abs(harmonic - 14.9141228 - 0.5772157) < 1e-6, 1);
}

static uint32_t mandel_point(float cr, float ci)
{
    float zr = 0.0f, zi = 0.0f;
    uint32_t n = 0;
    while (n < MANDEL_MAX_ITER && zr * zr + zi * zi <= 4.0f) {
        float t = zr * zr - zi * zi + cr;
        zi = 2.0f * zr * zi + ci;
        zr = t;
        n++;
    }
    return n;
}

static uint64_t mandel_run(void)
{
    uint64_t digest = 0;
    for (int y = 0; y < MANDEL_HEIGHT; y++) {
        uint64_t row = 0;
        for (int x = 0; x < MANDEL_WIDTH; x++) {
            float cr = -2.2f + 3.2f * (float)x / (float)MANDEL_WIDTH;
            float ci = -1.2f + 2.4f * (float)y / (float)MANDEL_HEIGHT;
            row = row * 31 + mandel_point(cr, ci);
        }
        digest = bench_mix(digest, row);
    }
    return digest;
}

/* Normalises pseudo-random 3-vectors in single precision; their lengths must come out ~1. */
static int vector_run(uint64_t *bits)
{
    uint64_t seed = 0x2718281828459045ULL;
    float sum = 0.0f, worst = 0.0f;
    for (long i = 0; i < VECTOR_COUNT; i++) {
        uint64_t r = bench_rand(&seed);
        float v[3] = { (float)(int16_t)r + 0.5f, (float)(int16_t)(r >> 16) + 0.5f,
                       (float)(int16_t)(r >> 32) + 0.5f };
        float inv = 1.0f / bench_sqrtf(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        float n[3] = { v[0] * inv, v[1] * inv, v[2] * inv };
        float len2 = n[0] * n[0] + n[1] * n[1] + n[2] * n[2];
        float err = len2 > 1.0f ? len2 - 1.0f : 1.0f - len2;
        worst = err > worst ? err : worst;
        sum += __builtin_fmaf(n[0], n[1], n[2]);
    }
    *bits = (bench_float_bits(sum) << 32) | bench_float_bits(worst);
    return bench_check("vector unit length", worst < 1e-5f, 1);
}

int main(void)
{
    uint64_t start = bm_rdinstret();
    int failures = 0;
    uint64_t energy, matrix, series, vector;
    failures += nbody_run(&energy);
    failures += bench_check("nbody energy", energy, EXPECT_ENERGY);
    failures += matrix_run(&matrix);
    failures += bench_check("matrix digest", matrix, EXPECT_MATRIX);
    failures += series_run(&series);
    failures += bench_check("series digest", series, EXPECT_SERIES);
    failures += bench_check("mandelbrot digest", mandel_run(), EXPECT_MANDEL);
    failures += vector_run(&vector);
    failures += bench_check("vector digest", vector, EXPECT_VECTOR);
    return bench_finish(start, failures);
}
