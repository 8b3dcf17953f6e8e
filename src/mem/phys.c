#include "mem/phys.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util/rcu.h"
#include "util/util.h"

bool phys_init(phys_map_t *map)
{
    memset(map, 0, sizeof(*map));
    lock_init(&map->update_lock, LOCK_RANK_MAP, "phys_map.update_lock");
    lock_init(&map->big_lock, LOCK_RANK_DEVICE, "phys_map.big_lock");
    map->barrier_cmd = util_membarrier_setup();
    phys_view_t *v = calloc(1, sizeof(*v));
    atomic_store(&map->view, v);
    return v != NULL;
}

static void region_free(phys_region_t *r)
{
    if (r->kind != REGION_MMIO) {
        munmap(r->host, r->size);
        munmap(r->code_pages, r->size >> PAGE_SHIFT);
    }
    free(r);
}

void phys_destroy(phys_map_t *map)
{
    phys_view_t *v = atomic_load(&map->view);
    if (!v)
        return;
    for (unsigned i = 0; i < v->count; i++)
        region_free(v->regions[i]);
    free(v);
    atomic_store(&map->view, NULL);
    lock_destroy(&map->update_lock);
    lock_destroy(&map->big_lock);
}

void phys_set_code_hook(phys_map_t *map, phys_code_hook_t fn, void *ctx)
{
    map->code_hook = fn;
    map->code_ctx = ctx;
}

static phys_view_t *view_get(const phys_map_t *map)
{
    /* rcu_dereference's ordering, as a C11 acquire (a plain load on x86-64) so that
     * ThreadSanitizer sees the publication too. */
    return atomic_load_explicit(&((phys_map_t *)map)->view, memory_order_acquire);
}

/* Replaces the view (update_lock held) and frees the old one after a grace period. */
static void view_publish(phys_map_t *map, phys_view_t *nv)
{
    phys_view_t *old = atomic_load_explicit(&map->view, memory_order_relaxed);
    nv->largest = NULL;
    for (unsigned i = 0; i < nv->count; i++)
        if (!nv->largest || nv->regions[i]->size > nv->largest->size)
            nv->largest = nv->regions[i];
    atomic_store_explicit(&map->view, nv, memory_order_release); /* rcu_assign_pointer */
    util_rcu_synchronize();
    free(old);
}

static bool overlaps(const phys_view_t *v, uint64_t base, uint64_t size)
{
    for (unsigned i = 0; i < v->count; i++) {
        const phys_region_t *r = v->regions[i];
        if (base < r->base + r->size && r->base < base + size)
            return true;
    }
    return false;
}

/* Publishes a view with `r` added in base order; false (r untouched) if it cannot. */
static bool phys_insert(phys_map_t *map, phys_region_t *r)
{
    lock_take(&map->update_lock);
    const phys_view_t *v = atomic_load_explicit(&map->view, memory_order_relaxed);
    phys_view_t *nv = NULL;
    if (v->count < PHYS_MAX_REGIONS && !overlaps(v, r->base, r->size))
        nv = malloc(sizeof(*nv));
    if (nv) {
        unsigned j = 0;
        nv->count = v->count + 1;
        for (unsigned i = 0; i < v->count; i++) {
            if (j == i && v->regions[i]->base > r->base)
                nv->regions[j++] = r;
            nv->regions[j++] = v->regions[i];
        }
        if (j == v->count)
            nv->regions[j] = r;
        view_publish(map, nv);
    }
    lock_drop(&map->update_lock);
    return nv != NULL;
}

static phys_region_t *region_new(const char *name, uint64_t base, uint64_t size)
{
    if (size == 0 || base + size < base)
        return NULL;
    phys_region_t *r = calloc(1, sizeof(*r));
    if (r) {
        r->base = base;
        r->size = size;
        r->name = name;
    }
    return r;
}

static void *map_anon(uint64_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

#define HUGE_PAGE_SIZE (2ULL << 20)

/* Guest RAM on 2 MiB-aligned host memory that the kernel may back with transparent huge pages
 * (where THP is in "madvise" mode, only if asked): harts and DMA copies then miss the host TLB
 * far less. QEMU does the same. Unmapped with munmap(p, size) like map_anon's. */
static void *map_ram(uint64_t size)
{
    if (size < HUGE_PAGE_SIZE)
        return map_anon(size);
    uint8_t *p = map_anon(size + HUGE_PAGE_SIZE);
    if (!p)
        return NULL;
    uint8_t *aligned = (uint8_t *)(((uintptr_t)p + HUGE_PAGE_SIZE - 1) & ~(HUGE_PAGE_SIZE - 1));
    if (aligned > p)
        munmap(p, (size_t)(aligned - p));
    if (aligned + size < p + size + HUGE_PAGE_SIZE)
        munmap(aligned + size, (size_t)(p + size + HUGE_PAGE_SIZE - (aligned + size)));
    madvise(aligned, size, MADV_HUGEPAGE); /* advice: without THP, plain pages */
    return aligned;
}

phys_region_t *phys_add_ram(phys_map_t *map, const char *name, uint64_t base, uint64_t size,
                            bool rom)
{
    if ((base | size) & (PAGE_SIZE - 1))
        return NULL;
    phys_region_t *r = region_new(name, base, size);
    if (!r)
        return NULL;
    r->kind = rom ? REGION_ROM : REGION_RAM;
    r->host = map_ram(size);
    r->code_pages = map_anon(size >> PAGE_SHIFT);
    if (!r->host || !r->code_pages || !phys_insert(map, r)) {
        if (r->host)
            munmap(r->host, size);
        if (r->code_pages)
            munmap(r->code_pages, size >> PAGE_SHIFT);
        free(r);
        return NULL;
    }
    return r;
}

phys_region_t *phys_add_mmio(phys_map_t *map, const char *name, uint64_t base, uint64_t size,
                             const mmio_ops_t *ops, void *opaque, lock_t *lock)
{
    phys_region_t *r = region_new(name, base, size);
    if (!r)
        return NULL;
    r->kind = REGION_MMIO;
    r->ops = ops;
    r->opaque = opaque;
    r->lock = lock ? lock : &map->big_lock;
    if (!phys_insert(map, r)) {
        free(r);
        return NULL;
    }
    return r;
}

bool phys_remove_mmio(phys_map_t *map, phys_region_t *r)
{
    lock_take(&map->update_lock);
    const phys_view_t *v = atomic_load_explicit(&map->view, memory_order_relaxed);
    phys_view_t *nv = NULL;
    if (r->kind == REGION_MMIO)
        nv = malloc(sizeof(*nv));
    if (nv) {
        nv->count = 0;
        for (unsigned i = 0; i < v->count; i++)
            if (v->regions[i] != r)
                nv->regions[nv->count++] = v->regions[i];
        if (nv->count == v->count) {
            free(nv);
            nv = NULL;
        } else {
            view_publish(map, nv); /* waits for every access that could still see r */
            free(r);
        }
    }
    lock_drop(&map->update_lock);
    return nv != NULL;
}

const phys_region_t *phys_lookup(const phys_map_t *map, uint64_t addr)
{
    const phys_view_t *v = view_get(map);
    if (v->largest && addr - v->largest->base < v->largest->size)
        return v->largest;
    unsigned lo = 0, hi = v->count;
    while (lo < hi) { /* first region whose end lies above addr */
        unsigned mid = (lo + hi) / 2;
        const phys_region_t *r = v->regions[mid];
        if (addr - r->base < r->size)
            return r;
        if (r->base < addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

unsigned phys_regions(const phys_map_t *map, const phys_region_t **out, unsigned max)
{
    const phys_view_t *v = view_get(map);
    unsigned n = v->count < max ? v->count : max;
    for (unsigned i = 0; i < n; i++)
        out[i] = v->regions[i];
    return n;
}

uint8_t *phys_ram_ptr(const phys_map_t *map, uint64_t addr, uint64_t len)
{
    const phys_region_t *r = phys_lookup(map, addr);
    if (!r || r->kind == REGION_MMIO || len > r->size - (addr - r->base))
        return NULL;
    return r->host + (addr - r->base);
}

uint64_t phys_mmio_read(const phys_region_t *r, uint64_t addr, unsigned size)
{
    lock_take(r->lock);
    uint64_t v = r->ops->read ? r->ops->read(r->opaque, addr - r->base, size) : 0;
    lock_drop(r->lock);
    return v;
}

void phys_mmio_write(const phys_region_t *r, uint64_t addr, unsigned size, uint64_t val)
{
    lock_take(r->lock);
    if (r->ops->write)
        r->ops->write(r->opaque, addr - r->base, size, val);
    lock_drop(r->lock);
}

bool phys_read(const phys_map_t *map, uint64_t addr, unsigned size, uint64_t *val)
{
    const phys_region_t *r = phys_lookup(map, addr);
    if (!r || size > r->size - (addr - r->base))
        return false;
    if (r->kind == REGION_MMIO) {
        *val = phys_mmio_read(r, addr, size);
        return true;
    }
    uint64_t v = 0;
    memcpy(&v, r->host + (addr - r->base), size);
    *val = v;
    return true;
}
