#include "machine/virt.h"

#define VIRT_IO_POLL_MAX_NS 1000000ULL  /* the I/O thread's longest spin before sleeping */
#define VIRT_WFI_POLL_MAX_NS 1000000ULL /* a hart's longest spin in WFI */

#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "machine/boot.h"
#include "machine/fdt.h"
#include "util/util.h"

static void finisher_request(void *ctx, bool reset, int exit_code)
{
    machine_t *m = ctx;
    if (reset && !m->opts.no_reboot)
        atomic_store(&m->reset_requested, true);
    runctl_request_stop(&m->runctl, exit_code);
}

void virt_request_stop(machine_t *m, int code)
{
    runctl_request_stop(&m->runctl, code);
}

void virt_request_reset(machine_t *m)
{
    if (!m->opts.no_reboot) {
        atomic_store(&m->reset_by_host, true);
        atomic_store(&m->reset_requested, true);
    }
    runctl_request_stop(&m->runctl, 0);
}

static int add_virtio_regions(machine_t *m)
{
    for (unsigned i = 0; i < VIRT_VIRTIO_COUNT; i++) {
        virtio_mmio_t *vm = &m->virtio[i];
        if (!phys_add_mmio(&m->phys, "virtio-mmio", vm->base, VIRTIO_MMIO_SIZE,
                           &virtio_mmio_ops, vm, &vm->lock))
            return -1;
    }
    return 0;
}

static int add_regions(machine_t *m)
{
    phys_map_t *p = &m->phys;
    return !phys_add_ram(p, "rom", VIRT_ROM_BASE, VIRT_ROM_SIZE, true) ||
           !phys_add_mmio(p, "finisher", VIRT_FINISHER_BASE, 0x1000, &finisher_ops,
                          &m->finisher, NULL) ||
           !phys_add_mmio(p, "rtc", VIRT_RTC_BASE, 0x1000, &rtc_ops, &m->rtc, &m->rtc.lock) ||
           !phys_add_mmio(p, "clint", VIRT_CLINT_BASE, CLINT_SIZE, &clint_ops, &m->clint,
                          &m->clint.lock) ||
           !phys_add_mmio(p, "plic", VIRT_PLIC_BASE, VIRT_PLIC_SIZE, &plic_ops, &m->plic,
                          &m->plic.lock) ||
           !phys_add_mmio(p, "uart", VIRT_UART_BASE, UART_SIZE, &uart_ops, &m->uart,
                          &m->uart.lock) ||
           add_virtio_regions(m);
}

static int init_devices(machine_t *m, char *err, size_t errlen)
{
    m->finisher = (finisher_t){.on_request = finisher_request, .ctx = m, .log = m->log};
    clint_init(&m->clint, m->harts, m->nharts, m->log);
    plic_init(&m->plic, m->harts, m->nharts, m->log);
    irq_line_t uart_irq = {.set = plic_set_irq, .ctx = &m->plic, .n = VIRT_UART_IRQ};
    irq_line_t rtc_irq = {.set = plic_set_irq, .ctx = &m->plic, .n = VIRT_RTC_IRQ};
    uart_init(&m->uart, STDOUT_FILENO, uart_irq, m->log);
    for (unsigned i = 0; i < VIRT_VIRTIO_COUNT; i++) {
        irq_line_t irq = {.set = plic_set_irq, .ctx = &m->plic, .n = VIRT_VIRTIO_IRQ + i};
        virtio_mmio_init(&m->virtio[i], &m->phys, m->io, m->log,
                         VIRT_VIRTIO_BASE + i * VIRTIO_MMIO_SIZE, irq, VIRT_VIRTIO_IRQ + i);
    }
    if (rtc_init(&m->rtc, rtc_irq, m->log)) {
        snprintf(err, errlen, "cannot start the RTC alarm thread");
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
        h->pause_yields = m->nharts > util_host_cpus();
        if (m->nharts < util_host_cpus()) /* a CPU is left for the I/O thread */
            h->wfi_poll.max_ns = VIRT_WFI_POLL_MAX_NS;
        hart_reset(h, VIRT_ROM_BASE);
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
    if (!phys_init(&m->phys)) {
        snprintf(err, errlen, "out of memory for the memory map");
        return -1;
    }
    tcache_init(&m->tcache, &m->phys, log);
    if (!opts->no_jit && jit_supported() &&
        !tcache_enable_jit(&m->tcache, opts->jit_mib ? opts->jit_mib : JIT_DEFAULT_ARENA_MIB,
                           err, errlen))
        return -1;
    m->io = evloop_new("io");
    if (!m->io) {
        snprintf(err, errlen, "out of memory for the I/O thread");
        return -1;
    }
    /* With a host CPU to spare, the I/O thread polls rather than sleeps between requests that
     * come quickly (and harts poll in WFI): waking a sleeping thread costs tens of
     * microseconds a request. */
    if (m->nharts < util_host_cpus())
        evloop_set_polling(m->io, VIRT_IO_POLL_MAX_NS);
    if (!phys_add_ram(&m->phys, "ram", VIRT_RAM_BASE, opts->ram_size, false)) {
        snprintf(err, errlen, "cannot reserve %llu MiB of host memory for guest RAM",
                 (unsigned long long)(opts->ram_size >> 20));
        return -1;
    }
    if (create_harts(m, err, errlen))
        return -1;
    if (init_devices(m, err, errlen))
        return -1;
    if (add_regions(m)) {
        snprintf(err, errlen, "cannot build the memory map");
        return -1;
    }
    if (devices_create(m, err, errlen))
        return -1;
    if (!m->phys.barrier_cmd && m->nharts > 1)
        fprintf(stderr, "polyhart: warning: the host has no membarrier(2): stores racing with "
                        "another hart's first LR or translation on a page may go unseen\n");
    if (!runctl_init(&m->runctl, m->harts, m->nharts)) {
        snprintf(err, errlen, "out of memory for the run control");
        return -1;
    }
    if (opts->start_stopped)
        dbg_start_stopped(&m->runctl.dbg);
    if (!evloop_start(m->io)) {
        snprintf(err, errlen, "cannot start the I/O thread");
        return -1;
    }
    return boot_load(m, err, errlen);
}

int virt_dump_dtb(machine_t *m, char *err, size_t errlen)
{
    void *fdt = malloc(FDT_MAX_SIZE);
    int rc = fdt ? fdt_build_virt(m, fdt, err, errlen) : -1;
    if (rc == 0) {
        FILE *f = fopen(m->opts.dumpdtb, "wb");
        if (!f || fwrite(fdt, 1, fdt_totalsize(fdt), f) != fdt_totalsize(fdt)) {
            snprintf(err, errlen, "cannot write '%s': %s", m->opts.dumpdtb, strerror(errno));
            rc = -1;
        }
        if (f && fclose(f) != 0 && rc == 0) {
            snprintf(err, errlen, "cannot write '%s': %s", m->opts.dumpdtb, strerror(errno));
            rc = -1;
        }
    }
    free(fdt);
    return rc;
}

/* A guest reset: devices and harts back to their reset state, images reloaded (RAM is
 * otherwise kept, as on real hardware), the boot count in the device tree advanced. */
static int virt_reset(machine_t *m)
{
    char err[256];
    m->boot_count++;
    tcache_drop_all(&m->tcache);
    plic_reset(&m->plic);
    uart_reset(&m->uart);
    rtc_reset(&m->rtc);
    for (unsigned i = 0; i < VIRT_VIRTIO_COUNT; i++)
        virtio_mmio_reset(&m->virtio[i]);
    for (unsigned i = 0; i < m->nharts; i++)
        hart_reset(m->harts[i], VIRT_ROM_BASE);
    if (boot_load(m, err, sizeof(err))) {
        fprintf(stderr, "polyhart: reset failed: %s\n", err);
        return -1;
    }
    runctl_rearm(&m->runctl);
    return 0;
}

int virt_run(machine_t *m)
{
    for (;;) {
        int code = runctl_run(&m->runctl);
        if (!atomic_exchange(&m->reset_requested, false))
            return code;
        bool by_guest = !atomic_exchange(&m->reset_by_host, false);
        log_printf(m->log, LOG_INT, "virt: %s reset\n", by_guest ? "guest" : "host");
        dbg_reset_begin(&m->runctl.dbg); /* the debugger's hart accessors wait */
        int rc = virt_reset(m);
        dbg_reset_end(&m->runctl.dbg);
        if (rc)
            return 1;
        if (m->on_reset)
            m->on_reset(m->on_reset_ctx, by_guest);
    }
}

void virt_destroy(machine_t *m)
{
    if (m->io)
        evloop_stop(m->io);
    /* After the I/O thread: no back end is running while its device is freed. */
    for (unsigned i = 0; i < VIRT_VIRTIO_COUNT; i++)
        virtio_mmio_destroy(&m->virtio[i]);
    rtc_destroy(&m->rtc);
    runctl_destroy(&m->runctl);
    tcache_drop_all(&m->tcache);
    tcache_destroy(&m->tcache);
    for (unsigned i = 0; i < m->nharts; i++)
        free(m->harts[i]);
    phys_destroy(&m->phys);
    evloop_free(m->io);
}

void virt_dump_harts(machine_t *m, FILE *f)
{
    for (unsigned i = 0; i < m->nharts; i++) {
        hart_t *h = m->harts[i];
        fprintf(f, "hart %u: pc %#llx priv %u wfi %d mip %#llx mie %#llx mstatus %#llx\n", i,
                (unsigned long long)__atomic_load_n(&h->pc, __ATOMIC_RELAXED),
                __atomic_load_n(&h->priv, __ATOMIC_RELAXED),
                __atomic_load_n(&h->wfi, __ATOMIC_RELAXED),
                (unsigned long long)(atomic_load(&h->mip) | __atomic_load_n(&h->mip_sw_seip, __ATOMIC_RELAXED)),
                (unsigned long long)__atomic_load_n(&h->mie, __ATOMIC_RELAXED),
                (unsigned long long)__atomic_load_n(&h->mstatus, __ATOMIC_RELAXED));
    }
}
