#include "machine/loader.h"

#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(char *err, size_t errlen, const char *fmt, const char *path, const char *detail)
{
    snprintf(err, errlen, fmt, path, detail);
    return -1;
}

static int read_file(const char *path, uint8_t **data, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(err, errlen, "cannot open '%s': %s", path, strerror(errno));
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 1 << 16;
            uint8_t *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return fail(err, errlen, "cannot read '%s': %s", path, "out of memory");
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return fail(err, errlen, "cannot read '%s': %s", path, "I/O error");
    }
    *data = buf;
    *len = n;
    return 0;
}

static const char *check_header(const Elf64_Ehdr *eh, size_t len)
{
    if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
        return "not an ELF file";
    if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
        eh->e_machine != EM_RISCV)
        return "not a 64-bit little-endian RISC-V ELF file";
    if (eh->e_type != ET_EXEC)
        return "not an executable ELF file";
    if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phoff > len ||
        (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > len - eh->e_phoff)
        return "corrupt ELF program headers";
    return NULL;
}

static int load_segment(phys_map_t *map, const uint8_t *data, size_t len, const Elf64_Phdr *ph,
                        load_info_t *info, const char *path, char *err, size_t errlen)
{
    if (ph->p_filesz > ph->p_memsz || ph->p_offset > len || ph->p_filesz > len - ph->p_offset)
        return fail(err, errlen, "'%s': %s", path, "corrupt ELF segment");
    if (ph->p_memsz == 0)
        return 0;
    uint8_t *dst = phys_ram_ptr(map, ph->p_paddr, ph->p_memsz);
    if (!dst) {
        char range[96];
        snprintf(range, sizeof(range), "segment at %#" PRIx64 "-%#" PRIx64 " does not fit in RAM",
                 ph->p_paddr, ph->p_paddr + ph->p_memsz);
        return fail(err, errlen, "'%s': %s", path, range);
    }
    memcpy(dst, data + ph->p_offset, ph->p_filesz);
    memset(dst + ph->p_filesz, 0, ph->p_memsz - ph->p_filesz);
    if (ph->p_paddr < info->low)
        info->low = ph->p_paddr;
    if (ph->p_paddr + ph->p_memsz > info->high)
        info->high = ph->p_paddr + ph->p_memsz;
    return 0;
}

int loader_load_elf(phys_map_t *map, const char *path, load_info_t *info, char *err,
                    size_t errlen)
{
    uint8_t *data;
    size_t len;
    if (read_file(path, &data, &len, err, errlen))
        return -1;
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)(const void *)data;
    const char *why = check_header(eh, len);
    int rc = 0;
    if (why) {
        rc = fail(err, errlen, "'%s': %s", path, why);
    } else {
        *info = (load_info_t){.entry = eh->e_entry, .low = ~0ULL, .high = 0};
        for (unsigned i = 0; i < eh->e_phnum && rc == 0; i++) {
            Elf64_Phdr ph; /* copied: the table need not be aligned in the file */
            memcpy(&ph, data + eh->e_phoff + i * sizeof(ph), sizeof(ph));
            if (ph.p_type == PT_LOAD)
                rc = load_segment(map, data, len, &ph, info, path, err, errlen);
        }
        if (rc == 0 && info->high == 0)
            rc = fail(err, errlen, "'%s': %s", path, "no loadable segments");
    }
    free(data);
    return rc;
}

static bool read_prefix(const char *path, void *buf, size_t len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    bool ok = fread(buf, 1, len, f) == len;
    fclose(f);
    return ok;
}

bool loader_is_elf(const char *path)
{
    unsigned char magic[SELFMAG];
    return read_prefix(path, magic, SELFMAG) && memcmp(magic, ELFMAG, SELFMAG) == 0;
}

/* RISC-V Linux Image header: magic2 "RSC\x05" at byte 56. */
bool loader_is_linux_image(const char *path)
{
    unsigned char hdr[64];
    return read_prefix(path, hdr, sizeof(hdr)) && memcmp(hdr + 56, "RSC\x05", 4) == 0;
}

int loader_load_raw(phys_map_t *map, const char *path, uint64_t addr, load_info_t *info,
                    char *err, size_t errlen)
{
    uint8_t *data;
    size_t len;
    if (read_file(path, &data, &len, err, errlen))
        return -1;
    int rc = 0;
    uint8_t *dst = len ? phys_ram_ptr(map, addr, len) : NULL;
    if (len == 0) {
        rc = fail(err, errlen, "'%s': %s", path, "empty file");
    } else if (!dst) {
        char range[96];
        snprintf(range, sizeof(range), "image at %#" PRIx64 "-%#" PRIx64 " does not fit in RAM",
                 addr, addr + len);
        rc = fail(err, errlen, "'%s': %s", path, range);
    } else {
        memcpy(dst, data, len);
        *info = (load_info_t){.entry = addr, .low = addr, .high = addr + len};
    }
    free(data);
    return rc;
}

int loader_load_linux_image(phys_map_t *map, const char *path, uint64_t addr,
                            load_info_t *info, char *err, size_t errlen)
{
    unsigned char hdr[64];
    if (!read_prefix(path, hdr, sizeof(hdr)) || memcmp(hdr + 56, "RSC\x05", 4) != 0)
        return fail(err, errlen, "'%s': %s", path, "not a RISC-V Linux Image");
    if (loader_load_raw(map, path, addr, info, err, errlen))
        return -1;
    uint64_t image_size; /* what the kernel occupies once running, bss included */
    memcpy(&image_size, hdr + 16, sizeof(image_size));
    if (addr + image_size > info->high) {
        if (!phys_ram_ptr(map, addr, image_size))
            return fail(err, errlen, "'%s': %s", path, "kernel does not fit in RAM");
        info->high = addr + image_size;
    }
    return 0;
}
