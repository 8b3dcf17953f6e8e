#include "dev/virtio_blk.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "util/util.h"

/* Requests served per run of the bottom half before it yields the I/O thread to other work
 * (it reschedules itself), so one busy disk cannot starve the console or the network. */
#define BLK_REQS_PER_RUN 32

#define HDR_SIZE 16 /* struct virtio_blk_req: le32 type, le32 reserved, le64 sector */
#define DWZ_SEG_SIZE 16 /* struct virtio_blk_discard_write_zeroes */

/* Zero-copy: the host kernel moves the data straight between the image and guest RAM
 * (preadv/pwritev on phys_dma_map'ped buffers). Off under ThreadSanitizer, which sees the
 * kernel's writes into guest memory as plain accesses racing with the harts' atomic ones (DMA
 * races with the harts by design; mem/dma.c copies byte by byte there for the same reason):
 * those builds take the bounce-buffer path, as do requests too large or too scattered. */
#if defined(__SANITIZE_THREAD__)
#define BLK_ZERO_COPY false
#else
#define BLK_ZERO_COPY true
#endif
#define BLK_IOV_MAX 1024            /* buffers per host call (IOV_MAX) */
#define BLK_ZERO_COPY_MAX (4u << 20) /* bytes: a reset waits for at most this much I/O */

/* What handling one request came to, beyond its status byte. */
typedef enum { REQ_DONE, REQ_MALFORMED, REQ_STALE } req_outcome_t;
/* Internal status: the device was reset while the request was in flight; drop it. */
#define STATUS_STALE 0xff

struct virtio_blk {
    virtio_mmio_t *vm;
    phys_map_t *phys;
    log_ctx_t *log;
    evloop_bh_t *bh;
    blk_file_t file;
    uint64_t capacity;   /* sectors */
    uint64_t offered;    /* device feature bits offered */
    char serial[BLK_SERIAL_MAX];
    char name[BLK_ID_MAX + 16]; /* for messages: the drive id or the file's base name */
    int reported_errno;  /* the last host error warned about (warn once per kind) */
    lock_t dma_lock;     /* rank BACKEND: guest memory accesses for in-flight requests */
    uint32_t reset_gen;  /* written under the transport lock and dma_lock */
    uint8_t *bounce;     /* VIRTIO_BLK_BOUNCE bytes, BLK_BUF_ALIGN aligned */
    struct iovec iov[BLK_IOV_MAX]; /* zero-copy buffers of the request being handled */
};

/* One request being handled (no lock held). */
typedef struct req {
    const virtq_elem_t *e;
    uint32_t gen;        /* reset_gen when popped */
    bool flush_ok;       /* the driver accepted VIRTIO_BLK_F_FLUSH */
    uint32_t type;
    uint64_t sector;
    uint64_t written;    /* bytes written into the writable buffers before the status */
    const char *why;     /* REQ_MALFORMED: what was wrong */
} req_t;

#define GUEST_ERR(b, fmt, ...)                                                              \
    log_guest_error((b)->log, "virtio-mmio@%" PRIx64 " (virtio-blk %s): " fmt "\n",        \
                    (b)->vm->base, (b)->name, ##__VA_ARGS__)

/* ---- guest memory, fenced against resets ---- */

/* Copies between the element's buffers and `buf` unless the device was reset since the pop:
 * STATUS_STALE then, IOERR if the buffers are no longer RAM, else OK. */
static uint8_t guest_copy(virtio_blk_t *b, const req_t *r, bool to_guest, uint64_t off,
                          void *buf, size_t len)
{
    uint8_t st = VIRTIO_BLK_S_OK;
    lock_take(&b->dma_lock);
    if (b->reset_gen != r->gen)
        st = STATUS_STALE;
    else if ((to_guest ? virtq_elem_write(b->phys, r->e, off, buf, len)
                       : virtq_elem_read(b->phys, r->e, off, buf, len)) != len)
        st = VIRTIO_BLK_S_IOERR;
    lock_drop(&b->dma_lock);
    return st;
}

/* A host I/O error: the guest gets IOERR; the user is told on stderr, once per kind of error
 * (it is not the guest's fault, so not a guest error, and a full disk must not flood). */
static uint8_t host_error(virtio_blk_t *b, const char *op, uint64_t off, int err)
{
    if (err != b->reported_errno) {
        b->reported_errno = err;
        fprintf(stderr, "polyhart: warning: virtio-blk %s: host %s at byte %" PRIu64
                        " failed: %s (the guest gets I/O errors)\n",
                b->name, op, off, strerror(-err));
    }
    return VIRTIO_BLK_S_IOERR;
}

/* Whether [sector, sector + bytes/512) lies inside the disk. */
static bool range_ok(const virtio_blk_t *b, uint64_t sector, uint64_t bytes)
{
    uint64_t n = bytes / BLK_SECTOR_SIZE;
    return sector <= b->capacity && n <= b->capacity - sector;
}

/* After a write-type request: stable now if the guest cannot flush (see the header). */
static uint8_t maybe_sync(virtio_blk_t *b, const req_t *r)
{
    if (r->flush_ok || !blk_file_has_cache(&b->file))
        return VIRTIO_BLK_S_OK;
    int rc = blk_file_flush(&b->file);
    return rc ? host_error(b, "fdatasync", 0, rc) : VIRTIO_BLK_S_OK;
}

/* ---- zero-copy ---- */

/* Maps `len` data bytes of the element into b->iov: its writable buffers (to_guest) or its
 * readable ones after the header. The count, or -1 if a buffer is not RAM (RAM/ROM when the
 * device only reads it) or there are too many. */
static int map_data(virtio_blk_t *b, const virtq_elem_t *e, bool to_guest, uint64_t len)
{
    unsigned i = to_guest ? e->nread : 0, end = to_guest ? e->nread + e->nwrite : e->nread;
    uint64_t skip = to_guest ? 0 : HDR_SIZE;
    int cnt = 0;
    for (; i < end && len; i++) {
        uint64_t addr = e->buf[i].addr, l = e->buf[i].len;
        if (skip >= l) {
            skip -= l;
            continue;
        }
        addr += skip;
        l = l - skip < len ? l - skip : len;
        skip = 0;
        uint8_t *p = phys_dma_map(b->phys, addr, l, to_guest);
        if (!p || cnt == BLK_IOV_MAX)
            return -1;
        b->iov[cnt++] = (struct iovec){.iov_base = p, .iov_len = l};
        len -= l;
    }
    return len ? -1 : cnt;
}

/* After the host wrote `len` bytes into the writable buffers: what a DMA copy does after it. */
static void note_written(virtio_blk_t *b, const virtq_elem_t *e, uint64_t len)
{
    for (unsigned i = e->nread; i < e->nread + e->nwrite && len; i++) {
        uint64_t l = e->buf[i].len < len ? e->buf[i].len : len;
        phys_dma_written(b->phys, e->buf[i].addr, l);
        len -= l;
    }
}

/* The whole data transfer of an IN or OUT request between the image and guest RAM, with
 * dma_lock held: the host touches guest memory during the call, so a reset waits for it (at
 * most BLK_ZERO_COPY_MAX bytes). STATUS_STALE, IOERR (host error) or OK; 0xfe if the buffers
 * cannot be mapped (the caller uses the bounce buffer). */
#define STATUS_NO_MAP 0xfe
static uint8_t zero_copy(virtio_blk_t *b, req_t *r, bool to_guest, uint64_t off, uint64_t len)
{
    if (!BLK_ZERO_COPY || len > BLK_ZERO_COPY_MAX || len == 0)
        return STATUS_NO_MAP;
    uint8_t st = VIRTIO_BLK_S_OK;
    lock_take(&b->dma_lock);
    int cnt = map_data(b, r->e, to_guest, len);
    if (b->reset_gen != r->gen) {
        st = STATUS_STALE;
    } else if (cnt < 0) {
        st = STATUS_NO_MAP;
    } else {
        int rc = to_guest ? blk_file_readv(&b->file, off, b->iov, cnt)
                          : blk_file_writev(&b->file, off, b->iov, cnt);
        if (to_guest)
            note_written(b, r->e, len); /* even after an error: some bytes may have landed */
        if (rc)
            st = host_error(b, to_guest ? "read" : "write", off, rc);
        else if (to_guest)
            r->written = len;
    }
    lock_drop(&b->dma_lock);
    return st;
}

/* ---- request types ---- */

static uint8_t do_in(virtio_blk_t *b, req_t *r)
{
    uint64_t len = r->e->write_len - 1, off = r->sector * BLK_SECTOR_SIZE;
    if (r->e->read_len != HDR_SIZE || len % BLK_SECTOR_SIZE || !range_ok(b, r->sector, len)) {
        GUEST_ERR(b, "read of %" PRIu64 " bytes at sector %" PRIu64 " (%" PRIu64
                     " readable bytes): I/O error", len, r->sector, r->e->read_len);
        return VIRTIO_BLK_S_IOERR;
    }
    uint8_t zc = zero_copy(b, r, true, off, len);
    if (zc != STATUS_NO_MAP)
        return zc;
    for (uint64_t done = 0; done < len;) {
        size_t n = len - done < VIRTIO_BLK_BOUNCE ? (size_t)(len - done) : VIRTIO_BLK_BOUNCE;
        int rc = blk_file_read(&b->file, off + done, b->bounce, n);
        if (rc)
            return host_error(b, "read", off + done, rc);
        uint8_t st = guest_copy(b, r, true, done, b->bounce, n);
        if (st != VIRTIO_BLK_S_OK)
            return st;
        done += n;
        r->written = done;
    }
    return VIRTIO_BLK_S_OK;
}

static uint8_t do_out(virtio_blk_t *b, req_t *r)
{
    uint64_t len = r->e->read_len - HDR_SIZE, off = r->sector * BLK_SECTOR_SIZE;
    if (r->e->write_len != 1 || len % BLK_SECTOR_SIZE || !range_ok(b, r->sector, len)) {
        GUEST_ERR(b, "write of %" PRIu64 " bytes at sector %" PRIu64 " (%" PRIu64
                     " writable bytes): I/O error", len, r->sector, r->e->write_len);
        return VIRTIO_BLK_S_IOERR;
    }
    if (b->file.readonly) {
        GUEST_ERR(b, "write to a read-only disk: I/O error");
        return VIRTIO_BLK_S_IOERR;
    }
    uint8_t zc = zero_copy(b, r, false, off, len);
    if (zc != STATUS_NO_MAP)
        return zc == VIRTIO_BLK_S_OK ? maybe_sync(b, r) : zc;
    for (uint64_t done = 0; done < len;) {
        size_t n = len - done < VIRTIO_BLK_BOUNCE ? (size_t)(len - done) : VIRTIO_BLK_BOUNCE;
        uint8_t st = guest_copy(b, r, false, HDR_SIZE + done, b->bounce, n);
        if (st != VIRTIO_BLK_S_OK)
            return st;
        int rc = blk_file_write(&b->file, off + done, b->bounce, n);
        if (rc)
            return host_error(b, "write", off + done, rc);
        done += n;
    }
    return maybe_sync(b, r);
}

static uint8_t do_flush(virtio_blk_t *b, req_t *r)
{
    if (r->e->read_len != HDR_SIZE || r->e->write_len != 1) {
        GUEST_ERR(b, "flush with data: I/O error");
        return VIRTIO_BLK_S_IOERR;
    }
    int rc = blk_file_flush(&b->file);
    return rc ? host_error(b, "fdatasync", 0, rc) : VIRTIO_BLK_S_OK;
}

/* The serial number, NUL-padded to 20 bytes (not terminated when it has 20 characters). */
static uint8_t do_get_id(virtio_blk_t *b, req_t *r)
{
    uint64_t len = r->e->write_len - 1;
    if (r->e->read_len != HDR_SIZE || len == 0) {
        GUEST_ERR(b, "get-id without a writable id buffer: I/O error");
        return VIRTIO_BLK_S_IOERR;
    }
    size_t n = len < BLK_SERIAL_MAX ? (size_t)len : BLK_SERIAL_MAX;
    uint8_t st = guest_copy(b, r, true, 0, b->serial, n);
    if (st == VIRTIO_BLK_S_OK)
        r->written = n;
    return st;
}

typedef struct dwz_seg {
    uint64_t sector;
    uint32_t num, flags;
} dwz_seg_t;

/* Checks one DISCARD/WRITE_ZEROES segment (§5.2.6.2): status. */
static uint8_t check_seg(virtio_blk_t *b, bool discard, const dwz_seg_t *s)
{
    uint32_t max = discard ? VIRTIO_BLK_MAX_DISCARD_SECTORS : VIRTIO_BLK_MAX_WZ_SECTORS;
    if ((s->flags & ~(uint32_t)VIRTIO_BLK_WZ_F_UNMAP) || (discard && s->flags)) {
        GUEST_ERR(b, "%s segment flags %#x: unsupported", discard ? "discard" : "write-zeroes",
                  s->flags);
        return VIRTIO_BLK_S_UNSUPP;
    }
    if (s->num > max || !range_ok(b, s->sector, (uint64_t)s->num * BLK_SECTOR_SIZE)) {
        GUEST_ERR(b, "%s of %u sectors at sector %" PRIu64 ": I/O error",
                  discard ? "discard" : "write-zeroes", s->num, s->sector);
        return VIRTIO_BLK_S_IOERR;
    }
    return VIRTIO_BLK_S_OK;
}

/* Reads and checks the segments of a DISCARD/WRITE_ZEROES request into seg[]: status. */
static uint8_t read_segs(virtio_blk_t *b, req_t *r, bool discard, dwz_seg_t *seg,
                         unsigned *nseg)
{
    uint64_t len = r->e->read_len - HDR_SIZE;
    uint8_t raw[VIRTIO_BLK_MAX_DWZ_SEG * DWZ_SEG_SIZE];
    if (r->e->write_len != 1 || len == 0 || len % DWZ_SEG_SIZE ||
        len > sizeof(raw)) {
        GUEST_ERR(b, "%s with %" PRIu64 " bytes of segments: I/O error",
                  discard ? "discard" : "write-zeroes", len);
        return VIRTIO_BLK_S_IOERR;
    }
    uint8_t st = guest_copy(b, r, false, HDR_SIZE, raw, len);
    *nseg = (unsigned)(len / DWZ_SEG_SIZE);
    for (unsigned i = 0; i < *nseg && st == VIRTIO_BLK_S_OK; i++) {
        memcpy(&seg[i].sector, raw + i * DWZ_SEG_SIZE, 8); /* the host is little endian */
        memcpy(&seg[i].num, raw + i * DWZ_SEG_SIZE + 8, 4);
        memcpy(&seg[i].flags, raw + i * DWZ_SEG_SIZE + 12, 4);
        st = check_seg(b, discard, &seg[i]);
    }
    return st;
}

static uint8_t do_discard_zero(virtio_blk_t *b, req_t *r, bool discard)
{
    uint64_t feature = discard ? VIRTIO_BLK_F_DISCARD : VIRTIO_BLK_F_WRITE_ZEROES;
    if (!(b->offered & (1ULL << feature)))
        return b->file.readonly ? VIRTIO_BLK_S_IOERR : VIRTIO_BLK_S_UNSUPP;
    dwz_seg_t seg[VIRTIO_BLK_MAX_DWZ_SEG];
    unsigned nseg = 0;
    uint8_t st = read_segs(b, r, discard, seg, &nseg);
    for (unsigned i = 0; i < nseg && st == VIRTIO_BLK_S_OK; i++) {
        uint64_t off = seg[i].sector * BLK_SECTOR_SIZE;
        uint64_t len = (uint64_t)seg[i].num * BLK_SECTOR_SIZE;
        int rc = discard ? blk_file_discard(&b->file, off, len)
                         : blk_file_write_zeroes(&b->file, off, len,
                                                 seg[i].flags & VIRTIO_BLK_WZ_F_UNMAP);
        if (rc)
            st = host_error(b, discard ? "discard" : "write-zeroes", off, rc);
    }
    if (st == VIRTIO_BLK_S_OK && (b->file.dsync || !r->flush_ok) &&
        !b->file.flush_noop) {
        int rc = blk_file_flush(&b->file); /* O_DSYNC does not cover fallocate */
        if (rc)
            st = host_error(b, "fdatasync", 0, rc);
    }
    return st;
}

/* ---- one request ---- */

static uint8_t dispatch(virtio_blk_t *b, req_t *r)
{
    switch (r->type) {
    case VIRTIO_BLK_T_IN: return do_in(b, r);
    case VIRTIO_BLK_T_OUT: return do_out(b, r);
    case VIRTIO_BLK_T_FLUSH: return do_flush(b, r);
    case VIRTIO_BLK_T_GET_ID: return do_get_id(b, r);
    case VIRTIO_BLK_T_DISCARD: return do_discard_zero(b, r, true);
    case VIRTIO_BLK_T_WRITE_ZEROES: return do_discard_zero(b, r, false);
    default:
        GUEST_ERR(b, "request type %u: unsupported", r->type);
        return VIRTIO_BLK_S_UNSUPP;
    }
}

/* Handles one popped request with no lock held: reads the header, does the work, writes the
 * status byte (the last writable byte). */
static req_outcome_t handle(virtio_blk_t *b, req_t *r)
{
    const virtq_elem_t *e = r->e;
    if (e->read_len < HDR_SIZE) {
        r->why = "request header shorter than 16 bytes";
        return REQ_MALFORMED;
    }
    if (e->write_len < 1) {
        r->why = "request without a writable status byte";
        return REQ_MALFORMED;
    }
    uint8_t hdr[HDR_SIZE];
    uint8_t st = guest_copy(b, r, false, 0, hdr, HDR_SIZE);
    if (st == VIRTIO_BLK_S_OK) {
        memcpy(&r->type, hdr, 4); /* the host is little endian, as virtio 1.x is */
        memcpy(&r->sector, hdr + 8, 8);
        st = dispatch(b, r);
    }
    if (st == STATUS_STALE)
        return REQ_STALE;
    /* the status byte; failing to write it (the buffer left RAM) is the guest's problem */
    return guest_copy(b, r, true, e->write_len - 1, &st, 1) == STATUS_STALE ? REQ_STALE
                                                                             : REQ_DONE;
}

void virtio_blk_process(virtio_blk_t *b)
{
    virtio_mmio_t *vm = b->vm;
    virtq_elem_t e = {0};
    unsigned served = 0;
    virtio_mmio_lock(vm);
    while (virtio_mmio_pop(vm, 0, &e) > 0) {
        req_t r = {.e = &e, .gen = b->reset_gen,
                   .flush_ok = virtio_mmio_features(vm) & (1ULL << VIRTIO_BLK_F_FLUSH)};
        virtio_mmio_unlock(vm);
        req_outcome_t out = handle(b, &r);
        virtio_mmio_lock(vm);
        if (b->reset_gen != r.gen)
            continue; /* reset meanwhile: the element is stale (push would drop it too) */
        if (out == REQ_MALFORMED) {
            virtio_mmio_set_needs_reset(vm, r.why);
            break;
        }
        virtio_mmio_push(vm, 0, &e, (uint32_t)(r.written + 1));
        virtio_mmio_notify(vm, 0);
        if (++served == BLK_REQS_PER_RUN) {
            if (b->bh)
                evloop_bh_schedule(b->bh);
            break;
        }
    }
    virtio_mmio_unlock(vm);
    virtq_elem_free(&e);
}

/* ---- device callbacks ---- */

static void blk_bh(void *opaque) { virtio_blk_process(opaque); }

static void blk_notify(void *dev, unsigned q)
{
    (void)q;
    virtio_blk_t *b = dev;
    if (b->bh) /* none in unit tests, which call virtio_blk_process themselves */
        evloop_bh_schedule(b->bh);
}

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }

static void blk_config_read(void *dev, uint8_t *cfg)
{
    virtio_blk_t *b = dev;
    memset(cfg, 0, VIRTIO_BLK_CFG_SIZE);
    memcpy(cfg + VIRTIO_BLK_CFG_CAPACITY, &b->capacity, 8);
    put32(cfg + VIRTIO_BLK_CFG_SEG_MAX, VIRTIO_BLK_SEG_MAX);
    put32(cfg + VIRTIO_BLK_CFG_BLK_SIZE, BLK_SECTOR_SIZE);
    cfg[VIRTIO_BLK_CFG_PHYS_BLOCK_EXP] = VIRTIO_BLK_PHYS_BLOCK_EXP;
    uint16_t min_io = 1u << VIRTIO_BLK_PHYS_BLOCK_EXP;
    memcpy(cfg + VIRTIO_BLK_CFG_MIN_IO_SIZE, &min_io, 2);
    put32(cfg + VIRTIO_BLK_CFG_OPT_IO_SIZE, VIRTIO_BLK_OPT_IO_SECTORS);
    put32(cfg + VIRTIO_BLK_CFG_MAX_DISCARD_SECTORS, VIRTIO_BLK_MAX_DISCARD_SECTORS);
    put32(cfg + VIRTIO_BLK_CFG_MAX_DISCARD_SEG, VIRTIO_BLK_MAX_DWZ_SEG);
    put32(cfg + VIRTIO_BLK_CFG_DISCARD_ALIGN, VIRTIO_BLK_DISCARD_ALIGN);
    put32(cfg + VIRTIO_BLK_CFG_MAX_WZ_SECTORS, VIRTIO_BLK_MAX_WZ_SECTORS);
    put32(cfg + VIRTIO_BLK_CFG_MAX_WZ_SEG, VIRTIO_BLK_MAX_DWZ_SEG);
    cfg[VIRTIO_BLK_CFG_WZ_MAY_UNMAP] = !b->file.no_punch;
}

/* Transport lock held. Makes every in-flight request stale; waits only for a copy to or
 * from guest memory that is under way (never for disk I/O). */
static void blk_reset(void *dev)
{
    virtio_blk_t *b = dev;
    lock_take(&b->dma_lock);
    b->reset_gen++;
    lock_drop(&b->dma_lock);
}

static void blk_destroy(void *dev)
{
    virtio_blk_t *b = dev;
    evloop_bh_free(b->bh);
    blk_file_close(&b->file);
    lock_destroy(&b->dma_lock);
    free(b->bounce);
    free(b);
}

static const virtio_dev_ops_t blk_ops = {
    .name = "virtio-blk",
    .device_id = VIRTIO_ID_BLOCK,
    .num_queues = 1,
    .queue_max = VIRTIO_BLK_QUEUE_SIZE,
    .config_size = VIRTIO_BLK_CFG_SIZE,
    .config_read = blk_config_read,
    .queue_notify = blk_notify,
    .reset = blk_reset,
    .destroy = blk_destroy,
};

static uint64_t blk_features(const blk_file_t *f)
{
    /* TOPOLOGY: 4 KiB physical blocks and 1 MiB optimal I/O, so Linux reads ahead 2 MiB and
     * sends large requests (each costs the guest a lot more in emulation than on hardware). */
    uint64_t feat = (1ULL << VIRTIO_BLK_F_SEG_MAX) | (1ULL << VIRTIO_BLK_F_BLK_SIZE) |
                    (1ULL << VIRTIO_BLK_F_TOPOLOGY);
    if (blk_file_has_cache(f) && !f->readonly)
        feat |= 1ULL << VIRTIO_BLK_F_FLUSH;
    if (f->readonly)
        feat |= 1ULL << VIRTIO_BLK_F_RO;
    else
        feat |= (1ULL << VIRTIO_BLK_F_DISCARD) | (1ULL << VIRTIO_BLK_F_WRITE_ZEROES);
    return feat;
}

static void set_name(virtio_blk_t *b, const blk_conf_t *c)
{
    const char *base = strrchr(c->file, '/');
    base = c->id[0] ? c->id : base ? base + 1 : c->file;
    snprintf(b->name, sizeof(b->name), "'%.*s'", (int)sizeof(b->name) - 3, base);
}

virtio_blk_t *virtio_blk_create(virtio_mmio_t *vm, const blk_conf_t *c, char *err,
                                size_t errlen)
{
    virtio_blk_t *b = calloc(1, sizeof(*b));
    void *bounce = NULL;
    if (!b || posix_memalign(&bounce, BLK_BUF_ALIGN, VIRTIO_BLK_BOUNCE)) {
        free(b);
        snprintf(err, errlen, "virtio-blk: out of memory");
        return NULL;
    }
    b->bounce = bounce;
    if (blk_file_open(&b->file, c, err, errlen)) {
        free(b->bounce);
        free(b);
        return NULL;
    }
    b->vm = vm;
    b->phys = vm->phys;
    b->log = vm->log;
    b->capacity = b->file.size / BLK_SECTOR_SIZE;
    b->offered = blk_features(&b->file);
    memcpy(b->serial, c->serial, strnlen(c->serial, BLK_SERIAL_MAX)); /* rest stays NUL */
    set_name(b, c);
    lock_init(&b->dma_lock, LOCK_RANK_BACKEND, "virtio-blk.dma_lock");
    if (vm->io && !(b->bh = evloop_bh_new(vm->io, blk_bh, b))) {
        blk_destroy(b);
        snprintf(err, errlen, "virtio-blk: out of memory");
        return NULL;
    }
    virtio_mmio_attach(vm, &blk_ops, b, b->offered);
    return b;
}
