/* Loading the firmware, kernel, initrd and device tree, and the boot ROM that starts them. */
#ifndef MACHINE_BOOT_H
#define MACHINE_BOOT_H

#include <stddef.h>

typedef struct machine machine_t;

/* Loads every image into RAM, builds and places the device tree, and writes the boot ROM.
 * Called at start-up and on every reset. -1 with a one-line reason in `err`. */
int boot_load(machine_t *m, char *err, size_t errlen);

#endif
