/* The translation cache: lookup, creation (one copy per address), same-page chaining,
 * invalidation by page (with the page's code byte), and full flush. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "exec/tcache.h"

#define RAM 0x80000000ULL

typedef struct rig {
    phys_map_t phys;
    log_ctx_t log;
    tcache_t tc;
    phys_region_t *ram;
} rig_t;

static void put32(rig_t *r, uint64_t pa, uint32_t insn)
{
    memcpy(r->ram->host + (pa - RAM), &insn, 4);
}

static int setup(void **state)
{
    static rig_t rig;
    memset(&rig, 0, sizeof(rig));
    phys_init(&rig.phys);
    log_init(&rig.log);
    rig.ram = phys_add_ram(&rig.phys, "ram", RAM, 1 << 20, false);
    tcache_init(&rig.tc, &rig.phys, &rig.log);
    for (uint64_t pa = RAM; pa < RAM + 0x3000; pa += 4)
        put32(&rig, pa, 0x00150513); /* addi a0, a0, 1 */
    put32(&rig, RAM + 0x40, 0x0000006f); /* j . : ends a block */
    rcu_register_thread();
    *state = &rig;
    return 0;
}

static int teardown(void **state)
{
    rig_t *r = *state;
    rcu_thread_offline();
    tcache_drop_all(&r->tc);
    rcu_unregister_thread();
    phys_destroy(&r->phys);
    return 0;
}

static block_t *get(rig_t *r, uint64_t pa)
{
    return tcache_get(&r->tc, pa, r->ram->host + (pa - RAM), pa);
}

static uint8_t code_byte(rig_t *r, uint64_t pa)
{
    return r->ram->code_pages[(pa - RAM) >> PAGE_SHIFT];
}

static void test_create_and_lookup(void **state)
{
    rig_t *r = *state;
    assert_null(tcache_lookup(&r->tc, RAM));
    block_t *b = get(r, RAM);
    assert_non_null(b);
    assert_int_equal(b->paddr, RAM);
    assert_int_equal(b->ninsn, 17); /* 16 addi + the jump that ends the block */
    assert_ptr_equal(tcache_lookup(&r->tc, RAM), b);
    assert_ptr_equal(get(r, RAM), b); /* one copy per address */
    assert_int_equal(code_byte(r, RAM), 2); /* armed: stores by every hart see it */
    /* a fall-through block stops at its page's end and gets a synthetic end */
    block_t *tail = get(r, RAM + 0x1000 - 8);
    assert_int_equal(tail->ninsn, 3);
    assert_int_equal(tail->bytes, 8);
    assert_ptr_equal(tail->insns[2].fn, op_block_end);
}

/* A conditional branch does not end its block: not taken, the block goes on. */
static void test_branch_continues_block(void **state)
{
    rig_t *r = *state;
    put32(r, RAM + 0x2800, 0x00b50463); /* beq a0, a1, .+8 */
    put32(r, RAM + 0x2810, 0x0000006f); /* j . */
    block_t *b = get(r, RAM + 0x2800);
    assert_int_equal(b->ninsn, 5); /* beq, 3 addi, the jump */
    assert_int_equal(b->bytes, 0x14);
}

static void test_chain(void **state)
{
    rig_t *r = *state;
    block_t *a = get(r, RAM + 0x100), *b = get(r, RAM + 0x200), *c = get(r, RAM + 0x300);
    assert_null(block_chain_find(a, b->paddr));
    block_chain_add(a, b);
    block_chain_add(a, c);
    assert_ptr_equal(block_chain_find(a, b->paddr), b);
    assert_ptr_equal(block_chain_find(a, c->paddr), c);
    assert_null(block_chain_find(a, RAM + 0x400));
}

static void test_invalidate_page(void **state)
{
    rig_t *r = *state;
    block_t *a = get(r, RAM + 0x1000), *b = get(r, RAM + 0x1100), *other = get(r, RAM + 0x2000);
    block_chain_add(a, b);
    uint64_t gen = atomic_load(&r->tc.gen);
    tcache_invalidate_page(&r->tc, RAM + 0x1000);
    assert_true(atomic_load(&a->invalid));
    assert_true(atomic_load(&b->invalid));
    assert_null(block_chain_find(a, b->paddr)); /* an invalid successor is never followed */
    assert_false(atomic_load(&other->invalid));
    assert_null(tcache_lookup(&r->tc, RAM + 0x1000));
    assert_ptr_equal(tcache_lookup(&r->tc, RAM + 0x2000), other);
    assert_int_equal(code_byte(r, RAM + 0x1000), 0);
    assert_int_equal(code_byte(r, RAM + 0x2000), 2);
    assert_true(atomic_load(&r->tc.gen) > gen);
    /* translated again after the page changed */
    put32(r, RAM + 0x1000, 0x0000006f);
    block_t *fresh = get(r, RAM + 0x1000);
    assert_ptr_not_equal(fresh, a);
    assert_int_equal(fresh->ninsn, 1);
    rcu_quiescent_state();
}

/* A store to a page that is armed but whose blocks are still being decoded must discard that
 * translation: invalidation bumps gen even when the page has no block yet. */
static void test_invalidate_page_without_blocks(void **state)
{
    rig_t *r = *state;
    uint64_t gen = atomic_load(&r->tc.gen);
    tcache_invalidate_page(&r->tc, RAM + 0x5000);
    assert_true(atomic_load(&r->tc.gen) > gen);
    assert_int_equal(code_byte(r, RAM + 0x5000), 0);
}

static void test_flush(void **state)
{
    rig_t *r = *state;
    block_t *a = get(r, RAM + 0x500), *b = get(r, RAM + 0x2500);
    tcache_flush(&r->tc);
    assert_true(atomic_load(&a->invalid));
    assert_true(atomic_load(&b->invalid));
    assert_null(tcache_lookup(&r->tc, RAM + 0x500));
    assert_null(tcache_lookup(&r->tc, RAM + 0x2500));
    assert_int_equal(code_byte(r, RAM + 0x500), 0);
    assert_int_equal(code_byte(r, RAM + 0x2500), 0);
    assert_true(atomic_load(&r->tc.stats.flushes) >= 1);
    rcu_quiescent_state(); /* lets the retired blocks be freed */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_and_lookup),
        cmocka_unit_test(test_branch_continues_block),
        cmocka_unit_test(test_chain),
        cmocka_unit_test(test_invalidate_page),
        cmocka_unit_test(test_invalidate_page_without_blocks),
        cmocka_unit_test(test_flush),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
