/* Loading guest images into RAM. */
#ifndef MACHINE_LOADER_H
#define MACHINE_LOADER_H

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

#endif
