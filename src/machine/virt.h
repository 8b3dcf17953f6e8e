/* The `virt` board: QEMU's memory map, so that stock OpenSBI and Linux run unchanged.
 *
 *   0x00001000  boot ROM (reset vector, fw_dynamic_info)
 *   0x00100000  test finisher / syscon      0x00101000  goldfish RTC (irq 11)
 *   0x02000000  CLINT                       0x0c000000  PLIC
 *   0x10000000  NS16550A UART (irq 10)      0x80000000  RAM
 *   0x10001000 + i * 0x1000, i = 0..7: virtio-mmio slot i (irq 1 + i)
 *
 * Like QEMU's virt, the board always has its 8 virtio-mmio transports, mapped and listed in the
 * device tree; slots without a device read DeviceID 0 and drivers skip them. Devices from the
 * command line (machine/devices.h) fill slots 0, 1, ... in command-line order. (QEMU fills them
 * from the highest address down; filling upwards makes the first device the first one Linux
 * probes, so the first -drive is /dev/vda.)
 */
#ifndef MACHINE_VIRT_H
#define MACHINE_VIRT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu/hart.h"
#include "dev/blk_file.h"
#include "dev/clint.h"
#include "dev/finisher.h"
#include "dev/plic.h"
#include "dev/rtc.h"
#include "dev/uart.h"
#include "dev/virtio_mmio.h"
#include "exec/run.h"
#include "exec/tcache.h"
#include "machine/backends.h"
#include "machine/devices.h"
#include "mem/phys.h"
#include "util/evloop.h"
#include "util/log.h"

#define VIRT_ROM_BASE 0x1000ULL
#define VIRT_ROM_SIZE 0xf000ULL
#define VIRT_FINISHER_BASE 0x100000ULL
#define VIRT_RTC_BASE 0x101000ULL
#define VIRT_CLINT_BASE 0x2000000ULL
#define VIRT_PLIC_BASE 0xc000000ULL
#define VIRT_PLIC_SIZE 0x600000ULL
#define VIRT_UART_BASE 0x10000000ULL
#define VIRT_VIRTIO_BASE 0x10001000ULL
#define VIRT_VIRTIO_COUNT 8
#define VIRT_VIRTIO_IRQ 1 /* slot i raises PLIC source VIRT_VIRTIO_IRQ + i */
#define VIRT_RAM_BASE 0x80000000ULL
#define VIRT_UART_IRQ 10
#define VIRT_RTC_IRQ 11
#define VIRT_TIMEBASE_HZ 10000000
#define VIRT_MAX_HARTS 64
#define VIRT_MIN_RAM (2ULL << 20)
#define VIRT_MAX_RAM (64ULL << 30)
#define VIRT_DEFAULT_BIOS "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin"

typedef struct machine_opts {
    unsigned nharts;
    uint64_t ram_size;
    const char *bios;    /* "none", "default" or a file */
    const char *kernel;  /* ELF, Linux Image or raw binary */
    const char *initrd;
    const char *append;  /* kernel command line */
    const char *dtb;     /* user device tree instead of the generated one */
    const char *dumpdtb; /* write the device tree here and exit */
    bool no_reboot;      /* a guest reset ends the emulator instead */
    bool start_stopped;  /* -S: every hart waits for a `cont` before its first instruction */
    bool no_jit;         /* -accel tcg,jit=off: interpret every block */
    unsigned jit_mib;    /* -accel tcg,tb-size=MIB: JIT code arena (0: the default) */
    device_list_t devices; /* -device (and other device options), in command-line order */
    backend_list_t backends; /* -netdev, -chardev (and -nic's netdevs) */
    blk_drive_list_t drives; /* -drive, in command-line order */
} machine_opts_t;

/* Where the images went; all physical addresses. */
typedef struct boot_layout {
    uint64_t start;        /* where the boot ROM jumps: firmware, or the kernel with -bios none */
    uint64_t kernel_entry; /* fw_dynamic_info.next_addr */
    uint64_t initrd_start, initrd_end;
    uint64_t fdt_addr;
} boot_layout_t;

struct machine {
    machine_opts_t opts;
    log_ctx_t *log;
    evloop_t *io; /* the I/O thread: console input, device back ends */
    phys_map_t phys;
    tcache_t tcache;
    runctl_t runctl;
    hart_t *harts[VIRT_MAX_HARTS];
    unsigned nharts;
    finisher_t finisher;
    clint_t clint;
    plic_t plic;
    uart_t uart;
    rtc_t rtc;
    virtio_mmio_t virtio[VIRT_VIRTIO_COUNT];
    boot_layout_t boot;
    uint32_t boot_count;  /* resets so far; in the device tree as /chosen/polyhart,boot-count */
    atomic_bool reset_requested;
    atomic_bool reset_by_host; /* the pending reset came from the host (QMP, monitor) */
    uint64_t time_base_ns;
    /* Told after each reset, on the main thread (set before virt_run). */
    void (*on_reset)(void *ctx, bool by_guest);
    void *on_reset_ctx;
};

/* Builds the board and loads the images; -1 with a one-line reason in `err`. */
int virt_create(machine_t *m, const machine_opts_t *opts, log_ctx_t *log, char *err,
                size_t errlen);
/* Writes the device tree to opts.dumpdtb; -1 with a reason. */
int virt_dump_dtb(machine_t *m, char *err, size_t errlen);
/* Runs until the guest powers off (or resets with no_reboot); returns the exit status. */
int virt_run(machine_t *m);
/* Asks the machine to stop with `code`; safe from any thread (signals, console, devices). */
void virt_request_stop(machine_t *m, int code);
/* Asks for a reset of the board as if the guest had asked (with -no-reboot: an exit with 0);
 * from any thread. A stopped machine stays stopped after the reset. */
void virt_request_reset(machine_t *m);
void virt_destroy(machine_t *m);
/* Prints every hart's pc, privilege and interrupt state (a racy snapshot, for debugging). */
void virt_dump_harts(machine_t *m, FILE *f);

#endif
