#include "machine/virt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "machine/loader.h"
#include "util/util.h"

static void finisher_request(void *ctx, bool reset, int exit_code)
{
    machine_t *m = ctx;
    if (reset)
        log_printf(m->log, LOG_UNIMP, "virt: reset requested; stopping instead\n");
    runctl_request_stop(&m->runctl, exit_code);
}

static int add_devices(machine_t *m, char *err, size_t errlen)
{
    m->finisher = (finisher_t){.on_request = finisher_request, .ctx = m, .log = m->log};
    clint_init(&m->clint, m->harts, m->nharts, m->log);
    uart_init(&m->uart, STDOUT_FILENO, m->log);
    if (!phys_add_mmio(&m->phys, "finisher", VIRT_FINISHER_BASE, 0x1000, &finisher_ops,
                       &m->finisher, NULL) ||
        !phys_add_mmio(&m->phys, "clint", VIRT_CLINT_BASE, CLINT_SIZE, &clint_ops, &m->clint,
                       &m->clint.lock) ||
        !phys_add_mmio(&m->phys, "uart", VIRT_UART_BASE, UART_SIZE, &uart_ops, &m->uart,
                       &m->uart.lock)) {
        snprintf(err, errlen, "cannot build the device map");
        return -1;
    }
    return 0;
}

static int create_harts(machine_t *m, char *err, size_t errlen)
{
    for (unsigned i = 0; i < m->nharts; i++) {
        hart_t *h = aligned_alloc(64, (sizeof(hart_t) + 63) & ~(size_t)63);
        if (!h) {
            snprintf(err, errlen, "out of memory for hart %u", i);
            return -1;
        }
        hart_init(h, i, m, &m->phys, &m->tcache, m->log, m->time_base_ns);
        run_attach_hart(h);
        m->harts[i] = h;
    }
    return 0;
}

int virt_create(machine_t *m, const machine_opts_t *opts, log_ctx_t *log, char *err,
                size_t errlen)
{
    memset(m, 0, sizeof(*m));
    m->opts = *opts;
    m->log = log;
    m->nharts = opts->nharts;
    m->time_base_ns = util_now_ns();
    phys_init(&m->phys);
    tcache_init(&m->tcache, &m->phys, log);
    if (!phys_add_ram(&m->phys, "ram", VIRT_RAM_BASE, opts->ram_size, false)) {
        snprintf(err, errlen, "cannot reserve %llu MiB of host memory for guest RAM",
                 (unsigned long long)(opts->ram_size >> 20));
        return -1;
    }
    if (create_harts(m, err, errlen) || add_devices(m, err, errlen))
        return -1;
    load_info_t info;
    if (loader_load_elf(&m->phys, opts->kernel, &info, err, errlen))
        return -1;
    for (unsigned i = 0; i < m->nharts; i++) {
        hart_reset(m->harts[i], info.entry);
        m->harts[i]->x[10] = i; /* a0 = hartid */
    }
    runctl_init(&m->runctl, m->harts, m->nharts);
    return 0;
}

int virt_run(machine_t *m)
{
    return runctl_run(&m->runctl);
}

void virt_destroy(machine_t *m)
{
    tcache_destroy(&m->tcache);
    for (unsigned i = 0; i < m->nharts; i++)
        free(m->harts[i]);
    phys_destroy(&m->phys);
}
