/* Device access to guest RAM (phys_dma_*, declared in mem/phys.h). */
#include <string.h>

#include "mem/phys.h"

/* Guest harts access RAM with relaxed atomics; so do devices. memcpy is that on x86-64, but
 * ThreadSanitizer would call it a race with the harts' atomic accesses, so its builds copy
 * byte by byte with explicit relaxed atomics instead. */
static void copy_in(uint8_t *guest, const uint8_t *src, uint64_t len)
{
#if defined(__SANITIZE_THREAD__)
    for (uint64_t i = 0; i < len; i++)
        __atomic_store_n(&guest[i], src[i], __ATOMIC_RELAXED);
#else
    memcpy(guest, src, len);
#endif
}

static void copy_out(uint8_t *dst, const uint8_t *guest, uint64_t len)
{
#if defined(__SANITIZE_THREAD__)
    for (uint64_t i = 0; i < len; i++)
        dst[i] = __atomic_load_n(&guest[i], __ATOMIC_RELAXED);
#else
    memcpy(dst, guest, len);
#endif
}

/* The region holding all of [addr, addr+len), if it is RAM (or ROM when `rom_ok`). */
static const phys_region_t *ram_region(const phys_map_t *map, uint64_t addr, uint64_t len,
                                       bool rom_ok)
{
    const phys_region_t *r = phys_lookup(map, addr);
    if (!r || len > r->size - (addr - r->base))
        return NULL;
    if (r->kind == REGION_RAM || (rom_ok && r->kind == REGION_ROM))
        return r;
    return NULL;
}

bool phys_dma_read(phys_map_t *map, uint64_t addr, void *dst, uint64_t len)
{
    const phys_region_t *r = ram_region(map, addr, len, true);
    if (!r)
        return false;
    copy_out(dst, r->host + (addr - r->base), len);
    return true;
}

/* After a device stored to [off, off+len) of region r: what a hart's store does when the page's
 * flag byte is set (cpu/mmu.c: mmu_store_flagged). The store was made before the flag load, and
 * flag setters run membarrier(2) after setting, so one of the two sides sees the other. A
 * small write (a used-ring index) bumps its granules' versions; a large one (a block read, a
 * packet) breaks every reservation once (resv.h: dma_epoch). */
static void dma_note_store(phys_map_t *map, const phys_region_t *r, uint64_t off, uint64_t len)
{
    bool break_all = false;
    for (uint64_t pg = off >> PAGE_SHIFT; pg <= (off + len - 1) >> PAGE_SHIFT; pg++) {
        uint8_t flags = __atomic_load_n(&r->code_pages[pg], __ATOMIC_RELAXED);
        if (!flags)
            continue;
        uint64_t lo = pg << PAGE_SHIFT > off ? pg << PAGE_SHIFT : off;
        uint64_t hi = ((pg + 1) << PAGE_SHIFT) < off + len ? (pg + 1) << PAGE_SHIFT : off + len;
        if ((flags & PAGE_RESV) && len > RESV_DMA_GRANULE_LIMIT)
            break_all = true;
        else if (flags & PAGE_RESV)
            for (uint64_t g = lo & ~7ULL; g < hi; g += 8)
                resv_note_store(&map->resv, r->host + g, 1);
        if ((flags & PAGE_CODE_MASK) && map->code_hook)
            map->code_hook(map->code_ctx, r->base + (pg << PAGE_SHIFT));
    }
    if (break_all)
        resv_break_all(&map->resv);
}

bool phys_dma_write(phys_map_t *map, uint64_t addr, const void *src, uint64_t len)
{
    const phys_region_t *r = ram_region(map, addr, len, false);
    if (!r)
        return false;
    if (len == 0)
        return true;
    uint64_t off = addr - r->base;
    copy_in(r->host + off, src, len);
    dma_note_store(map, r, off, len);
    return true;
}

uint8_t *phys_dma_map(phys_map_t *map, uint64_t addr, uint64_t len, bool write)
{
    const phys_region_t *r = ram_region(map, addr, len, !write);
    return r ? r->host + (addr - r->base) : NULL;
}

bool phys_dma_written(phys_map_t *map, uint64_t addr, uint64_t len)
{
    const phys_region_t *r = ram_region(map, addr, len, false);
    if (!r)
        return false;
    if (len)
        dma_note_store(map, r, addr - r->base, len);
    return true;
}

static bool field_ok(uint64_t addr, unsigned size)
{
    return (size == 2 || size == 4 || size == 8) && (addr & (size - 1)) == 0;
}

bool phys_dma_load(phys_map_t *map, uint64_t addr, unsigned size, uint64_t *val)
{
    const phys_region_t *r = field_ok(addr, size) ? ram_region(map, addr, size, false) : NULL;
    if (!r)
        return false;
    const uint8_t *p = r->host + (addr - r->base);
    switch (size) {
    case 2: *val = __atomic_load_n((const uint16_t *)p, __ATOMIC_ACQUIRE); break;
    case 4: *val = __atomic_load_n((const uint32_t *)p, __ATOMIC_ACQUIRE); break;
    default: *val = __atomic_load_n((const uint64_t *)p, __ATOMIC_ACQUIRE); break;
    }
    return true;
}

bool phys_dma_store(phys_map_t *map, uint64_t addr, unsigned size, uint64_t val)
{
    const phys_region_t *r = field_ok(addr, size) ? ram_region(map, addr, size, false) : NULL;
    if (!r)
        return false;
    uint64_t off = addr - r->base;
    uint8_t *p = r->host + off;
    switch (size) {
    case 2: __atomic_store_n((uint16_t *)p, (uint16_t)val, __ATOMIC_RELEASE); break;
    case 4: __atomic_store_n((uint32_t *)p, (uint32_t)val, __ATOMIC_RELEASE); break;
    default: __atomic_store_n((uint64_t *)p, val, __ATOMIC_RELEASE); break;
    }
    dma_note_store(map, r, off, size);
    return true;
}
