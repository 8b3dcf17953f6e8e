#include "front/monitor.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/csr.h"
#include "front/hartview.h"

#define MAX_ARGS 4
#define DUMP_MAX 4096 /* bytes per x/xp command */

typedef struct cmd_ctx {
    monitor_t *mon;
    machine_t *m;
    strbuf_t *out;
    int argc;
    char *argv[MAX_ARGS];
} cmd_ctx_t;

void monitor_init(monitor_t *mon, control_t *ctl)
{
    mon->ctl = ctl;
    atomic_init(&mon->cpu, 0);
}

static void print_hart(cmd_ctx_t *c, unsigned i)
{
    hart_snapshot_t s;
    hartview_snapshot(c->m, i, &s);
    sb_printf(c->out, "hart %u: pc %016" PRIx64 " priv %s%s instret %" PRIu64 "\r\n", i, s.pc,
              hartview_priv_name(s.priv), s.wfi ? " (wfi)" : "", s.instret);
    for (unsigned r = 0; r < 32; r++)
        sb_printf(c->out, " x%-2u/%-4s %016" PRIx64 "%s", r, hartview_xname(r), s.x[r],
                  r % 4 == 3 ? "\r\n" : "");
    for (unsigned r = 0; r < 32; r++)
        sb_printf(c->out, " f%-2u %016" PRIx64 "%s", r, s.f[r], r % 4 == 3 ? "\r\n" : "");
    sb_printf(c->out, " fcsr     %08x\r\n", s.fcsr);
    for (unsigned k = 0; k < HARTVIEW_NCSR; k++) {
        const char *name = csr_name(hartview_csr_num(k));
        sb_printf(c->out, " %-10s %016" PRIx64 "%s", name ? name : "?", s.csr[k],
                  k % 3 == 2 || k + 1 == HARTVIEW_NCSR ? "\r\n" : "");
    }
}

static void cmd_info_registers(cmd_ctx_t *c)
{
    if (c->argc > 2 && strcmp(c->argv[2], "-a") == 0) {
        for (unsigned i = 0; i < c->m->nharts; i++)
            print_hart(c, i);
        return;
    }
    print_hart(c, atomic_load(&c->mon->cpu));
}

static void cmd_info_cpus(cmd_ctx_t *c)
{
    unsigned cur = atomic_load(&c->mon->cpu);
    for (unsigned i = 0; i < c->m->nharts; i++) {
        hart_snapshot_t s;
        hartview_snapshot(c->m, i, &s);
        sb_printf(c->out, "%c CPU #%u: pc=0x%016" PRIx64 " priv=%s thread_id=%d%s\r\n",
                  i == cur ? '*' : ' ', i, s.pc, hartview_priv_name(s.priv),
                  dbg_hart_tid(&c->m->runctl.dbg, i), s.wfi ? " (halted)" : "");
    }
}

static void mtree_on_hart(hart_t *h, void *arg)
{
    strbuf_t *out = arg;
    static const char *const kinds[] = {"ram", "rom", "i/o"};
    const phys_region_t *regions[PHYS_MAX_REGIONS];
    unsigned n = phys_regions(h->phys, regions, PHYS_MAX_REGIONS);
    sb_puts(out, "address-space: memory\r\n");
    for (unsigned i = 0; i < n; i++) {
        const phys_region_t *r = regions[i];
        sb_printf(out, "  %016" PRIx64 "-%016" PRIx64 " (prio 0, %s): %s%s\r\n", r->base,
                  r->base + r->size - 1, kinds[r->kind], r->name,
                  r->kind == REGION_MMIO && r->lock == &h->phys->big_lock ? " [big lock]" : "");
    }
}

static void cmd_info_tcache(cmd_ctx_t *c)
{
    tcache_info_t t;
    tcache_get_info(&c->m->tcache, &t);
    sb_printf(c->out,
              "translation cache: %" PRIu64 " blocks in %" PRIu64 " pages, %" PRIu64
              " KiB live (flush above %" PRIu64 " MiB)\r\n"
              "blocks created %" PRIu64 ", lookups missed %" PRIu64 ", pages invalidated %" PRIu64
              ", full flushes %" PRIu64 ", generation %" PRIu64 "\r\n",
              t.blocks, t.pages, t.bytes >> 10, t.max_bytes >> 20, t.blocks_created,
              t.lookups_missed, t.pages_invalidated, t.flushes, t.gen);
    if (!t.jit_max_bytes) {
        sb_printf(c->out, "JIT: off (interpreter)\r\n");
        return;
    }
    sb_printf(c->out,
              "JIT: %" PRIu64 " KiB of %" PRIu64 " MiB code arena, %" PRIu64
              " blocks compiled, instructions native %" PRIu64 ", through handlers %" PRIu64
              "\r\n",
              t.jit_bytes >> 10, t.jit_max_bytes >> 20, t.jit_blocks, t.jit_native,
              t.jit_fallbacks);
}

static void cmd_info(cmd_ctx_t *c)
{
    const char *what = c->argc > 1 ? c->argv[1] : "";
    bool running;
    if (strcmp(what, "status") == 0) {
        const char *st = control_status(c->mon->ctl, &running);
        sb_printf(c->out, "VM status: %s%s%s%s\r\n", running ? "running" : "paused",
                  running ? "" : " (", running ? "" : st, running ? "" : ")");
    } else if (strcmp(what, "registers") == 0) {
        cmd_info_registers(c);
    } else if (strcmp(what, "cpus") == 0) {
        cmd_info_cpus(c);
    } else if (strcmp(what, "mtree") == 0) {
        dbg_hart_call(&c->m->runctl.dbg, 0, mtree_on_hart, c->out);
    } else if (strcmp(what, "tcache") == 0 || strcmp(what, "jit") == 0) {
        cmd_info_tcache(c);
    } else {
        sb_puts(c->out, "info: expected status, registers [-a], cpus, mtree or tcache\r\n");
    }
}

static bool parse_u64(const char *s, uint64_t *v)
{
    char *end;
    if (!s || !*s)
        return false;
    *v = strtoull(s, &end, 0);
    return *end == '\0';
}

static void cmd_cpu(cmd_ctx_t *c)
{
    uint64_t n;
    if (c->argc < 2 || !parse_u64(c->argv[1], &n) || n >= c->m->nharts) {
        sb_printf(c->out, "cpu: expected a hart number from 0 to %u\r\n", c->m->nharts - 1);
        return;
    }
    atomic_store(&c->mon->cpu, (unsigned)n);
}

/* "/[N][b|h|w|g]" (QEMU's format letters x/d/u are accepted and print hex). */
static bool parse_format(const char *f, unsigned *count, unsigned *size)
{
    *count = 1;
    *size = 4;
    if (!f || *f++ != '/')
        return false;
    if (isdigit((unsigned char)*f))
        *count = (unsigned)strtoul(f, (char **)&f, 10);
    for (; *f; f++) {
        const char *sizes = "bhwg";
        const char *k = strchr(sizes, *f);
        if (k)
            *size = 1u << (k - sizes);
        else if (!strchr("xdu", *f))
            return false;
    }
    return *count > 0;
}

static void print_words(cmd_ctx_t *c, uint64_t addr, const uint8_t *buf, size_t n, unsigned size)
{
    unsigned per_line = 16 / size;
    for (size_t off = 0; off + size <= n; off += size) {
        if ((off / size) % per_line == 0)
            sb_printf(c->out, "%s%016" PRIx64 ":", off ? "\r\n" : "", addr + off);
        uint64_t v = 0;
        memcpy(&v, buf + off, size);
        sb_printf(c->out, " 0x%0*" PRIx64, (int)size * 2, v);
    }
    sb_puts(c->out, "\r\n");
}

static void cmd_dump(cmd_ctx_t *c, bool physical)
{
    unsigned count, size;
    uint64_t addr;
    if (c->argc < 3 || !parse_format(c->argv[1], &count, &size) || !parse_u64(c->argv[2], &addr)) {
        sb_printf(c->out, "%s: usage: %s /[N][b|h|w|g] ADDR\r\n", c->argv[0], c->argv[0]);
        return;
    }
    size_t len = (size_t)count * size;
    if (len > DUMP_MAX)
        len = DUMP_MAX - DUMP_MAX % size;
    uint8_t buf[DUMP_MAX];
    size_t got = hartview_mem(c->m, atomic_load(&c->mon->cpu), addr, buf, len, false, physical);
    if (got < size) {
        sb_printf(c->out, "cannot access memory at 0x%" PRIx64 "\r\n", addr + got);
        return;
    }
    print_words(c, addr, buf, got - got % size, size);
}

static void cmd_help(cmd_ctx_t *c)
{
    sb_puts(c->out,
            "help                      this list\r\n"
            "info status               whether the guest runs\r\n"
            "info registers [-a]       the selected hart's registers (-a: every hart's)\r\n"
            "info cpus                 every hart's pc and host thread\r\n"
            "info mtree                the physical memory map\r\n"
            "info tcache               translation-cache statistics (also: info jit)\r\n"
            "stop, cont (c)            stop every hart / let them run\r\n"
            "system_reset              reset the board\r\n"
            "system_powerdown          POWERDOWN event (the board has no power button)\r\n"
            "quit (q)                  end the emulator\r\n"
            "cpu N                     select hart N\r\n"
            "x /[N][b|h|w|g] ADDR      guest memory through the selected hart's translation\r\n"
            "xp /[N][b|h|w|g] ADDR     guest physical memory\r\n");
}

static void run_command(cmd_ctx_t *c)
{
    const char *cmd = c->argv[0];
    control_t *ctl = c->mon->ctl;
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "?") == 0)
        cmd_help(c);
    else if (strcmp(cmd, "info") == 0)
        cmd_info(c);
    else if (strcmp(cmd, "stop") == 0)
        control_stop(ctl);
    else if (strcmp(cmd, "cont") == 0 || strcmp(cmd, "c") == 0)
        control_cont(ctl);
    else if (strcmp(cmd, "system_reset") == 0)
        control_reset(ctl);
    else if (strcmp(cmd, "system_powerdown") == 0)
        control_powerdown(ctl);
    else if (strcmp(cmd, "quit") == 0 || strcmp(cmd, "q") == 0)
        control_quit(ctl);
    else if (strcmp(cmd, "cpu") == 0)
        cmd_cpu(c);
    else if (strcmp(cmd, "x") == 0 || strcmp(cmd, "xp") == 0)
        cmd_dump(c, cmd[1] == 'p');
    else
        sb_printf(c->out, "unknown command: '%s' (try help)\r\n", cmd);
}

void monitor_exec(monitor_t *mon, const char *line, strbuf_t *out)
{
    char buf[256];
    snprintf(buf, sizeof(buf), "%s", line);
    cmd_ctx_t c = {.mon = mon, .m = mon->ctl->m, .out = out};
    char *save = NULL;
    for (char *tok = strtok_r(buf, " \t\r\n", &save); tok && c.argc < MAX_ARGS;
         tok = strtok_r(NULL, " \t\r\n", &save))
        c.argv[c.argc++] = tok;
    if (c.argc == 0)
        return;
    run_command(&c);
}
