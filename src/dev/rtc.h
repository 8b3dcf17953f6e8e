/* Goldfish RTC ("google,goldfish-rtc"): nanoseconds since the epoch, from the host's
 * CLOCK_REALTIME plus an offset the guest sets by writing the time, and one alarm.
 *
 *   0x00 TIME_LOW        read: the time's low word; latches the high word for TIME_HIGH
 *                        write: replaces the low word of the current time
 *   0x04 TIME_HIGH       read: the word latched by the last TIME_LOW read
 *                        write: replaces the high word of the current time
 *   0x08 ALARM_LOW       write: arms the alarm at (ALARM_HIGH << 32) | value
 *   0x0c ALARM_HIGH      write: the alarm's high word, used by the next ALARM_LOW write
 *   0x10 IRQ_ENABLED     bit 0 gates the interrupt line
 *   0x14 CLEAR_ALARM     write: disarms the alarm
 *   0x18 ALARM_STATUS    read: 1 while the alarm is armed
 *   0x1c CLEAR_INTERRUPT write: acknowledges a fired alarm
 *
 * Linux writes TIME_HIGH then TIME_LOW; each write moves the offset so that the written word
 * replaces that word of the current time, which gives the exact value in that order. When the
 * alarm time passes, the alarm disarms and its interrupt becomes pending; the line is high
 * while an interrupt is pending and enabled. A timer thread per RTC waits for the alarm
 * (pthread_cond_timedwait on the device lock) and fires it; an alarm already due when armed
 * fires at once. The thread drives the line with the RTC lock held: RTC lock -> PLIC lock. */
#ifndef DEV_RTC_H
#define DEV_RTC_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "util/lock.h"
#include "dev/device.h"
#include "mem/phys.h"
#include "util/log.h"

#define RTC_SIZE 0x1000

typedef struct rtc {
    lock_t lock; /* device lock: every field below is guarded by it */
    pthread_cond_t changed; /* alarm re-armed, time set, or stopping */
    pthread_t thread;
    bool thread_started, stopping;
    irq_line_t irq;
    log_ctx_t *log;
    uint64_t offset_ns; /* guest time - host CLOCK_REALTIME, modulo 2^64 */
    uint32_t time_high; /* latched by TIME_LOW reads */
    uint32_t alarm_high;
    uint64_t alarm_ns;
    bool armed, irq_enabled, irq_pending, irq_level;
} rtc_t;

/* Starts the alarm thread; 0, or -1 if it cannot be created (the registers then still work,
 * but alarms due in the future never fire; rtc_destroy remains safe to call). */
int rtc_init(rtc_t *r, irq_line_t irq, log_ctx_t *log);
/* Stops and joins the alarm thread. The irq line's target must still exist. */
void rtc_destroy(rtc_t *r);
/* Guest reset: the alarm disarmed and cleared, interrupts disabled and acknowledged, the line
 * lowered. The time (offset) survives, like a battery-backed clock's. */
void rtc_reset(rtc_t *r);
/* Writes the rtc node (libfdt sequential-write mode, inside /soc with #address-cells and
 * #size-cells 2). Returns 0 or a negative libfdt error. */
int rtc_fdt(rtc_t *r, fdt_ctx_t *ctx, uint64_t base, unsigned irq);
extern const mmio_ops_t rtc_ops;

#endif
