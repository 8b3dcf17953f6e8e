/* Logging in QEMU's style: a mask of categories chosen with -d, output to stderr or the -D file.
 * Guest errors are rate-limited so that a misbehaving guest cannot flood the host. */
#ifndef UTIL_LOG_H
#define UTIL_LOG_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "util/lock.h"

enum {
    LOG_IN_ASM = 1u << 0,       /* each translated block, disassembled */
    LOG_INT = 1u << 1,          /* traps and interrupts */
    LOG_MMU = 1u << 2,          /* page walks and their faults */
    LOG_GUEST_ERRORS = 1u << 3, /* guest misuse of devices, wild accesses */
    LOG_UNIMP = 1u << 4,        /* unimplemented features the guest touched */
    LOG_EXEC = 1u << 5,         /* every block executed (very verbose) */
};

typedef struct log_ctx {
    FILE *out;
    uint32_t mask;
    lock_t lock;
    uint64_t window_start_ns; /* rate limiting of guest errors */
    unsigned window_count;
} log_ctx_t;

void log_init(log_ctx_t *log);
/* Parses a -d argument ("in_asm,int,help"); on error writes a message to `err` and returns false. */
bool log_parse_mask(const char *arg, uint32_t *mask, char *err, size_t errlen);
/* Lists the categories (for -d help). */
void log_print_categories(FILE *f);
bool log_open_file(log_ctx_t *log, const char *path);
void log_close(log_ctx_t *log);

static inline bool log_enabled(const log_ctx_t *log, uint32_t cat)
{
    return (log->mask & cat) != 0;
}

void log_printf(log_ctx_t *log, uint32_t cat, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Logs a guest error if -d guest_errors is on, at most a few dozen a second. */
void log_guest_error(log_ctx_t *log, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
