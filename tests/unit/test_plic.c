/*
 * test_plic.c - unit tests for the PLIC (dev/plic.h).
 *
 * Rules checked (RISC-V PLIC specification; QEMU virt layout): priority and threshold registers
 * are 3-bit WARL; source 0 does not exist; claim returns the highest-priority pending enabled
 * source (ties: lowest id), whatever the threshold, and never one of priority 0; a context's
 * notification requires priority > threshold; completion of a source not enabled for the
 * context is ignored; the gateway forwards one request per rising line and never retracts it;
 * a level-triggered source still high at completion is pending again;
 * contexts 2h/2h+1 drive hart h's MEIP/SEIP; bad accesses are ignored. The harts are real
 * hart_t objects (never run): the PLIC's outputs are read from their mip.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libfdt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/hart.h"
#include "dev/plic.h"

#define NHARTS 2
#define PRIO(s) (4ULL * (s))
#define PENDING(w) (0x1000ULL + 4ULL * (w))
#define ENABLE(ctx, w) (0x2000ULL + 0x80ULL * (ctx) + 4ULL * (w))
#define THRESHOLD(ctx) (0x200000ULL + 0x1000ULL * (ctx))
#define CLAIM(ctx) (THRESHOLD(ctx) + 4)

typedef struct {
    log_ctx_t log;
    phys_map_t phys;
    hart_t *harts[NHARTS];
    plic_t plic;
} fixture_t;

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    log_init(&f->log);
    phys_init(&f->phys);
    for (unsigned i = 0; i < NHARTS; i++) {
        f->harts[i] = aligned_alloc(64, (sizeof(hart_t) + 63) & ~(size_t)63);
        assert_non_null(f->harts[i]);
        hart_init(f->harts[i], i, NULL, &f->phys, NULL, &f->log, 0);
    }
    plic_init(&f->plic, f->harts, NHARTS, &f->log);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    plic_destroy(&f->plic);
    for (unsigned i = 0; i < NHARTS; i++)
        free(f->harts[i]);
    phys_destroy(&f->phys);
    free(f);
    return 0;
}

/* MMIO as phys_mmio_read/write perform it: under the device lock. */
static uint32_t rd_size(fixture_t *f, uint64_t off, unsigned size)
{
    lock_take(&f->plic.lock);
    uint64_t v = plic_ops.read(&f->plic, off, size);
    lock_drop(&f->plic.lock);
    return (uint32_t)v;
}

static void wr_size(fixture_t *f, uint64_t off, unsigned size, uint32_t v)
{
    lock_take(&f->plic.lock);
    plic_ops.write(&f->plic, off, size, v);
    lock_drop(&f->plic.lock);
}

static uint32_t rd(fixture_t *f, uint64_t off)
{
    return rd_size(f, off, 4);
}

static void wr(fixture_t *f, uint64_t off, uint32_t v)
{
    wr_size(f, off, 4, v);
}

static void enable(fixture_t *f, unsigned ctx, unsigned src)
{
    uint64_t off = ENABLE(ctx, src / 32);
    wr(f, off, rd(f, off) | (1u << (src % 32)));
}

static void disable(fixture_t *f, unsigned ctx, unsigned src)
{
    uint64_t off = ENABLE(ctx, src / 32);
    wr(f, off, rd(f, off) & ~(1u << (src % 32)));
}

static bool meip(fixture_t *f, unsigned h)
{
    return atomic_load(&f->harts[h]->mip) & MIP_MEIP;
}

static bool seip(fixture_t *f, unsigned h)
{
    return atomic_load(&f->harts[h]->mip) & MIP_SEIP;
}

static bool pending(fixture_t *f, unsigned src)
{
    return (rd(f, PENDING(src / 32)) >> (src % 32)) & 1;
}

static void test_priority_threshold_warl(void **state)
{
    fixture_t *f = *state;
    wr(f, PRIO(1), 0xffffffff);
    assert_int_equal(rd(f, PRIO(1)), 7);
    wr(f, PRIO(95), 5);
    assert_int_equal(rd(f, PRIO(95)), 5);
    wr(f, PRIO(95), 8); /* only 3 bits */
    assert_int_equal(rd(f, PRIO(95)), 0);
    wr(f, THRESHOLD(3), 0x1f);
    assert_int_equal(rd(f, THRESHOLD(3)), 7);
    /* source 0 and sources past 95 do not exist */
    wr(f, PRIO(0), 3);
    assert_int_equal(rd(f, PRIO(0)), 0);
    wr(f, PRIO(96), 3);
    assert_int_equal(rd(f, PRIO(96)), 0);
}

static void test_pending_latched(void **state)
{
    fixture_t *f = *state;
    assert_false(pending(f, 5));
    plic_set_irq(&f->plic, 5, true);
    assert_true(pending(f, 5));
    assert_int_equal(rd(f, PENDING(0)), 1u << 5);
    plic_set_irq(&f->plic, 40, true);
    assert_int_equal(rd(f, PENDING(1)), 1u << 8);
    /* nothing enabled: no notification */
    assert_false(meip(f, 0) || seip(f, 0) || meip(f, 1) || seip(f, 1));
    /* the gateway does not retract a request when the line falls */
    plic_set_irq(&f->plic, 5, false);
    assert_true(pending(f, 5));
    /* and a request is outstanding: a new rising edge adds nothing */
    plic_set_irq(&f->plic, 5, true);
    plic_set_irq(&f->plic, 5, false);
    wr(f, PRIO(5), 1);
    enable(f, 0, 5);
    assert_true(meip(f, 0));
    assert_int_equal(rd(f, CLAIM(0)), 5);
    assert_int_equal(rd(f, CLAIM(0)), 0);
    wr(f, CLAIM(0), 5); /* line low at completion: nothing new */
    assert_false(pending(f, 5));
    assert_false(meip(f, 0));
    /* the pending array is read-only */
    wr(f, PENDING(0), 0xffffffff);
    assert_int_equal(rd(f, PENDING(0)), 0);
    assert_int_equal(rd(f, PENDING(1)), 1u << 8);
}

static void test_claim_order_and_ties(void **state)
{
    fixture_t *f = *state;
    static const struct { unsigned src, prio; } cfg[] = {
        {3, 2}, {9, 5}, {7, 5}, {40, 1}, {95, 3}, {12, 0},
    };
    for (unsigned i = 0; i < sizeof(cfg) / sizeof(cfg[0]); i++) {
        wr(f, PRIO(cfg[i].src), cfg[i].prio);
        enable(f, 0, cfg[i].src);
        plic_set_irq(&f->plic, cfg[i].src, true);
    }
    assert_true(meip(f, 0));
    /* priority first, then the lower id; priority 0 never */
    static const unsigned order[] = {7, 9, 95, 3, 40, 0};
    for (unsigned i = 0; i < sizeof(order) / sizeof(order[0]); i++)
        assert_int_equal(rd(f, CLAIM(0)), order[i]);
    assert_false(meip(f, 0));
    assert_true(pending(f, 12)); /* pending, but priority 0 means "never interrupt" */
}

static void test_threshold(void **state)
{
    fixture_t *f = *state;
    wr(f, PRIO(4), 3);
    enable(f, 0, 4);
    wr(f, THRESHOLD(0), 3); /* masks priorities <= 3 */
    plic_set_irq(&f->plic, 4, true);
    assert_false(meip(f, 0));
    wr(f, THRESHOLD(0), 2);
    assert_true(meip(f, 0));
    wr(f, PRIO(4), 2);
    assert_false(meip(f, 0));
    wr(f, THRESHOLD(0), 0);
    assert_true(meip(f, 0));
    /* a claim is not affected by the threshold (polling with notifications masked) */
    wr(f, THRESHOLD(0), 7);
    assert_false(meip(f, 0));
    assert_int_equal(rd(f, CLAIM(0)), 4);
}

static void test_complete_repends_while_high(void **state)
{
    fixture_t *f = *state;
    wr(f, PRIO(10), 1);
    enable(f, 1, 10);
    plic_set_irq(&f->plic, 10, true);
    assert_true(seip(f, 0));
    assert_int_equal(rd(f, CLAIM(1)), 10);
    /* in service: not pending although the line is still high */
    assert_false(pending(f, 10));
    assert_false(seip(f, 0));
    assert_int_equal(rd(f, CLAIM(1)), 0);
    /* line toggling during service is not forwarded */
    plic_set_irq(&f->plic, 10, false);
    plic_set_irq(&f->plic, 10, true);
    assert_false(pending(f, 10));
    /* completion with the line high: pending again */
    wr(f, CLAIM(1), 10);
    assert_true(pending(f, 10));
    assert_true(seip(f, 0));
    assert_int_equal(rd(f, CLAIM(1)), 10);
    /* completion after the line dropped: idle */
    plic_set_irq(&f->plic, 10, false);
    wr(f, CLAIM(1), 10);
    assert_false(pending(f, 10));
    assert_false(seip(f, 0));
    /* a second completion of an idle source changes nothing */
    wr(f, CLAIM(1), 10);
    assert_false(pending(f, 10));
}

static void test_complete_needs_enable(void **state)
{
    fixture_t *f = *state;
    wr(f, PRIO(6), 1);
    enable(f, 0, 6);
    enable(f, 1, 6);
    plic_set_irq(&f->plic, 6, true);
    assert_int_equal(rd(f, CLAIM(0)), 6);
    disable(f, 0, 6);
    wr(f, CLAIM(0), 6); /* not enabled for context 0: ignored */
    assert_false(pending(f, 6));
    /* another context where it is enabled may complete it (the id is not checked) */
    wr(f, CLAIM(1), 6);
    assert_true(pending(f, 6));
    assert_true(seip(f, 0));
    /* completion of ids that do not exist */
    wr(f, CLAIM(1), 0);
    wr(f, CLAIM(1), 96);
    wr(f, CLAIM(1), 0xffffffff);
    assert_true(pending(f, 6));
}

static void test_context_routing(void **state)
{
    fixture_t *f = *state;
    wr(f, PRIO(1), 1);
    wr(f, PRIO(2), 1);
    plic_set_irq(&f->plic, 1, true);
    plic_set_irq(&f->plic, 2, true);
    enable(f, 3, 1); /* hart 1 S-mode */
    assert_true(seip(f, 1));
    assert_false(meip(f, 1) || meip(f, 0) || seip(f, 0));
    enable(f, 2, 2); /* hart 1 M-mode */
    assert_true(meip(f, 1));
    assert_false(meip(f, 0) || seip(f, 0));
    enable(f, 0, 2); /* hart 0 M-mode too: multicast */
    assert_true(meip(f, 0));
    /* enables are per context */
    assert_int_equal(rd(f, ENABLE(3, 0)), 1u << 1);
    assert_int_equal(rd(f, ENABLE(2, 0)), 1u << 2);
    assert_int_equal(rd(f, ENABLE(1, 0)), 0);
    /* the first claimer wins: the other context's notification drops */
    assert_int_equal(rd(f, CLAIM(0)), 2);
    assert_false(meip(f, 0));
    assert_false(meip(f, 1));
    assert_int_equal(rd(f, CLAIM(2)), 0);
    assert_true(seip(f, 1));
    disable(f, 3, 1);
    assert_false(seip(f, 1));
    assert_true(pending(f, 1));
}

static void test_bad_accesses(void **state)
{
    fixture_t *f = *state;
    wr(f, PRIO(1), 5);
    /* only 32-bit aligned accesses */
    assert_int_equal(rd_size(f, PRIO(1), 1), 0);
    assert_int_equal(rd_size(f, PRIO(1), 8), 0);
    wr_size(f, PRIO(1), 1, 2);
    wr_size(f, PRIO(1) + 1, 4, 2);
    assert_int_equal(rd(f, PRIO(1)), 5);
    /* the bit of source 0 is hard-wired to 0 */
    wr(f, ENABLE(0, 0), 0xffffffff);
    assert_int_equal(rd(f, ENABLE(0, 0)), 0xfffffffe);
    /* enable words past source 95 and contexts past the last hart do not exist */
    wr(f, ENABLE(0, 3), 0xffffffff);
    assert_int_equal(rd(f, ENABLE(0, 3)), 0);
    wr(f, ENABLE(2 * NHARTS, 0), 0xffffffff);
    assert_int_equal(rd(f, ENABLE(2 * NHARTS, 0)), 0);
    wr(f, THRESHOLD(2 * NHARTS), 1);
    assert_int_equal(rd(f, THRESHOLD(2 * NHARTS)), 0);
    assert_int_equal(rd(f, CLAIM(2 * NHARTS)), 0);
    assert_int_equal(rd(f, THRESHOLD(0) + 8), 0);
    assert_int_equal(rd(f, PLIC_SIZE - 4), 0);
    /* lines that do not exist */
    plic_set_irq(&f->plic, 0, true);
    plic_set_irq(&f->plic, 96, true);
    assert_int_equal(rd(f, PENDING(0)) | rd(f, PENDING(1)) | rd(f, PENDING(2)), 0);
}

static void test_reset(void **state)
{
    fixture_t *f = *state;
    wr(f, PRIO(8), 4);
    wr(f, THRESHOLD(1), 2);
    enable(f, 0, 8);
    plic_set_irq(&f->plic, 8, true);
    assert_int_equal(rd(f, CLAIM(0)), 8);
    plic_set_irq(&f->plic, 9, true);
    enable(f, 0, 9);
    wr(f, PRIO(9), 1);
    assert_true(meip(f, 0));
    plic_reset(&f->plic);
    assert_false(meip(f, 0));
    assert_int_equal(rd(f, PRIO(8)), 0);
    assert_int_equal(rd(f, THRESHOLD(1)), 0);
    assert_int_equal(rd(f, ENABLE(0, 0)), 0);
    /* the lines are still high: both pending, neither in service */
    assert_true(pending(f, 8));
    assert_true(pending(f, 9));
}

static void test_fdt(void **state)
{
    fixture_t *f = *state;
    _Alignas(8) char buf[4096];
    uint32_t intc[NHARTS] = {7, 8};
    fdt_ctx_t ctx = {.fdt = buf, .plic_phandle = 3, .intc_phandles = intc, .nharts = NHARTS};
    assert_int_equal(fdt_create(buf, sizeof(buf)), 0);
    assert_int_equal(fdt_finish_reservemap(buf), 0);
    assert_int_equal(fdt_begin_node(buf, ""), 0);
    assert_int_equal(plic_fdt(&f->plic, &ctx, 0xc000000, PLIC_SIZE), 0);
    assert_int_equal(fdt_end_node(buf), 0);
    assert_int_equal(fdt_finish(buf), 0);

    int node = fdt_path_offset(buf, "/plic@c000000");
    assert_true(node >= 0);
    int len;
    const char *compat = fdt_getprop(buf, node, "compatible", &len);
    assert_non_null(compat);
    assert_int_equal(len, sizeof("sifive,plic-1.0.0\0riscv,plic0"));
    assert_memory_equal(compat, "sifive,plic-1.0.0\0riscv,plic0", len);
    assert_int_equal(fdt_node_check_compatible(buf, node, "riscv,plic0"), 0);
    const fdt32_t *p = fdt_getprop(buf, node, "interrupts-extended", &len);
    assert_non_null(p);
    assert_int_equal(len, 16 * NHARTS);
    static const uint32_t want[] = {7, 11, 7, 9, 8, 11, 8, 9};
    for (unsigned i = 0; i < 4 * NHARTS; i++)
        assert_int_equal(fdt32_ld(&p[i]), want[i]);
    const fdt64_t *reg = fdt_getprop(buf, node, "reg", &len);
    assert_int_equal(len, 16);
    assert_int_equal(fdt64_ld(&reg[0]), 0xc000000);
    assert_int_equal(fdt64_ld(&reg[1]), PLIC_SIZE);
    assert_int_equal(fdt_get_phandle(buf, node), 3);
    assert_non_null(fdt_getprop(buf, node, "interrupt-controller", &len));
    assert_int_equal(len, 0);
    static const struct { const char *name; uint32_t v; } cells[] = {
        {"riscv,ndev", 95}, {"#address-cells", 0}, {"#interrupt-cells", 1},
    };
    for (unsigned i = 0; i < 3; i++) {
        p = fdt_getprop(buf, node, cells[i].name, &len);
        assert_non_null(p);
        assert_int_equal(len, 4);
        assert_int_equal(fdt32_ld(&p[0]), cells[i].v);
    }
}

/* Lines driven from other threads while this one claims and completes (run it under TSan):
 * every claimed id is one of the toggled sources and the PLIC ends consistent. */
typedef struct {
    plic_t *plic;
    unsigned src;
    atomic_bool stop;
} toggler_t;

static void *toggle_thread(void *arg)
{
    toggler_t *t = arg;
    for (unsigned i = 0; !atomic_load(&t->stop) && i < 200000; i++)
        plic_set_irq(t->plic, t->src, i & 1);
    plic_set_irq(t->plic, t->src, true);
    return NULL;
}

static void test_concurrent_lines(void **state)
{
    fixture_t *f = *state;
    toggler_t t[2] = {{&f->plic, 20, false}, {&f->plic, 50, false}};
    for (unsigned i = 0; i < 2; i++) {
        wr(f, PRIO(t[i].src), 1);
        enable(f, 1, t[i].src);
    }
    pthread_t tid[2];
    for (unsigned i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&tid[i], NULL, toggle_thread, &t[i]), 0);
    for (unsigned i = 0; i < 2000; i++) {
        uint32_t id = rd(f, CLAIM(1));
        assert_true(id == 0 || id == 20 || id == 50);
        if (id)
            wr(f, CLAIM(1), id);
    }
    for (unsigned i = 0; i < 2; i++) {
        atomic_store(&t[i].stop, true);
        pthread_join(tid[i], NULL);
    }
    /* both lines end high and nothing is in service: both claimable, then none */
    uint32_t a = rd(f, CLAIM(1)), b = rd(f, CLAIM(1));
    assert_int_equal(a, 20);
    assert_int_equal(b, 50);
    assert_int_equal(rd(f, CLAIM(1)), 0);
    assert_false(seip(f, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_priority_threshold_warl, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pending_latched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_claim_order_and_ties, setup, teardown),
        cmocka_unit_test_setup_teardown(test_threshold, setup, teardown),
        cmocka_unit_test_setup_teardown(test_complete_repends_while_high, setup, teardown),
        cmocka_unit_test_setup_teardown(test_complete_needs_enable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_context_routing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_accesses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fdt, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_lines, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
