/* What every device offers the board: MMIO callbacks, a reset, and a device-tree hook.
 *
 * Interrupt lines are edges of the board's wiring: a device raises or lowers its line with
 * irq_set(); the board connects the line to a PLIC source (or a hart's mip bit). */
#ifndef DEV_DEVICE_H
#define DEV_DEVICE_H

#include <stdbool.h>
#include <stdint.h>

#include "mem/phys.h"

typedef struct irq_line {
    void (*set)(void *ctx, unsigned n, bool level);
    void *ctx;
    unsigned n;
} irq_line_t;

static inline void irq_set(const irq_line_t *l, bool level)
{
    if (l->set)
        l->set(l->ctx, l->n, level);
}

/* What a device's device-tree hook needs to describe itself (libfdt sequential-write mode: the
 * hook is called inside the /soc node and adds one complete node). */
typedef struct fdt_ctx {
    void *fdt;
    uint32_t plic_phandle;
    const uint32_t *intc_phandles; /* per hart: its "riscv,cpu-intc" node */
    unsigned nharts;
} fdt_ctx_t;

#endif
