/* Named host back ends that devices refer to by id: `-netdev TYPE,id=ID,...` (network:
 * user, i.e. libslirp) and `-chardev TYPE,id=ID,...` (socket, file, null), and the devices
 * that use them: virtio-net-device (netdev=ID), virtio-serial-device with a virtconsole port
 * (chardev=ID), and the shorthands -nic and virtio-console-device.
 *
 * Option parsing records each back end (checking its type, id and properties at once, so a
 * mistake fails before anything is opened); devices_create then creates the devices in
 * command-line order, each opening the back end it names, and finally every back end must
 * have been used by exactly one device. All errors are one line for the user. */
#ifndef MACHINE_BACKENDS_H
#define MACHINE_BACKENDS_H

#include <stdbool.h>
#include <stddef.h>

#include "machine/devices.h"

#define VIRT_MAX_BACKENDS 16

typedef enum { BACKEND_NETDEV, BACKEND_CHARDEV } backend_class_t;

typedef struct backend_opt {
    backend_class_t cls;
    char type[16];
    char id[32];
    char props[512]; /* everything after the type, id= included */
    bool used;       /* a device took it (machine creation) */
} backend_opt_t;

typedef struct backend_list {
    backend_opt_t b[VIRT_MAX_BACKENDS];
    unsigned count;
    char nic_dev_props[VIRT_MAX_BACKENDS][64]; /* device properties that -nic generated */
    unsigned nics;
} backend_list_t;

/* `-netdev ARG` or `-chardev ARG`: "TYPE,id=ID[,...]". -1 with a one-line reason (unknown
 * type, no id, duplicate id, bad property). */
int backend_parse(backend_list_t *l, backend_class_t cls, const char *arg, char *err,
                  size_t errlen);
/* `-nic user[,model=virtio-net-device][,mac=MAC][,NETDEV PROPS...]`: a user netdev and a
 * virtio-net-device on it, appended to `devs`. */
int backend_parse_nic(backend_list_t *l, device_list_t *devs, const char *arg, char *err,
                      size_t errlen);

typedef struct machine machine_t;
typedef struct virtio_mmio virtio_mmio_t;

/* Device create functions for the -device table (machine/devices.c). */
int backends_create_net(machine_t *m, virtio_mmio_t *slot, const device_opt_t *o, char *err,
                        size_t errlen);
int backends_create_serial(machine_t *m, virtio_mmio_t *slot, const device_opt_t *o,
                           char *err, size_t errlen);
int backends_create_console(machine_t *m, virtio_mmio_t *slot, const device_opt_t *o,
                            char *err, size_t errlen);
/* A port: `slot` is NULL; attaches to the latest virtio-serial-device. */
int backends_create_virtconsole(machine_t *m, virtio_mmio_t *slot, const device_opt_t *o,
                                char *err, size_t errlen);
/* After every device was created: -1 naming a back end no device used. */
int backends_check_used(machine_t *m, char *err, size_t errlen);

#endif
