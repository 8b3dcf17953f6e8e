/*
 * blkdata: data of known content for the disk tests (tests/virtio/blk.sh). Portable C, so the
 * host builds the same program to produce the bytes it expects.
 *
 *   blkdata gen SEED SIZE             writes SIZE bytes of stream SEED to stdout
 *   blkdata check SEED SIZE FILE      exits 0 if FILE holds exactly those bytes (else prints
 *                                     the first differing offset and exits 1)
 *   blkdata stress DIR THREADS ROUNDS SIZE
 *                                     THREADS threads each write ROUNDS files DIR/s.T.R of about
 *                                     SIZE bytes (sizes vary, not sector multiples), odd threads
 *                                     through O_DIRECT + O_SYNC, even ones through the page
 *                                     cache + fsync; each file is read back with O_DIRECT (so
 *                                     from the disk, not the page cache) and compared, and the
 *                                     previous round's file is deleted (discards on a
 *                                     `-o discard` mount). Prints one line per thread.
 *   blkdata zeroout|discard DEV OFF LEN
 *                                     BLKZEROOUT / BLKDISCARD ioctl on a block device
 *
 * The stream: 64-bit words of xorshift64* seeded through splitmix64 from SEED, little endian.
 * Exit status 0 on success, 1 on a mismatch or I/O error, 2 on a usage error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/fs.h>
#endif

enum { CHUNK = 1 << 20, ALIGN = 4096, MAX_THREADS = 64 };

typedef struct stream {
    uint64_t state;
    uint8_t word[8];
    unsigned used; /* bytes of word[] already handed out */
} stream_t;

static void stream_init(stream_t *s, uint64_t seed)
{
    uint64_t z = seed + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    s->state = (z ^ (z >> 31)) | 1;
    s->used = 8;
}

static void stream_fill(stream_t *s, uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s->used == 8) {
            s->state ^= s->state >> 12;
            s->state ^= s->state << 25;
            s->state ^= s->state >> 27;
            uint64_t v = s->state * 0x2545f4914f6cdd1dULL;
            for (int b = 0; b < 8; b++)
                s->word[b] = (uint8_t)(v >> (8 * b));
            s->used = 0;
        }
        buf[i] = s->word[s->used++];
    }
}

static int write_all(int fd, const uint8_t *buf, size_t len)
{
    while (len) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static int read_full(int fd, uint8_t *buf, size_t len, size_t *got)
{
    *got = 0;
    while (*got < len) {
        ssize_t n = read(fd, buf + *got, len - *got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        *got += (size_t)n;
    }
    return 0;
}

static int cmd_gen(uint64_t seed, uint64_t size)
{
    static uint8_t buf[CHUNK];
    stream_t s;
    stream_init(&s, seed);
    for (uint64_t done = 0; done < size;) {
        size_t n = size - done < CHUNK ? (size_t)(size - done) : CHUNK;
        stream_fill(&s, buf, n);
        if (write_all(1, buf, n)) {
            perror("blkdata gen: write");
            return 1;
        }
        done += n;
    }
    return 0;
}

/* Compares what fd holds with `size` bytes of stream `seed`; fd may be O_DIRECT. */
static int compare_fd(int fd, uint64_t seed, uint64_t size, const char *name, uint8_t *buf,
                      uint8_t *want)
{
    stream_t s;
    stream_init(&s, seed);
    uint64_t off = 0;
    for (;;) {
        size_t got;
        if (read_full(fd, buf, CHUNK, &got)) {
            fprintf(stderr, "blkdata: read %s at %" PRIu64 ": %s\n", name, off, strerror(errno));
            return 1;
        }
        size_t cmp = off + got > size ? (size_t)(size - off) : got;
        stream_fill(&s, want, cmp);
        for (size_t i = 0; i < cmp; i++)
            if (buf[i] != want[i]) {
                fprintf(stderr, "blkdata: %s differs at byte %" PRIu64 "\n", name, off + i);
                return 1;
            }
        off += got;
        if (got < CHUNK)
            break;
    }
    if (off != size) {
        fprintf(stderr, "blkdata: %s has %" PRIu64 " bytes, expected %" PRIu64 "\n", name, off,
                size);
        return 1;
    }
    return 0;
}

static int cmd_check(uint64_t seed, uint64_t size, const char *path)
{
    static uint8_t buf[CHUNK], want[CHUNK];
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "blkdata: %s: %s\n", path, strerror(errno));
        return 1;
    }
    int rc = compare_fd(fd, seed, size, path, buf, want);
    close(fd);
    return rc;
}

typedef struct worker {
    pthread_t thread;
    const char *dir;
    int index, rounds;
    uint64_t size;
    int rc;
    char msg[1024];
} worker_t;

/* Writes file `path` with stream `seed`: O_DIRECT|O_SYNC (whole aligned chunks, the tail
 * through a second buffered O_SYNC descriptor) or buffered + fsync. */
static int stress_write(const char *path, uint64_t seed, uint64_t size, int direct, uint8_t *buf)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | (direct ? O_DIRECT | O_SYNC : 0), 0644);
    int tail_fd = direct ? open(path, O_WRONLY | O_SYNC) : fd;
    if (fd < 0 || tail_fd < 0)
        return -1;
    stream_t s;
    stream_init(&s, seed);
    int rc = 0;
    for (uint64_t done = 0; done < size && rc == 0;) {
        size_t n = size - done < CHUNK ? (size_t)(size - done) : CHUNK;
        stream_fill(&s, buf, n);
        size_t aligned = direct ? n & ~(size_t)(ALIGN - 1) : n;
        rc = write_all(fd, buf, aligned);
        if (rc == 0 && aligned < n)
            rc = pwrite(tail_fd, buf + aligned, n - aligned, (off_t)(done + aligned)) ==
                         (ssize_t)(n - aligned) ? 0 : -1;
        done += n;
    }
    if (rc == 0 && !direct)
        rc = fsync(fd);
    if (tail_fd != fd)
        close(tail_fd);
    return close(fd) || rc ? -1 : 0;
}

static void *stress_thread(void *arg)
{
    worker_t *w = arg;
    uint8_t *buf = NULL, *want = malloc(CHUNK);
    if (posix_memalign((void **)&buf, ALIGN, CHUNK) || !want) {
        snprintf(w->msg, sizeof(w->msg), "out of memory");
        w->rc = 1;
        return NULL;
    }
    char path[256], prev[256] = "";
    for (int r = 0; r < w->rounds && w->rc == 0; r++) {
        uint64_t seed = 1000u * (unsigned)(w->index + 1) + (unsigned)r;
        uint64_t size = w->size + (uint64_t)(w->index * 7919 + r * 104729) % (w->size / 2 + 1);
        snprintf(path, sizeof(path), "%s/s.%d.%d", w->dir, w->index, r);
        if (stress_write(path, seed, size, w->index & 1, buf)) {
            snprintf(w->msg, sizeof(w->msg), "write %s: %s", path, strerror(errno));
            w->rc = 1;
            break;
        }
        int fd = open(path, O_RDONLY | O_DIRECT);
        w->rc = fd < 0 ? 1 : compare_fd(fd, seed, size, path, buf, want);
        if (fd >= 0)
            close(fd);
        if (w->rc)
            snprintf(w->msg, sizeof(w->msg), "read-back of %s failed", path);
        if (prev[0])
            unlink(prev);
        memcpy(prev, path, sizeof(prev));
    }
    if (w->rc == 0)
        snprintf(w->msg, sizeof(w->msg), "%d files written and read back", w->rounds);
    free(buf);
    free(want);
    return NULL;
}

static int cmd_stress(const char *dir, int threads, int rounds, uint64_t size)
{
    static worker_t w[MAX_THREADS];
    int failed = 0;
    for (int t = 0; t < threads; t++) {
        w[t] = (worker_t){.dir = dir, .index = t, .rounds = rounds, .size = size};
        if (pthread_create(&w[t].thread, NULL, stress_thread, &w[t]))
            return 1;
    }
    for (int t = 0; t < threads; t++) {
        pthread_join(w[t].thread, NULL);
        printf("blkdata stress: thread %d (%s): %s %s\n", t,
               t & 1 ? "O_DIRECT" : "page cache", w[t].msg, w[t].rc ? "FAIL" : "ok");
        failed |= w[t].rc;
    }
    return failed;
}

static int cmd_ioctl(const char *op, const char *dev, uint64_t off, uint64_t len)
{
#ifdef __linux__
    uint64_t range[2] = {off, len};
    int fd = open(dev, O_WRONLY);
    unsigned long req = strcmp(op, "zeroout") == 0 ? BLKZEROOUT : BLKDISCARD;
    if (fd < 0 || ioctl(fd, req, range) != 0) {
        fprintf(stderr, "blkdata %s %s: %s\n", op, dev, strerror(errno));
        return 1;
    }
    return close(fd) ? 1 : 0;
#else
    (void)op; (void)dev; (void)off; (void)len;
    return 2;
#endif
}

static uint64_t num(const char *s)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 0);
    if (*s == '\0' || *end != '\0') {
        fprintf(stderr, "blkdata: bad number '%s'\n", s);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "gen"))
        return cmd_gen(num(argv[2]), num(argv[3]));
    if (argc == 5 && !strcmp(argv[1], "check"))
        return cmd_check(num(argv[2]), num(argv[3]), argv[4]);
    if (argc == 6 && !strcmp(argv[1], "stress") && num(argv[3]) >= 1 &&
        num(argv[3]) <= MAX_THREADS)
        return cmd_stress(argv[2], (int)num(argv[3]), (int)num(argv[4]), num(argv[5]));
    if (argc == 5 && (!strcmp(argv[1], "zeroout") || !strcmp(argv[1], "discard")))
        return cmd_ioctl(argv[1], argv[2], num(argv[3]), num(argv[4]));
    fprintf(stderr, "usage: blkdata gen SEED SIZE | check SEED SIZE FILE | "
                    "stress DIR THREADS ROUNDS SIZE | zeroout|discard DEV OFF LEN\n");
    return 2;
}
