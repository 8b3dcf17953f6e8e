#include "machine/boot.h"

#include <errno.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine/fdt.h"
#include "machine/loader.h"
#include "machine/virt.h"

#define KERNEL_ALIGN (2ULL << 20) /* RV64 kernels run from a 2 MiB boundary */
#define FW_DYNAMIC_MAGIC 0x4942534fULL /* "OSBI" */
#define FW_DYNAMIC_VERSION 1           /* no preferred boot hart: OpenSBI picks one */
#define NEXT_MODE_S 1

typedef struct image_range {
    const char *what;
    uint64_t low, high;
} image_range_t;

static uint64_t align_up(uint64_t v, uint64_t a) { return (v + a - 1) & ~(a - 1); }
static uint64_t align_down(uint64_t v, uint64_t a) { return v & ~(a - 1); }

/* Firmware: ELF or raw binary. */
static int load_firmware(machine_t *m, const char *path, load_info_t *info, char *err,
                         size_t errlen)
{
    if (loader_is_elf(path))
        return loader_load_elf(&m->phys, path, info, err, errlen);
    return loader_load_raw(&m->phys, path, VIRT_RAM_BASE, info, err, errlen);
}

/* Kernel: ELF or RISC-V Linux Image; anything else is refused with a clear error. */
static int load_kernel(machine_t *m, const char *path, uint64_t addr, load_info_t *info,
                       char *err, size_t errlen)
{
    if (loader_is_elf(path))
        return loader_load_elf(&m->phys, path, info, err, errlen);
    if (loader_is_linux_image(path))
        return loader_load_linux_image(&m->phys, path, addr, info, err, errlen);
    FILE *f = fopen(path, "rb");
    if (!f)
        snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
    else
        snprintf(err, errlen, "'%s': not an ELF file or a RISC-V Linux Image", path);
    if (f)
        fclose(f);
    return -1;
}

static int check_overlaps(const image_range_t *r, unsigned n, char *err, size_t errlen)
{
    for (unsigned i = 0; i < n; i++)
        for (unsigned j = i + 1; j < n; j++)
            if (r[i].low < r[j].high && r[j].low < r[i].high) {
                snprintf(err, errlen,
                         "%s (%#" PRIx64 "-%#" PRIx64 ") overlaps %s (%#" PRIx64 "-%#" PRIx64 ")",
                         r[j].what, r[j].low, r[j].high, r[i].what, r[i].low, r[i].high);
                return -1;
            }
    return 0;
}

/* Firmware at the start of RAM, kernel at the next 2 MiB boundary, initrd well above it. */
static int load_images(machine_t *m, image_range_t *ranges, unsigned *n, char *err,
                       size_t errlen)
{
    const machine_opts_t *o = &m->opts;
    load_info_t info;
    uint64_t kernel_at = VIRT_RAM_BASE;
    *n = 0;
    m->boot = (boot_layout_t){0};
    if (strcmp(o->bios, "none") != 0) {
        const char *fw = strcmp(o->bios, "default") == 0 ? VIRT_DEFAULT_BIOS : o->bios;
        if (load_firmware(m, fw, &info, err, errlen))
            return -1;
        m->boot.start = info.entry;
        ranges[(*n)++] = (image_range_t){"firmware", info.low, info.high};
        kernel_at = align_up(info.high, KERNEL_ALIGN);
    }
    if (o->kernel) {
        if (load_kernel(m, o->kernel, kernel_at, &info, err, errlen))
            return -1;
        m->boot.kernel_entry = info.entry;
        if (strcmp(o->bios, "none") == 0)
            m->boot.start = info.entry;
        ranges[(*n)++] = (image_range_t){"kernel", info.low, info.high};
    }
    if (o->initrd) {
        uint64_t at = kernel_at + (o->ram_size < (256ULL << 20) ? o->ram_size / 2 : 128ULL << 20);
        if (loader_load_raw(&m->phys, o->initrd, at, &info, err, errlen))
            return -1;
        m->boot.initrd_start = info.low;
        m->boot.initrd_end = info.high;
        ranges[(*n)++] = (image_range_t){"initrd", info.low, info.high};
    }
    return check_overlaps(ranges, *n, err, errlen);
}

/* The device tree goes at the top of RAM (below 3 GiB, so 32-bit-limited code reaches it). */
static int place_fdt(machine_t *m, const void *fdt, image_range_t *ranges, unsigned n, char *err,
                     size_t errlen)
{
    uint64_t size = fdt_totalsize(fdt);
    if (size > m->opts.ram_size) {
        snprintf(err, errlen, "the device tree does not fit in RAM");
        return -1;
    }
    uint64_t top = VIRT_RAM_BASE + m->opts.ram_size;
    if (top > VIRT_RAM_BASE + (3ULL << 30))
        top = VIRT_RAM_BASE + (3ULL << 30);
    uint64_t at = align_down(top - size, 8);
    if (top - VIRT_RAM_BASE >= KERNEL_ALIGN + size)
        at = align_down(top - size, KERNEL_ALIGN);
    ranges[n] = (image_range_t){"device tree", at, at + size};
    if (check_overlaps(ranges, n + 1, err, errlen))
        return -1;
    memcpy(phys_ram_ptr(&m->phys, at, size), fdt, size);
    m->boot.fdt_addr = at;
    return 0;
}

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

/* Reset vector, run by every hart:
 *   auipc t0, 0; addi a2, t0, 40; csrr a0, mhartid; ld a1, 32(t0); ld t0, 24(t0); jr t0
 * followed by the start address, the device tree address and fw_dynamic_info. */
static void write_rom(machine_t *m)
{
    static const uint32_t code[] = {0x00000297, 0x02828613, 0xf1402573,
                                    0x0202b583, 0x0182b283, 0x00028067};
    uint8_t *rom = phys_ram_ptr(&m->phys, VIRT_ROM_BASE, VIRT_ROM_SIZE);
    memset(rom, 0, VIRT_ROM_SIZE);
    for (unsigned i = 0; i < 6; i++)
        put32(rom + 4 * i, code[i]);
    put64(rom + 24, m->boot.start);
    put64(rom + 32, m->boot.fdt_addr);
    uint64_t info[5] = {FW_DYNAMIC_MAGIC, FW_DYNAMIC_VERSION, m->boot.kernel_entry, NEXT_MODE_S,
                        0};
    for (unsigned i = 0; i < 5; i++)
        put64(rom + 40 + 8 * i, info[i]);
}

static int make_fdt(machine_t *m, void *buf, char *err, size_t errlen)
{
    if (m->opts.dtb)
        return fdt_load_user(m, m->opts.dtb, buf, err, errlen);
    return fdt_build_virt(m, buf, err, errlen);
}

int boot_load(machine_t *m, char *err, size_t errlen)
{
    image_range_t ranges[4];
    unsigned n;
    if (load_images(m, ranges, &n, err, errlen))
        return -1;
    void *fdt = malloc(FDT_MAX_SIZE);
    if (!fdt) {
        snprintf(err, errlen, "out of memory for the device tree");
        return -1;
    }
    int rc = make_fdt(m, fdt, err, errlen);
    if (rc == 0)
        rc = place_fdt(m, fdt, ranges, n, err, errlen);
    free(fdt);
    if (rc == 0)
        write_rom(m);
    return rc;
}
