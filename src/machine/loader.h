/* Loading guest images into RAM. */
#ifndef MACHINE_LOADER_H
#define MACHINE_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem/phys.h"

typedef struct load_info {
    uint64_t entry;
    uint64_t low, high; /* physical range occupied */
} load_info_t;

/* Loads a 64-bit RISC-V ELF executable's PT_LOAD segments at their physical addresses.
 * Returns 0, or -1 with a one-line reason in `err`. */
int loader_load_elf(phys_map_t *map, const char *path, load_info_t *info, char *err,
                    size_t errlen);

/* Whether the file starts with the ELF magic (false if it cannot be read). */
bool loader_is_elf(const char *path);
/* Loads a whole file at physical address `addr`; info->low/high get its range. */
int loader_load_raw(phys_map_t *map, const char *path, uint64_t addr, load_info_t *info,
                    char *err, size_t errlen);
/* Loads a RISC-V Linux `Image` at `addr` (which must honour its text offset alignment);
 * fails if the file is not such an image. */
int loader_load_linux_image(phys_map_t *map, const char *path, uint64_t addr,
                            load_info_t *info, char *err, size_t errlen);
/* Whether the file carries the RISC-V Linux Image magic. */
bool loader_is_linux_image(const char *path);

#endif
