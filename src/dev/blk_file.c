#define _GNU_SOURCE /* O_DIRECT, F_OFD_SETLK, fallocate */
#include "dev/blk_file.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "util/util.h"

/* ---- -drive options ---- */

static const char *const drive_keys = "file, format, if, readonly, cache, id, serial";

static const char *const cache_names[] = {
    [BLK_CACHE_WRITEBACK] = "writeback",   [BLK_CACHE_NONE] = "none",
    [BLK_CACHE_WRITETHROUGH] = "writethrough", [BLK_CACHE_DIRECTSYNC] = "directsync",
    [BLK_CACHE_UNSAFE] = "unsafe",
};

bool blk_id_valid(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) || strlen(s) >= BLK_ID_MAX)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '.' || *s == '_'))
            return false;
    return true;
}

bool blk_serial_valid(const char *s)
{
    if (strlen(s) > BLK_SERIAL_MAX)
        return false;
    for (; *s; s++)
        if (*s < 0x20 || *s > 0x7e)
            return false;
    return true;
}

static int parse_bool(const char *v, bool *out)
{
    if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true")) {
        *out = true;
        return 0;
    }
    if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false")) {
        *out = false;
        return 0;
    }
    return -1;
}

static int parse_cache(const char *v, blk_cache_t *out)
{
    for (size_t i = 0; i < ARRAY_SIZE(cache_names); i++)
        if (!strcmp(v, cache_names[i])) {
            *out = (blk_cache_t)i;
            return 0;
        }
    return -1;
}

/* Applies one key=value (NUL-terminated copies). */
static int conf_set(blk_conf_t *c, const char *key, const char *val, char *err, size_t errlen)
{
    const char *expect = NULL;
    if (!strcmp(key, "file")) {
        if (!*val || strlen(val) >= sizeof(c->file))
            expect = "a file name";
        else
            snprintf(c->file, sizeof(c->file), "%s", val);
    } else if (!strcmp(key, "format")) {
        if (strcmp(val, "raw"))
            expect = "raw (the only format supported)";
    } else if (!strcmp(key, "if")) {
        if (!strcmp(val, "virtio"))
            c->iface = BLK_IF_VIRTIO;
        else if (!strcmp(val, "none"))
            c->iface = BLK_IF_NONE;
        else
            expect = "virtio or none";
    } else if (!strcmp(key, "readonly")) {
        if (parse_bool(val, &c->readonly))
            expect = "on or off";
    } else if (!strcmp(key, "cache")) {
        if (parse_cache(val, &c->cache))
            expect = "writeback, none, writethrough, directsync or unsafe";
    } else if (!strcmp(key, "id")) {
        if (!blk_id_valid(val))
            expect = "a letter, then letters, digits, '-', '.' or '_' (at most 31)";
        else
            snprintf(c->id, sizeof(c->id), "%s", val);
    } else if (!strcmp(key, "serial")) {
        if (!blk_serial_valid(val))
            expect = "at most 20 printable ASCII characters";
        else
            snprintf(c->serial, sizeof(c->serial), "%s", val);
    } else {
        snprintf(err, errlen, "-drive: unknown key '%s' (known: %s)", key, drive_keys);
        return -1;
    }
    if (expect) {
        snprintf(err, errlen, "-drive: invalid %s '%s': expected %s", key, val, expect);
        return -1;
    }
    return 0;
}

int blk_conf_parse(const char *arg, blk_conf_t *c, char *err, size_t errlen)
{
    memset(c, 0, sizeof(*c));
    c->iface = BLK_IF_VIRTIO; /* QEMU's default interface on the riscv virt board */
    c->cache = BLK_CACHE_WRITEBACK;
    for (const char *s = arg; *s;) {
        size_t tok = strcspn(s, ",");
        size_t klen = strcspn(s, "=,");
        if (klen == tok || klen == 0) {
            snprintf(err, errlen, "-drive: malformed option '%.*s' (expected KEY=VALUE)",
                     (int)tok, s);
            return -1;
        }
        char key[16], val[BLK_PATH_MAX];
        if (klen >= sizeof(key) || tok - klen - 1 >= sizeof(val)) {
            snprintf(err, errlen, "-drive: option '%.*s' too long", (int)(klen < 64 ? klen : 64),
                     s);
            return -1;
        }
        snprintf(key, sizeof(key), "%.*s", (int)klen, s);
        snprintf(val, sizeof(val), "%.*s", (int)(tok - klen - 1), s + klen + 1);
        if (conf_set(c, key, val, err, errlen))
            return -1;
        s += tok + (s[tok] == ',');
    }
    if (!c->file[0]) {
        snprintf(err, errlen, "-drive '%s': no file=IMAGE", arg);
        return -1;
    }
    if (c->iface == BLK_IF_NONE && !c->id[0]) {
        snprintf(err, errlen, "-drive '%s': if=none needs id=ID (for -device ...,drive=ID)", arg);
        return -1;
    }
    return 0;
}

int blk_drive_add(blk_drive_list_t *l, const char *arg, blk_if_t *iface, char *err,
                  size_t errlen)
{
    blk_conf_t *c = malloc(sizeof(*c));
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = blk_conf_parse(arg, c, err, errlen);
    if (rc == 0 && c->id[0] && blk_drive_find(l, c->id) >= 0) {
        snprintf(err, errlen, "-drive: duplicate id '%s'", c->id);
        rc = -1;
    }
    if (rc == 0 && l->count == BLK_MAX_DRIVES) {
        snprintf(err, errlen, "too many -drive options (at most %d)", BLK_MAX_DRIVES);
        rc = -1;
    }
    if (rc == 0) {
        *iface = c->iface;
        l->arg[l->count++] = arg;
    }
    free(c);
    return rc;
}

int blk_drive_find(const blk_drive_list_t *l, const char *id)
{
    blk_conf_t *c = malloc(sizeof(*c));
    int found = -1;
    char err[8];
    for (unsigned i = 0; c && i < l->count && found < 0; i++)
        if (blk_conf_parse(l->arg[i], c, err, sizeof(err)) == 0 && !strcmp(c->id, id))
            found = (int)i;
    free(c);
    return found;
}

/* ---- the image file ---- */

/* Takes an OFD lock on the whole file: shared for a read-only drive, exclusive otherwise, so
 * two emulators never write one image. Released when the descriptor is closed. */
static int lock_image(int fd, bool readonly)
{
    struct flock fl = {.l_type = readonly ? F_RDLCK : F_WRLCK, .l_whence = SEEK_SET};
    if (fcntl(fd, F_OFD_SETLK, &fl) == 0 || errno == EINVAL || errno == ENOLCK)
        return 0; /* a file system without locks: go on unlocked */
    return -1;
}

static int open_flags(const blk_conf_t *c, bool direct)
{
    int fl = (c->readonly ? O_RDONLY : O_RDWR) | O_CLOEXEC;
    if (direct)
        fl |= O_DIRECT;
    if (c->cache == BLK_CACHE_WRITETHROUGH || c->cache == BLK_CACHE_DIRECTSYNC)
        fl |= O_DSYNC;
    return fl;
}

static int open_err(const blk_conf_t *c, const char *what, int e, char *err, size_t errlen)
{
    snprintf(err, errlen, "-drive: cannot %s '%s': %s%s", what, c->file, strerror(e),
             e == EACCES || e == EROFS ? (c->readonly ? "" : " (readonly=on opens it read-only)")
                                       : "");
    return -1;
}

/* Opens fd (direct if the cache mode asks and the file system can) and fd_buffered. */
static int open_fds(blk_file_t *f, const blk_conf_t *c, char *err, size_t errlen)
{
    bool want_direct = c->cache == BLK_CACHE_NONE || c->cache == BLK_CACHE_DIRECTSYNC;
    f->fd = open(c->file, open_flags(c, want_direct));
    if (f->fd < 0 && want_direct && errno == EINVAL) {
        fprintf(stderr, "polyhart: warning: '%s': the host file system has no O_DIRECT; "
                        "cache=%s uses the page cache\n", c->file, cache_names[c->cache]);
        want_direct = false;
        f->fd = open(c->file, open_flags(c, false));
    }
    if (f->fd < 0)
        return open_err(c, "open", errno, err, errlen);
    f->direct = want_direct;
    if (want_direct) {
        f->fd_buffered = open(c->file, open_flags(c, false));
        if (f->fd_buffered < 0)
            return open_err(c, "open", errno, err, errlen);
    }
    return 0;
}

int blk_file_open(blk_file_t *f, const blk_conf_t *c, char *err, size_t errlen)
{
    memset(f, 0, sizeof(*f));
    f->fd = f->fd_buffered = -1;
    struct stat st;
    if (stat(c->file, &st) != 0)
        return open_err(c, "open", errno, err, errlen);
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "-drive: '%s' is %s, not a regular file (a raw disk image)",
                 c->file, S_ISDIR(st.st_mode) ? "a directory" : "a special file");
        return -1;
    }
    if (open_fds(f, c, err, errlen))
        goto fail;
    if (fstat(f->fd, &st) != 0 || !S_ISREG(st.st_mode)) { /* replaced since the stat */
        snprintf(err, errlen, "-drive: '%s' is not a regular file", c->file);
        goto fail;
    }
    if (lock_image(f->fd, c->readonly)) {
        snprintf(err, errlen, "-drive: '%s' is in use by another process (it holds a lock on "
                              "the image)", c->file);
        goto fail;
    }
    f->size = (uint64_t)st.st_size & ~(uint64_t)(BLK_SECTOR_SIZE - 1);
    f->readonly = c->readonly;
    f->cache = c->cache;
    f->dsync = c->cache == BLK_CACHE_WRITETHROUGH || c->cache == BLK_CACHE_DIRECTSYNC;
    f->flush_noop = c->cache == BLK_CACHE_UNSAFE;
    /* A write past RLIMIT_FSIZE must fail with EFBIG like any other host write error, not
     * kill the emulator with SIGXFSZ. */
    signal(SIGXFSZ, SIG_IGN);
    return 0;
fail:
    blk_file_close(f);
    return -1;
}

void blk_file_close(blk_file_t *f)
{
    if (f->fd >= 0)
        close(f->fd);
    if (f->fd_buffered >= 0)
        close(f->fd_buffered);
    f->fd = f->fd_buffered = -1;
}

bool blk_file_has_cache(const blk_file_t *f)
{
    return !f->dsync;
}

/* preadv/pwritev until every byte moved: retries EINTR and short transfers (advancing through
 * iov, which it modifies). With O_DIRECT, what the direct descriptor refuses for alignment
 * (EINVAL) goes through the buffered one, which the kernel keeps coherent with direct I/O. */
static int file_iov(blk_file_t *f, bool write, uint64_t off, struct iovec *iov, int cnt)
{
    int fd = f->fd;
    while (cnt > 0) {
        if (iov->iov_len == 0) {
            iov++;
            cnt--;
            continue;
        }
        ssize_t n = write ? pwritev(fd, iov, cnt, (off_t)off) : preadv(fd, iov, cnt, (off_t)off);
        if (n < 0 && errno == EINVAL && f->direct && fd != f->fd_buffered) {
            fd = f->fd_buffered;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -errno;
        if (n == 0)
            return write ? -ENOSPC : -EIO; /* end of file: the image shrank under us */
        off += (uint64_t)n;
        for (; cnt > 0 && (size_t)n >= iov->iov_len; iov++, cnt--)
            n -= (ssize_t)iov->iov_len;
        if (cnt > 0) {
            iov->iov_base = (uint8_t *)iov->iov_base + n;
            iov->iov_len -= (size_t)n;
        }
    }
    return 0;
}

int blk_file_read(blk_file_t *f, uint64_t off, void *buf, size_t len)
{
    struct iovec iov = {.iov_base = buf, .iov_len = len};
    return file_iov(f, false, off, &iov, 1);
}

int blk_file_write(blk_file_t *f, uint64_t off, const void *buf, size_t len)
{
    struct iovec iov = {.iov_base = (void *)buf, .iov_len = len};
    return f->readonly ? -EROFS : file_iov(f, true, off, &iov, 1);
}

int blk_file_readv(blk_file_t *f, uint64_t off, struct iovec *iov, int cnt)
{
    return file_iov(f, false, off, iov, cnt);
}

int blk_file_writev(blk_file_t *f, uint64_t off, struct iovec *iov, int cnt)
{
    return f->readonly ? -EROFS : file_iov(f, true, off, iov, cnt);
}

int blk_file_flush(blk_file_t *f)
{
    if (f->flush_noop || f->readonly)
        return 0;
    if (f->flush_failed)
        return -EIO;
    while (fdatasync(f->fd) != 0) {
        if (errno == EINTR)
            continue;
        int e = errno;
        f->flush_failed = true;
        return -e;
    }
    return 0;
}

static bool unsupported(int e)
{
    return e == EOPNOTSUPP || e == ENOSYS || e == EINVAL;
}

int blk_file_discard(blk_file_t *f, uint64_t off, uint64_t len)
{
    if (f->readonly)
        return -EROFS;
    if (f->no_punch || len == 0)
        return 0; /* discard is a hint: nothing to do is a valid outcome */
    if (fallocate(f->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)off, (off_t)len) == 0)
        return 0;
    if (unsupported(errno)) {
        f->no_punch = true;
        return 0;
    }
    return -errno;
}

/* The last resort: writes zeroes from a zeroed buffer. */
static int write_zero_buffers(blk_file_t *f, uint64_t off, uint64_t len)
{
    size_t chunk = 1 << 20;
    void *zero = NULL;
    if (posix_memalign(&zero, BLK_BUF_ALIGN, chunk))
        return -ENOMEM;
    memset(zero, 0, chunk);
    int rc = 0;
    while (len && rc == 0) {
        size_t n = len < chunk ? (size_t)len : chunk;
        rc = blk_file_write(f, off, zero, n);
        off += n;
        len -= n;
    }
    free(zero);
    return rc;
}

int blk_file_write_zeroes(blk_file_t *f, uint64_t off, uint64_t len, bool unmap)
{
    if (f->readonly)
        return -EROFS;
    if (len == 0)
        return 0;
    if (unmap && !f->no_punch) {
        if (fallocate(f->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)off,
                      (off_t)len) == 0)
            return 0;
        if (!unsupported(errno))
            return -errno;
        f->no_punch = true;
    }
    if (!f->no_zero_range) {
        if (fallocate(f->fd, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, (off_t)off,
                      (off_t)len) == 0)
            return 0;
        if (!unsupported(errno))
            return -errno;
        f->no_zero_range = true;
    }
    return write_zero_buffers(f, off, len);
}
