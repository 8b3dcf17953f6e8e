/* The virt board's test finisher ("sifive,test0" syscon) at 0x100000: a 16- or 32-bit write
 * of 0x5555 powers off (exit 0), (code << 16) | 0x3333 fails with exit status `code`, 0x7777
 * resets. Other values are guest errors. */
#ifndef DEV_FINISHER_H
#define DEV_FINISHER_H

#include <stdbool.h>

#include "mem/phys.h"
#include "util/log.h"

typedef struct finisher {
    /* Board callback: the guest asked to stop (exit code) or to reset. */
    void (*on_request)(void *ctx, bool reset, int exit_code);
    void *ctx;
    log_ctx_t *log;
} finisher_t;

extern const mmio_ops_t finisher_ops;

#endif
