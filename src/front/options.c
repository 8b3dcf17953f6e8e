#include "front/options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

#define DEFAULT_RAM (128ULL << 20)

typedef int (*opt_fn)(options_t *o, const char *arg, char *err, size_t errlen);

typedef struct opt_def {
    const char *name;
    bool has_arg;
    opt_fn fn;
    const char *usage;
} opt_def_t;

typedef int (*prop_fn)(options_t *o, const char *tok, const char *in_arg, char *err,
                       size_t errlen);

/* NAME[,PROP...] for the one NAME this option knows (`what` says what it names): each PROP
 * goes to `prop` as a terminated token and as its place in `arg` (for values kept as given). */
static int parse_props(options_t *o, const char *arg, const char *name, const char *what,
                       prop_fn prop, char *err, size_t errlen)
{
    char buf[512];
    snprintf(buf, sizeof(buf), "%s", arg);
    char *save = NULL, *tok = strtok_r(buf, ",", &save);
    if (!tok || strcmp(tok, name) != 0) {
        snprintf(err, errlen, "unsupported %s '%s' (only '%s' is available)", what, arg, name);
        return -1;
    }
    while ((tok = strtok_r(NULL, ",", &save)))
        if (prop(o, tok, arg + (tok - buf), err, errlen))
            return -1;
    return 0;
}

/* -M/-machine virt[,dumpdtb=FILE] */
static int machine_prop(options_t *o, const char *tok, const char *in_arg, char *err,
                        size_t errlen)
{
    if (strncmp(tok, "dumpdtb=", 8) == 0 && tok[8]) {
        o->machine.dumpdtb = in_arg + 8;
        return 0;
    }
    snprintf(err, errlen, "unsupported machine property '%s' (known: dumpdtb=FILE)", tok);
    return -1;
}

static int opt_machine(options_t *o, const char *arg, char *err, size_t errlen)
{
    return parse_props(o, arg, "virt", "machine", machine_prop, err, errlen);
}

/* -accel tcg[,jit=on|off][,tb-size=MIB][,thread=multi]: QEMU's spelling; polyhart's
 * translator always runs one thread per hart. */
static int accel_prop(options_t *o, const char *tok, const char *in_arg, char *err,
                      size_t errlen)
{
    (void)in_arg;
    if (strcmp(tok, "jit=on") == 0 || strcmp(tok, "jit=off") == 0) {
        o->machine.no_jit = strcmp(tok, "jit=off") == 0;
        return 0;
    }
    if (strcmp(tok, "thread=multi") == 0)
        return 0;
    if (strncmp(tok, "tb-size=", 8) == 0) {
        char *end;
        long mib = strtol(tok + 8, &end, 10);
        if (tok[8] && !*end && mib >= 1 && mib <= JIT_MAX_ARENA_MIB) {
            o->machine.jit_mib = (unsigned)mib;
            return 0;
        }
        snprintf(err, errlen, "invalid -accel tb-size '%s': expected 1 to %d (MiB)", tok + 8,
                 JIT_MAX_ARENA_MIB);
        return -1;
    }
    snprintf(err, errlen,
             "unsupported -accel property '%s' (known: jit=on|off, tb-size=MIB, thread=multi)",
             tok);
    return -1;
}

static int opt_accel(options_t *o, const char *arg, char *err, size_t errlen)
{
    return parse_props(o, arg, "tcg", "accelerator", accel_prop, err, errlen);
}

static int opt_smp(options_t *o, const char *arg, char *err, size_t errlen)
{
    char *end;
    long n = strtol(arg, &end, 10);
    if (*arg == '\0' || *end != '\0' || n < 1 || n > VIRT_MAX_HARTS) {
        snprintf(err, errlen, "invalid -smp '%s': expected 1 to %d harts", arg, VIRT_MAX_HARTS);
        return -1;
    }
    o->machine.nharts = (unsigned)n;
    return 0;
}

static int opt_mem(options_t *o, const char *arg, char *err, size_t errlen)
{
    uint64_t size;
    if (!util_parse_size(arg, &size)) {
        snprintf(err, errlen, "invalid -m '%s': expected a size such as 512M or 2G", arg);
        return -1;
    }
    if (size < VIRT_MIN_RAM || size > VIRT_MAX_RAM || (size & (PAGE_SIZE - 1))) {
        snprintf(err, errlen, "invalid -m '%s': RAM must be a multiple of 4K from 2M to 64G", arg);
        return -1;
    }
    o->machine.ram_size = size;
    return 0;
}

static int opt_bios(options_t *o, const char *arg, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    o->machine.bios = arg; /* "none", "default" or a file, checked when loading */
    return 0;
}

#define DEF_PATH_OPT(name, field)                                                  \
    static int opt_##name(options_t *o, const char *arg, char *err, size_t errlen) \
    {                                                                              \
        (void)err;                                                                 \
        (void)errlen;                                                              \
        o->machine.field = arg;                                                    \
        return 0;                                                                  \
    }
DEF_PATH_OPT(kernel, kernel)
DEF_PATH_OPT(initrd, initrd)
DEF_PATH_OPT(append, append)
DEF_PATH_OPT(dtb, dtb)

static int opt_no_reboot(options_t *o, const char *arg, char *err, size_t errlen)
{
    (void)arg; (void)err; (void)errlen;
    o->machine.no_reboot = true;
    return 0;
}

static int opt_nographic(options_t *o, const char *arg, char *err, size_t errlen)
{
    (void)o; (void)arg; (void)err; (void)errlen;
    return 0;
}

static int opt_gdb(options_t *o, const char *arg, char *err, size_t errlen)
{
    if (strcmp(arg, "none") == 0) {
        o->gdb = NULL;
        return 0;
    }
    if (strncmp(arg, "tcp:", 4) != 0 && strncmp(arg, "unix:", 5) != 0) {
        snprintf(err, errlen, "invalid -gdb '%s': expected tcp:[HOST]:PORT, unix:PATH or none",
                 arg);
        return -1;
    }
    o->gdb = arg;
    return 0;
}

static int opt_s(options_t *o, const char *arg, char *err, size_t errlen)
{
    (void)arg; (void)err; (void)errlen;
    o->gdb = "tcp::1234";
    return 0;
}

static int opt_S(options_t *o, const char *arg, char *err, size_t errlen)
{
    (void)arg; (void)err; (void)errlen;
    o->machine.start_stopped = true;
    return 0;
}

static int opt_qmp(options_t *o, const char *arg, char *err, size_t errlen)
{
    if (o->nqmp == OPTIONS_MAX_QMP) {
        snprintf(err, errlen, "too many -qmp options (at most %d)", OPTIONS_MAX_QMP);
        return -1;
    }
    o->qmp[o->nqmp++] = arg; /* checked when the server starts listening */
    return 0;
}

/* -device TYPE[,prop=value...]; "help" lists the types. */
static int opt_device(options_t *o, const char *arg, char *err, size_t errlen)
{
    if (strcmp(arg, "help") == 0) {
        o->device_help = true;
        return 0;
    }
    return devopt_parse(&o->machine.devices, arg, err, errlen);
}

/* -netdev TYPE,id=ID,...; -chardev TYPE,id=ID,...; -nic user,... (machine/backends.h) */
static int opt_netdev(options_t *o, const char *arg, char *err, size_t errlen)
{
    return backend_parse(&o->machine.backends, BACKEND_NETDEV, arg, err, errlen);
}

static int opt_chardev(options_t *o, const char *arg, char *err, size_t errlen)
{
    return backend_parse(&o->machine.backends, BACKEND_CHARDEV, arg, err, errlen);
}

static int opt_nic(options_t *o, const char *arg, char *err, size_t errlen)
{
    return backend_parse_nic(&o->machine.backends, &o->machine.devices, arg, err, errlen);
}

/* -drive file=IMG[,if=virtio|none][,...] (dev/blk_file.h). if=virtio (the default) also adds
 * its virtio-blk device now, so that it takes the next virtio slot in command-line order. */
static int opt_drive(options_t *o, const char *arg, char *err, size_t errlen)
{
    blk_if_t iface;
    if (blk_drive_add(&o->machine.drives, arg, &iface, err, errlen))
        return -1;
    if (iface != BLK_IF_VIRTIO)
        return 0;
    return devices_add_blk(&o->machine.devices, o->machine.drives.count - 1, err, errlen);
}

static int opt_log(options_t *o, const char *arg, char *err, size_t errlen)
{
    if (strcmp(arg, "help") == 0) {
        o->log_help = true;
        return 0;
    }
    return log_parse_mask(arg, &o->log_mask, err, errlen) ? 0 : -1;
}

static int opt_logfile(options_t *o, const char *arg, char *err, size_t errlen)
{
    (void)err; (void)errlen;
    o->log_file = arg;
    return 0;
}

static int opt_help(options_t *o, const char *arg, char *err, size_t errlen)
{
    (void)arg; (void)err; (void)errlen;
    o->help = true;
    return 0;
}

static int opt_version(options_t *o, const char *arg, char *err, size_t errlen)
{
    (void)arg; (void)err; (void)errlen;
    o->version = true;
    return 0;
}

static const opt_def_t opt_table[] = {
    {"M", true, opt_machine, "-M virt[,dumpdtb=FILE] the board; dumpdtb writes its device tree and exits"},
    {"machine", true, opt_machine, NULL},
    {"accel", true, opt_accel, "-accel tcg[,jit=on|off][,tb-size=MIB] translator: JIT (default where the host has one) or interpreter; JIT code arena size (default 64)"},
    {"smp", true, opt_smp, "-smp N               number of harts (default 1)"},
    {"m", true, opt_mem, "-m SIZE              guest RAM, e.g. 512M, 2G (default 128M)"},
    {"bios", true, opt_bios, "-bios default|none|FILE firmware: Debian's OpenSBI (default), none, or a file"},
    {"kernel", true, opt_kernel, "-kernel FILE         Linux Image, ELF or raw binary"},
    {"initrd", true, opt_initrd, "-initrd FILE         initial ramdisk"},
    {"append", true, opt_append, "-append STR          kernel command line"},
    {"dtb", true, opt_dtb, "-dtb FILE            use this device tree instead of the generated one"},
    {"no-reboot", false, opt_no_reboot, "-no-reboot           exit when the guest resets instead of rebooting"},
    {"nographic", false, opt_nographic, "-nographic           console on stdio (the only console)"},
    {"gdb", true, opt_gdb, "-gdb tcp:[HOST]:PORT  GDB stub listening there (none: no stub)"},
    {"s", false, opt_s, "-s                   shorthand for -gdb tcp::1234"},
    {"S", false, opt_S, "-S                   start with every hart stopped (cont from GDB, QMP or the monitor)"},
    {"qmp", true, opt_qmp, "-qmp unix:PATH,server=on,wait=off|tcp:HOST:PORT,server=on,wait=off  QMP server"},
    {"device", true, opt_device, "-device TYPE[,PROP=VAL...] add a device (-device help lists them)"},
    {"netdev", true, opt_netdev, "-netdev user,id=ID[,hostfwd=tcp:[ADDR]:HPORT-:GPORT...] user-mode network (slirp)"},
    {"nic", true, opt_nic, "-nic user[,model=virtio-net-device][,mac=MAC][,hostfwd=...] netdev and card in one"},
    {"chardev", true, opt_chardev, "-chardev socket|file|null,id=ID,... a character back end (virtconsole)"},
    {"drive", true, opt_drive, "-drive file=IMG[,if=virtio|none][,id=ID][,readonly=on][,cache=MODE][,serial=S] a raw disk image (README)"},
    {"d", true, opt_log, "-d ITEM,...          log items (-d help lists them)"},
    {"D", true, opt_logfile, "-D FILE              write the log to FILE instead of stderr"},
    {"h", false, opt_help, "-h, --help           show this help"},
    {"help", false, opt_help, NULL},
    {"version", false, opt_version, "--version            show the version"},
};

void options_usage(FILE *f)
{
    fprintf(f, "usage: polyhart -M virt [options] [-bios FILE] -kernel FILE\n\n");
    for (size_t i = 0; i < ARRAY_SIZE(opt_table); i++)
        if (opt_table[i].usage)
            fprintf(f, "  %s\n", opt_table[i].usage);
}

static const opt_def_t *find_opt(const char *arg)
{
    if (arg[0] != '-' || arg[1] == '\0')
        return NULL;
    const char *name = arg + 1 + (arg[1] == '-'); /* -opt and --opt both work */
    for (size_t i = 0; i < ARRAY_SIZE(opt_table); i++)
        if (strcmp(name, opt_table[i].name) == 0)
            return &opt_table[i];
    return NULL;
}

static int check_complete(const options_t *o, char *err, size_t errlen)
{
    if (o->help || o->version || o->log_help || o->device_help)
        return 0;
    if (!o->machine.kernel && strcmp(o->machine.bios, "none") == 0) {
        snprintf(err, errlen, "no guest image: use -kernel FILE (or firmware with -bios)");
        return -1;
    }
    if (o->machine.initrd && !o->machine.kernel) {
        snprintf(err, errlen, "-initrd needs -kernel");
        return -1;
    }
    return 0;
}

int options_parse(options_t *o, int argc, char **argv, char *err, size_t errlen)
{
    memset(o, 0, sizeof(*o));
    o->machine.nharts = 1;
    o->machine.ram_size = DEFAULT_RAM;
    o->machine.bios = "default";
    for (int i = 1; i < argc; i++) {
        const opt_def_t *d = find_opt(argv[i]);
        if (!d) {
            snprintf(err, errlen, "unknown option '%s' (try -h)", argv[i]);
            return -1;
        }
        const char *arg = NULL;
        if (d->has_arg) {
            if (i + 1 >= argc) {
                snprintf(err, errlen, "option '%s' needs an argument", argv[i]);
                return -1;
            }
            arg = argv[++i];
        }
        if (d->fn(o, arg, err, errlen))
            return -1;
    }
    return check_complete(o, err, errlen);
}
