/* A disk image on the host (a raw file) as block devices see it, and the `-drive` option that
 * describes one.
 *
 * DRIVE OPTIONS. `-drive` takes QEMU's spelling: file=IMG, format=raw, if=virtio|none,
 * readonly=on|off, cache=writeback|none|writethrough|directsync|unsafe, id=ID, serial=S.
 * blk_conf_parse() checks every key and value (so a typo fails at start-up with one line);
 * file names containing commas are not supported.
 *
 * CACHE MODES and what they mean on the host (the durability rules):
 *   writeback     page cache; a guest flush is fdatasync(2). The guest sees a volatile cache.
 *   none          O_DIRECT (bypasses the host page cache); flush is fdatasync. Requests whose
 *                 offset or length the host file system cannot take directly (EINVAL) go
 *                 through a second, buffered descriptor; a file system without O_DIRECT at
 *                 all (tmpfs before Linux 6.6) falls back to writeback with a warning.
 *   writethrough  page cache, O_DSYNC: every write is on stable storage when it completes, so
 *                 the guest sees no volatile cache (no FLUSH feature).
 *   directsync    O_DIRECT | O_DSYNC: both of the above.
 *   unsafe        page cache; flush does nothing (fast, for scratch disks only).
 * Every write is complete in the file (never a short write reported as success) before it is
 * acknowledged. A failed fdatasync is sticky: the kernel may have dropped the dirty pages it
 * could not write, so every later flush fails as well (no acknowledged write is silently lost).
 *
 * The functions below do blocking host I/O: call them only off the harts (the I/O thread or
 * a disk worker) and without device locks held. A blk_file_t is used by one thread at a time.
 * Errors are negative errno values. */
#ifndef DEV_BLK_FILE_H
#define DEV_BLK_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#define BLK_SECTOR_SIZE 512
#define BLK_SERIAL_MAX 20     /* virtio-blk GET_ID returns 20 bytes */
#define BLK_MAX_DRIVES 16
#define BLK_ID_MAX 32
#define BLK_PATH_MAX 4096

typedef enum blk_cache {
    BLK_CACHE_WRITEBACK,
    BLK_CACHE_NONE,
    BLK_CACHE_WRITETHROUGH,
    BLK_CACHE_DIRECTSYNC,
    BLK_CACHE_UNSAFE,
} blk_cache_t;

typedef enum blk_if { BLK_IF_VIRTIO, BLK_IF_NONE } blk_if_t;

/* One -drive, parsed. */
typedef struct blk_conf {
    char file[BLK_PATH_MAX];
    char id[BLK_ID_MAX];           /* "" if none */
    char serial[BLK_SERIAL_MAX + 1];
    blk_if_t iface;
    bool readonly;
    blk_cache_t cache;
} blk_conf_t;

/* The -drive arguments in command-line order (strings from argv: they outlive the machine). */
typedef struct blk_drive_list {
    const char *arg[BLK_MAX_DRIVES];
    unsigned count;
} blk_drive_list_t;

/* Parses a -drive argument into `c`. -1 with a one-line reason (unknown key, bad value, no
 * file, format other than raw, if=none without id, serial too long or not printable). */
int blk_conf_parse(const char *arg, blk_conf_t *c, char *err, size_t errlen);
/* Parses and appends a -drive argument (it becomes index l->count - 1); also rejects a second
 * drive with the same id. Stores its interface in *iface. */
int blk_drive_add(blk_drive_list_t *l, const char *arg, blk_if_t *iface, char *err,
                  size_t errlen);
/* The index of the drive with `id`, or -1. */
int blk_drive_find(const blk_drive_list_t *l, const char *id);
/* Whether `s` is a valid id (a letter, then letters, digits, '-', '.', '_'). */
bool blk_id_valid(const char *s);
/* Whether `s` is a valid serial (printable ASCII, at most BLK_SERIAL_MAX bytes). */
bool blk_serial_valid(const char *s);

typedef struct blk_file {
    int fd;            /* all I/O; O_DIRECT in cache=none/directsync */
    int fd_buffered;   /* O_DIRECT modes: for requests the direct descriptor refuses; else -1 */
    uint64_t size;     /* bytes visible to the guest: the file size, rounded down to sectors */
    bool readonly;
    bool direct;       /* fd has O_DIRECT */
    bool dsync;        /* fd has O_DSYNC: writes are stable when they return */
    bool flush_noop;   /* cache=unsafe */
    bool flush_failed; /* a flush failed once: every later one fails (see above) */
    bool no_punch, no_zero_range; /* fallocate modes the host file system refused */
    blk_cache_t cache;
} blk_file_t;

/* Opens an image for `c`: a regular file, opened read-only if c->readonly, locked against
 * other writers (an OFD lock, as QEMU does). -1 with a one-line reason naming the file. */
int blk_file_open(blk_file_t *f, const blk_conf_t *c, char *err, size_t errlen);
void blk_file_close(blk_file_t *f);
/* Whether a guest flush does something (every mode but writethrough/directsync has a
 * volatile cache the guest must flush). */
bool blk_file_has_cache(const blk_file_t *f);

/* Reads/writes `len` bytes at byte offset `off` through `buf`, which is aligned to
 * BLK_BUF_ALIGN (O_DIRECT). 0 or -errno; a short transfer is retried, end of file is -EIO. */
#define BLK_BUF_ALIGN 4096
int blk_file_read(blk_file_t *f, uint64_t off, void *buf, size_t len);
int blk_file_write(blk_file_t *f, uint64_t off, const void *buf, size_t len);
/* The same through `cnt` (at most IOV_MAX) buffers, which it modifies; zero-copy back ends
 * pass guest RAM here (phys_dma_map). O_DIRECT wants them aligned; unaligned ones go through
 * the buffered descriptor. */
int blk_file_readv(blk_file_t *f, uint64_t off, struct iovec *iov, int cnt);
int blk_file_writev(blk_file_t *f, uint64_t off, struct iovec *iov, int cnt);
/* Makes completed writes stable (fdatasync; nothing for cache=unsafe). */
int blk_file_flush(blk_file_t *f);
/* Deallocates a range (punch a hole); a host without hole punching ignores it (0). */
int blk_file_discard(blk_file_t *f, uint64_t off, uint64_t len);
/* Makes a range read as zeroes: a hole if `unmap`, else FALLOC_FL_ZERO_RANGE, else by
 * writing zeroes. */
int blk_file_write_zeroes(blk_file_t *f, uint64_t off, uint64_t len, bool unmap);

#endif
