#include "util/log.h"

#include <stdarg.h>
#include <string.h>

#include "util/util.h"

#define GUEST_ERR_PER_SEC 50

static const struct {
    const char *name;
    uint32_t bit;
    const char *help;
} categories[] = {
    {"in_asm", LOG_IN_ASM, "show guest code as it is translated into blocks"},
    {"int", LOG_INT, "show traps and interrupts"},
    {"mmu", LOG_MMU, "show page-table walks and their faults"},
    {"guest_errors", LOG_GUEST_ERRORS, "log guest misuse of devices and wild accesses"},
    {"unimp", LOG_UNIMP, "log features the guest used that are not implemented"},
    {"exec", LOG_EXEC, "show every block as it is executed"},
};

void log_init(log_ctx_t *log)
{
    memset(log, 0, sizeof(*log));
    log->out = stderr;
    lock_init(&log->lock, LOCK_RANK_LOG, "log_ctx.lock");
}

bool log_parse_mask(const char *arg, uint32_t *mask, char *err, size_t errlen)
{
    char buf[256];
    snprintf(buf, sizeof(buf), "%s", arg);
    *mask = 0;
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        size_t i;
        for (i = 0; i < ARRAY_SIZE(categories); i++)
            if (strcmp(tok, categories[i].name) == 0)
                break;
        if (i == ARRAY_SIZE(categories)) {
            snprintf(err, errlen, "unknown -d category '%s' (try -d help)", tok);
            return false;
        }
        *mask |= categories[i].bit;
    }
    return true;
}

void log_print_categories(FILE *f)
{
    fprintf(f, "Log categories for -d (comma separated):\n");
    for (size_t i = 0; i < ARRAY_SIZE(categories); i++)
        fprintf(f, "%-14s %s\n", categories[i].name, categories[i].help);
}

bool log_open_file(log_ctx_t *log, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    setvbuf(f, NULL, _IOLBF, 0);
    log->out = f;
    return true;
}

void log_close(log_ctx_t *log)
{
    if (log->out && log->out != stderr)
        fclose(log->out);
    log->out = stderr;
}

static void log_vwrite(log_ctx_t *log, const char *fmt, va_list ap)
{
    lock_take(&log->lock);
    vfprintf(log->out, fmt, ap);
    lock_drop(&log->lock);
}

void log_printf(log_ctx_t *log, uint32_t cat, const char *fmt, ...)
{
    if (!log_enabled(log, cat))
        return;
    va_list ap;
    va_start(ap, fmt);
    log_vwrite(log, fmt, ap);
    va_end(ap);
}

void log_guest_error(log_ctx_t *log, const char *fmt, ...)
{
    if (!log_enabled(log, LOG_GUEST_ERRORS))
        return;
    uint64_t now = util_now_ns();
    lock_take(&log->lock);
    if (now - log->window_start_ns > 1000000000ULL) {
        if (log->window_count > GUEST_ERR_PER_SEC)
            fprintf(log->out, "(%u guest errors suppressed)\n", log->window_count - GUEST_ERR_PER_SEC);
        log->window_start_ns = now;
        log->window_count = 0;
    }
    bool print = ++log->window_count <= GUEST_ERR_PER_SEC;
    lock_drop(&log->lock);
    if (!print)
        return;
    va_list ap;
    va_start(ap, fmt);
    log_vwrite(log, fmt, ap);
    va_end(ap);
}
