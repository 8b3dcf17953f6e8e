#include "machine/fdt.h"

#include <errno.h>
#include <libfdt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine/virt.h"

enum { PHANDLE_PLIC = 1, PHANDLE_TEST = 2, PHANDLE_INTC0 = 16 };

/* The ISA string lists exactly what the hart implements. */
#define VIRT_ISA "rv64imafdc_zicsr_zifencei_zihintpause_zba_zbb_zbs_sstc"

static int prop_cells(void *fdt, const char *name, const uint32_t *cells, unsigned n)
{
    uint32_t be[64];
    for (unsigned i = 0; i < n; i++)
        be[i] = cpu_to_fdt32(cells[i]);
    return fdt_property(fdt, name, be, (int)(n * sizeof(uint32_t)));
}

static int prop_reg(void *fdt, uint64_t base, uint64_t size)
{
    uint32_t cells[4] = {(uint32_t)(base >> 32), (uint32_t)base, (uint32_t)(size >> 32),
                         (uint32_t)size};
    return prop_cells(fdt, "reg", cells, 4);
}

static int add_cpu(void *fdt, unsigned i)
{
    char name[32];
    snprintf(name, sizeof(name), "cpu@%u", i);
    int r = fdt_begin_node(fdt, name);
    r |= fdt_property_string(fdt, "device_type", "cpu");
    r |= fdt_property_u32(fdt, "reg", i);
    r |= fdt_property_string(fdt, "status", "okay");
    r |= fdt_property_string(fdt, "compatible", "riscv");
    r |= fdt_property_string(fdt, "riscv,isa", VIRT_ISA);
    r |= fdt_property_string(fdt, "mmu-type", "riscv,sv48");
    r |= fdt_begin_node(fdt, "interrupt-controller");
    r |= fdt_property_u32(fdt, "#interrupt-cells", 1);
    r |= fdt_property(fdt, "interrupt-controller", NULL, 0);
    r |= fdt_property_string(fdt, "compatible", "riscv,cpu-intc");
    r |= fdt_property_u32(fdt, "phandle", PHANDLE_INTC0 + i);
    r |= fdt_end_node(fdt);
    return r | fdt_end_node(fdt);
}

static int add_cpus(void *fdt, unsigned nharts)
{
    int r = fdt_begin_node(fdt, "cpus");
    r |= fdt_property_u32(fdt, "#address-cells", 1);
    r |= fdt_property_u32(fdt, "#size-cells", 0);
    r |= fdt_property_u32(fdt, "timebase-frequency", VIRT_TIMEBASE_HZ);
    for (unsigned i = 0; i < nharts; i++)
        r |= add_cpu(fdt, i);
    return r | fdt_end_node(fdt);
}

static int add_clint(void *fdt, const fdt_ctx_t *ctx)
{
    uint32_t cells[2 * 2 * VIRT_MAX_HARTS];
    for (unsigned i = 0; i < ctx->nharts; i++) {
        cells[4 * i] = ctx->intc_phandles[i];
        cells[4 * i + 1] = IRQ_MSI;
        cells[4 * i + 2] = ctx->intc_phandles[i];
        cells[4 * i + 3] = IRQ_MTI;
    }
    int r = fdt_begin_node(fdt, "clint@2000000");
    r |= fdt_property(fdt, "compatible", "sifive,clint0\0riscv,clint0", 27);
    r |= prop_reg(fdt, VIRT_CLINT_BASE, CLINT_SIZE);
    r |= prop_cells(fdt, "interrupts-extended", cells, 4 * ctx->nharts);
    return r | fdt_end_node(fdt);
}

static int add_finisher(void *fdt)
{
    int r = fdt_begin_node(fdt, "test@100000");
    r |= fdt_property(fdt, "compatible", "sifive,test1\0sifive,test0\0syscon", 33);
    r |= prop_reg(fdt, VIRT_FINISHER_BASE, 0x1000);
    r |= fdt_property_u32(fdt, "phandle", PHANDLE_TEST);
    r |= fdt_end_node(fdt);
    static const struct { const char *node, *compat; uint32_t value; } ctl[] = {
        {"poweroff", "syscon-poweroff", 0x5555},
        {"reboot", "syscon-reboot", 0x7777},
    };
    for (unsigned i = 0; i < 2; i++) {
        r |= fdt_begin_node(fdt, ctl[i].node);
        r |= fdt_property_string(fdt, "compatible", ctl[i].compat);
        r |= fdt_property_u32(fdt, "regmap", PHANDLE_TEST);
        r |= fdt_property_u32(fdt, "offset", 0);
        r |= fdt_property_u32(fdt, "value", ctl[i].value);
        r |= fdt_end_node(fdt);
    }
    return r;
}

static int add_soc(void *fdt, machine_t *m, fdt_ctx_t *ctx)
{
    int r = fdt_begin_node(fdt, "soc");
    r |= fdt_property_u32(fdt, "#address-cells", 2);
    r |= fdt_property_u32(fdt, "#size-cells", 2);
    r |= fdt_property_string(fdt, "compatible", "simple-bus");
    r |= fdt_property(fdt, "ranges", NULL, 0);
    r |= add_clint(fdt, ctx);
    r |= plic_fdt(&m->plic, ctx, VIRT_PLIC_BASE, VIRT_PLIC_SIZE);
    r |= uart_fdt(&m->uart, ctx, VIRT_UART_BASE, VIRT_UART_IRQ);
    r |= rtc_fdt(&m->rtc, ctx, VIRT_RTC_BASE, VIRT_RTC_IRQ);
    for (unsigned i = 0; i < VIRT_VIRTIO_COUNT; i++)
        r |= virtio_mmio_fdt(&m->virtio[i], ctx);
    r |= add_finisher(fdt);
    return r | fdt_end_node(fdt);
}

static int add_chosen(void *fdt, machine_t *m)
{
    int r = fdt_begin_node(fdt, "chosen");
    r |= fdt_property_string(fdt, "stdout-path", "/soc/serial@10000000");
    if (m->opts.append)
        r |= fdt_property_string(fdt, "bootargs", m->opts.append);
    if (m->boot.initrd_end) {
        r |= fdt_property_u64(fdt, "linux,initrd-start", m->boot.initrd_start);
        r |= fdt_property_u64(fdt, "linux,initrd-end", m->boot.initrd_end);
    }
    r |= fdt_property_u32(fdt, "polyhart,boot-count", m->boot_count);
    return r | fdt_end_node(fdt);
}

static int add_memory(void *fdt, const machine_t *m)
{
    char name[32];
    snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)VIRT_RAM_BASE);
    int r = fdt_begin_node(fdt, name);
    r |= fdt_property_string(fdt, "device_type", "memory");
    r |= prop_reg(fdt, VIRT_RAM_BASE, m->opts.ram_size);
    return r | fdt_end_node(fdt);
}

int fdt_build_virt(machine_t *m, void *buf, char *err, size_t errlen)
{
    uint32_t intc[VIRT_MAX_HARTS];
    for (unsigned i = 0; i < m->nharts; i++)
        intc[i] = PHANDLE_INTC0 + i;
    fdt_ctx_t ctx = {.fdt = buf, .plic_phandle = PHANDLE_PLIC, .intc_phandles = intc,
                     .nharts = m->nharts};
    int r = fdt_create(buf, FDT_MAX_SIZE);
    r |= fdt_finish_reservemap(buf);
    r |= fdt_begin_node(buf, "");
    r |= fdt_property_u32(buf, "#address-cells", 2);
    r |= fdt_property_u32(buf, "#size-cells", 2);
    r |= fdt_property_string(buf, "compatible", "riscv-virtio");
    r |= fdt_property_string(buf, "model", "riscv-virtio,qemu");
    r |= add_chosen(buf, m);
    r |= add_memory(buf, m);
    r |= add_cpus(buf, m->nharts);
    r |= add_soc(buf, m, &ctx);
    r |= fdt_end_node(buf);
    r |= fdt_finish(buf);
    if (r) {
        snprintf(err, errlen, "cannot build the device tree");
        return -1;
    }
    return 0;
}

static int set_chosen(void *fdt, const machine_t *m)
{
    int node = fdt_path_offset(fdt, "/chosen");
    if (node < 0)
        node = fdt_add_subnode(fdt, 0, "chosen");
    if (node < 0)
        return node;
    int r = 0;
    if (m->opts.append)
        r |= fdt_setprop_string(fdt, node, "bootargs", m->opts.append);
    if (m->boot.initrd_end) {
        r |= fdt_setprop_u64(fdt, node, "linux,initrd-start", m->boot.initrd_start);
        r |= fdt_setprop_u64(fdt, node, "linux,initrd-end", m->boot.initrd_end);
    }
    return r | fdt_setprop_u32(fdt, node, "polyhart,boot-count", m->boot_count);
}

int fdt_load_user(machine_t *m, const char *path, void *buf, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    uint8_t *raw = malloc(FDT_MAX_SIZE);
    if (!f || !raw) {
        free(raw);
        if (f)
            fclose(f);
        snprintf(err, errlen, "cannot open device tree '%s': %s", path, strerror(errno));
        return -1;
    }
    size_t n = fread(raw, 1, FDT_MAX_SIZE, f);
    bool too_big = n == FDT_MAX_SIZE && fgetc(f) != EOF;
    fclose(f);
    int rc = 0;
    if (too_big || n < sizeof(struct fdt_header) || fdt_check_header(raw) != 0 ||
        fdt_totalsize(raw) > n) {
        snprintf(err, errlen, "'%s': not a valid device tree blob (or over %d KiB)", path,
                 FDT_MAX_SIZE / 1024);
        rc = -1;
    } else if (fdt_open_into(raw, buf, FDT_MAX_SIZE) != 0 || set_chosen(buf, m) != 0 ||
               fdt_pack(buf) != 0) {
        snprintf(err, errlen, "'%s': cannot update /chosen in the device tree", path);
        rc = -1;
    }
    free(raw);
    return rc;
}
