#include "dev/virtqueue.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* Offsets inside the rings (virtio 1.2 §2.7.6, §2.7.8). */
#define AVAIL_FLAGS 0
#define AVAIL_IDX 2
#define AVAIL_RING 4
#define USED_FLAGS 0
#define USED_IDX 2
#define USED_RING 4
#define USED_ELEM_SIZE 8

/* Store->load ordering against the guest driver (which x86-64's TSO alone does not give).
 * ThreadSanitizer does not model fences (and warns about them); its builds use the
 * instruction itself, which the host still needs. */
static inline void full_fence(void)
{
#if defined(__SANITIZE_THREAD__)
    __asm__ volatile("mfence" ::: "memory");
#else
    atomic_thread_fence(memory_order_seq_cst);
#endif
}

typedef struct desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
} desc_t;

/* The descriptor table a chain is being read from: the queue's, or an indirect one. */
typedef struct table {
    uint64_t addr;
    uint32_t size;  /* entries */
    uint32_t seen;  /* descriptors read from it so far */
    bool indirect;
} table_t;

void virtq_init(virtq_t *q, phys_map_t *phys)
{
    memset(q, 0, sizeof(*q));
    q->phys = phys;
}

void virtq_reset(virtq_t *q)
{
    phys_map_t *phys = q->phys;
    uint32_t epoch = q->epoch + 1;
    memset(q, 0, sizeof(*q));
    q->phys = phys;
    q->epoch = epoch;
}

bool virtq_size_ok(uint32_t size, uint32_t max)
{
    return size != 0 && size <= max && size <= VIRTQ_MAX_SIZE && (size & (size - 1)) == 0;
}

/* Whether [addr, addr+len) lies wholly in RAM (or RAM/ROM when `rom_ok`). */
static bool in_ram(phys_map_t *phys, uint64_t addr, uint64_t len, bool rom_ok)
{
    if (len == 0)
        return true;
    if (addr + len < addr)
        return false;
    const phys_region_t *r = phys_lookup(phys, addr);
    if (!r || len > r->size - (addr - r->base))
        return false;
    return r->kind == REGION_RAM || (rom_ok && r->kind == REGION_ROM);
}

int virtq_check_layout(const virtq_t *q, uint32_t max)
{
    if (!virtq_size_ok(q->size, max))
        return -VIRTQ_ERR_SIZE;
    uint64_t n = q->size;
    bool aligned = (q->desc & 15) == 0 && (q->avail & 1) == 0 && (q->used & 3) == 0;
    /* avail and used each end with a 2-byte event field (used only with EVENT_IDX, but a
     * driver always allocates it). */
    if (!aligned || !in_ram(q->phys, q->desc, VIRTQ_DESC_SIZE * n, true) ||
        !in_ram(q->phys, q->avail, 6 + 2 * n, false) ||
        !in_ram(q->phys, q->used, 6 + USED_ELEM_SIZE * n, false))
        return -VIRTQ_ERR_LAYOUT;
    return 0;
}

void virtq_enable(virtq_t *q, bool event_idx, bool indirect)
{
    q->event_idx = event_idx;
    q->indirect = indirect;
    q->last_avail = q->used_idx = q->signalled = 0;
    q->ready = true;
}

static bool load16(virtq_t *q, uint64_t addr, uint16_t *v)
{
    uint64_t x;
    if (!phys_dma_load(q->phys, addr, 2, &x))
        return false;
    *v = (uint16_t)x;
    return true;
}

static bool read_desc(virtq_t *q, const table_t *t, uint32_t i, desc_t *d)
{
    uint8_t raw[VIRTQ_DESC_SIZE];
    if (!phys_dma_read(q->phys, t->addr + (uint64_t)i * VIRTQ_DESC_SIZE, raw, sizeof(raw)))
        return false;
    memcpy(&d->addr, raw, 8); /* little endian on both sides */
    memcpy(&d->len, raw + 8, 4);
    memcpy(&d->flags, raw + 12, 2);
    memcpy(&d->next, raw + 14, 2);
    return true;
}

/* Appends one buffer to the element, enforcing readable-before-writable and the limits. */
static int elem_add(virtq_t *q, virtq_elem_t *e, const desc_t *d)
{
    bool writable = d->flags & VIRTQ_DESC_F_WRITE;
    if (!writable && e->nwrite)
        return -VIRTQ_ERR_ORDER;
    if (!in_ram(q->phys, d->addr, d->len, !writable))
        return -VIRTQ_ERR_BUF;
    if (e->read_len + e->write_len + d->len > UINT32_MAX)
        return -VIRTQ_ERR_TOTAL_LEN;
    unsigned n = e->nread + e->nwrite;
    if (n >= q->size)
        return -VIRTQ_ERR_CHAIN_LONG;
    if (n == e->cap) {
        unsigned cap = e->cap ? 2 * e->cap : 8;
        virtq_buf_t *nb = realloc(e->buf, cap * sizeof(*nb));
        if (!nb)
            return -VIRTQ_ERR_NOMEM;
        e->buf = nb;
        e->cap = cap;
    }
    e->buf[n] = (virtq_buf_t){.addr = d->addr, .len = d->len};
    if (writable) {
        e->nwrite++;
        e->write_len += d->len;
    } else {
        e->nread++;
        e->read_len += d->len;
    }
    return 0;
}

/* Switches the walk to the indirect table `d` points to. */
static int enter_indirect(virtq_t *q, table_t *t, const desc_t *d)
{
    if (!q->indirect)
        return -VIRTQ_ERR_INDIRECT_FEATURE;
    if (t->indirect)
        return -VIRTQ_ERR_INDIRECT_NESTED;
    if (d->flags & VIRTQ_DESC_F_NEXT)
        return -VIRTQ_ERR_INDIRECT_NEXT;
    if (d->len == 0 || d->len % VIRTQ_DESC_SIZE)
        return -VIRTQ_ERR_INDIRECT_LEN;
    if ((d->addr & 15) || !in_ram(q->phys, d->addr, d->len, true))
        return -VIRTQ_ERR_DESC;
    *t = (table_t){.addr = d->addr, .size = d->len / VIRTQ_DESC_SIZE, .indirect = true};
    return 0;
}

/* Reads the chain starting at `head` into `e`. Every descriptor read counts against its
 * table's size, so a loop ends as soon as it has visited more entries than the table has. */
static int walk_chain(virtq_t *q, uint16_t head, virtq_elem_t *e)
{
    table_t t = {.addr = q->desc, .size = q->size};
    uint32_t i = head;
    for (;;) {
        if (++t.seen > t.size)
            return t.indirect ? -VIRTQ_ERR_INDIRECT_LOOP : -VIRTQ_ERR_CHAIN_LONG;
        desc_t d;
        if (!read_desc(q, &t, i, &d))
            return -VIRTQ_ERR_DESC;
        int r;
        if (d.flags & VIRTQ_DESC_F_INDIRECT) {
            if ((r = enter_indirect(q, &t, &d)))
                return r;
            i = 0;
            continue;
        }
        if ((r = elem_add(q, e, &d)))
            return r;
        if (!(d.flags & VIRTQ_DESC_F_NEXT))
            return 1;
        if (d.next >= t.size)
            return -VIRTQ_ERR_NEXT;
        i = d.next;
    }
}

static void elem_clear(virtq_elem_t *e)
{
    e->nread = e->nwrite = 0;
    e->read_len = e->write_len = 0;
    e->head = 0;
}

/* Chains available past last_avail (0..size), or -VIRTQ_ERR_*. */
static int avail_count(virtq_t *q)
{
    uint16_t idx;
    if (!load16(q, q->avail + AVAIL_IDX, &idx))
        return -VIRTQ_ERR_RING;
    uint16_t n = (uint16_t)(idx - q->last_avail);
    return n > q->size ? -VIRTQ_ERR_AVAIL_IDX : n;
}

/* The queue looks empty: with EVENT_IDX, ask the driver to notify from the next chain on,
 * then look again, since the driver may have added one before it could see avail_event. */
static int avail_count_idle(virtq_t *q)
{
    if (!q->event_idx)
        return 0;
    uint64_t ev = q->used + USED_RING + (uint64_t)USED_ELEM_SIZE * q->size;
    if (!phys_dma_store(q->phys, ev, 2, q->last_avail))
        return -VIRTQ_ERR_USED;
    full_fence();
    return avail_count(q);
}

int virtq_pop(virtq_t *q, virtq_elem_t *e)
{
    elem_clear(e);
    if (!q->ready)
        return 0;
    int n = avail_count(q);
    if (n == 0)
        n = avail_count_idle(q);
    if (n <= 0)
        return n;
    uint16_t head;
    uint64_t slot = q->avail + AVAIL_RING + 2ULL * (q->last_avail % q->size);
    if (!load16(q, slot, &head))
        return -VIRTQ_ERR_RING;
    if (head >= q->size)
        return -VIRTQ_ERR_HEAD;
    int r = walk_chain(q, head, e);
    if (r < 0) {
        elem_clear(e);
        return r;
    }
    e->head = head;
    e->epoch = q->epoch;
    q->last_avail++;
    return 1;
}

bool virtq_has_avail(virtq_t *q)
{
    return q->ready && avail_count(q) > 0;
}

int virtq_push(virtq_t *q, const virtq_elem_t *e, uint32_t len)
{
    if (e->epoch != q->epoch || !q->ready)
        return 0;
    uint64_t slot = q->used + USED_RING + (uint64_t)USED_ELEM_SIZE * (q->used_idx % q->size);
    /* The element is two 4-byte fields: the used ring is only 4-byte aligned. */
    if (!phys_dma_store(q->phys, slot, 4, e->head) || !phys_dma_store(q->phys, slot + 4, 4, len))
        return -VIRTQ_ERR_USED;
    q->used_idx++;
    if (!phys_dma_store(q->phys, q->used + USED_IDX, 2, q->used_idx)) /* release */
        return -VIRTQ_ERR_USED;
    return 0;
}

/* virtio 1.2 §2.7.10: notify if used_event lies in [old, new). */
static bool need_event(uint16_t event, uint16_t new_idx, uint16_t old_idx)
{
    return (uint16_t)(new_idx - event - 1) < (uint16_t)(new_idx - old_idx);
}

bool virtq_should_notify(virtq_t *q)
{
    uint16_t old = q->signalled, now = q->used_idx;
    q->signalled = now;
    if (!q->ready || old == now)
        return false;
    /* Our used idx store must be visible before we read the driver's wishes, which it may
     * have changed just before reading our idx (store->load: a full fence). */
    full_fence();
    uint16_t v;
    if (q->event_idx) {
        if (!load16(q, q->avail + AVAIL_RING + 2ULL * q->size, &v))
            return true;
        return need_event(v, now, old);
    }
    if (!load16(q, q->avail + AVAIL_FLAGS, &v))
        return true;
    return !(v & VIRTQ_AVAIL_F_NO_INTERRUPT);
}

/* Copies between `host` and the element's buffers of one kind (bufs[first .. first+n)),
 * starting `off` bytes into them. */
static size_t elem_copy(phys_map_t *phys, const virtq_elem_t *e, unsigned first, unsigned n,
                        uint64_t off, uint8_t *host, size_t len, bool to_guest)
{
    size_t done = 0;
    for (unsigned i = first; i < first + n && done < len; i++) {
        const virtq_buf_t *b = &e->buf[i];
        if (off >= b->len) {
            off -= b->len;
            continue;
        }
        uint64_t chunk = b->len - off;
        if (chunk > len - done)
            chunk = len - done;
        bool ok = to_guest ? phys_dma_write(phys, b->addr + off, host + done, chunk)
                           : phys_dma_read(phys, b->addr + off, host + done, chunk);
        if (!ok)
            break;
        done += chunk;
        off = 0;
    }
    return done;
}

size_t virtq_elem_read(phys_map_t *phys, const virtq_elem_t *e, uint64_t off, void *dst,
                       size_t len)
{
    return elem_copy(phys, e, 0, e->nread, off, dst, len, false);
}

size_t virtq_elem_write(phys_map_t *phys, const virtq_elem_t *e, uint64_t off, const void *src,
                        size_t len)
{
    return elem_copy(phys, e, e->nread, e->nwrite, off, (uint8_t *)src, len, true);
}

void virtq_elem_free(virtq_elem_t *e)
{
    free(e->buf);
    memset(e, 0, sizeof(*e));
}

static const char *const err_names[] = {
    [VIRTQ_ERR_RING] = "available ring outside RAM",
    [VIRTQ_ERR_AVAIL_IDX] = "available index moved more than the queue size",
    [VIRTQ_ERR_HEAD] = "chain head index beyond the queue size",
    [VIRTQ_ERR_DESC] = "descriptor table outside RAM",
    [VIRTQ_ERR_NEXT] = "next descriptor index beyond the table",
    [VIRTQ_ERR_CHAIN_LONG] = "descriptor chain longer than the queue size (loop?)",
    [VIRTQ_ERR_INDIRECT_LOOP] = "indirect chain longer than its table (loop?)",
    [VIRTQ_ERR_INDIRECT_FEATURE] = "indirect descriptor without VIRTIO_F_INDIRECT_DESC",
    [VIRTQ_ERR_INDIRECT_NESTED] = "indirect descriptor inside an indirect table",
    [VIRTQ_ERR_INDIRECT_NEXT] = "indirect descriptor with the NEXT flag",
    [VIRTQ_ERR_INDIRECT_LEN] = "indirect table length zero or not a multiple of 16",
    [VIRTQ_ERR_ORDER] = "device-readable buffer after a device-writable one",
    [VIRTQ_ERR_BUF] = "buffer outside RAM",
    [VIRTQ_ERR_TOTAL_LEN] = "chain longer than 4 GiB",
    [VIRTQ_ERR_USED] = "used ring outside RAM",
    [VIRTQ_ERR_NOMEM] = "host out of memory",
    [VIRTQ_ERR_LAYOUT] = "rings misaligned or outside RAM",
    [VIRTQ_ERR_SIZE] = "queue size zero, over the maximum or not a power of two",
};

const char *virtq_strerror(int err)
{
    if (err < 0)
        err = -err;
    if (err <= 0 || (size_t)err >= sizeof(err_names) / sizeof(err_names[0]) || !err_names[err])
        return "unknown virtqueue error";
    return err_names[err];
}
