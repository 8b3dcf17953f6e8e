#include "mem/phys.h"

#include <string.h>
#include <sys/mman.h>

#include "util/util.h"

void phys_init(phys_map_t *map)
{
    memset(map, 0, sizeof(*map));
    pthread_mutex_init(&map->big_lock, NULL);
    map->barrier_cmd = util_membarrier_setup();
}

void phys_destroy(phys_map_t *map)
{
    for (unsigned i = 0; i < map->count; i++) {
        phys_region_t *r = &map->regions[i];
        if (r->kind != REGION_MMIO) {
            munmap(r->host, r->size);
            munmap(r->code_pages, r->size >> PAGE_SHIFT);
        }
    }
    map->count = 0;
}

static bool overlaps(const phys_map_t *map, uint64_t base, uint64_t size)
{
    for (unsigned i = 0; i < map->count; i++) {
        const phys_region_t *r = &map->regions[i];
        if (base < r->base + r->size && r->base < base + size)
            return true;
    }
    return false;
}

static phys_region_t *phys_add(phys_map_t *map, const char *name, uint64_t base, uint64_t size)
{
    if (map->count == PHYS_MAX_REGIONS || size == 0 || base + size < base ||
        overlaps(map, base, size))
        return NULL;
    phys_region_t *r = &map->regions[map->count];
    memset(r, 0, sizeof(*r));
    r->base = base;
    r->size = size;
    r->name = name;
    return r;
}

static void *map_anon(uint64_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

phys_region_t *phys_add_ram(phys_map_t *map, const char *name, uint64_t base, uint64_t size,
                            bool rom)
{
    if ((base | size) & (PAGE_SIZE - 1))
        return NULL;
    phys_region_t *r = phys_add(map, name, base, size);
    if (!r)
        return NULL;
    r->kind = rom ? REGION_ROM : REGION_RAM;
    r->host = map_anon(size);
    r->code_pages = map_anon(size >> PAGE_SHIFT);
    if (!r->host || !r->code_pages) {
        if (r->host)
            munmap(r->host, size);
        return NULL;
    }
    map->count++;
    return r;
}

phys_region_t *phys_add_mmio(phys_map_t *map, const char *name, uint64_t base, uint64_t size,
                             const mmio_ops_t *ops, void *opaque, pthread_mutex_t *lock)
{
    phys_region_t *r = phys_add(map, name, base, size);
    if (!r)
        return NULL;
    r->kind = REGION_MMIO;
    r->ops = ops;
    r->opaque = opaque;
    r->lock = lock ? lock : &map->big_lock;
    map->count++;
    return r;
}

const phys_region_t *phys_lookup(const phys_map_t *map, uint64_t addr)
{
    for (unsigned i = 0; i < map->count; i++) {
        const phys_region_t *r = &map->regions[i];
        if (addr - r->base < r->size)
            return r;
    }
    return NULL;
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
    pthread_mutex_lock(r->lock);
    uint64_t v = r->ops->read ? r->ops->read(r->opaque, addr - r->base, size) : 0;
    pthread_mutex_unlock(r->lock);
    return v;
}

void phys_mmio_write(const phys_region_t *r, uint64_t addr, unsigned size, uint64_t val)
{
    pthread_mutex_lock(r->lock);
    if (r->ops->write)
        r->ops->write(r->opaque, addr - r->base, size, val);
    pthread_mutex_unlock(r->lock);
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
