/* A bare-metal driver for the virtio-rng device in virtio-mmio slot 0 that feeds it good and
 * malformed requests (run with `-device virtio-rng-device -bios none`; tests/virtio/run.sh).
 *
 * Good requests (direct and indirect) must come back filled; each malformed one (looping
 * chain, buffer outside RAM, readable after writable, nested indirect table, queue size not a
 * power of two, rings outside RAM) must put the device into DEVICE_NEEDS_RESET with the
 * configuration-change interrupt status (when DRIVER_OK was set), after which a reset brings
 * it back. A notify before DRIVER_OK is only served once DRIVER_OK is set. Prints one line per
 * case and exits through the finisher: 0 if every case passed, else the number that failed. */
#include <stdint.h>

#include "lib.h"

#define VIRTIO0 0x10001000UL
#define CLINT_MTIME 0x200bff8UL
#define TICKS_PER_SEC 10000000ULL
#define WAIT_SECS 20

enum {
    MAGIC = 0x000, VERSION = 0x004, DEVICE_ID = 0x008, DEV_FEATURES = 0x010,
    DEV_FEATURES_SEL = 0x014, DRV_FEATURES = 0x020, DRV_FEATURES_SEL = 0x024,
    QUEUE_SEL = 0x030, QUEUE_NUM_MAX = 0x034, QUEUE_NUM = 0x038, QUEUE_READY = 0x044,
    QUEUE_NOTIFY = 0x050, INT_STATUS = 0x060, INT_ACK = 0x064, STATUS = 0x070,
    DESC_LO = 0x080, DESC_HI = 0x084, DRIVER_LO = 0x090, DRIVER_HI = 0x094,
    DEVICE_LO = 0x0a0, DEVICE_HI = 0x0a4,
};
enum { ACK = 1, DRIVER = 2, DRIVER_OK = 4, FEATURES_OK = 8, NEEDS_RESET = 64 };
enum { F_NEXT = 1, F_WRITE = 2, F_INDIRECT = 4 };
#define FEAT_INDIRECT (1ULL << 28)
#define FEAT_V1 (1ULL << 32)
#define QSIZE 16

struct desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
};

static struct desc desc[QSIZE] __attribute__((aligned(16)));
static struct desc itable[4] __attribute__((aligned(16)));
static struct desc itable2[2] __attribute__((aligned(16)));
static struct {
    uint16_t flags, idx, ring[QSIZE], used_event;
} avail __attribute__((aligned(4)));
static struct {
    uint16_t flags, idx;
    struct { uint32_t id, len; } ring[QSIZE];
    uint16_t avail_event;
} used __attribute__((aligned(4)));
static uint8_t buf[128];
static int failures;

static uint32_t rd(unsigned off) { return *(volatile uint32_t *)(VIRTIO0 + off); }
static void wr(unsigned off, uint32_t v) { *(volatile uint32_t *)(VIRTIO0 + off) = v; }
static void fence(void) { __asm__ volatile("fence rw,rw" ::: "memory"); }
static uint64_t now(void) { return *(volatile uint64_t *)CLINT_MTIME; }

static void zero(void *p, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        ((volatile uint8_t *)p)[i] = 0;
}

static void result(const char *name, int ok, const char *why)
{
    bm_puts(ok ? "PASS: " : "FAIL: ");
    bm_puts(name);
    if (!ok) {
        bm_puts(" (");
        bm_puts(why);
        bm_puts(")");
        failures++;
    }
    bm_puts("\n");
}

/* Reset, negotiate, queue 0 of QSIZE entries with our rings; DRIVER_OK when `go`. */
static void bring_up(uint64_t features, uint32_t qsize, uint64_t desc_addr, int go)
{
    wr(STATUS, 0);
    zero(&avail, sizeof(avail));
    zero(&used, sizeof(used));
    zero(buf, sizeof(buf));
    wr(STATUS, ACK);
    wr(STATUS, ACK | DRIVER);
    wr(DRV_FEATURES_SEL, 1);
    wr(DRV_FEATURES, (uint32_t)(features >> 32));
    wr(DRV_FEATURES_SEL, 0);
    wr(DRV_FEATURES, (uint32_t)features);
    wr(STATUS, ACK | DRIVER | FEATURES_OK);
    wr(QUEUE_SEL, 0);
    wr(QUEUE_NUM, qsize);
    wr(DESC_LO, (uint32_t)desc_addr);
    wr(DESC_HI, (uint32_t)(desc_addr >> 32));
    wr(DRIVER_LO, (uint32_t)(uintptr_t)&avail);
    wr(DRIVER_HI, 0);
    wr(DEVICE_LO, (uint32_t)(uintptr_t)&used);
    wr(DEVICE_HI, 0);
    wr(QUEUE_READY, 1);
    if (go)
        wr(STATUS, ACK | DRIVER | FEATURES_OK | DRIVER_OK);
}

static void post(uint16_t head, int notify)
{
    avail.ring[avail.idx % QSIZE] = head;
    fence();
    avail.idx++;
    fence();
    if (notify)
        wr(QUEUE_NOTIFY, 0);
}

/* Waits until used.idx reaches `idx`; 1 if it did. */
static int wait_used(uint16_t idx)
{
    uint64_t end = now() + WAIT_SECS * TICKS_PER_SEC;
    while (*(volatile uint16_t *)&used.idx != idx)
        if (now() > end)
            return 0;
    fence();
    return 1;
}

static int wait_needs_reset(void)
{
    uint64_t end = now() + WAIT_SECS * TICKS_PER_SEC;
    while (!(rd(STATUS) & NEEDS_RESET))
        if (now() > end)
            return 0;
    return 1;
}

static int nonzero(const uint8_t *p, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (p[i])
            return 1;
    return 0;
}

static void case_direct(void)
{
    bring_up(FEAT_V1, QSIZE, (uintptr_t)desc, 1);
    desc[3] = (struct desc){(uintptr_t)buf, 64, F_WRITE, 0};
    post(3, 1);
    int ok = wait_used(1);
    result("good-direct", ok && used.ring[0].id == 3 && used.ring[0].len == 64 &&
                              nonzero(buf, 64) && !nonzero(buf + 64, 64) &&
                              (rd(INT_STATUS) & 1),
           ok ? "wrong used element, data or interrupt status" : "no used element");
    wr(INT_ACK, 1);
}

static void case_indirect(void)
{
    bring_up(FEAT_V1 | FEAT_INDIRECT, QSIZE, (uintptr_t)desc, 1);
    itable[0] = (struct desc){(uintptr_t)buf, 32, F_WRITE | F_NEXT, 1};
    itable[1] = (struct desc){(uintptr_t)buf + 64, 32, F_WRITE, 0};
    desc[0] = (struct desc){(uintptr_t)itable, 2 * sizeof(struct desc), F_INDIRECT, 0};
    post(0, 1);
    int ok = wait_used(1);
    result("good-indirect", ok && used.ring[0].len == 64 && nonzero(buf, 32) &&
                                nonzero(buf + 64, 32) && !(rd(STATUS) & NEEDS_RESET),
           ok ? "wrong used element or data" : "no used element");
}

/* Posts chain 0 (already in desc[]) and expects NEEDS_RESET plus the config interrupt. */
static void expect_broken(const char *name, int go)
{
    post(0, 1);
    if (!go)
        wr(STATUS, ACK | DRIVER | FEATURES_OK | DRIVER_OK);
    int ok = wait_needs_reset();
    result(name, ok && (rd(INT_STATUS) & 2) && used.idx == 0,
           ok ? "no config interrupt, or a used element" : "no DEVICE_NEEDS_RESET");
}

static void case_loop(void)
{
    bring_up(FEAT_V1, QSIZE, (uintptr_t)desc, 1);
    desc[0] = (struct desc){(uintptr_t)buf, 8, F_WRITE | F_NEXT, 1};
    desc[1] = (struct desc){(uintptr_t)buf, 8, F_WRITE | F_NEXT, 0};
    expect_broken("bad-loop", 1);
}

static void case_outside_ram(void)
{
    bring_up(FEAT_V1, QSIZE, (uintptr_t)desc, 1);
    desc[0] = (struct desc){0x40000000, 64, F_WRITE, 0};
    expect_broken("bad-buffer-outside-ram", 1);
}

static void case_order(void)
{
    bring_up(FEAT_V1, QSIZE, (uintptr_t)desc, 1);
    desc[0] = (struct desc){(uintptr_t)buf, 8, F_WRITE | F_NEXT, 1};
    desc[1] = (struct desc){(uintptr_t)buf + 8, 8, 0, 0};
    expect_broken("bad-read-after-write", 1);
}

static void case_nested_indirect(void)
{
    bring_up(FEAT_V1 | FEAT_INDIRECT, QSIZE, (uintptr_t)desc, 1);
    itable2[0] = (struct desc){(uintptr_t)buf, 8, F_WRITE, 0};
    itable[0] = (struct desc){(uintptr_t)itable2, sizeof(struct desc), F_INDIRECT, 0};
    desc[0] = (struct desc){(uintptr_t)itable, sizeof(struct desc), F_INDIRECT, 0};
    expect_broken("bad-nested-indirect", 1);
}

static void case_queue_size(void)
{
    bring_up(FEAT_V1, 12, (uintptr_t)desc, 0);
    result("bad-queue-size", (rd(STATUS) & NEEDS_RESET) && !rd(QUEUE_READY),
           "queue size 12 accepted");
}

static void case_rings_outside_ram(void)
{
    bring_up(FEAT_V1, QSIZE, 0x40000000, 0);
    result("bad-rings-outside-ram", (rd(STATUS) & NEEDS_RESET) && !rd(QUEUE_READY),
           "descriptor table outside RAM accepted");
}

/* A notify before DRIVER_OK is not served until DRIVER_OK. */
static void case_early_notify(void)
{
    bring_up(FEAT_V1, QSIZE, (uintptr_t)desc, 0);
    desc[0] = (struct desc){(uintptr_t)buf, 16, F_WRITE, 0};
    post(0, 1);
    uint64_t end = now() + TICKS_PER_SEC / 10;
    while (now() < end)
        ;
    int early = *(volatile uint16_t *)&used.idx != 0;
    wr(STATUS, ACK | DRIVER | FEATURES_OK | DRIVER_OK);
    int ok = wait_used(1);
    result("early-notify-deferred", !early && ok && nonzero(buf, 16) &&
                                        !(rd(STATUS) & NEEDS_RESET),
           early ? "served before DRIVER_OK" : "not served after DRIVER_OK");
}

int main(void)
{
    if (rd(MAGIC) != 0x74726976 || rd(VERSION) != 2 || rd(DEVICE_ID) != 4) {
        bm_puts("FAIL: no virtio-rng device in slot 0 (run with -device virtio-rng-device)\n");
        bm_exit(100);
    }
    case_direct();
    case_indirect();
    case_loop();
    case_outside_ram();
    case_order();
    case_nested_indirect();
    case_queue_size();
    case_rings_outside_ram();
    case_early_notify();
    case_direct(); /* after all that, a reset still brings the device back */
    wr(STATUS, 0);
    bm_exit(failures);
}
