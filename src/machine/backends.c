#include "machine/backends.h"

#include <stdio.h>
#include <string.h>

#include "dev/chardev.h"
#include "dev/net_slirp.h"
#include "dev/virtio_console.h"
#include "dev/virtio_net.h"
#include "machine/virt.h"
#include "util/kvopt.h"

static const char *class_name(backend_class_t cls)
{
    return cls == BACKEND_NETDEV ? "netdev" : "chardev";
}

static backend_opt_t *find_backend(backend_list_t *l, backend_class_t cls, const char *id)
{
    for (unsigned i = 0; i < l->count; i++)
        if (l->b[i].cls == cls && strcmp(l->b[i].id, id) == 0)
            return &l->b[i];
    return NULL;
}

/* The value of id= in props ("" if absent); -1 if it is malformed. */
static int props_id(const char *props, char *id, size_t len)
{
    kvopt_t kv;
    int r;
    id[0] = '\0';
    while ((r = kvopt_next(&props, &kv)) > 0)
        if (strcmp(kv.key, "id") == 0 && kv.has_val)
            if (snprintf(id, len, "%s", kv.val) >= (int)len)
                return -1;
    return r;
}

/* Checks the type's properties by parsing them as the device will. */
static int check_props(backend_class_t cls, const char *type, const char *props, char *err,
                       size_t errlen)
{
    if (cls == BACKEND_CHARDEV) {
        chardev_cfg_t cfg;
        return chardev_parse(type, props, &cfg, err, errlen);
    }
    if (strcmp(type, "user") != 0) {
        snprintf(err, errlen, "-netdev: unknown type '%s' (known: user)", type);
        return -1;
    }
    net_slirp_cfg_t cfg;
    return net_slirp_parse(props, &cfg, err, errlen);
}

int backend_parse(backend_list_t *l, backend_class_t cls, const char *arg, char *err,
                  size_t errlen)
{
    const char *what = class_name(cls);
    if (l->count == VIRT_MAX_BACKENDS) {
        snprintf(err, errlen, "too many -netdev/-chardev options (at most %d)", VIRT_MAX_BACKENDS);
        return -1;
    }
    backend_opt_t *b = &l->b[l->count];
    size_t tlen = strcspn(arg, ",");
    const char *props = arg[tlen] ? arg + tlen + 1 : "";
    *b = (backend_opt_t){.cls = cls};
    if (tlen == 0 || tlen >= sizeof(b->type) || strlen(props) >= sizeof(b->props)) {
        snprintf(err, errlen, "-%s: malformed '%s' (expected TYPE,id=ID,...)", what, arg);
        return -1;
    }
    memcpy(b->type, arg, tlen);
    snprintf(b->props, sizeof(b->props), "%s", props);
    if (check_props(cls, b->type, props, err, errlen))
        return -1;
    if (props_id(props, b->id, sizeof(b->id)) < 0 || !b->id[0]) {
        snprintf(err, errlen, "-%s %s: id=ID is required", what, b->type);
        return -1;
    }
    if (find_backend(l, cls, b->id)) {
        snprintf(err, errlen, "-%s: duplicate id '%s'", what, b->id);
        return -1;
    }
    l->count++;
    return 0;
}

/* Splits -nic's properties: model= and mac= are the card's, the rest the netdev's. */
static int nic_split(const char *props, char *net, size_t netlen, char *mac, size_t maclen,
                     char *err, size_t errlen)
{
    kvopt_t kv;
    int r;
    size_t used = 0;
    net[0] = mac[0] = '\0';
    while ((r = kvopt_next(&props, &kv)) > 0) {
        if (strcmp(kv.key, "model") == 0) {
            if (strcmp(kv.val, "virtio-net-device") != 0 && strcmp(kv.val, "virtio") != 0) {
                snprintf(err, errlen, "-nic: unsupported model '%s' (known: virtio-net-device)",
                         kv.val);
                return -1;
            }
        } else if (strcmp(kv.key, "mac") == 0) {
            if (strlen(kv.val) >= maclen) {
                snprintf(err, errlen, "-nic: invalid mac '%.40s'", kv.val);
                return -1;
            }
            memcpy(mac, kv.val, strlen(kv.val) + 1);
        } else if (strcmp(kv.key, "id") == 0) {
            snprintf(err, errlen, "-nic: id= is not accepted (use -netdev and -device)");
            return -1;
        } else {
            used += (size_t)snprintf(net + used, used < netlen ? netlen - used : 0, "%s%s%s%s",
                                     used ? "," : "", kv.key, kv.has_val ? "=" : "", kv.val);
        }
    }
    if (r < 0 || used >= netlen) {
        snprintf(err, errlen, "-nic: malformed or too long properties");
        return -1;
    }
    return 0;
}

int backend_parse_nic(backend_list_t *l, device_list_t *devs, const char *arg, char *err,
                      size_t errlen)
{
    size_t tlen = strcspn(arg, ",");
    if (tlen != 4 || strncmp(arg, "user", 4) != 0) {
        snprintf(err, errlen, "-nic: unsupported type '%.*s' (known: user)", (int)tlen, arg);
        return -1;
    }
    char net[400], mac[32], spec[480];
    if (nic_split(arg[tlen] ? arg + tlen + 1 : "", net, sizeof(net), mac, sizeof(mac), err,
                  errlen))
        return -1;
    unsigned k = l->nics;
    snprintf(spec, sizeof(spec), "user,id=_nic%u%s%s", k, net[0] ? "," : "", net);
    if (backend_parse(l, BACKEND_NETDEV, spec, err, errlen))
        return -1;
    char *dp = l->nic_dev_props[k];
    snprintf(dp, sizeof(l->nic_dev_props[k]), "netdev=_nic%u%s%s", k, mac[0] ? ",mac=" : "",
             mac);
    l->nics++;
    return devopt_add(devs, "virtio-net-device", dp, err, errlen);
}

/* ---- devices ------------------------------------------------------------------------- */

/* The back end a device's property `key` names, marked used; NULL with a reason. */
static backend_opt_t *take_backend(machine_t *m, const device_opt_t *o, backend_class_t cls,
                                   char *err, size_t errlen)
{
    const char *key = class_name(cls);
    char id[32];
    if (devopt_get(o, key, id, sizeof(id)) != 1) {
        snprintf(err, errlen, "%s: %s=ID is required", o->type, key);
        return NULL;
    }
    backend_opt_t *b = find_backend(&m->opts.backends, cls, id);
    if (!b) {
        snprintf(err, errlen, "%s: no -%s with id '%s'", o->type, key, id);
        return NULL;
    }
    if (b->used) {
        snprintf(err, errlen, "%s: -%s '%s' is already used by another device", o->type, key, id);
        return NULL;
    }
    b->used = true;
    return b;
}

static bool parse_mac(const char *s, uint8_t mac[6])
{
    unsigned v[6];
    char tail;
    if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
               &tail) != 6)
        return false;
    for (int i = 0; i < 6; i++)
        mac[i] = (uint8_t)v[i];
    return !(mac[0] & 1); /* a multicast address cannot be a card's */
}

static void peer_send(void *opaque, const uint8_t *frame, size_t len)
{
    net_slirp_input(opaque, frame, len);
}

static void peer_destroy(void *opaque)
{
    net_slirp_free(opaque);
}

static void slirp_to_guest(void *opaque, const uint8_t *frame, size_t len)
{
    virtio_net_receive(opaque, frame, len);
}

/* QEMU's default MACs: 52:54:00:12:34:56 for the first card, then ...:57 and so on. */
static void default_mac(machine_t *m, virtio_mmio_t *slot, uint8_t mac[6])
{
    static const uint8_t base[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
    unsigned before = 0;
    for (virtio_mmio_t *vm = m->virtio; vm < slot; vm++)
        before += vm->ops && vm->ops->device_id == VIRTIO_ID_NET;
    memcpy(mac, base, 6);
    mac[5] = (uint8_t)(mac[5] + before);
}

int backends_create_net(machine_t *m, virtio_mmio_t *slot, const device_opt_t *o, char *err,
                        size_t errlen)
{
    uint8_t mac[6];
    char macstr[32];
    int r = devopt_get(o, "mac", macstr, sizeof(macstr));
    if (r && (r < 0 || !parse_mac(macstr, mac))) {
        snprintf(err, errlen, "%s: invalid mac '%s' (expected a unicast xx:xx:xx:xx:xx:xx)",
                 o->type, r < 0 ? "(too long)" : macstr);
        return -1;
    }
    if (!r)
        default_mac(m, slot, mac);
    backend_opt_t *b = take_backend(m, o, BACKEND_NETDEV, err, errlen);
    if (!b)
        return -1;
    net_slirp_cfg_t cfg;
    if (net_slirp_parse(b->props, &cfg, err, errlen))
        return -1;
    virtio_net_t *n = virtio_net_create(slot, mac);
    if (!n) {
        snprintf(err, errlen, "%s: out of memory", o->type);
        return -1;
    }
    net_slirp_t *s = net_slirp_new(m->io, m->log, &cfg, slirp_to_guest, n, err, errlen);
    if (!s)
        return -1; /* the card stays in its slot without a peer until the machine is freed */
    virtio_net_set_peer(n, &(net_peer_t){.send = peer_send, .destroy = peer_destroy,
                                         .opaque = s, .large_segments = true});
    return 0;
}

int backends_create_serial(machine_t *m, virtio_mmio_t *slot, const device_opt_t *o,
                           char *err, size_t errlen)
{
    (void)m;
    if (!virtio_console_create(slot)) {
        snprintf(err, errlen, "%s: out of memory", o->type);
        return -1;
    }
    return 0;
}

/* Opens the chardev the device names and gives it to console `c`. */
static int attach_chardev(machine_t *m, virtio_console_t *c, const device_opt_t *o, char *err,
                          size_t errlen)
{
    backend_opt_t *b = take_backend(m, o, BACKEND_CHARDEV, err, errlen);
    if (!b)
        return -1;
    chardev_cfg_t cfg;
    if (chardev_parse(b->type, b->props, &cfg, err, errlen))
        return -1;
    chardev_t *chr = chardev_new(m->io, m->log, &cfg, err, errlen);
    if (!chr)
        return -1;
    virtio_console_set_chardev(c, chr);
    return 0;
}

int backends_create_virtconsole(machine_t *m, virtio_mmio_t *slot, const device_opt_t *o,
                                char *err, size_t errlen)
{
    (void)slot;
    virtio_mmio_t *serial = NULL;
    for (unsigned i = 0; i < VIRT_VIRTIO_COUNT; i++)
        if (m->virtio[i].ops && m->virtio[i].ops->device_id == VIRTIO_ID_CONSOLE)
            serial = &m->virtio[i]; /* slots fill in command-line order: the latest wins */
    if (!serial) {
        snprintf(err, errlen, "%s: needs a -device virtio-serial-device before it", o->type);
        return -1;
    }
    virtio_console_t *c = serial->dev;
    if (virtio_console_has_chardev(c)) {
        snprintf(err, errlen, "%s: the virtio-serial-device before it has its port already "
                 "(one port each, no MULTIPORT)", o->type);
        return -1;
    }
    return attach_chardev(m, c, o, err, errlen);
}

int backends_create_console(machine_t *m, virtio_mmio_t *slot, const device_opt_t *o,
                            char *err, size_t errlen)
{
    virtio_console_t *c = virtio_console_create(slot);
    if (!c) {
        snprintf(err, errlen, "%s: out of memory", o->type);
        return -1;
    }
    return attach_chardev(m, c, o, err, errlen);
}

int backends_check_used(machine_t *m, char *err, size_t errlen)
{
    const backend_list_t *l = &m->opts.backends;
    for (unsigned i = 0; i < l->count; i++) {
        const backend_opt_t *b = &l->b[i];
        if (b->used)
            continue;
        snprintf(err, errlen, "-%s '%s' is not used by any device (add -device %s,%s=%s)",
                 class_name(b->cls), b->id,
                 b->cls == BACKEND_NETDEV ? "virtio-net-device" : "virtconsole",
                 class_name(b->cls), b->id);
        return -1;
    }
    return 0;
}
