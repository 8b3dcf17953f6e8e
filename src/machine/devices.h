/* Pluggable devices: what `-device TYPE[,prop=value...]` can name, how its properties are
 * read, and how the board creates each one in a virtio-mmio slot.
 *
 * The command line records devices as device_opt_t entries in machine_opts_t (in command-line
 * order); option parsing checks the type and the property *names* (devopt_parse), so a typo
 * fails at once with the list of what is known. The board then creates them in that order
 * into virtio-mmio slots 0, 1, 2, ... (devices_create), and each type's create function checks
 * the property *values* and reports errors the same way (one line, exit status 1).
 *
 * Adding a device type: a create function here that reads its properties with devopt_get and
 * calls the device's own constructor in dev/, and one row in the type table (devices.c). An
 * option other than -device (-drive if=virtio, -netdev) that creates a device appends a
 * device_opt_t itself (devopt_add), so it gets a slot in command-line order too. */
#ifndef MACHINE_DEVICES_H
#define MACHINE_DEVICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define VIRT_MAX_DEVICES 16

/* One device to create. Both strings outlive the machine (argv, or static). */
typedef struct device_opt {
    const char *type;  /* a known type's name (its table entry's string) */
    const char *props; /* "key=value,key=value", possibly "" */
} device_opt_t;

typedef struct device_list {
    device_opt_t dev[VIRT_MAX_DEVICES];
    unsigned count;
} device_list_t;

/* Parses the argument of -device ("TYPE[,key=value...]") and appends it to `list`. -1 with a
 * one-line reason (unknown type, listing the known ones; unknown or malformed property, listing
 * the type's properties; too many devices). */
int devopt_parse(device_list_t *list, const char *arg, char *err, size_t errlen);
/* Appends a device of known type `type` (a string that outlives the machine) with `props`. */
int devopt_add(device_list_t *list, const char *type, const char *props, char *err,
               size_t errlen);
/* Appends the virtio-blk device of `-drive if=virtio` number `drive` (an index into
 * machine_opts_t.drives). */
int devices_add_blk(device_list_t *list, unsigned drive, char *err, size_t errlen);
/* Copies the value of property `key` into `val` (NUL-terminated). 1 if present, 0 if absent,
 * -1 if longer than `len` - 1. A property given twice: the last one counts. */
int devopt_get(const device_opt_t *o, const char *key, char *val, size_t len);
/* Prints the known device types (-device help). */
void devices_print_types(FILE *f);

typedef struct machine machine_t;
/* Creates every device of m->opts.devices in slots 0, 1, ... (after the slots were set up).
 * -1 with a reason naming the device. */
int devices_create(machine_t *m, char *err, size_t errlen);

#endif
