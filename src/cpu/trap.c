#include "cpu/trap.h"

#include <inttypes.h>

#include "cpu/watch.h"
#include "util/util.h"

static const char *const exc_names[16] = {
    "insn misaligned", "insn access fault", "illegal insn", "breakpoint", "load misaligned",
    "load access fault", "store misaligned", "store access fault", "ecall from U",
    "ecall from S", "reserved", "ecall from M", "insn page fault", "load page fault",
    "reserved", "store page fault",
};

/* Interrupt priority order of the privileged spec. */
static const unsigned irq_order[] = {IRQ_MEI, IRQ_MSI, IRQ_MTI, IRQ_SEI, IRQ_SSI, IRQ_STI};

static void log_trap(hart_t *h, uint64_t cause, bool interrupt, uint64_t tval, uint64_t epc,
                     unsigned target)
{
    log_printf(h->log, LOG_INT,
               "hart %u: %s %" PRIu64 " (%s) epc %#" PRIx64 " tval %#" PRIx64 " priv %u -> %s\n",
               h->hartid, interrupt ? "interrupt" : "exception", cause,
               interrupt ? "irq" : cause < 16 ? exc_names[cause] : "?", epc, tval, h->priv,
               target == PRIV_M ? "M" : "S");
}

static uint64_t vector_pc(uint64_t tvec, uint64_t cause, bool interrupt)
{
    uint64_t base = tvec & ~3ULL;
    return (interrupt && (tvec & 1)) ? base + 4 * cause : base;
}

void hart_take_trap(hart_t *h, uint64_t cause, bool interrupt, uint64_t tval, uint64_t epc)
{
    uint64_t deleg = interrupt ? h->mideleg : h->medeleg;
    uint64_t mcause = cause | (interrupt ? 1ULL << 63 : 0);
    bool to_s = h->priv <= PRIV_S && ((deleg >> cause) & 1);
    if (log_enabled(h->log, LOG_INT))
        log_trap(h, cause, interrupt, tval, epc, to_s ? PRIV_S : PRIV_M);
    h->resv_valid = false;
    uint64_t st = h->mstatus;
    if (to_s) {
        h->scause = mcause;
        h->sepc = epc;
        h->stval = tval;
        st = (st & ~(MSTATUS_SPIE | MSTATUS_SIE | MSTATUS_SPP)) |
             ((st & MSTATUS_SIE) ? MSTATUS_SPIE : 0) | (h->priv == PRIV_S ? MSTATUS_SPP : 0);
        h->priv = PRIV_S;
        h->pc = vector_pc(h->stvec, cause, interrupt);
    } else {
        h->mcause = mcause;
        h->mepc = epc;
        h->mtval = tval;
        st = (st & ~(MSTATUS_MPIE | MSTATUS_MIE | MSTATUS_MPP)) |
             ((st & MSTATUS_MIE) ? MSTATUS_MPIE : 0) | ((uint64_t)h->priv << MSTATUS_MPP_SHIFT);
        h->priv = PRIV_M;
        h->pc = vector_pc(h->mtvec, cause, interrupt);
    }
    h->mstatus = st;
    hart_update_mmu_idx(h);
}

int hart_trap_insn(hart_t *h, const insn_t *in, uint64_t cause, uint64_t tval)
{
    h->exit_insn = in;
    hart_take_trap(h, cause, false, tval, insn_pc(h, in));
    return EXEC_TRAP;
}

int hart_raise(hart_t *h, const insn_t *in)
{
    if (unlikely(h->exc_cause == EXC_WATCH_HIT)) {
        /* A watchpoint stopped the access: end the block on this instruction, unretired and
         * without a guest trap; the run loop stops the machine (cpu/watch.h). */
        h->exit_insn = in;
        h->pc = insn_pc(h, in);
        return EXEC_TRAP;
    }
    return hart_trap_insn(h, in, h->exc_cause, h->exc_tval);
}

uint64_t hart_pending_irqs(const hart_t *h)
{
    uint64_t pending = hart_mip(h) & h->mie;
    if (!pending)
        return 0;
    uint64_t m = pending & ~h->mideleg, s = pending & h->mideleg;
    bool m_on = h->priv < PRIV_M || (h->mstatus & MSTATUS_MIE);
    bool s_on = h->priv < PRIV_S || (h->priv == PRIV_S && (h->mstatus & MSTATUS_SIE));
    if (m && m_on)
        return m;
    return s && s_on ? s : 0;
}

bool hart_check_interrupts(hart_t *h)
{
    uint64_t irqs = hart_pending_irqs(h);
    if (!irqs)
        return false;
    for (unsigned i = 0; i < sizeof(irq_order) / sizeof(irq_order[0]); i++) {
        if (irqs & (1ULL << irq_order[i])) {
            hart_take_trap(h, irq_order[i], true, 0, h->pc);
            return true;
        }
    }
    return false;
}

void hart_kick(hart_t *h)
{
    atomic_store_explicit(&h->kick, 1, memory_order_release);
    lock_take(&h->wake_lock);
    pthread_cond_signal(&h->wake);
    lock_drop(&h->wake_lock);
}

void hart_set_mip(hart_t *h, uint64_t bits, bool level)
{
    if (level) {
        uint64_t old = atomic_fetch_or(&h->mip, bits);
        if ((old & bits) != bits)
            hart_kick(h);
    } else {
        atomic_fetch_and(&h->mip, ~bits);
    }
}
