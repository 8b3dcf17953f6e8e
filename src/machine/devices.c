#include "machine/devices.h"

#include <stdio.h>
#include <string.h>

#include "dev/virtio_rng.h"
#include "machine/virt.h"
#include "util/util.h"

typedef int (*device_create_fn)(machine_t *m, virtio_mmio_t *slot, const device_opt_t *o,
                                char *err, size_t errlen);

typedef struct device_type {
    const char *name;
    const char *help;
    const char *const *props; /* accepted property names, NULL-terminated */
    device_create_fn create;
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

static const char *const no_props[] = {NULL};

static const device_type_t types[] = {
    {"virtio-rng-device", "entropy source fed from the host's getrandom(2)", no_props,
     create_rng},
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
    if (list->count > VIRT_VIRTIO_COUNT) {
        snprintf(err, errlen, "%u virtio devices: the board has %d virtio-mmio slots",
                 list->count, VIRT_VIRTIO_COUNT);
        return -1;
    }
    for (unsigned i = 0; i < list->count; i++) {
        const device_opt_t *o = &list->dev[i];
        const device_type_t *t = find_type(o->type, strlen(o->type));
        if (!t) {
            snprintf(err, errlen, "unknown device '%s'", o->type);
            return -1;
        }
        if (t->create(m, &m->virtio[i], o, err, errlen))
            return -1;
    }
    return 0;
}
