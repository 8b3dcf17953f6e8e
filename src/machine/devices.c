#include "machine/devices.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dev/virtio_blk.h"
#include "dev/virtio_rng.h"
#include "machine/backends.h"
#include "machine/virt.h"
#include "util/util.h"

typedef int (*device_create_fn)(machine_t *m, virtio_mmio_t *slot, const device_opt_t *o,
                                char *err, size_t errlen);

typedef struct device_type {
    const char *name;
    const char *help;
    const char *const *props; /* accepted property names, NULL-terminated */
    device_create_fn create;
    bool port; /* takes no slot: attaches to an earlier device (create gets slot NULL) */
} device_type_t;

static int create_rng(machine_t *m, virtio_mmio_t *slot, const device_opt_t *o, char *err,
                      size_t errlen)
{
    (void)m;
    (void)o;
    if (!virtio_rng_create(slot)) {
        snprintf(err, errlen, "virtio-rng-device: out of memory");
        return -1;
    }
    return 0;
}

/* virtio-blk-device: drive=ID names an `-drive if=none,id=ID`; `-drive if=virtio` adds its own
 * device with the internal property _drive=INDEX, which -device cannot spell (devopt_parse
 * accepts only the names below), so each drive backs at most one device. */
static const char *const drive_refs[BLK_MAX_DRIVES] = {
    "_drive=0", "_drive=1", "_drive=2",  "_drive=3",  "_drive=4",  "_drive=5",
    "_drive=6", "_drive=7", "_drive=8",  "_drive=9",  "_drive=10", "_drive=11",
    "_drive=12", "_drive=13", "_drive=14", "_drive=15",
};

int devices_add_blk(device_list_t *list, unsigned drive, char *err, size_t errlen)
{
    return devopt_add(list, "virtio-blk-device", drive_refs[drive], err, errlen);
}

/* The index of the drive device `o` uses; -1 with a reason. */
static int blk_drive_index(const machine_t *m, const device_opt_t *o, blk_conf_t *c, char *err,
                           size_t errlen)
{
    char id[BLK_ID_MAX], other[BLK_ID_MAX];
    if (devopt_get(o, "_drive", id, sizeof(id)) == 1)
        return atoi(id);
    if (devopt_get(o, "drive", id, sizeof(id)) != 1 || !id[0]) {
        snprintf(err, errlen, "virtio-blk-device: needs drive=ID (of a -drive if=none,id=ID)");
        return -1;
    }
    int idx = blk_drive_find(&m->opts.drives, id);
    if (idx < 0 || blk_conf_parse(m->opts.drives.arg[idx], c, err, errlen)) {
        snprintf(err, errlen, "virtio-blk-device: no -drive with id=%s", id);
        return -1;
    }
    if (c->iface != BLK_IF_NONE) {
        snprintf(err, errlen, "virtio-blk-device: drive %s is if=virtio and has its own "
                              "device (use if=none with -device)", id);
        return -1;
    }
    for (unsigned i = 0; i < m->opts.devices.count; i++) {
        const device_opt_t *d = &m->opts.devices.dev[i];
        if (d != o && !strcmp(d->type, o->type) &&
            devopt_get(d, "drive", other, sizeof(other)) == 1 && !strcmp(other, id)) {
            snprintf(err, errlen, "virtio-blk-device: drive %s is used by two devices", id);
            return -1;
        }
    }
    return idx;
}

static int create_blk(machine_t *m, virtio_mmio_t *slot, const device_opt_t *o, char *err,
                      size_t errlen)
{
    blk_conf_t c; /* about 4 KiB, on the main thread's stack */
    char serial[BLK_SERIAL_MAX + 1];
    int idx = blk_drive_index(m, o, &c, err, errlen);
    if (idx < 0 || blk_conf_parse(m->opts.drives.arg[idx], &c, err, errlen))
        return -1;
    int has_serial = devopt_get(o, "serial", serial, sizeof(serial));
    if (has_serial < 0 || (has_serial && !blk_serial_valid(serial))) {
        snprintf(err, errlen, "virtio-blk-device: invalid serial: expected at most %d "
                              "printable ASCII characters", BLK_SERIAL_MAX);
        return -1;
    }
    if (has_serial)
        memcpy(c.serial, serial, sizeof(serial));
    return virtio_blk_create(slot, &c, err, errlen) ? 0 : -1;
}

static const char *const no_props[] = {NULL};
static const char *const net_props[] = {"netdev", "mac", NULL};
static const char *const chardev_props[] = {"chardev", NULL};
static const char *const blk_props[] = {"drive", "serial", NULL};

static const device_type_t types[] = {
    {"virtio-rng-device", "entropy source fed from the host's getrandom(2)", no_props,
     create_rng, false},
    {"virtio-net-device", "network card on a -netdev (netdev=ID[,mac=52:54:00:12:34:56])",
     net_props, backends_create_net, false},
    {"virtio-serial-device", "virtio console device; its port is the next -device virtconsole",
     no_props, backends_create_serial, false},
    {"virtconsole", "the guest's hvc0 on a -chardev (chardev=ID), port of a virtio-serial-device",
     chardev_props, backends_create_virtconsole, true},
    {"virtio-console-device", "shorthand: virtio-serial-device with a virtconsole (chardev=ID)",
     chardev_props, backends_create_console, false},
    {"virtio-blk-device", "disk: drive=ID of a -drive if=none,id=ID[,serial=S]", blk_props,
     create_blk, false},
};

static const device_type_t *find_type(const char *name, size_t len)
{
    for (size_t i = 0; i < ARRAY_SIZE(types); i++)
        if (strlen(types[i].name) == len && strncmp(types[i].name, name, len) == 0)
            return &types[i];
    return NULL;
}

void devices_print_types(FILE *f)
{
    fprintf(f, "Devices for -device:\n");
    for (size_t i = 0; i < ARRAY_SIZE(types); i++)
        fprintf(f, "%-20s %s\n", types[i].name, types[i].help);
}

static void list_names(char *buf, size_t len, const char *const *names, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && names[i] && used < len; i++)
        used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? ", " : "", names[i]);
    if (!buf[0])
        snprintf(buf, len, "none");
}

static void list_types(char *buf, size_t len)
{
    const char *names[ARRAY_SIZE(types)];
    for (size_t i = 0; i < ARRAY_SIZE(types); i++)
        names[i] = types[i].name;
    list_names(buf, len, names, ARRAY_SIZE(types));
}

static bool prop_known(const device_type_t *t, const char *key, size_t len)
{
    for (const char *const *p = t->props; *p; p++)
        if (strlen(*p) == len && strncmp(*p, key, len) == 0)
            return true;
    return false;
}

/* Checks every "key=value" of `props` against the type's property names. */
static int check_props(const device_type_t *t, const char *props, char *err, size_t errlen)
{
    const char *s = props;
    while (*s) {
        size_t tok = strcspn(s, ",");
        size_t key = strcspn(s, "=,");
        if (key == tok || key == 0 || !prop_known(t, s, key)) {
            char known[256];
            size_t n = 0;
            while (t->props[n])
                n++;
            list_names(known, sizeof(known), t->props, n);
            snprintf(err, errlen, "%s: %s property '%.*s' (known: %s)", t->name,
                     key == tok ? "malformed" : "unknown", (int)tok, s, known);
            return -1;
        }
        s += tok + (s[tok] == ',');
    }
    return 0;
}

int devopt_add(device_list_t *list, const char *type, const char *props, char *err,
               size_t errlen)
{
    if (list->count == VIRT_MAX_DEVICES) {
        snprintf(err, errlen, "too many devices (at most %d)", VIRT_MAX_DEVICES);
        return -1;
    }
    list->dev[list->count++] = (device_opt_t){.type = type, .props = props};
    return 0;
}

int devopt_parse(device_list_t *list, const char *arg, char *err, size_t errlen)
{
    size_t len = strcspn(arg, ",");
    const device_type_t *t = find_type(arg, len);
    if (!t) {
        char known[256];
        list_types(known, sizeof(known));
        snprintf(err, errlen, "unknown device '%.*s' (known: %s; -device help lists them)",
                 (int)len, arg, known);
        return -1;
    }
    const char *props = arg[len] ? arg + len + 1 : "";
    if (check_props(t, props, err, errlen))
        return -1;
    return devopt_add(list, t->name, props, err, errlen);
}

int devopt_get(const device_opt_t *o, const char *key, char *val, size_t len)
{
    int found = 0;
    size_t klen = strlen(key);
    for (const char *s = o->props; *s;) {
        size_t tok = strcspn(s, ",");
        if (tok > klen && s[klen] == '=' && strncmp(s, key, klen) == 0) {
            size_t vlen = tok - klen - 1;
            if (vlen >= len)
                return -1;
            memcpy(val, s + klen + 1, vlen);
            val[vlen] = '\0';
            found = 1;
        }
        s += tok + (s[tok] == ',');
    }
    return found;
}

int devices_create(machine_t *m, char *err, size_t errlen)
{
    const device_list_t *list = &m->opts.devices;
    unsigned slots = 0;
    for (unsigned i = 0; i < list->count; i++) {
        const device_type_t *t = find_type(list->dev[i].type, strlen(list->dev[i].type));
        slots += t && !t->port;
    }
    if (slots > VIRT_VIRTIO_COUNT) {
        snprintf(err, errlen, "%u virtio devices: the board has %d virtio-mmio slots",
                 slots, VIRT_VIRTIO_COUNT);
        return -1;
    }
    slots = 0;
    for (unsigned i = 0; i < list->count; i++) {
        const device_opt_t *o = &list->dev[i];
        const device_type_t *t = find_type(o->type, strlen(o->type));
        if (!t) {
            snprintf(err, errlen, "unknown device '%s'", o->type);
            return -1;
        }
        if (t->create(m, t->port ? NULL : &m->virtio[slots], o, err, errlen))
            return -1;
        slots += !t->port;
    }
    return backends_check_used(m, err, errlen);
}
