#include "dev/rtc.h"

#include <inttypes.h>
#include <libfdt.h>
#include <stdio.h>
#include <time.h>

enum {
    REG_TIME_LOW = 0x00,
    REG_TIME_HIGH = 0x04,
    REG_ALARM_LOW = 0x08,
    REG_ALARM_HIGH = 0x0c,
    REG_IRQ_ENABLED = 0x10,
    REG_CLEAR_ALARM = 0x14,
    REG_ALARM_STATUS = 0x18,
    REG_CLEAR_INTERRUPT = 0x1c,
};

#define NS_PER_SEC 1000000000ULL
/* The thread re-checks at least this often, so that no far-away deadline needs converting. */
#define MAX_WAIT_NS (3600ULL * NS_PER_SEC)

static uint64_t host_realtime_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * NS_PER_SEC + (uint64_t)ts.tv_nsec;
}

static uint64_t guest_now(const rtc_t *r)
{
    return host_realtime_ns() + r->offset_ns;
}

static void update_irq(rtc_t *r)
{
    bool level = r->irq_pending && r->irq_enabled;
    if (level != r->irq_level) {
        r->irq_level = level;
        irq_set(&r->irq, level);
    }
}

/* Fires the alarm if it is armed and due; true if it fired. */
static bool check_alarm(rtc_t *r)
{
    if (!r->armed || guest_now(r) < r->alarm_ns)
        return false;
    r->armed = false;
    r->irq_pending = true;
    update_irq(r);
    return true;
}

/* Absolute CLOCK_REALTIME time (the condition variable's clock) at which the armed alarm is
 * due, capped at MAX_WAIT_NS from now. */
static struct timespec alarm_deadline(const rtc_t *r)
{
    uint64_t now = guest_now(r);
    uint64_t wait = r->alarm_ns - now; /* alarm is in the future: check_alarm ran first */
    if (wait > MAX_WAIT_NS)
        wait = MAX_WAIT_NS;
    uint64_t at = host_realtime_ns() + wait;
    return (struct timespec){.tv_sec = (time_t)(at / NS_PER_SEC),
                             .tv_nsec = (long)(at % NS_PER_SEC)};
}

static void *alarm_thread(void *arg)
{
    rtc_t *r = arg;
    lock_take(&r->lock);
    while (!r->stopping) {
        if (check_alarm(r))
            continue;
        if (r->armed) {
            struct timespec at = alarm_deadline(r);
            lock_timedwait(&r->lock, &r->changed, &at);
        } else {
            lock_wait(&r->lock, &r->changed);
        }
    }
    lock_drop(&r->lock);
    return NULL;
}

int rtc_init(rtc_t *r, irq_line_t irq, log_ctx_t *log)
{
    *r = (rtc_t){.irq = irq, .log = log};
    lock_init(&r->lock, LOCK_RANK_DEVICE, "rtc.lock");
    pthread_cond_init(&r->changed, NULL);
    r->thread_started = pthread_create(&r->thread, NULL, alarm_thread, r) == 0;
    return r->thread_started ? 0 : -1;
}

void rtc_destroy(rtc_t *r)
{
    lock_take(&r->lock);
    r->stopping = true;
    pthread_cond_signal(&r->changed);
    lock_drop(&r->lock);
    if (r->thread_started)
        pthread_join(r->thread, NULL);
    pthread_cond_destroy(&r->changed);
    lock_destroy(&r->lock);
}

void rtc_reset(rtc_t *r)
{
    lock_take(&r->lock);
    r->time_high = r->alarm_high = 0;
    r->alarm_ns = 0;
    r->armed = r->irq_enabled = r->irq_pending = false;
    update_irq(r);
    pthread_cond_signal(&r->changed);
    lock_drop(&r->lock);
}

/* Moves the offset so that the current time's word at `shift` (0 or 32) becomes `v`. */
static void set_time_word(rtc_t *r, unsigned shift, uint32_t v)
{
    uint64_t now = guest_now(r);
    uint64_t mask = 0xffffffffULL << shift;
    uint64_t want = (now & ~mask) | ((uint64_t)v << shift);
    r->offset_ns += want - now;
    pthread_cond_signal(&r->changed); /* the alarm's host deadline moved */
}

static void arm_alarm(rtc_t *r, uint32_t low)
{
    r->alarm_ns = ((uint64_t)r->alarm_high << 32) | low;
    r->armed = true;
    if (!check_alarm(r))
        pthread_cond_signal(&r->changed);
}

static uint64_t rtc_read(void *opaque, uint64_t off, unsigned size)
{
    rtc_t *r = opaque;
    if (size != 4) {
        log_guest_error(r->log, "rtc: %u-byte read at offset %#" PRIx64 " ignored\n", size, off);
        return 0;
    }
    switch (off) {
    case REG_TIME_LOW: {
        uint64_t now = guest_now(r);
        r->time_high = (uint32_t)(now >> 32);
        return (uint32_t)now;
    }
    case REG_TIME_HIGH: return r->time_high;
    case REG_ALARM_LOW: return (uint32_t)r->alarm_ns;
    case REG_ALARM_HIGH: return r->alarm_high;
    case REG_IRQ_ENABLED: return r->irq_enabled;
    case REG_ALARM_STATUS: return r->armed;
    default:
        log_guest_error(r->log, "rtc: read at offset %#" PRIx64 " ignored\n", off);
        return 0;
    }
}

static void rtc_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
    rtc_t *r = opaque;
    uint32_t v = (uint32_t)val;
    if (size != 4) {
        log_guest_error(r->log, "rtc: %u-byte write at offset %#" PRIx64 " ignored\n", size,
                        off);
        return;
    }
    switch (off) {
    case REG_TIME_LOW: set_time_word(r, 0, v); break;
    case REG_TIME_HIGH: set_time_word(r, 32, v); break;
    case REG_ALARM_LOW: arm_alarm(r, v); break;
    case REG_ALARM_HIGH: r->alarm_high = v; break;
    case REG_IRQ_ENABLED: r->irq_enabled = v & 1; break;
    case REG_CLEAR_ALARM: r->armed = false; break;
    case REG_CLEAR_INTERRUPT: r->irq_pending = false; break;
    default:
        log_guest_error(r->log, "rtc: write %#x at offset %#" PRIx64 " ignored\n", v, off);
        return;
    }
    update_irq(r);
}

const mmio_ops_t rtc_ops = {.read = rtc_read, .write = rtc_write};

int rtc_fdt(rtc_t *r, fdt_ctx_t *ctx, uint64_t base, unsigned irq)
{
    (void)r;
    void *fdt = ctx->fdt;
    fdt64_t reg[2] = {cpu_to_fdt64(base), cpu_to_fdt64(RTC_SIZE)};
    char name[32];
    snprintf(name, sizeof(name), "rtc@%" PRIx64, base);
    int rc = fdt_begin_node(fdt, name);
    rc = rc ? rc : fdt_property_u32(fdt, "interrupts", irq);
    rc = rc ? rc : fdt_property_u32(fdt, "interrupt-parent", ctx->plic_phandle);
    rc = rc ? rc : fdt_property(fdt, "reg", reg, sizeof(reg));
    rc = rc ? rc : fdt_property_string(fdt, "compatible", "google,goldfish-rtc");
    return rc ? rc : fdt_end_node(fdt);
}
