/* The virt board's device tree, built with libfdt from what the board really contains. */
#ifndef MACHINE_FDT_H
#define MACHINE_FDT_H

#include <stddef.h>
#include <stdint.h>

typedef struct machine machine_t;

#define FDT_MAX_SIZE (64 * 1024)

/* Builds the tree into `buf` (FDT_MAX_SIZE bytes); -1 with a reason in err. */
int fdt_build_virt(machine_t *m, void *buf, char *err, size_t errlen);
/* Loads a user-supplied tree (-dtb) into buf and sets /chosen as fdt_build_virt would. */
int fdt_load_user(machine_t *m, const char *path, void *buf, char *err, size_t errlen);

#endif
