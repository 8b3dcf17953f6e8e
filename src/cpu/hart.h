/* Architectural and bookkeeping state of one RISC-V hart (RV64GC, M/S/U).
 *
 * A hart's state is owned by the host thread that runs it. Fields other threads may touch are
 * marked: `mip` (device interrupt lines, atomic bit operations), `kick` (exit request, atomic),
 * `mtimecmp` (written by the CLINT, atomic); the debugger writes `dbg_active` and `watch` only
 * while the hart is parked (exec/debug.h). See docs/ARCHITECTURE.md. */
#ifndef CPU_HART_H
#define CPU_HART_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "util/lock.h"
#include "cpu/insn.h"
#include "mem/phys.h"
#include "mem/pmp.h"
#include "mem/tlb.h"
#include "util/log.h"

enum { PRIV_U = 0, PRIV_S = 1, PRIV_M = 3 };

/* Exception causes */
enum {
    EXC_INSN_MISALIGNED = 0,
    EXC_INSN_ACCESS = 1,
    EXC_ILLEGAL = 2,
    EXC_BREAKPOINT = 3,
    EXC_LOAD_MISALIGNED = 4,
    EXC_LOAD_ACCESS = 5,
    EXC_STORE_MISALIGNED = 6,
    EXC_STORE_ACCESS = 7,
    EXC_ECALL_U = 8,
    EXC_ECALL_S = 9,
    EXC_ECALL_M = 11,
    EXC_INSN_PAGE = 12,
    EXC_LOAD_PAGE = 13,
    EXC_STORE_PAGE = 15,
};

/* Interrupt numbers (bits of mip/mie) */
enum { IRQ_SSI = 1, IRQ_MSI = 3, IRQ_STI = 5, IRQ_MTI = 7, IRQ_SEI = 9, IRQ_MEI = 11 };
#define MIP_SSIP (1ULL << IRQ_SSI)
#define MIP_MSIP (1ULL << IRQ_MSI)
#define MIP_STIP (1ULL << IRQ_STI)
#define MIP_MTIP (1ULL << IRQ_MTI)
#define MIP_SEIP (1ULL << IRQ_SEI)
#define MIP_MEIP (1ULL << IRQ_MEI)

/* mstatus bits */
#define MSTATUS_SIE (1ULL << 1)
#define MSTATUS_MIE (1ULL << 3)
#define MSTATUS_SPIE (1ULL << 5)
#define MSTATUS_MPIE (1ULL << 7)
#define MSTATUS_SPP (1ULL << 8)
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP (3ULL << MSTATUS_MPP_SHIFT)
#define MSTATUS_FS_SHIFT 13
#define MSTATUS_FS (3ULL << MSTATUS_FS_SHIFT)
#define MSTATUS_MPRV (1ULL << 17)
#define MSTATUS_SUM (1ULL << 18)
#define MSTATUS_MXR (1ULL << 19)
#define MSTATUS_TVM (1ULL << 20)
#define MSTATUS_TW (1ULL << 21)
#define MSTATUS_TSR (1ULL << 22)
#define MSTATUS_UXL (3ULL << 32)
#define MSTATUS_SXL (3ULL << 34)
#define MSTATUS_SD (1ULL << 63)
#define MENVCFG_FIOM (1ULL << 0)
#define MENVCFG_STCE (1ULL << 63)

/* fflags bits */
#define FFLAG_NX 0x01
#define FFLAG_UF 0x02
#define FFLAG_OF 0x04
#define FFLAG_DZ 0x08
#define FFLAG_NV 0x10
/* rounding modes */
enum { RM_RNE = 0, RM_RTZ = 1, RM_RDN = 2, RM_RUP = 3, RM_RMM = 4, RM_DYN = 7 };

#define HART_BCACHE_SIZE 1024

typedef struct machine machine_t;
typedef struct block block_t;
typedef struct tcache tcache_t;

typedef struct hart {
    /* Hot state first. */
    uint64_t x[32];
    uint64_t pc;
    uint64_t f[32];   /* raw bits; single-precision values are NaN-boxed */
    uint32_t fflags;  /* accrued exception flags (fcsr[4:0]) */
    uint32_t frm;     /* dynamic rounding mode (fcsr[7:5]) */
    uint32_t priv;
    mmu_idx_t mmu_fetch, mmu_data; /* derived from priv, mstatus (MPRV/MPP/SUM) */
    tlb_t tlb;

    const insn_t *exit_insn; /* the instruction that ended the current block */
    const insn_t *exit_base; /* insns[] of the block exit_insn belongs to (JIT code chains) */
    uint32_t chain_budget;   /* how many more blocks JIT code may chain to before returning */
    /* Exception produced by a memory access helper, consumed by the handler's trap. */
    uint64_t exc_cause, exc_tval;
    /* Out-values of the memory slow paths (a load's value, an atomic access's TLB entry), kept
     * here so that no handler passes a local's address: its call of the next handler then
     * stays a tail call instead of deepening the host stack. */
    uint64_t slow_val;
    const tlb_entry_t *atomic_entry;

    /* CSRs */
    uint64_t mstatus, medeleg, mideleg, mie;
    _Atomic uint64_t mip; /* lines driven by devices and the software-writable SSIP/STIP */
    uint64_t mip_sw_seip; /* software-written SEIP, kept apart from the PLIC's SEIP line */
    uint64_t mtvec, mscratch, mepc, mcause, mtval, mcounteren, mcountinhibit, menvcfg;
    uint64_t stvec, sscratch, sepc, scause, stval, scounteren, senvcfg, satp;
    uint64_t instret;        /* retired instructions since reset */
    uint64_t instret_delta;  /* minstret = instret + delta */
    uint64_t cycle_delta;    /* mcycle = instret + delta (one cycle per instruction) */
    pmp_t pmp;
    _Atomic uint64_t mtimecmp;
    uint64_t stimecmp; /* Sstc: drives STIP while menvcfg.STCE is set */

    /* LR/SC reservation: host address, value and version word seen by the last LR */
    uint64_t resv_addr, resv_val, resv_version, resv_epoch;
    bool resv_valid;

    /* Block lookup */
    block_t *bcache[HART_BCACHE_SIZE];
    uint64_t bcache_gen;
    unsigned check_countdown;

    /* Run control */
    bool wfi;          /* set by WFI: the run loop sleeps until an interrupt is pending */
    bool pause_yields; /* more harts than host CPUs: PAUSE yields the host CPU */
    util_poll_window_t wfi_poll; /* WFI spin window (max 0 unless harts < host CPUs) */
    atomic_uint kick;  /* nonzero: leave the block loop soon (interrupt, exit, work) */
    lock_t wake_lock;
    pthread_cond_t wake;

    /* Debugging (exec/debug.h, cpu/watch.h). The hart's own, except that the debugger writes
     * dbg_active and watch while the hart is parked or every hart is in exclusive work. */
    bool dbg_active;      /* the run loop checks breakpoints, steps and hits before each block
                             and does not chain blocks */
    bool dbg_step;        /* execute one instruction, then stop every hart */
    bool dbg_skip;        /* resuming at dbg_skip_pc: that instruction ignores its breakpoint
                             and watchpoints once (it is what the hart stopped at) */
    bool dbg_watch_off;   /* accesses ignore watchpoints (the instruction being skipped) */
    bool dbg_hit;         /* a watchpoint stopped the last instruction's access */
    unsigned dbg_hit_kind;                 /* the watchpoint's kind (WATCH_*) */
    uint64_t dbg_hit_addr, dbg_skip_pc;    /* data address of the hit, within the range */
    const struct watch_set *watch;         /* NULL while no watchpoint is set */

    uint32_t hartid;
    machine_t *machine;
    phys_map_t *phys;
    tcache_t *tcache;
    /* Called after a store to a page that holds translated code (set by the exec layer). */
    void (*code_written)(hart_t *h, uint64_t pa_page);
    log_ctx_t *log;
    uint64_t time_base_ns; /* host time of mtime == 0 */
} hart_t;

static inline uint64_t insn_pc(const hart_t *h, const insn_t *in)
{
    return h->pc + in->off;
}

/* The end of a handler that leaves its block with hart->pc already set. */
static inline int exec_jump(hart_t *h, const insn_t *in)
{
    h->exit_insn = in;
    return EXEC_JUMP;
}

/* x0 is hard-wired: handlers write through this so that rd == 0 is discarded. */
static inline void hart_set_x(hart_t *h, unsigned rd, uint64_t v)
{
    h->x[rd] = v;
    h->x[0] = 0;
}

void hart_init(hart_t *h, uint32_t hartid, machine_t *m, phys_map_t *phys, tcache_t *tc,
               log_ctx_t *log, uint64_t time_base_ns);
void hart_reset(hart_t *h, uint64_t pc);
/* mip as software reads it: device lines, software bits and software SEIP. */
static inline uint64_t hart_mip(const hart_t *h)
{
    return atomic_load_explicit(&h->mip, memory_order_relaxed) | h->mip_sw_seip;
}

/* Current mtime value (10 MHz, from the host monotonic clock). */
uint64_t hart_mtime(const hart_t *h);
/* Recomputes MTIP (mtimecmp) and, with Sstc enabled, STIP (stimecmp) against mtime. */
void hart_update_timers(hart_t *h);
/* The earliest mtime at which a timer interrupt this hart can take becomes pending. */
uint64_t hart_next_timer(const hart_t *h);
/* Recomputes mmu_fetch/mmu_data after a change of priv or mstatus. */
void hart_update_mmu_idx(hart_t *h);

/* FP state: instructions are illegal while mstatus.FS is Off; anything that writes an f register
 * or fflags/frm marks FS Dirty. */
static inline bool hart_fp_enabled(const hart_t *h)
{
    return (h->mstatus & MSTATUS_FS) != 0;
}

static inline void hart_fp_set_dirty(hart_t *h)
{
    h->mstatus |= MSTATUS_FS | MSTATUS_SD;
}

#endif
