/* The guest physical address space: RAM, ROM and MMIO regions.
 *
 * The map is a flat, sorted view published with RCU (util/rcu.h): lookups take no lock and may
 * run while regions are added or removed; a reader sees the old view or the new one, never a
 * mix. Readers are RCU-registered threads (harts, I/O threads) between quiescent states; other
 * threads may look up only while nothing changes the map (set-up, reset with harts stopped).
 * RAM and ROM are added at set-up and never removed, so host pointers into them stay valid.
 * MMIO dispatch takes the region's own lock when the device declared one, else the machine's
 * big device lock, so a device handler never runs concurrently with itself.
 *
 * Devices reach guest RAM through phys_dma_*: writes invalidate translated code in the pages
 * they touch and break LR reservations there, exactly as a hart's store does. */
#ifndef MEM_PHYS_H
#define MEM_PHYS_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "mem/resv.h"
#include "util/lock.h"

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
    lock_t *lock;          /* MMIO: device lock, or the big lock if the device has none */
} phys_region_t;

/* One published state of the map: regions sorted by base. Immutable once published. */
typedef struct phys_view {
    unsigned count;
    const phys_region_t *largest; /* looked at first: guest RAM, where nearly every lookup lands */
    phys_region_t *regions[PHYS_MAX_REGIONS];
} phys_view_t;

/* Called for every page holding translated code that a device wrote (phys_dma_write). */
typedef void (*phys_code_hook_t)(void *ctx, uint64_t pa_page);

typedef struct phys_map {
    phys_view_t *_Atomic view; /* acquire loads; release stores, then a grace period */
    lock_t update_lock;        /* serialises writers of `view` */
    lock_t big_lock;
    phys_code_hook_t code_hook;
    void *code_ctx;
    resv_table_t resv; /* LR/SC reservation versions (mem/resv.h) */
    int barrier_cmd;   /* util_membarrier command: orders flag bytes against all harts */
} phys_map_t;

/* false if out of memory. */
bool phys_init(phys_map_t *map);
void phys_destroy(phys_map_t *map);
/* Adds guest RAM (or ROM) of `size` bytes at `base`, backed by fresh zeroed host memory that is
 * only made resident as the guest touches it. Returns NULL if host memory cannot be reserved. */
phys_region_t *phys_add_ram(phys_map_t *map, const char *name, uint64_t base, uint64_t size,
                            bool rom);
/* Adds a device region; `lock` may be NULL to use the big lock. NULL if it overlaps another
 * region, the map is full or memory is short. Harts may be running. */
phys_region_t *phys_add_mmio(phys_map_t *map, const char *name, uint64_t base, uint64_t size,
                             const mmio_ops_t *ops, void *opaque, lock_t *lock);
/* Removes a device region. Returns after a grace period: from then on no access reaches the
 * device (an access that started before has finished), and the region is freed. false for
 * RAM/ROM or a region not in the map. Must not be called from a hart, nor with locks held. */
bool phys_remove_mmio(phys_map_t *map, phys_region_t *r);
/* The translation cache registers how DMA invalidates code (exec/ sits above mem/). */
void phys_set_code_hook(phys_map_t *map, phys_code_hook_t fn, void *ctx);
/* The region holding `addr`, or NULL. */
const phys_region_t *phys_lookup(const phys_map_t *map, uint64_t addr);
/* The regions of the current view in base order (at most `max`), for the monitor; the caller
 * is a reader, and the pointers stay valid until its next quiescent state. */
unsigned phys_regions(const phys_map_t *map, const phys_region_t **out, unsigned max);
/* Host pointer for [addr, addr+len) if it lies wholly inside one RAM/ROM region, else NULL. */
uint8_t *phys_ram_ptr(const phys_map_t *map, uint64_t addr, uint64_t len);

/* MMIO access through the region's lock. */
uint64_t phys_mmio_read(const phys_region_t *r, uint64_t addr, unsigned size);
void phys_mmio_write(const phys_region_t *r, uint64_t addr, unsigned size, uint64_t val);

/* Reads a naturally aligned 1..8-byte value at a physical address from a host thread
 * (debuggers, monitors); false if the address is not RAM or MMIO. */
bool phys_read(const phys_map_t *map, uint64_t addr, unsigned size, uint64_t *val);

/* Device access to guest RAM (DMA). Each is false, and does nothing, unless [addr, addr+len)
 * lies wholly in one RAM region (writes) or RAM/ROM region (reads). Bytes are copied as
 * relaxed atomics would be: guest harts may race with them, as with real DMA. */
bool phys_dma_read(phys_map_t *map, uint64_t addr, void *dst, uint64_t len);
bool phys_dma_write(phys_map_t *map, uint64_t addr, const void *src, uint64_t len);
/* Zero-copy DMA, for back ends that let the host kernel move the bytes (preadv/pwritev into or
 * out of guest RAM): the host address of [addr, addr+len) if it lies wholly in one RAM region
 * (or RAM/ROM when the device only reads it, `write` false), else NULL. RAM is never removed,
 * so the pointer stays valid. After the host wrote guest memory through it, the device calls
 * phys_dma_written for the range before it completes the request: it does what
 * phys_dma_write does after its copy (invalidates translated code, breaks reservations). */
uint8_t *phys_dma_map(phys_map_t *map, uint64_t addr, uint64_t len, bool write);
bool phys_dma_written(phys_map_t *map, uint64_t addr, uint64_t len);
/* Naturally aligned 2-, 4- or 8-byte fields shared with the guest's driver (virtqueue rings):
 * single-copy atomic; the load acquires and the store releases, so with the guest's own fences
 * they give virtio's ordering. false if not aligned RAM. */
bool phys_dma_load(phys_map_t *map, uint64_t addr, unsigned size, uint64_t *val);
bool phys_dma_store(phys_map_t *map, uint64_t addr, unsigned size, uint64_t val);

#endif
