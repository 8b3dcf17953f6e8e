#include "front/hartview.h"

#include <string.h>

#include "cpu/csr.h"
#include "cpu/mmu.h"

static const char *const xnames[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0",  "a1",  "a2", "a3", "a4", "a5",
    "a6",   "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static const unsigned csrs[HARTVIEW_NCSR] = {
    0x300, 0x304, 0x344, 0x305, 0x341, 0x342, 0x343, 0x340, 0x302, 0x303, 0x306,
    0x100, 0x105, 0x141, 0x142, 0x143, 0x140, 0x180, 0x30a, 0x10a, 0xb00, 0xf14,
};

const char *hartview_xname(unsigned i)
{
    return i < 32 ? xnames[i] : "?";
}

unsigned hartview_csr_num(unsigned i)
{
    return i < HARTVIEW_NCSR ? csrs[i] : 0;
}

const char *hartview_priv_name(unsigned priv)
{
    return priv == PRIV_M ? "M" : priv == PRIV_S ? "S" : "U";
}

static void snapshot_on_hart(hart_t *h, void *arg)
{
    hart_snapshot_t *s = arg;
    memcpy(s->x, h->x, sizeof(s->x));
    memcpy(s->f, h->f, sizeof(s->f));
    s->pc = h->pc;
    s->fcsr = h->fflags | (h->frm << 5);
    s->priv = h->priv;
    s->wfi = h->wfi;
    s->instret = h->instret;
    for (unsigned i = 0; i < HARTVIEW_NCSR; i++)
        if (!csr_read(h, csrs[i], &s->csr[i]))
            s->csr[i] = 0;
}

void hartview_snapshot(machine_t *m, unsigned hart, hart_snapshot_t *out)
{
    memset(out, 0, sizeof(*out));
    dbg_hart_call(&m->runctl.dbg, hart, snapshot_on_hart, out);
}

typedef struct mem_req {
    uint64_t addr;
    uint8_t *buf;
    size_t len, done;
    bool write, physical;
} mem_req_t;

static size_t phys_rw(hart_t *h, mem_req_t *r)
{
    size_t done = 0;
    while (done < r->len) {
        uint64_t pa = r->addr + done;
        size_t n = PAGE_SIZE - (pa & ~PAGE_MASK);
        if (n > r->len - done)
            n = r->len - done;
        bool ok = r->write ? phys_dma_write(h->phys, pa, r->buf + done, n)
                           : phys_dma_read(h->phys, pa, r->buf + done, n);
        if (!ok)
            break;
        done += n;
    }
    return done;
}

static void mem_on_hart(hart_t *h, void *arg)
{
    mem_req_t *r = arg;
    r->done = r->physical ? phys_rw(h, r) : mmu_debug_rw(h, r->addr, r->buf, r->len, r->write);
}

size_t hartview_mem(machine_t *m, unsigned hart, uint64_t addr, uint8_t *buf, size_t len,
                    bool write, bool physical)
{
    mem_req_t r = {.addr = addr, .buf = buf, .len = len, .write = write, .physical = physical};
    dbg_hart_call(&m->runctl.dbg, hart, mem_on_hart, &r);
    return r.done;
}
