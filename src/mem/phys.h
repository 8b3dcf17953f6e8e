/* The guest physical address space: RAM, ROM and MMIO regions.
 *
 * The board registers every region before any hart runs; the map is then read-only, so lookups
 * take no lock (the RCU-published, hot-pluggable map replaces this in the device-model work and
 * keeps this interface). MMIO dispatch takes the region's own lock when the device declared one,
 * else the machine's big device lock, so a device handler never runs concurrently with itself. */
#ifndef MEM_PHYS_H
#define MEM_PHYS_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "mem/resv.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE (1ULL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PHYS_MAX_REGIONS 64

/* Device callbacks. `size` is 1, 2, 4 or 8 and `off` is relative to the region base.
 * Invalid register accesses are the device's to log and ignore (reads return 0). */
typedef struct mmio_ops {
    uint64_t (*read)(void *opaque, uint64_t off, unsigned size);
    void (*write)(void *opaque, uint64_t off, unsigned size, uint64_t val);
} mmio_ops_t;

typedef enum { REGION_RAM, REGION_ROM, REGION_MMIO } region_kind_t;

/* Bits of a page's flag byte. Every guest store to a page whose byte is nonzero takes a slow
 * step after the store (mmu_store_flagged). */
#define PAGE_CODE_MASK 0x03 /* translation state, owned by exec/tcache.c */
#define PAGE_RESV 0x04      /* some hart did LR here: stores bump reservation versions */

typedef struct phys_region {
    uint64_t base, size;
    region_kind_t kind;
    const char *name;
    uint8_t *host;         /* RAM/ROM backing */
    uint8_t *code_pages;   /* RAM/ROM: per page flag byte (PAGE_CODE_MASK, PAGE_RESV) */
    const mmio_ops_t *ops; /* MMIO */
    void *opaque;
    pthread_mutex_t *lock; /* MMIO: device lock, or the big lock if the device has none */
} phys_region_t;

typedef struct phys_map {
    phys_region_t regions[PHYS_MAX_REGIONS];
    unsigned count;
    pthread_mutex_t big_lock;
    resv_table_t resv; /* LR/SC reservation versions (mem/resv.h) */
    int barrier_cmd;   /* util_membarrier command: orders flag bytes against all harts */
} phys_map_t;

void phys_init(phys_map_t *map);
void phys_destroy(phys_map_t *map);
/* Adds guest RAM (or ROM) of `size` bytes at `base`, backed by fresh zeroed host memory that is
 * only made resident as the guest touches it. Returns NULL if host memory cannot be reserved. */
phys_region_t *phys_add_ram(phys_map_t *map, const char *name, uint64_t base, uint64_t size,
                            bool rom);
/* Adds a device region; `lock` may be NULL to use the big lock. */
phys_region_t *phys_add_mmio(phys_map_t *map, const char *name, uint64_t base, uint64_t size,
                             const mmio_ops_t *ops, void *opaque, pthread_mutex_t *lock);
/* The region holding `addr`, or NULL. */
const phys_region_t *phys_lookup(const phys_map_t *map, uint64_t addr);
/* Host pointer for [addr, addr+len) if it lies wholly inside one RAM/ROM region, else NULL. */
uint8_t *phys_ram_ptr(const phys_map_t *map, uint64_t addr, uint64_t len);

/* MMIO access through the region's lock. */
uint64_t phys_mmio_read(const phys_region_t *r, uint64_t addr, unsigned size);
void phys_mmio_write(const phys_region_t *r, uint64_t addr, unsigned size, uint64_t val);

/* Reads/writes a naturally aligned 1..8-byte value at a physical address from a host thread
 * (loader, devices); false if the address is not RAM or MMIO. Stores do not invalidate code. */
bool phys_read(const phys_map_t *map, uint64_t addr, unsigned size, uint64_t *val);

#endif
