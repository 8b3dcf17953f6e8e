#include "dev/finisher.h"

#include <inttypes.h>

enum { FINISHER_FAIL = 0x3333, FINISHER_PASS = 0x5555, FINISHER_RESET = 0x7777 };

static uint64_t finisher_read(void *opaque, uint64_t off, unsigned size)
{
    (void)opaque;
    (void)off;
    (void)size;
    return 0;
}

static void finisher_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
    finisher_t *f = opaque;
    if (off != 0 || size < 2) { /* OpenSBI writes the command as a 16-bit value */
        log_guest_error(f->log, "finisher: ignored %u-byte write at offset %#" PRIx64 "\n",
                        size, off);
        return;
    }
    switch (val & 0xffff) {
    case FINISHER_PASS: f->on_request(f->ctx, false, 0); break;
    case FINISHER_FAIL: f->on_request(f->ctx, false, (int)((val >> 16) & 0xffff)); break;
    case FINISHER_RESET: f->on_request(f->ctx, true, 0); break;
    default:
        log_guest_error(f->log, "finisher: unknown command %#" PRIx64 "\n", val);
        break;
    }
}

const mmio_ops_t finisher_ops = {.read = finisher_read, .write = finisher_write};
