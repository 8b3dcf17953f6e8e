/* The `virt` board: QEMU's memory map, so that stock firmware and kernels run unchanged.
 *
 *   0x00100000  test finisher      0x02000000  CLINT
 *   0x10000000  NS16550A UART      0x80000000  RAM
 */
#ifndef MACHINE_VIRT_H
#define MACHINE_VIRT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/hart.h"
#include "dev/clint.h"
#include "dev/finisher.h"
#include "dev/uart.h"
#include "exec/run.h"
#include "exec/tcache.h"
#include "mem/phys.h"
#include "util/log.h"

#define VIRT_FINISHER_BASE 0x100000ULL
#define VIRT_CLINT_BASE 0x2000000ULL
#define VIRT_UART_BASE 0x10000000ULL
#define VIRT_RAM_BASE 0x80000000ULL
#define VIRT_MAX_HARTS 64
#define VIRT_MIN_RAM (2ULL << 20)
#define VIRT_MAX_RAM (64ULL << 30)

typedef struct machine_opts {
    unsigned nharts;
    uint64_t ram_size;
    const char *bios;   /* "none" for now */
    const char *kernel; /* ELF image */
} machine_opts_t;

struct machine {
    machine_opts_t opts;
    log_ctx_t *log;
    phys_map_t phys;
    tcache_t tcache;
    runctl_t runctl;
    hart_t *harts[VIRT_MAX_HARTS];
    unsigned nharts;
    finisher_t finisher;
    clint_t clint;
    uart_t uart;
    uint64_t time_base_ns;
};

/* Builds the board and loads the images; -1 with a one-line reason in `err`. */
int virt_create(machine_t *m, const machine_opts_t *opts, log_ctx_t *log, char *err,
                size_t errlen);
/* Runs until the guest stops it; returns the process exit status. */
int virt_run(machine_t *m);
void virt_destroy(machine_t *m);

#endif
