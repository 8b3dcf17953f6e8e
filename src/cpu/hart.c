#include "cpu/hart.h"

#include <string.h>
#include <time.h>

#include "cpu/trap.h"
#include "util/util.h"

void hart_init(hart_t *h, uint32_t hartid, machine_t *m, phys_map_t *phys, tcache_t *tc,
               log_ctx_t *log, uint64_t time_base_ns)
{
    memset(h, 0, sizeof(*h));
    h->hartid = hartid;
    h->machine = m;
    h->phys = phys;
    h->tcache = tc;
    h->log = log;
    h->time_base_ns = time_base_ns;
    lock_init(&h->wake_lock, LOCK_RANK_WAKE, "hart.wake_lock");
    pthread_condattr_t attr; /* WFI deadlines are computed on the monotonic clock */
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&h->wake, &attr);
    pthread_condattr_destroy(&attr);
}

void hart_reset(hart_t *h, uint64_t pc)
{
    memset(h->x, 0, sizeof(h->x));
    memset(h->f, 0, sizeof(h->f));
    h->fflags = h->frm = 0;
    h->pc = pc;
    h->priv = PRIV_M;
    h->mstatus = 0;
    h->medeleg = h->mideleg = h->mie = 0;
    atomic_store(&h->mip, 0);
    h->mip_sw_seip = 0;
    h->mtvec = h->mscratch = h->mepc = h->mcause = h->mtval = 0;
    h->mcounteren = h->mcountinhibit = h->menvcfg = 0;
    h->stvec = h->sscratch = h->sepc = h->scause = h->stval = 0;
    h->scounteren = h->senvcfg = h->satp = 0;
    h->instret = h->instret_delta = h->cycle_delta = 0;
    memset(&h->pmp, 0, sizeof(h->pmp));
    atomic_store(&h->mtimecmp, ~0ULL);
    h->stimecmp = ~0ULL;
    h->resv_valid = false;
    h->wfi = false;
    tlb_flush_all(&h->tlb);
    hart_update_mmu_idx(h);
}

uint64_t hart_mtime(const hart_t *h)
{
    return (util_now_ns() - h->time_base_ns) / 100;
}

void hart_update_mmu_idx(hart_t *h)
{
    static const mmu_idx_t by_priv[4] = {MMU_IDX_U, MMU_IDX_S, MMU_IDX_S, MMU_IDX_M};
    unsigned data_priv = h->priv;
    if (h->priv == PRIV_M && (h->mstatus & MSTATUS_MPRV))
        data_priv = (unsigned)((h->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
    h->mmu_fetch = by_priv[h->priv];
    h->mmu_data = by_priv[data_priv];
    if (h->mmu_data == MMU_IDX_S && (h->mstatus & MSTATUS_SUM))
        h->mmu_data = MMU_IDX_S_SUM;
}

static bool sstc_enabled(const hart_t *h)
{
    return (h->menvcfg & MENVCFG_STCE) != 0;
}

void hart_update_timers(hart_t *h)
{
    uint64_t now = hart_mtime(h), mip = atomic_load_explicit(&h->mip, memory_order_relaxed);
    bool m_fire = now >= atomic_load_explicit(&h->mtimecmp, memory_order_relaxed);
    if (m_fire != !!(mip & MIP_MTIP))
        hart_set_mip(h, MIP_MTIP, m_fire);
    if (sstc_enabled(h)) {
        bool s_fire = now >= h->stimecmp;
        if (s_fire != !!(mip & MIP_STIP))
            hart_set_mip(h, MIP_STIP, s_fire);
    }
}

uint64_t hart_next_timer(const hart_t *h)
{
    uint64_t next = ~0ULL;
    if (h->mie & MIP_MTIP)
        next = atomic_load_explicit(&h->mtimecmp, memory_order_relaxed);
    if (sstc_enabled(h) && (h->mie & MIP_STIP) && h->stimecmp < next)
        next = h->stimecmp;
    return next;
}
