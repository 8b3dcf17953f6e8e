/* The RCU-published memory map and device DMA. Reader threads (RCU readers, as harts are) look
 * up and access the map while a writer adds and removes devices: RAM is never missing from a
 * view, and once phys_remove_mmio returns no access reaches the removed device. DMA writes
 * invalidate code pages through the hook and break reservations; bad ranges are refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "mem/phys.h"
#include "util/rcu.h"

#define RAM_BASE 0x80000000ULL
#define RAM_SIZE (1ULL << 20)
#define DEV_BASE 0x10000000ULL
#define READERS 2

typedef struct probe_dev {
    atomic_bool removed;    /* set once phys_remove_mmio returned */
    atomic_long accesses;
    atomic_long late;       /* accesses that began after removal completed */
} probe_dev_t;

static uint64_t probe_read(void *opaque, uint64_t off, unsigned size)
{
    probe_dev_t *d = opaque;
    (void)size;
    if (atomic_load(&d->removed))
        atomic_fetch_add(&d->late, 1);
    atomic_fetch_add(&d->accesses, 1);
    return off;
}

static const mmio_ops_t probe_ops = {.read = probe_read};

typedef struct rig {
    phys_map_t map;
    probe_dev_t fixed, churn;
    atomic_bool stop;
    atomic_long ram_missing, reads;
} rig_t;

static void *reader(void *arg)
{
    rig_t *r = arg;
    util_rcu_register();
    while (!atomic_load(&r->stop)) {
        for (int i = 0; i < 64; i++) {
            const phys_region_t *ram = phys_lookup(&r->map, RAM_BASE + 0x1234);
            if (!ram || ram->kind != REGION_RAM)
                atomic_fetch_add(&r->ram_missing, 1);
            for (uint64_t a = DEV_BASE; a < DEV_BASE + 0x3000; a += 0x1000) {
                const phys_region_t *dev = phys_lookup(&r->map, a);
                if (dev && dev->kind == REGION_MMIO) {
                    for (int spin = 0; spin < 200; spin++) /* widen the lookup-to-use window */
                        __asm__ volatile("pause");
                    phys_mmio_read(dev, a, 4);
                }
            }
            atomic_fetch_add(&r->reads, 1);
        }
        util_rcu_quiescent();
    }
    util_rcu_unregister();
    return NULL;
}

static void test_update_while_reading(void **state)
{
    (void)state;
    static rig_t r;
    memset(&r, 0, sizeof(r));
    assert_true(phys_init(&r.map));
    assert_non_null(phys_add_ram(&r.map, "ram", RAM_BASE, RAM_SIZE, false));
    phys_region_t *fixed =
        phys_add_mmio(&r.map, "fixed", DEV_BASE, 0x1000, &probe_ops, &r.fixed, NULL);
    assert_non_null(fixed);
    pthread_t t[READERS];
    for (int i = 0; i < READERS; i++)
        pthread_create(&t[i], NULL, reader, &r);
    for (int round = 0; round < 100; round++) {
        atomic_store(&r.churn.removed, false);
        phys_region_t *c = phys_add_mmio(&r.map, "churn", DEV_BASE + 0x1000 + (round & 1) * 0x1000,
                                         0x1000, &probe_ops, &r.churn, NULL);
        assert_non_null(c);
        long seen = atomic_load(&r.reads);
        while (atomic_load(&r.reads) < seen + 2 * READERS) /* readers meet the new device */
            ;
        assert_null(phys_add_mmio(&r.map, "overlap", DEV_BASE, 0x2000, &probe_ops, NULL, NULL));
        assert_true(phys_remove_mmio(&r.map, c));
        atomic_store(&r.churn.removed, true);
    }
    assert_true(phys_remove_mmio(&r.map, fixed));
    atomic_store(&r.fixed.removed, true);
    long reads = atomic_load(&r.reads);
    while (atomic_load(&r.reads) < reads + 1000)
        ;
    atomic_store(&r.stop, true);
    for (int i = 0; i < READERS; i++)
        pthread_join(t[i], NULL);
    assert_int_equal(atomic_load(&r.ram_missing), 0);
    assert_int_equal(atomic_load(&r.churn.late), 0);
    assert_int_equal(atomic_load(&r.fixed.late), 0);
    assert_true(atomic_load(&r.fixed.accesses) > 0);
    assert_true(atomic_load(&r.churn.accesses) > 0);
    const phys_region_t *ram = phys_lookup(&r.map, RAM_BASE);
    assert_false(phys_remove_mmio(&r.map, (phys_region_t *)ram)); /* RAM stays */
    phys_destroy(&r.map);
}

typedef struct hook_log {
    int calls;
    uint64_t pages[4];
} hook_log_t;

static void code_hook(void *ctx, uint64_t pa_page)
{
    hook_log_t *h = ctx;
    if (h->calls < 4)
        h->pages[h->calls] = pa_page;
    h->calls++;
}

static void test_dma(void **state)
{
    (void)state;
    static phys_map_t map;
    hook_log_t log = {0};
    assert_true(phys_init(&map));
    phys_region_t *ram = phys_add_ram(&map, "ram", RAM_BASE, RAM_SIZE, false);
    phys_region_t *rom = phys_add_ram(&map, "rom", 0x1000, 0x1000, true);
    assert_non_null(ram);
    assert_non_null(rom);
    phys_set_code_hook(&map, code_hook, &log);

    uint8_t buf[8192];
    memset(buf, 0xab, sizeof(buf));
    ram->code_pages[2] = 2;                /* page 2 holds translated code */
    ram->code_pages[3] = PAGE_RESV;        /* page 3 has an LR on it */
    _Atomic uint64_t *w = resv_word(&map.resv, ram->host + 3 * PAGE_SIZE + 16);
    uint64_t before = atomic_load(w);
    assert_true(phys_dma_write(&map, RAM_BASE + 2 * PAGE_SIZE + 100, buf, 4096));
    assert_int_equal(log.calls, 1);
    assert_int_equal(log.pages[0], RAM_BASE + 2 * PAGE_SIZE);
    /* a large write breaks every reservation at once; a small one bumps its granules */
    assert_int_equal(atomic_load(&map.resv.dma_epoch), 1);
    assert_int_equal(atomic_load(w), before);
    assert_true(phys_dma_write(&map, RAM_BASE + 3 * PAGE_SIZE + 16, buf, 8));
    assert_int_equal(atomic_load(w), before + 2); /* the reservation on granule 16 is broken */
    assert_int_equal(atomic_load(&map.resv.dma_epoch), 1);
    assert_true(phys_dma_write(&map, RAM_BASE + 1 * PAGE_SIZE, buf, 4096));
    assert_int_equal(atomic_load(&map.resv.dma_epoch), 1); /* no marked page: nothing to break */
    assert_int_equal(ram->host[2 * PAGE_SIZE + 100], 0xab);

    uint8_t back[16];
    assert_true(phys_dma_read(&map, RAM_BASE + 2 * PAGE_SIZE + 100, back, sizeof(back)));
    assert_int_equal(back[15], 0xab);
    assert_true(phys_dma_read(&map, 0x1000, back, 16)); /* ROM reads */
    assert_false(phys_dma_write(&map, 0x1000, buf, 16)); /* ROM is not DMA-writable */
    assert_false(phys_dma_write(&map, RAM_BASE + RAM_SIZE - 8, buf, 16)); /* runs off RAM */
    assert_false(phys_dma_read(&map, 0x2000, back, 1)); /* hole */
    assert_false(phys_dma_read(&map, UINT64_MAX - 4, back, 8));

    uint64_t v;
    assert_true(phys_dma_store(&map, RAM_BASE + 2 * PAGE_SIZE, 2, 0x1234));
    assert_int_equal(log.calls, 2);
    assert_true(phys_dma_load(&map, RAM_BASE + 2 * PAGE_SIZE, 2, &v));
    assert_int_equal(v, 0x1234);
    assert_false(phys_dma_load(&map, RAM_BASE + 1, 2, &v)); /* misaligned */
    assert_false(phys_dma_load(&map, RAM_BASE, 3, &v));
    assert_true(phys_dma_write(&map, RAM_BASE, buf, 0));
    assert_int_equal(log.calls, 2);
    phys_destroy(&map);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_update_while_reading),
        cmocka_unit_test(test_dma),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
