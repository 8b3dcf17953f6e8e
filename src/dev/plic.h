/* PLIC ("sifive,plic-1.0.0", RISC-V PLIC specification) in the layout of QEMU's virt board:
 * priorities at 0x0 + 4*source, pending bits at 0x1000, per-context enables at
 * 0x2000 + 0x80*context, per-context threshold at 0x200000 + 0x1000*context and claim/complete
 * 4 bytes above it. 95 sources (1..95), priorities 0..7, two contexts per hart: 2*h is hart h's
 * M-mode (drives MEIP), 2*h+1 its S-mode (drives SEIP).
 *
 * Sources are level-triggered, with the specification's gateway: a line that rises while the
 * source has no request outstanding (neither pending nor in service, i.e. claimed and not yet
 * completed) sets its pending bit; the request is not retracted if the line falls before the
 * claim (the handler then finds nothing to do; QEMU 7.2 behaves the same). A claim clears the
 * pending bit and puts the source in service; completion ends service and, if the line is
 * still high, the source is pending again.
 *
 * Locking: `lock` is the device lock the board gives phys_add_mmio, so MMIO handlers run under
 * it. plic_set_irq takes it itself; devices call it with their own lock held, so the order is
 * device lock -> PLIC lock, never the reverse (the PLIC never calls into a device). */
#ifndef DEV_PLIC_H
#define DEV_PLIC_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "util/lock.h"
#include "cpu/hart.h"
#include "dev/device.h"
#include "mem/phys.h"
#include "util/log.h"

#define PLIC_SIZE 0x600000ULL /* QEMU virt's region (room for its 512 harts) */
#define PLIC_NUM_SOURCES 96   /* ids 0..95; id 0 means "no interrupt" */
#define PLIC_MAX_PRIORITY 7
#define PLIC_MAX_HARTS 64
#define PLIC_MAX_CONTEXTS (2 * PLIC_MAX_HARTS)
#define PLIC_WORDS ((PLIC_NUM_SOURCES + 31) / 32)

typedef struct plic {
    lock_t lock; /* device lock: every field below is guarded by it */
    hart_t **harts;
    unsigned nharts, ncontexts;
    log_ctx_t *log;
    uint8_t priority[PLIC_NUM_SOURCES];
    uint8_t threshold[PLIC_MAX_CONTEXTS];
    uint32_t level[PLIC_WORDS];      /* input lines as the devices last drove them */
    uint32_t pending[PLIC_WORDS];    /* IP bits */
    uint32_t in_service[PLIC_WORDS]; /* claimed, completion not yet received */
    uint32_t enable[PLIC_MAX_CONTEXTS][PLIC_WORDS];
    bool eip[PLIC_MAX_CONTEXTS]; /* last value driven to the context's MEIP/SEIP */
} plic_t;

/* harts[0..nharts) must outlive the PLIC; nharts is clamped to PLIC_MAX_HARTS. */
void plic_init(plic_t *p, hart_t **harts, unsigned nharts, log_ctx_t *log);
void plic_destroy(plic_t *p);
/* Guest reset: priorities, enables, thresholds and claims cleared; input lines keep their
 * levels (they belong to the devices) and are pending again; MEIP/SEIP lowered. */
void plic_reset(plic_t *p);
/* Drives source `source`'s input line; usable as irq_line_t.set with ctx = the plic_t. Any
 * thread may call it, holding at most a device lock (not the PLIC's). */
void plic_set_irq(void *plic, unsigned source, bool level);
/* Writes the PLIC node (libfdt sequential-write mode, inside /soc with #address-cells and
 * #size-cells 2). Returns 0 or a negative libfdt error. */
int plic_fdt(plic_t *p, fdt_ctx_t *ctx, uint64_t base, uint64_t size);
extern const mmio_ops_t plic_ops;

#endif
