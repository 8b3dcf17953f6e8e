/*
 * test_virtio_blk.c - unit tests for virtio-blk (dev/virtio_blk.h) and its image back end and
 * -drive parsing (dev/blk_file.h).
 *
 * A virtio-blk device on a temporary 8 MiB image file sits in a virtio-mmio transport mapped in
 * a phys_map with RAM, with no I/O thread: the tests play the driver (queue set-up through
 * MMIO, rings and buffers written in RAM), then run the device's request loop
 * (virtio_blk_process) on their own thread and read the used ring, the status byte and the
 * file. Checked (virtio 1.2 §5.2): config space and features; IN/OUT data in both directions
 * (zero-copy, and through the bounce buffer for large requests) and in odd chain layouts (header split over two descriptors, status sharing the data
 * buffer, indirect tables); IOERR for wrong directions, lengths that are not whole sectors,
 * ranges beyond the capacity (and sector numbers that overflow), writes to a read-only
 * drive, host write errors (RLIMIT_FSIZE); UNSUPP for unknown types and bad discard/write
 * zeroes flags; DISCARD and WRITE_ZEROES on the file; GET_ID; FLUSH; DEVICE_NEEDS_RESET for
 * chains without a header or a status byte; and -drive option parsing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dev/virtio_blk.h"

#define RAM 0x80000000ULL
#define RAM_SIZE (16ULL << 20)
#define BASE 0x10001000ULL
#define QSIZE 16
#define DESC (RAM + 0x1000)
#define AVAIL (RAM + 0x2000)
#define USED (RAM + 0x3000)
#define INDIRECT_TABLE (RAM + 0x4000)
#define HDR (RAM + 0x8000)
#define STATUS_PA (RAM + 0x9000)
#define DATA (RAM + 0x100000)
#define DISK_SIZE (8u << 20)
#define SECTORS (DISK_SIZE / 512)

enum {
    DEV_FEATURES = 0x010, DEV_FEATURES_SEL = 0x014, DRV_FEATURES = 0x020,
    DRV_FEATURES_SEL = 0x024, QUEUE_SEL = 0x030, QUEUE_NUM = 0x038, QUEUE_READY = 0x044,
    STATUS = 0x070, DESC_LO = 0x080, DRIVER_LO = 0x090, DEVICE_LO = 0x0a0, CONFIG = 0x100,
};

typedef struct {
    log_ctx_t log;
    char *logbuf;
    size_t loglen;
    phys_map_t phys;
    phys_region_t *ram;
    const phys_region_t *region;
    virtio_mmio_t vm;
    virtio_blk_t *blk;
    char path[64];
    int fd;       /* the test's own descriptor on the image */
    uint16_t next_desc;
} fixture_t;

static uint8_t pattern(uint64_t off) { return (uint8_t)(off * 7 + (off >> 9)); }

static uint8_t *host(fixture_t *f, uint64_t pa) { return f->ram->host + (pa - RAM); }

static void wr(fixture_t *f, uint64_t off, uint32_t v)
{
    phys_mmio_write(f->region, BASE + off, 4, v);
}

static uint32_t rd(fixture_t *f, uint64_t off)
{
    return (uint32_t)phys_mmio_read(f->region, BASE + off, 4);
}

static bool logged(fixture_t *f, const char *text)
{
    fflush(f->log.out);
    bool found = f->logbuf && strstr(f->logbuf, text);
    if (f->logbuf)
        f->logbuf[0] = '\0';
    fseeko(f->log.out, 0, SEEK_SET);
    return found;
}

#define ALL_OK (VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | \
                VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK)

static uint64_t offered(fixture_t *f)
{
    wr(f, DEV_FEATURES_SEL, 1);
    uint64_t hi = rd(f, DEV_FEATURES);
    wr(f, DEV_FEATURES_SEL, 0);
    return hi << 32 | rd(f, DEV_FEATURES);
}

/* Brings the device up as Linux does, accepting every feature offered. */
static void bring_up(fixture_t *f)
{
    uint64_t feat = offered(f);
    wr(f, STATUS, 0);
    wr(f, STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    wr(f, DRV_FEATURES_SEL, 1);
    wr(f, DRV_FEATURES, (uint32_t)(feat >> 32));
    wr(f, DRV_FEATURES_SEL, 0);
    wr(f, DRV_FEATURES, (uint32_t)feat);
    wr(f, STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK);
    wr(f, QUEUE_SEL, 0);
    wr(f, QUEUE_NUM, QSIZE);
    wr(f, DESC_LO, (uint32_t)DESC);
    wr(f, DRIVER_LO, (uint32_t)AVAIL);
    wr(f, DEVICE_LO, (uint32_t)USED);
    wr(f, QUEUE_READY, 1);
    wr(f, STATUS, ALL_OK);
    assert_int_equal(rd(f, STATUS), ALL_OK);
}

static int setup_drive(void **state, const char *opts)
{
    fixture_t *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    snprintf(f->path, sizeof(f->path), "/tmp/polyhart-blk-test.XXXXXX");
    f->fd = mkstemp(f->path);
    assert_true(f->fd >= 0);
    uint8_t *img = malloc(DISK_SIZE);
    for (uint64_t i = 0; i < DISK_SIZE; i++)
        img[i] = pattern(i);
    assert_int_equal(pwrite(f->fd, img, DISK_SIZE, 0), DISK_SIZE);
    free(img);
    log_init(&f->log);
    f->log.out = open_memstream(&f->logbuf, &f->loglen);
    f->log.mask = LOG_GUEST_ERRORS;
    assert_true(phys_init(&f->phys));
    f->ram = phys_add_ram(&f->phys, "ram", RAM, RAM_SIZE, false);
    irq_line_t irq = {0};
    virtio_mmio_init(&f->vm, &f->phys, NULL, &f->log, BASE, irq, 1);
    char arg[256], err[256];
    blk_conf_t c;
    snprintf(arg, sizeof(arg), "file=%s%s", f->path, opts);
    assert_int_equal(blk_conf_parse(arg, &c, err, sizeof(err)), 0);
    f->blk = virtio_blk_create(&f->vm, &c, err, sizeof(err));
    assert_non_null(f->blk);
    assert_non_null(phys_add_mmio(&f->phys, "virtio", BASE, VIRTIO_MMIO_SIZE, &virtio_mmio_ops,
                                  &f->vm, &f->vm.lock));
    f->region = phys_lookup(&f->phys, BASE);
    bring_up(f);
    *state = f;
    return 0;
}

static int setup(void **state) { return setup_drive(state, ",serial=SN-1234"); }
static int setup_ro(void **state) { return setup_drive(state, ",readonly=on"); }

static int teardown(void **state)
{
    fixture_t *f = *state;
    virtio_mmio_destroy(&f->vm);
    phys_destroy(&f->phys);
    fclose(f->log.out);
    free(f->logbuf);
    close(f->fd);
    unlink(f->path);
    free(f);
    return 0;
}

/* ---- the driver side ---- */

static void put_desc(fixture_t *f, uint64_t table, unsigned i, uint64_t addr, uint32_t len,
                     uint16_t flags, uint16_t next)
{
    uint8_t *p = host(f, table + 16ULL * i);
    memcpy(p, &addr, 8);
    memcpy(p + 8, &len, 4);
    memcpy(p + 12, &flags, 2);
    memcpy(p + 14, &next, 2);
}

typedef struct seg {
    uint64_t addr;
    uint32_t len;
    bool write;
} seg_t;

static uint16_t ring16(fixture_t *f, uint64_t pa)
{
    uint16_t v;
    memcpy(&v, host(f, pa), 2);
    return v;
}

/* Posts a chain of `n` segments (as direct descriptors, or one indirect table), runs the
 * device and returns the used length of the new used entry, or -1 if there is none. */
static int64_t run_chain(fixture_t *f, const seg_t *s, unsigned n, bool indirect)
{
    uint16_t head = f->next_desc;
    uint64_t table = indirect ? INDIRECT_TABLE : DESC;
    unsigned base = indirect ? 0 : head;
    for (unsigned i = 0; i < n; i++)
        put_desc(f, table, base + i, s[i].addr, s[i].len,
                 (uint16_t)((i + 1 < n ? VIRTQ_DESC_F_NEXT : 0) |
                            (s[i].write ? VIRTQ_DESC_F_WRITE : 0)),
                 (uint16_t)(base + i + 1));
    if (indirect)
        put_desc(f, DESC, head, INDIRECT_TABLE, 16 * n, VIRTQ_DESC_F_INDIRECT, 0);
    f->next_desc = (uint16_t)((head + (indirect ? 1 : n)) % (QSIZE - 4));
    uint16_t idx = ring16(f, AVAIL + 2), used = ring16(f, USED + 2);
    memcpy(host(f, AVAIL + 4 + 2 * (idx % QSIZE)), &head, 2);
    idx++;
    memcpy(host(f, AVAIL + 2), &idx, 2);
    virtio_blk_process(f->blk);
    if (ring16(f, USED + 2) == used)
        return -1;
    uint32_t id, len;
    memcpy(&id, host(f, USED + 4 + 8 * (used % QSIZE)), 4);
    memcpy(&len, host(f, USED + 8 + 8 * (used % QSIZE)), 4);
    assert_int_equal(id, head);
    return len;
}

static void put_hdr(fixture_t *f, uint32_t type, uint64_t sector)
{
    memset(host(f, HDR), 0, 16);
    memcpy(host(f, HDR), &type, 4);
    memcpy(host(f, HDR + 8), &sector, 8);
}

/* A request with `len` data bytes at DATA (device-writable if `dwrite`) and the status at
 * STATUS_PA: the status byte (0xee if untouched), and the used length in *used. */
static int request(fixture_t *f, uint32_t type, uint64_t sector, uint32_t len, bool dwrite,
                   int64_t *used)
{
    put_hdr(f, type, sector);
    *host(f, STATUS_PA) = 0xee;
    seg_t s[3] = {{HDR, 16, false}, {DATA, len, dwrite}, {STATUS_PA, 1, true}};
    seg_t nodata[2] = {{HDR, 16, false}, {STATUS_PA, 1, true}};
    int64_t u = len ? run_chain(f, s, 3, false) : run_chain(f, nodata, 2, false);
    if (used)
        *used = u;
    return *host(f, STATUS_PA);
}

static bool file_matches(fixture_t *f, uint64_t off, const uint8_t *want, size_t len)
{
    uint8_t *buf = malloc(len);
    bool ok = pread(f->fd, buf, len, (off_t)off) == (ssize_t)len && !memcmp(buf, want, len);
    free(buf);
    return ok;
}

static bool data_is_pattern(fixture_t *f, uint64_t pa, uint64_t off, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (host(f, pa)[i] != pattern(off + i))
            return false;
    return true;
}

/* ---- tests ---- */

static void test_config_and_features(void **state)
{
    fixture_t *f = *state;
    uint64_t cap = (uint64_t)rd(f, CONFIG) | (uint64_t)rd(f, CONFIG + 4) << 32;
    assert_int_equal(cap, SECTORS);
    assert_int_equal(rd(f, CONFIG + VIRTIO_BLK_CFG_SEG_MAX), VIRTIO_BLK_SEG_MAX);
    assert_int_equal(rd(f, CONFIG + VIRTIO_BLK_CFG_BLK_SIZE), 512);
    assert_int_equal(rd(f, CONFIG + VIRTIO_BLK_CFG_MAX_DISCARD_SEG), VIRTIO_BLK_MAX_DWZ_SEG);
    uint64_t feat = offered(f);
    assert_true(feat & (1ULL << VIRTIO_BLK_F_FLUSH));
    assert_true(feat & (1ULL << VIRTIO_BLK_F_DISCARD));
    assert_true(feat & (1ULL << VIRTIO_BLK_F_WRITE_ZEROES));
    assert_true(feat & (1ULL << VIRTIO_BLK_F_BLK_SIZE));
    assert_false(feat & (1ULL << VIRTIO_BLK_F_RO));
    assert_true(feat & (1ULL << VIRTIO_F_VERSION_1));
}

static void test_read(void **state)
{
    fixture_t *f = *state;
    int64_t used;
    assert_int_equal(request(f, VIRTIO_BLK_T_IN, 3, 4096, true, &used), VIRTIO_BLK_S_OK);
    assert_int_equal(used, 4097);
    assert_true(data_is_pattern(f, DATA, 3 * 512, 4096));
    /* the last sector, and a read of nothing */
    assert_int_equal(request(f, VIRTIO_BLK_T_IN, SECTORS - 1, 512, true, NULL), 0);
    assert_true(data_is_pattern(f, DATA, DISK_SIZE - 512, 512));
    assert_int_equal(request(f, VIRTIO_BLK_T_IN, 0, 0, true, &used), VIRTIO_BLK_S_OK);
    assert_int_equal(used, 1);
    assert_false(logged(f, "virtio"));
}

static void test_write(void **state)
{
    fixture_t *f = *state;
    for (unsigned i = 0; i < 8192; i++)
        host(f, DATA)[i] = (uint8_t)(i ^ 0x5a);
    int64_t used;
    assert_int_equal(request(f, VIRTIO_BLK_T_OUT, 100, 8192, false, &used), VIRTIO_BLK_S_OK);
    assert_int_equal(used, 1);
    assert_true(file_matches(f, 100 * 512, host(f, DATA), 8192));
    assert_int_equal(request(f, VIRTIO_BLK_T_FLUSH, 0, 0, false, NULL), VIRTIO_BLK_S_OK);
    /* and back through a read */
    memset(host(f, DATA), 0, 8192);
    assert_int_equal(request(f, VIRTIO_BLK_T_IN, 100, 8192, true, NULL), VIRTIO_BLK_S_OK);
    for (unsigned i = 0; i < 8192; i++)
        assert_int_equal(host(f, DATA)[i], (uint8_t)(i ^ 0x5a));
}

/* Requests over the zero-copy limit go through the bounce buffer, 1 MiB at a time. */
static void test_large_requests(void **state)
{
    fixture_t *f = *state;
    uint32_t len = 5u << 20;
    int64_t used;
    assert_int_equal(request(f, VIRTIO_BLK_T_IN, 8, len, true, &used), VIRTIO_BLK_S_OK);
    assert_int_equal(used, len + 1);
    assert_true(data_is_pattern(f, DATA, 8 * 512, len));
    for (uint32_t i = 0; i < len; i++)
        host(f, DATA)[i] = (uint8_t)(i * 13 + (i >> 12));
    assert_int_equal(request(f, VIRTIO_BLK_T_OUT, 1000, len, false, &used), VIRTIO_BLK_S_OK);
    assert_true(file_matches(f, 1000 * 512, host(f, DATA), len));
}

/* Headers split over descriptors, the status byte at the end of the data buffer, several
 * data buffers, an indirect table: the device must not depend on the framing. */
static void test_framing(void **state)
{
    fixture_t *f = *state;
    put_hdr(f, VIRTIO_BLK_T_IN, 8);
    seg_t split[3] = {{HDR, 5, false}, {HDR + 5, 11, false}, {DATA, 1025, true}};
    assert_int_equal(run_chain(f, split, 3, false), 1025);
    assert_int_equal(host(f, DATA)[1024], VIRTIO_BLK_S_OK);
    assert_true(data_is_pattern(f, DATA, 8 * 512, 1024));
    put_hdr(f, VIRTIO_BLK_T_IN, 16);
    seg_t scattered[5] = {{HDR, 16, false}, {DATA + 0x10000, 100, true},
                          {DATA + 0x20000, 412, true}, {DATA + 0x30000, 512, true},
                          {STATUS_PA, 1, true}};
    *host(f, STATUS_PA) = 0xee;
    assert_int_equal(run_chain(f, scattered, 5, true), 1025);
    assert_int_equal(*host(f, STATUS_PA), VIRTIO_BLK_S_OK);
    assert_true(data_is_pattern(f, DATA + 0x10000, 16 * 512, 100));
    assert_true(data_is_pattern(f, DATA + 0x20000, 16 * 512 + 100, 412));
    assert_true(data_is_pattern(f, DATA + 0x30000, 17 * 512, 512));
}

static void test_bad_ranges_and_sizes(void **state)
{
    fixture_t *f = *state;
    assert_int_equal(request(f, VIRTIO_BLK_T_IN, SECTORS, 512, true, NULL), VIRTIO_BLK_S_IOERR);
    assert_true(logged(f, "read of 512 bytes at sector 16384"));
    assert_int_equal(request(f, VIRTIO_BLK_T_IN, SECTORS - 1, 1024, true, NULL),
                     VIRTIO_BLK_S_IOERR);
    assert_int_equal(request(f, VIRTIO_BLK_T_OUT, UINT64_MAX, 512, false, NULL),
                     VIRTIO_BLK_S_IOERR);
    assert_int_equal(request(f, VIRTIO_BLK_T_OUT, UINT64_MAX / 512 + 1, 512, false, NULL),
                     VIRTIO_BLK_S_IOERR);
    assert_int_equal(request(f, VIRTIO_BLK_T_IN, 0, 100, true, NULL), VIRTIO_BLK_S_IOERR);
    assert_int_equal(request(f, VIRTIO_BLK_T_OUT, 0, 513, false, NULL), VIRTIO_BLK_S_IOERR);
    assert_true(logged(f, "write of 513 bytes"));
    uint8_t orig[1024];
    for (unsigned i = 0; i < sizeof(orig); i++)
        orig[i] = pattern(i);
    assert_true(file_matches(f, 0, orig, sizeof(orig)));
    assert_int_equal(rd(f, STATUS), ALL_OK);
}

static void test_wrong_direction(void **state)
{
    fixture_t *f = *state;
    /* IN whose data the device could only read; OUT whose data it could only write */
    assert_int_equal(request(f, VIRTIO_BLK_T_IN, 0, 512, false, NULL), VIRTIO_BLK_S_IOERR);
    assert_int_equal(request(f, VIRTIO_BLK_T_OUT, 0, 512, true, NULL), VIRTIO_BLK_S_IOERR);
    assert_int_equal(request(f, VIRTIO_BLK_T_FLUSH, 0, 512, true, NULL), VIRTIO_BLK_S_IOERR);
    assert_int_equal(request(f, VIRTIO_BLK_T_GET_ID, 0, 20, false, NULL), VIRTIO_BLK_S_IOERR);
    assert_true(logged(f, "I/O error"));
    assert_int_equal(rd(f, STATUS), ALL_OK);
}

static void test_get_id_and_unsupported(void **state)
{
    fixture_t *f = *state;
    memset(host(f, DATA), 0xaa, 32);
    int64_t used;
    assert_int_equal(request(f, VIRTIO_BLK_T_GET_ID, 0, 20, true, &used), VIRTIO_BLK_S_OK);
    assert_int_equal(used, 21);
    assert_memory_equal(host(f, DATA), "SN-1234\0\0\0\0\0\0\0\0\0\0\0\0\0", 20);
    assert_int_equal(host(f, DATA)[20], 0xaa);
    assert_int_equal(request(f, 10 /* GET_LIFETIME */, 0, 0, false, NULL), VIRTIO_BLK_S_UNSUPP);
    assert_int_equal(request(f, 0x80000000u, 0, 0, false, NULL), VIRTIO_BLK_S_UNSUPP);
    assert_true(logged(f, "unsupported"));
}

/* One DISCARD/WRITE_ZEROES segment at DATA. */
static int dwz(fixture_t *f, uint32_t type, uint64_t sector, uint32_t num, uint32_t flags)
{
    memcpy(host(f, DATA), &sector, 8);
    memcpy(host(f, DATA + 8), &num, 4);
    memcpy(host(f, DATA + 12), &flags, 4);
    return request(f, type, 0, 16, false, NULL);
}

static void test_discard_write_zeroes(void **state)
{
    fixture_t *f = *state;
    static const uint8_t zero[8192];
    assert_int_equal(dwz(f, VIRTIO_BLK_T_WRITE_ZEROES, 64, 16, 0), VIRTIO_BLK_S_OK);
    assert_true(file_matches(f, 64 * 512, zero, 8192));
    assert_int_equal(dwz(f, VIRTIO_BLK_T_WRITE_ZEROES, 128, 16, VIRTIO_BLK_WZ_F_UNMAP), 0);
    assert_true(file_matches(f, 128 * 512, zero, 8192));
    assert_int_equal(dwz(f, VIRTIO_BLK_T_DISCARD, 256, 16, 0), VIRTIO_BLK_S_OK);
    /* the sector before the ranges is untouched */
    uint8_t before[512];
    for (unsigned i = 0; i < 512; i++)
        before[i] = pattern(63 * 512 + i);
    assert_true(file_matches(f, 63 * 512, before, 512));
    /* bad flags, bad ranges, bad segment lists */
    assert_int_equal(dwz(f, VIRTIO_BLK_T_DISCARD, 0, 8, VIRTIO_BLK_WZ_F_UNMAP),
                     VIRTIO_BLK_S_UNSUPP);
    assert_int_equal(dwz(f, VIRTIO_BLK_T_WRITE_ZEROES, 0, 8, 2), VIRTIO_BLK_S_UNSUPP);
    assert_int_equal(dwz(f, VIRTIO_BLK_T_DISCARD, SECTORS - 4, 8, 0), VIRTIO_BLK_S_IOERR);
    assert_int_equal(dwz(f, VIRTIO_BLK_T_WRITE_ZEROES, 0, VIRTIO_BLK_MAX_WZ_SECTORS + 1, 0),
                     VIRTIO_BLK_S_IOERR);
    assert_int_equal(request(f, VIRTIO_BLK_T_DISCARD, 0, 24, false, NULL), VIRTIO_BLK_S_IOERR);
    assert_int_equal(request(f, VIRTIO_BLK_T_DISCARD, 0, 16 * (VIRTIO_BLK_MAX_DWZ_SEG + 1),
                             false, NULL), VIRTIO_BLK_S_IOERR);
    assert_int_equal(request(f, VIRTIO_BLK_T_WRITE_ZEROES, 0, 0, false, NULL),
                     VIRTIO_BLK_S_IOERR);
    assert_int_equal(rd(f, STATUS), ALL_OK);
}

/* A host write error (EFBIG past RLIMIT_FSIZE) reaches the guest as IOERR, and the device
 * keeps working afterwards. */
static void test_host_write_error(void **state)
{
    fixture_t *f = *state;
    struct rlimit old, small;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    small = old;
    small.rlim_cur = 4096;
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    int st = request(f, VIRTIO_BLK_T_OUT, 16, 512, false, NULL);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    assert_int_equal(st, VIRTIO_BLK_S_IOERR);
    assert_int_equal(request(f, VIRTIO_BLK_T_OUT, 16, 512, false, NULL), VIRTIO_BLK_S_OK);
    assert_int_equal(rd(f, STATUS), ALL_OK);
}

static void test_malformed_needs_reset(void **state)
{
    fixture_t *f = *state;
    put_hdr(f, VIRTIO_BLK_T_IN, 0);
    seg_t short_hdr[2] = {{HDR, 8, false}, {STATUS_PA, 1, true}};
    assert_int_equal(run_chain(f, short_hdr, 2, false), -1);
    assert_true(rd(f, STATUS) & VIRTIO_STATUS_NEEDS_RESET);
    assert_true(logged(f, "header shorter than 16 bytes: device needs reset"));
    bring_up(f);
    f->next_desc = 0;
    seg_t no_status[2] = {{HDR, 16, false}, {DATA, 512, false}};
    assert_int_equal(run_chain(f, no_status, 2, false), -1);
    assert_true(rd(f, STATUS) & VIRTIO_STATUS_NEEDS_RESET);
    assert_true(logged(f, "without a writable status byte"));
    /* a reset brings it back */
    bring_up(f);
    f->next_desc = 0;
    assert_int_equal(request(f, VIRTIO_BLK_T_IN, 0, 512, true, NULL), VIRTIO_BLK_S_OK);
}

static void test_readonly(void **state)
{
    fixture_t *f = *state;
    uint64_t feat = offered(f);
    assert_true(feat & (1ULL << VIRTIO_BLK_F_RO));
    assert_false(feat & (1ULL << VIRTIO_BLK_F_DISCARD));
    assert_false(feat & (1ULL << VIRTIO_BLK_F_FLUSH));
    memset(host(f, DATA), 0, 512);
    assert_int_equal(request(f, VIRTIO_BLK_T_OUT, 0, 512, false, NULL), VIRTIO_BLK_S_IOERR);
    assert_true(logged(f, "read-only"));
    assert_int_equal(dwz(f, VIRTIO_BLK_T_WRITE_ZEROES, 0, 8, 0), VIRTIO_BLK_S_IOERR);
    assert_int_equal(dwz(f, VIRTIO_BLK_T_DISCARD, 0, 8, 0), VIRTIO_BLK_S_IOERR);
    uint8_t orig[4096];
    for (unsigned i = 0; i < sizeof(orig); i++)
        orig[i] = pattern(i);
    assert_true(file_matches(f, 0, orig, sizeof(orig)));
    assert_int_equal(request(f, VIRTIO_BLK_T_IN, 0, 512, true, NULL), VIRTIO_BLK_S_OK);
    assert_int_equal(request(f, VIRTIO_BLK_T_FLUSH, 0, 0, false, NULL), VIRTIO_BLK_S_OK);
}

/* ---- -drive parsing ---- */

static void expect_conf_error(const char *arg, const char *text)
{
    blk_conf_t c;
    char err[256] = "";
    assert_int_equal(blk_conf_parse(arg, &c, err, sizeof(err)), -1);
    if (!strstr(err, text))
        fail_msg("'%s': error '%s' lacks '%s'", arg, err, text);
}

static void test_drive_options(void **state)
{
    (void)state;
    blk_conf_t c;
    char err[256];
    assert_int_equal(blk_conf_parse("file=/x.img,format=raw,if=none,id=d-0.a_b,readonly=on,"
                                    "cache=directsync,serial=ABC 123", &c, err, sizeof(err)), 0);
    assert_string_equal(c.file, "/x.img");
    assert_string_equal(c.id, "d-0.a_b");
    assert_string_equal(c.serial, "ABC 123");
    assert_true(c.readonly);
    assert_int_equal(c.iface, BLK_IF_NONE);
    assert_int_equal(c.cache, BLK_CACHE_DIRECTSYNC);
    assert_int_equal(blk_conf_parse("file=a", &c, err, sizeof(err)), 0);
    assert_int_equal(c.iface, BLK_IF_VIRTIO);
    assert_int_equal(c.cache, BLK_CACHE_WRITEBACK);
    assert_false(c.readonly);
    expect_conf_error("format=raw", "no file=IMAGE");
    expect_conf_error("file=a,format=qcow2", "invalid format 'qcow2'");
    expect_conf_error("file=a,if=scsi", "invalid if 'scsi'");
    expect_conf_error("file=a,cache=fast", "invalid cache 'fast'");
    expect_conf_error("file=a,readonly=2", "invalid readonly '2'");
    expect_conf_error("file=a,id=0bad", "invalid id '0bad'");
    expect_conf_error("file=a,id=a/b", "invalid id");
    expect_conf_error("file=a,serial=123456789012345678901", "invalid serial");
    expect_conf_error("file=a,serial=tab\there", "invalid serial");
    expect_conf_error("file=a,bogus=1", "unknown key 'bogus'");
    expect_conf_error("file=a,,", "malformed option");
    expect_conf_error("file", "malformed option 'file'");
    expect_conf_error("=a", "malformed");
    expect_conf_error("file=a,if=none", "if=none needs id=ID");
    expect_conf_error("file=", "invalid file ''");
}

static void test_drive_list(void **state)
{
    (void)state;
    blk_drive_list_t l = {0};
    blk_if_t iface;
    char err[256];
    assert_int_equal(blk_drive_add(&l, "file=a,id=x", &iface, err, sizeof(err)), 0);
    assert_int_equal(iface, BLK_IF_VIRTIO);
    assert_int_equal(blk_drive_add(&l, "file=b,if=none,id=y", &iface, err, sizeof(err)), 0);
    assert_int_equal(iface, BLK_IF_NONE);
    assert_int_equal(blk_drive_add(&l, "file=c,if=none,id=x", &iface, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "duplicate id 'x'"));
    assert_int_equal(blk_drive_find(&l, "y"), 1);
    assert_int_equal(blk_drive_find(&l, "z"), -1);
    for (unsigned i = 2; i < BLK_MAX_DRIVES; i++)
        assert_int_equal(blk_drive_add(&l, "file=d", &iface, err, sizeof(err)), 0);
    assert_int_equal(blk_drive_add(&l, "file=d", &iface, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "too many"));
}

static void test_open_errors(void **state)
{
    (void)state;
    blk_conf_t c;
    blk_file_t bf;
    char err[256];
    assert_int_equal(blk_conf_parse("file=/nonexistent/polyhart.img", &c, err, sizeof(err)), 0);
    assert_int_equal(blk_file_open(&bf, &c, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "No such file"));
    assert_int_equal(blk_conf_parse("file=/tmp", &c, err, sizeof(err)), 0);
    assert_int_equal(blk_file_open(&bf, &c, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "is a directory"));
    assert_int_equal(blk_conf_parse("file=/dev/null", &c, err, sizeof(err)), 0);
    assert_int_equal(blk_file_open(&bf, &c, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "special file"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_config_and_features, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write, setup, teardown),
        cmocka_unit_test_setup_teardown(test_framing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_large_requests, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_ranges_and_sizes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_direction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_get_id_and_unsupported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_discard_write_zeroes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_host_write_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_malformed_needs_reset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readonly, setup_ro, teardown),
        cmocka_unit_test(test_drive_options),
        cmocka_unit_test(test_drive_list),
        cmocka_unit_test(test_open_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
