/* The JIT against the interpreter: random blocks of the instructions it emits natively, mixed
 * with compressed forms and instructions it runs through their handlers, executed once by the
 * interpreter and once by the compiled code from the same register and memory state; the two
 * must agree on every register, the pc, the status, the exiting instruction, trap CSRs, memory
 * and code-page notifications. Also: the arena filling up, and the flush that resets it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "cpu/hart.h"
#include "exec/jit.h"
#include "exec/tcache.h"
#include "mem/phys.h"
#include "util/log.h"

#define RAM 0x80000000ULL
#define RAM_SIZE 0x10000ULL
#define CODE (RAM + 0x1000)      /* blocks are written here */
#define DATA_SIZE 0x3000
#define DATA (RAM + RAM_SIZE - DATA_SIZE) /* the last three pages: loads and stores use them */
#define TRAP_VEC (RAM + 0x8000)
#define BASE_REG 9   /* points into DATA; never a destination */
#define WILD_REG 10  /* points outside RAM: loads and stores through it fault */
#define EDGE_REG 16  /* a few bytes before the end of RAM: wider accesses cross into nothing */

typedef struct rig {
    phys_map_t phys;
    log_ctx_t log;
    tcache_t tc;
    hart_t harts[2]; /* 0: interpreter, 1: JIT */
    uint8_t *ram;
    unsigned code_notes[2];
    uint64_t rng;
} rig_t;

static rig_t *the_rig;

static void note_code(hart_t *h, uint64_t pa_page)
{
    (void)pa_page;
    the_rig->code_notes[h == &the_rig->harts[1]]++;
}

static int setup(void **state)
{
    rig_t *r = calloc(1, sizeof(*r));
    assert_non_null(r);
    phys_init(&r->phys);
    assert_non_null(phys_add_ram(&r->phys, "ram", RAM, RAM_SIZE, false));
    r->ram = phys_ram_ptr(&r->phys, RAM, RAM_SIZE);
    log_init(&r->log);
    tcache_init(&r->tc, &r->phys, &r->log);
    char err[128];
    if (!jit_supported()) {
        free(r);
        skip();
    }
    assert_true(tcache_enable_jit(&r->tc, 4, err, sizeof(err)));
    for (int i = 0; i < 2; i++) {
        hart_init(&r->harts[i], 0, NULL, &r->phys, &r->tc, &r->log, 0);
        r->harts[i].code_written = note_code;
    }
    r->rng = 0x9e3779b97f4a7c15ULL;
    rcu_register_thread();
    the_rig = r;
    *state = r;
    return 0;
}

static int teardown(void **state)
{
    rig_t *r = *state;
    rcu_thread_offline();
    tcache_drop_all(&r->tc);
    tcache_destroy(&r->tc);
    rcu_unregister_thread();
    phys_destroy(&r->phys);
    free(r);
    return 0;
}

static uint64_t rnd(rig_t *r)
{
    r->rng ^= r->rng << 13;
    r->rng ^= r->rng >> 7;
    r->rng ^= r->rng << 17;
    return r->rng;
}
static unsigned pick(rig_t *r, unsigned n) { return (unsigned)(rnd(r) % n); }

/* Registers random blocks use: a few, so that results feed later instructions. */
static unsigned reg(rig_t *r)
{
    static const unsigned regs[] = {0, 1, 5, 6, 7, 8, 11, 12, 13, 14, 15, 31};
    return regs[pick(r, sizeof(regs) / sizeof(regs[0]))];
}

static uint32_t enc_r(unsigned f7, unsigned rs2, unsigned rs1, unsigned f3, unsigned rd,
                      unsigned opc)
{
    return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opc;
}
static uint32_t enc_i(int32_t imm, unsigned rs1, unsigned f3, unsigned rd, unsigned opc)
{
    return ((uint32_t)(imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opc;
}
static uint32_t enc_s(int32_t imm, unsigned rs2, unsigned rs1, unsigned f3)
{
    uint32_t u = (uint32_t)imm & 0xfff;
    return ((u >> 5) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((u & 31) << 7) | 0x23;
}
static uint32_t enc_b(int32_t imm, unsigned rs2, unsigned rs1, unsigned f3)
{
    uint32_t u = (uint32_t)imm;
    return (((u >> 12) & 1) << 31) | (((u >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) |
           (f3 << 12) | (((u >> 1) & 0xf) << 8) | (((u >> 11) & 1) << 7) | 0x63;
}
static uint32_t enc_j(int32_t imm, unsigned rd)
{
    uint32_t u = (uint32_t)imm;
    return (((u >> 20) & 1) << 31) | (((u >> 1) & 0x3ff) << 21) | (((u >> 11) & 1) << 20) |
           (((u >> 12) & 0xff) << 12) | (rd << 7) | 0x6f;
}

static uint32_t gen_alu(rig_t *r)
{
    static const struct { unsigned f7, f3, opc; } rr[] = {
        {0, 0, 0x33}, {0x20, 0, 0x33}, {0, 1, 0x33}, {0, 2, 0x33}, {0, 3, 0x33}, {0, 4, 0x33},
        {0, 5, 0x33}, {0x20, 5, 0x33}, {0, 6, 0x33}, {0, 7, 0x33}, {1, 0, 0x33},
        {0, 0, 0x3b}, {0x20, 0, 0x3b}, {0, 1, 0x3b}, {0, 5, 0x3b}, {0x20, 5, 0x3b}, {1, 0, 0x3b},
        {1, 4, 0x33}, {1, 5, 0x33}, {1, 6, 0x33}, {1, 7, 0x33}, /* div, divu, rem, remu */
        {1, 4, 0x3b}, {1, 5, 0x3b}, {1, 6, 0x3b}, {1, 7, 0x3b}, /* divw ... remuw */
        {1, 1, 0x33},                            /* handler-run: mulh */
        {1, 7, 0x53}, {0x09, 7, 0x53},           /* fadd.d, fmul.d: illegal while FS is Off */
    };
    unsigned k = pick(r, 32);
    if (k < sizeof(rr) / sizeof(rr[0]))
        return enc_r(rr[k].f7, reg(r), reg(r), rr[k].f3, reg(r), rr[k].opc);
    int32_t imm = (int32_t)pick(r, 4096) - 2048;
    if (pick(r, 4) == 0)
        imm = (int32_t)pick(r, 5) - 2; /* zero and its neighbours */
    static const unsigned f3s[] = {0, 2, 3, 4, 6, 7};
    switch (k - 28) {
    case 0: return enc_i(imm, reg(r), f3s[pick(r, 6)], reg(r), 0x13);
    case 1: { /* shifts by an immediate, 64- and 32-bit */
        unsigned which = pick(r, 6), sh = pick(r, which < 3 ? 64 : 32);
        static const unsigned hi[] = {0, 0, 0x400, 0, 0, 0x400}, f3[] = {1, 5, 5, 1, 5, 5};
        return enc_i((int32_t)(hi[which] | sh), reg(r), f3[which], reg(r),
                     which < 3 ? 0x13 : 0x1b);
    }
    case 2: return enc_i(imm, reg(r), 0, reg(r), 0x1b); /* addiw */
    default:
        return (uint32_t)(rnd(r) & 0xfffff000u) | (reg(r) << 7) | (pick(r, 2) ? 0x37 : 0x17);
    }
}

static uint32_t gen_mem(rig_t *r)
{
    unsigned base = (unsigned[]){WILD_REG, EDGE_REG}[pick(r, 2)];
    int32_t imm = (int32_t)pick(r, 16) - 8;
    if (pick(r, 8)) {
        base = BASE_REG;
        imm = (int32_t)pick(r, 4096) - 2048;
    }
    if (pick(r, 2))
        imm &= ~7;
    if (pick(r, 3) == 0) /* amoadd.d rd, rs2, (base): through its handler */
        return enc_r(0, reg(r), pick(r, 4) ? BASE_REG : WILD_REG, 3, reg(r), 0x2f);
    if (pick(r, 5) == 0) { /* flw/fld/fsw/fsd: FS on or off (set_state), NaN-boxing */
        unsigned f3 = 2 + pick(r, 2), f = pick(r, 32);
        return pick(r, 2) ? enc_i(imm, base, f3, f, 0x07) : (enc_s(imm, f, base, f3) ^ 0x23) | 0x27;
    }
    if (pick(r, 2))
        return enc_i(imm, base, pick(r, 7), reg(r), 0x03);
    return enc_s(imm, reg(r), base, pick(r, 4));
}

/* 16-bit forms: c.nop, c.li, c.addi, c.mv, c.add (decoded to the same operations). */
static uint16_t gen_compressed(rig_t *r)
{
    static const unsigned dests[] = {8, 11, 12, 13, 14, 15}; /* never BASE_REG or WILD_REG */
    unsigned rd = dests[pick(r, 6)], rs = 8 + pick(r, 8), imm = pick(r, 64);
    switch (pick(r, 5)) {
    case 0: return 0x0001;
    case 1: return (uint16_t)(0x4001 | ((imm >> 5) << 12) | (rd << 7) | ((imm & 31) << 2));
    case 2: return (uint16_t)(0x0001 | ((imm >> 5) << 12) | (rd << 7) | ((imm & 31) << 2));
    case 3: return (uint16_t)(0x8002 | (rd << 7) | (rs << 2));
    default: return (uint16_t)(0x9002 | (rd << 7) | (rs << 2));
    }
}

/* Writes a random block at CODE; returns its length in bytes. */
static unsigned gen_block(rig_t *r)
{
    uint8_t *p = r->ram + (CODE - RAM);
    unsigned off = 0, n = 1 + pick(r, 40);
    for (unsigned i = 0; i < n; i++) {
        unsigned k = pick(r, 10);
        if (k == 0) {
            uint16_t c = gen_compressed(r);
            memcpy(p + off, &c, 2);
            off += 2;
            continue;
        }
        uint32_t w = k < 5 ? gen_alu(r) : k < 8 ? gen_mem(r)
                                          : enc_b(2 * ((int32_t)pick(r, 64) - 32), reg(r), reg(r),
                                                  (unsigned[]){0, 1, 4, 5, 6, 7}[pick(r, 6)]);
        memcpy(p + off, &w, 4);
        off += 4;
    }
    uint32_t end;
    switch (pick(r, 3)) {
    case 0: end = enc_j(2 * ((int32_t)pick(r, 256) - 128), reg(r)); break;
    case 1: end = enc_i((int32_t)pick(r, 64) - 32, reg(r), 0, reg(r), 0x67); break; /* jalr */
    default: end = 0x00000013; break; /* the block runs on into the next one */
    }
    memcpy(p + off, &end, 4);
    off += 4;
    memset(p + off, 0, 8); /* an illegal instruction ends the block */
    return off;
}

static void set_state(hart_t *h, const uint64_t *x)
{
    hart_reset(h, CODE);
    h->mtvec = TRAP_VEC;
    memcpy(h->x, x, sizeof(h->x));
    for (unsigned i = 0; i < 32; i++)
        h->f[i] = x[i] * 3;
    if (x[1] & 1)
        h->mstatus |= MSTATUS_FS;
    h->instret = 0;
}

static void compare_harts(const hart_t *a, const hart_t *b, unsigned iter)
{
    for (unsigned i = 0; i < 32; i++)
        if (a->x[i] != b->x[i])
            fail_msg("block %u: x%u interpreter %#lx, JIT %#lx", iter, i,
                     (unsigned long)a->x[i], (unsigned long)b->x[i]);
    for (unsigned i = 0; i < 32; i++)
        assert_int_equal(a->f[i], b->f[i]);
    assert_int_equal(a->fflags, b->fflags);
    assert_int_equal(a->mstatus, b->mstatus);
    assert_int_equal(a->pc, b->pc);
    assert_int_equal(a->mcause, b->mcause);
    assert_int_equal(a->mepc, b->mepc);
    assert_int_equal(a->mtval, b->mtval);
}

/* Retires the last block (flushing when the arena is full) and lets its memory go. */
static void forget_blocks(rig_t *r)
{
    if (atomic_load(&r->tc.flush_wanted))
        tcache_flush(&r->tc);
    else
        tcache_invalidate_page(&r->tc, CODE);
    rcu_quiescent_state();
}

static void run_random_block(rig_t *r, unsigned iter, uint8_t *mem_interp, uint8_t *mem_start)
{
    forget_blocks(r);
    gen_block(r);
    uint64_t x[32] = {0};
    static const uint64_t edges[] = {0, 1, ~0ULL, 1ULL << 63, 0xffffffff80000000ULL, 0x80000000,
                                     0xffffffff, 0x7fffffffffffffffULL};
    for (unsigned i = 1; i < 32; i++)
        x[i] = pick(r, 4) ? rnd(r) : pick(r, 2) ? (uint64_t)(int64_t)(int8_t)rnd(r)
                                               : edges[pick(r, 8)];
    x[BASE_REG] = DATA + 0x800 + pick(r, DATA_SIZE - 0x1000);
    x[WILD_REG] = 0x1000 + pick(r, 0x1000);
    x[EDGE_REG] = RAM + RAM_SIZE - 8 + pick(r, 8);
    for (unsigned i = 0; i < DATA_SIZE; i++)
        mem_start[i] = (uint8_t)rnd(r);
    block_t *b = tcache_get(&r->tc, CODE, r->ram + (CODE - RAM), CODE);
    assert_non_null(b);
    if (b->entry == b->insns[0].fn) { /* the arena is full: flush and compile again */
        assert_true(atomic_load(&r->tc.flush_wanted));
        forget_blocks(r);
        b = tcache_get(&r->tc, CODE, r->ram + (CODE - RAM), CODE);
        assert_non_null(b);
        assert_ptr_not_equal(b->entry, b->insns[0].fn);
    }
    int st[2];
    const insn_t *exit_insn[2];
    for (int k = 0; k < 2; k++) {
        hart_t *h = &r->harts[k];
        memcpy(r->ram + (DATA - RAM), mem_start, DATA_SIZE);
        set_state(h, x);
        st[k] = k ? b->entry(h, b->insns) : b->insns[0].fn(h, b->insns);
        exit_insn[k] = h->exit_insn;
        if (!k)
            memcpy(mem_interp, r->ram + (DATA - RAM), DATA_SIZE);
    }
    assert_int_equal(st[0], st[1]);
    assert_ptr_equal(exit_insn[0], exit_insn[1]);
    compare_harts(&r->harts[0], &r->harts[1], iter);
    if (memcmp(mem_interp, r->ram + (DATA - RAM), DATA_SIZE) != 0)
        fail_msg("block %u: memory differs", iter);
}

static void test_random_blocks(void **state)
{
    rig_t *r = *state;
    uint8_t *mem_interp = malloc(DATA_SIZE), *mem_start = malloc(DATA_SIZE);
    assert_non_null(mem_interp);
    assert_non_null(mem_start);
    for (unsigned iter = 0; iter < 4000; iter++)
        run_random_block(r, iter, mem_interp, mem_start);
    print_message("native %lu, through handlers %lu\n", (unsigned long)atomic_load(&r->tc.jit.native), (unsigned long)atomic_load(&r->tc.jit.fallbacks));
    assert_true(atomic_load(&r->tc.jit.native) > 4 * atomic_load(&r->tc.jit.fallbacks));
    free(mem_interp);
    free(mem_start);
}

/* A store into a page that holds translated code reports it on both paths. */
static void test_store_to_code_page(void **state)
{
    rig_t *r = *state;
    uint32_t words[] = {
        enc_s(0x10, 5, BASE_REG, 3), /* sd x5, 16(x9): x9 points at CODE's page */
        enc_s(0x18, 5, BASE_REG, 2), /* sw */
        0x0000006f,                  /* j . */
    };
    memcpy(r->ram + (CODE - RAM), words, sizeof(words));
    block_t *b = tcache_get(&r->tc, CODE, r->ram + (CODE - RAM), CODE);
    assert_non_null(b);
    uint64_t x[32] = {0};
    x[BASE_REG] = CODE + 0x200;
    x[5] = 0x1122334455667788ULL;
    r->code_notes[0] = r->code_notes[1] = 0;
    for (int k = 0; k < 2; k++) {
        hart_t *h = &r->harts[k];
        set_state(h, x);
        /* a first run fills the TLB (slow path); the second takes the inline path */
        for (int pass = 0; pass < 2; pass++) {
            h->pc = CODE;
            assert_int_equal(k ? b->entry(h, b->insns) : b->insns[0].fn(h, b->insns), EXEC_JUMP);
        }
    }
    assert_int_equal(r->code_notes[0], 4);
    assert_int_equal(r->code_notes[1], 4);
    uint64_t v;
    memcpy(&v, r->ram + (CODE + 0x210 - RAM), 8);
    assert_int_equal(v, 0x1122334455667788ULL);
}

/* Chaining: a block whose static exit targets another block of its page that the loop has
 * chained to it runs that block itself (tail call), accounting its own instructions; a block
 * that branches back to its own start goes round in place. Neither happens when the budget is
 * spent, a kick is pending, the target is invalid or counters are inhibited. */
static void test_chaining(void **state)
{
    rig_t *r = *state;
    uint32_t code[] = {
        0x00128293, 0x0040006f, /* a: addi t0, t0, 1; j b */
        0x00130313, 0x00100073, /* b: addi t1, t1, 1; ebreak (alone in the next block) */
    };
    memcpy(r->ram + (CODE - RAM), code, sizeof(code));
    block_t *a = tcache_get(&r->tc, CODE, r->ram + (CODE - RAM), CODE);
    block_t *b = tcache_get(&r->tc, CODE + 8, r->ram + (CODE + 8 - RAM), CODE + 8);
    assert_non_null(a);
    assert_non_null(b);
    hart_t *h = &r->harts[1];
    uint64_t x[32] = {0};
    for (int chained = 0; chained < 2; chained++) {
        if (chained)
            block_chain_add(a, b);
        set_state(h, x);
        h->exit_base = a->insns;
        h->chain_budget = 5;
        assert_int_equal(a->entry(h, a->insns), chained ? EXEC_END : EXEC_JUMP);
        assert_int_equal(h->x[5], 1);
        assert_int_equal(h->x[6], chained);
        assert_ptr_equal(h->exit_base, chained ? b->insns : a->insns);
        assert_int_equal(h->instret, chained ? 2 : 0); /* a's, when it goes on to b */
        assert_int_equal(h->chain_budget, 5 - chained);
        assert_int_equal(h->pc, chained ? CODE + 12 : CODE + 8);
    }
}

static void test_loop_back(void **state)
{
    rig_t *r = *state;
    uint32_t loop[] = {0x00128293, 0xffdff06f}; /* 1: addi t0, t0, 1; j 1b */
    memcpy(r->ram + (CODE - RAM), loop, sizeof(loop));
    block_t *b = tcache_get(&r->tc, CODE, r->ram + (CODE - RAM), CODE);
    assert_non_null(b);
    hart_t *h = &r->harts[1];
    uint64_t x[32] = {0};
    set_state(h, x);
    h->exit_base = b->insns;
    h->chain_budget = 5;
    assert_int_equal(b->entry(h, b->insns), EXEC_JUMP);
    assert_int_equal(h->x[5], 6); /* once, then 5 times round */
    assert_int_equal(h->chain_budget, 0);
    assert_int_equal(h->instret, 10); /* the rounds gone on from; the last is the loop's */
    assert_ptr_equal(h->exit_base, b->insns);
    assert_ptr_equal(h->exit_insn, &b->insns[1]);
    assert_int_equal(h->pc, CODE);
    for (int stop = 0; stop < 3; stop++) {
        h->chain_budget = 5;
        if (stop == 0)
            atomic_store(&h->kick, 1);
        else if (stop == 1)
            h->mcountinhibit = 4;
        else
            atomic_store(&b->invalid, true);
        uint64_t before = h->x[5];
        assert_int_equal(b->entry(h, b->insns), EXEC_JUMP);
        assert_int_equal(h->x[5], before + 1);
        assert_int_equal(h->chain_budget, 5);
        atomic_store(&h->kick, 0);
        h->mcountinhibit = 0;
    }
    atomic_store(&b->invalid, false);
}

/* When the arena is full, blocks run interpreted and a flush is asked for; the flush resets
 * the arena and compiles again. */
static void test_arena_full(void **state)
{
    rig_t *r = *state;
    atomic_store(&r->tc.jit.used, r->tc.jit.size);
    gen_block(r);
    block_t *b = tcache_get(&r->tc, CODE, r->ram + (CODE - RAM), CODE);
    assert_non_null(b);
    assert_ptr_equal(b->entry, b->insns[0].fn);
    assert_true(atomic_load(&r->tc.flush_wanted));
    tcache_flush(&r->tc);
    assert_int_equal(atomic_load(&r->tc.jit.used), r->tc.jit.stub_bytes);
    b = tcache_get(&r->tc, CODE, r->ram + (CODE - RAM), CODE);
    assert_non_null(b);
    assert_ptr_not_equal(b->entry, b->insns[0].fn);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_random_blocks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_to_code_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_chaining, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loop_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_arena_full, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
