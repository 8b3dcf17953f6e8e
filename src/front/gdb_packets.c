/* The GDB stub's packet handlers (see gdbstub.h), on the stub's thread. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/gdb_internal.h"
#include "front/gdb_regs.h"
#include "front/hartview.h"
#include "util/util.h"

#define MEM_MAX (GDB_PACKET_MAX / 2) /* bytes one m/M/X packet may move */

static dbgctl_t *dbg_of(gdbstub_t *g)
{
    return &g->m->runctl.dbg;
}

/* A hexadecimal number of 1 to 16 digits at *p; advances past it. */
static bool parse_hex(const char **p, uint64_t *v)
{
    const char *s = *p;
    *v = 0;
    while (util_hex_digit(*s) >= 0 && s - *p < 16)
        *v = *v << 4 | (uint64_t)util_hex_digit(*s++);
    if (s == *p || util_hex_digit(*s) >= 0)
        return false;
    *p = s;
    return true;
}

/* "ADDR,LEN" followed by `end` (or the end of the packet when end is 0). */
static bool parse_addr_len(const char **p, uint64_t *addr, uint64_t *len, char end)
{
    if (!parse_hex(p, addr) || *(*p)++ != ',' || !parse_hex(p, len))
        return false;
    if (end && *(*p)++ != end)
        return false;
    return end || **p == '\0';
}

static void put_hex_bytes(strbuf_t *sb, const uint8_t *b, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        char two[2] = {digits[b[i] >> 4], digits[b[i] & 15]};
        sb_append(sb, two, 2);
    }
}

static bool get_hex_bytes(const char *p, uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int hi = util_hex_digit(p[2 * i]), lo = hi < 0 ? -1 : util_hex_digit(p[2 * i + 1]);
        if (lo < 0)
            return false;
        b[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

static void send_sb(gdbstub_t *g, strbuf_t *sb)
{
    gdb_send(g, sb_str(sb), sb->len);
    sb_free(sb);
}

/* ---- registers ---- */

typedef struct reg_req {
    unsigned regnum, size;
    uint64_t val;
    bool write;
} reg_req_t;

static void reg_on_hart(hart_t *h, void *arg)
{
    reg_req_t *r = arg;
    r->size = gdb_reg_access(h, r->regnum, &r->val, r->write);
}

typedef struct core_req {
    uint64_t v[GDB_G_REGS];
    bool write;
} core_req_t;

static void core_on_hart(hart_t *h, void *arg)
{
    core_req_t *r = arg;
    for (unsigned i = 0; i < GDB_G_REGS; i++)
        gdb_reg_access(h, i, &r->v[i], r->write);
}

static void handle_g(gdbstub_t *g)
{
    core_req_t r = {.write = false};
    dbg_hart_call(dbg_of(g), g->g_hart, core_on_hart, &r);
    strbuf_t sb;
    sb_init(&sb);
    put_hex_bytes(&sb, (const uint8_t *)r.v, sizeof(r.v)); /* the host is little-endian too */
    send_sb(g, &sb);
}

static void handle_G(gdbstub_t *g, const char *p)
{
    core_req_t r = {.write = true};
    if (strlen(p) != 2 * sizeof(r.v) || !get_hex_bytes(p, (uint8_t *)r.v, sizeof(r.v))) {
        gdb_send_str(g, "E22");
        return;
    }
    dbg_hart_call(dbg_of(g), g->g_hart, core_on_hart, &r);
    gdb_send_str(g, "OK");
}

static void handle_p(gdbstub_t *g, const char *p)
{
    uint64_t n;
    reg_req_t r = {.write = false};
    if (!parse_hex(&p, &n) || *p || n > GDB_REG_PRIV) {
        gdb_send_str(g, "E22");
        return;
    }
    r.regnum = (unsigned)n;
    dbg_hart_call(dbg_of(g), g->g_hart, reg_on_hart, &r);
    if (!r.size) {
        gdb_send_str(g, "E45"); /* no such register */
        return;
    }
    strbuf_t sb;
    sb_init(&sb);
    put_hex_bytes(&sb, (const uint8_t *)&r.val, r.size);
    send_sb(g, &sb);
}

static void handle_P(gdbstub_t *g, const char *p)
{
    uint64_t n;
    reg_req_t r = {.write = true};
    if (!parse_hex(&p, &n) || *p++ != '=' || n > GDB_REG_PRIV || strlen(p) > 16 ||
        strlen(p) % 2 || !get_hex_bytes(p, (uint8_t *)&r.val, strlen(p) / 2)) {
        gdb_send_str(g, "E22");
        return;
    }
    r.regnum = (unsigned)n;
    dbg_hart_call(dbg_of(g), g->g_hart, reg_on_hart, &r);
    gdb_send_str(g, r.size ? "OK" : "E45");
}

/* ---- memory ---- */

static void handle_m(gdbstub_t *g, const char *p)
{
    uint64_t addr, len;
    if (!parse_addr_len(&p, &addr, &len, 0) || len > MEM_MAX) {
        gdb_send_str(g, "E22"); /* malformed, or longer than a reply can carry */
        return;
    }
    uint8_t buf[MEM_MAX];
    size_t got = hartview_mem(g->m, g->g_hart, addr, buf, len, false, false);
    if (got == 0 && len > 0) {
        gdb_send_str(g, "E14"); /* not mapped, or a device */
        return;
    }
    strbuf_t sb;
    sb_init(&sb);
    sb_append(&sb, "", 0);
    put_hex_bytes(&sb, buf, got);
    send_sb(g, &sb);
}

static void write_mem(gdbstub_t *g, uint64_t addr, uint8_t *buf, size_t len)
{
    size_t done = len ? hartview_mem(g->m, g->g_hart, addr, buf, len, true, false) : 0;
    gdb_send_str(g, done == len ? "OK" : "E14");
}

static void handle_M(gdbstub_t *g, const char *p)
{
    uint64_t addr, len;
    uint8_t buf[MEM_MAX];
    if (!parse_addr_len(&p, &addr, &len, ':') || len > MEM_MAX || strlen(p) != 2 * len ||
        !get_hex_bytes(p, buf, len)) {
        gdb_send_str(g, "E22");
        return;
    }
    write_mem(g, addr, buf, len);
}

/* X: binary data, with '}' escaping the next byte (xor 0x20). */
static void handle_X(gdbstub_t *g, const char *p, size_t plen)
{
    const char *end = p + plen;
    uint64_t addr, len;
    uint8_t buf[MEM_MAX];
    if (!parse_addr_len(&p, &addr, &len, ':') || len > MEM_MAX) {
        gdb_send_str(g, "E22");
        return;
    }
    size_t n = 0;
    for (; p < end && n < len; n++) {
        uint8_t b = (uint8_t)*p++;
        if (b == '}' && p < end)
            b = (uint8_t)(*p++ ^ 0x20);
        buf[n] = b;
    }
    if (n != len || p != end) {
        gdb_send_str(g, "E22");
        return;
    }
    write_mem(g, addr, buf, len);
}

/* ---- breakpoints and watchpoints ---- */

static void handle_Z(gdbstub_t *g, const char *p, bool insert)
{
    static const unsigned watch_kind[] = {0, 0, WATCH_WRITE, WATCH_READ, WATCH_ACCESS};
    uint64_t addr, kind;
    char type = *p++;
    if (type < '0' || type > '4') {
        gdb_send_str(g, ""); /* unsupported type */
        return;
    }
    if (*p++ != ',' || !parse_addr_len(&p, &addr, &kind, 0)) {
        gdb_send_str(g, "E22");
        return;
    }
    dbgctl_t *d = dbg_of(g);
    bool ok;
    if (type <= '1')
        ok = insert ? dbg_bp_insert(d, addr) : dbg_bp_remove(d, addr);
    else if (insert)
        ok = dbg_watch_insert(d, addr, kind, watch_kind[type - '0']);
    else
        ok = dbg_watch_remove(d, addr, kind, watch_kind[type - '0']);
    gdb_send_str(g, ok ? "OK" : "E28"); /* full, invalid or not set */
}

/* ---- threads and execution ---- */

/* A thread id: -1 (all, *hart = -1), 0 (any: hart 0) or hart + 1. */
static bool parse_thread(gdbstub_t *g, const char **p, int *hart)
{
    uint64_t tid;
    if ((*p)[0] == '-' && (*p)[1] == '1') {
        *p += 2;
        *hart = -1;
        return true;
    }
    if (!parse_hex(p, &tid) || tid > g->m->nharts)
        return false;
    *hart = tid == 0 ? 0 : (int)tid - 1;
    return true;
}

static void handle_H(gdbstub_t *g, const char *p)
{
    char op = *p++;
    int hart;
    if ((op != 'g' && op != 'c') || !parse_thread(g, &p, &hart) || *p) {
        gdb_send_str(g, "E22");
        return;
    }
    if (hart < 0)
        hart = 0;
    if (op == 'g')
        g->g_hart = (unsigned)hart;
    else
        g->c_hart = (unsigned)hart;
    gdb_send_str(g, "OK");
}

static void handle_T(gdbstub_t *g, const char *p)
{
    int hart;
    gdb_send_str(g, parse_thread(g, &p, &hart) && !*p && hart >= 0 ? "OK" : "E01");
}

static void run(gdbstub_t *g, const dbg_action_t *acts)
{
    if (!dbg_resume(dbg_of(g), acts)) {
        gdb_send_str(g, "E01");
        return;
    }
    g->running = true; /* the stop reply comes when the machine stops */
}

/* c/s [ADDR], C/S SIG[;ADDR]: the Hc thread steps alone; continue runs every hart. */
static void handle_legacy_resume(gdbstub_t *g, char op, const char *p)
{
    uint64_t v;
    if ((op == 'C' || op == 'S') && (!parse_hex(&p, &v) || (*p && *p++ != ';'))) {
        gdb_send_str(g, "E22");
        return;
    }
    if (*p) {
        reg_req_t r = {.regnum = GDB_REG_PC, .write = true};
        if (!parse_hex(&p, &r.val) || *p) {
            gdb_send_str(g, "E22");
            return;
        }
        dbg_hart_call(dbg_of(g), g->c_hart, reg_on_hart, &r);
    }
    if (op == 'c' || op == 'C') {
        run(g, NULL);
        return;
    }
    dbg_action_t acts[VIRT_MAX_HARTS] = {DBG_ACT_STOP};
    acts[g->c_hart] = DBG_ACT_STEP;
    run(g, acts);
}

static bool vcont_action(char a, dbg_action_t *act, const char **p)
{
    uint64_t sig;
    if ((a == 'C' || a == 'S') && !parse_hex(p, &sig))
        return false;
    if (a == 'c' || a == 'C')
        *act = DBG_ACT_CONT;
    else if (a == 's' || a == 'S')
        *act = DBG_ACT_STEP;
    else if (a == 't')
        *act = DBG_ACT_STOP;
    else
        return false;
    return true;
}

/* vCont;ACTION[:TID]...: each hart takes the leftmost action naming it; others stay stopped. */
static void handle_vcont(gdbstub_t *g, const char *p)
{
    if (strcmp(p, "?") == 0) {
        gdb_send_str(g, "vCont;c;C;s;S;t");
        return;
    }
    dbg_action_t acts[VIRT_MAX_HARTS];
    bool set[VIRT_MAX_HARTS] = {false};
    while (*p == ';') {
        p++;
        char a = *p++;
        dbg_action_t act;
        int hart = -1;
        if (!vcont_action(a, &act, &p) || (*p == ':' && (p++, !parse_thread(g, &p, &hart)))) {
            gdb_send_str(g, "E22");
            return;
        }
        for (unsigned i = 0; i < g->m->nharts; i++)
            if (!set[i] && (hart < 0 || (unsigned)hart == i))
                acts[i] = act, set[i] = true;
    }
    if (*p) {
        gdb_send_str(g, "E22");
        return;
    }
    for (unsigned i = 0; i < g->m->nharts; i++)
        if (!set[i])
            acts[i] = DBG_ACT_STOP;
    run(g, acts);
}

void gdb_send_stop_reply(gdbstub_t *g, bool async)
{
    static const char *const watch_names[] = {"", "rwatch", "watch", "awatch"};
    dbg_stop_t st;
    dbg_get_state(dbg_of(g), &st, NULL);
    bool own = st.kind == DBG_STOP_BREAK || st.kind == DBG_STOP_WATCH || st.kind == DBG_STOP_STEP;
    unsigned hart = own ? st.hart : g->g_hart;
    int sig = async && st.kind == DBG_STOP_PAUSE ? 2 : 5; /* SIGINT for an interrupt */
    char buf[128];
    if (st.kind == DBG_STOP_WATCH)
        snprintf(buf, sizeof(buf), "T%02x%s:%" PRIx64 ";thread:%x;", sig,
                 watch_names[st.watch_kind & 3], st.addr, hart + 1);
    else
        snprintf(buf, sizeof(buf), "T%02xthread:%x;", sig, hart + 1);
    g->g_hart = g->c_hart = hart;
    g->running = false;
    g->reported = st.seq;
    gdb_send_str(g, buf);
}

/* ---- queries ---- */

/* A qXfer read of `doc`: "OFF,LEN" after the annex; binary data escaped. */
static void xfer_reply(gdbstub_t *g, const char *doc, size_t size, const char *p)
{
    uint64_t off, len;
    if (!parse_addr_len(&p, &off, &len, 0)) {
        gdb_send_str(g, "E22");
        return;
    }
    if (off >= size) {
        gdb_send_str(g, "l");
        return;
    }
    size_t n = size - off < len ? size - off : len;
    if (n > GDB_PACKET_MAX / 2)
        n = GDB_PACKET_MAX / 2; /* room for escapes */
    strbuf_t sb;
    sb_init(&sb);
    sb_puts(&sb, off + n < size ? "m" : "l");
    for (size_t i = 0; i < n; i++) {
        char c = doc[off + i];
        if (c == '$' || c == '#' || c == '}' || c == '*') {
            char esc[2] = {'}', (char)(c ^ 0x20)};
            sb_append(&sb, esc, 2);
        } else {
            sb_append(&sb, &c, 1);
        }
    }
    send_sb(g, &sb);
}

static void handle_xfer(gdbstub_t *g, const char *p)
{
    if (strncmp(p, "features:read:target.xml:", 25) == 0) {
        xfer_reply(g, sb_str(&g->xml), g->xml.len, p + 25);
    } else if (strncmp(p, "threads:read::", 14) == 0) {
        strbuf_t doc;
        sb_init(&doc);
        sb_puts(&doc, "<?xml version=\"1.0\"?><threads>");
        for (unsigned i = 0; i < g->m->nharts; i++)
            sb_printf(&doc, "<thread id=\"%x\" core=\"%u\" name=\"hart %u\"/>", i + 1, i, i);
        sb_puts(&doc, "</threads>");
        xfer_reply(g, sb_str(&doc), doc.len, p + 14);
        sb_free(&doc);
    } else {
        gdb_send_str(g, ""); /* unknown object or annex */
    }
}

static void handle_rcmd(gdbstub_t *g, const char *p)
{
    size_t n = strlen(p) / 2;
    char line[256];
    if (strlen(p) % 2 || n >= sizeof(line) || !get_hex_bytes(p, (uint8_t *)line, n)) {
        gdb_send_str(g, "E22");
        return;
    }
    line[n] = '\0';
    strbuf_t out, sb;
    sb_init(&out);
    sb_init(&sb);
    monitor_exec(g->mon, line, &out);
    if (out.len > MEM_MAX)
        out.len = MEM_MAX; /* one reply */
    put_hex_bytes(&sb, (const uint8_t *)sb_str(&out), out.len);
    sb_free(&out);
    if (sb.len)
        send_sb(g, &sb);
    else
        gdb_send_str(g, "OK"), sb_free(&sb);
}

static void handle_thread_list(gdbstub_t *g)
{
    strbuf_t sb;
    sb_init(&sb);
    sb_puts(&sb, "m");
    for (unsigned i = 0; i < g->m->nharts; i++)
        sb_printf(&sb, "%s%x", i ? "," : "", i + 1);
    send_sb(g, &sb);
}

static void handle_extra_info(gdbstub_t *g, const char *p)
{
    int hart;
    if (!parse_thread(g, &p, &hart) || *p || hart < 0) {
        gdb_send_str(g, "E22");
        return;
    }
    char text[32];
    snprintf(text, sizeof(text), "hart %d", hart);
    strbuf_t sb;
    sb_init(&sb);
    put_hex_bytes(&sb, (const uint8_t *)text, strlen(text));
    send_sb(g, &sb);
}

static void handle_q(gdbstub_t *g, const char *p)
{
    char buf[32];
    if (strncmp(p, "qSupported", 10) == 0) {
        snprintf(buf, sizeof(buf), "PacketSize=%x;", GDB_PACKET_MAX);
        strbuf_t sb;
        sb_init(&sb);
        sb_puts(&sb, buf);
        sb_puts(&sb, "qXfer:features:read+;qXfer:threads:read+;QStartNoAckMode+;vContSupported+");
        send_sb(g, &sb);
    } else if (strcmp(p, "QStartNoAckMode") == 0) {
        gdb_send_str(g, "OK");
        g->noack = true;
    } else if (strcmp(p, "qAttached") == 0 || strncmp(p, "qAttached:", 10) == 0) {
        gdb_send_str(g, "1");
    } else if (strcmp(p, "qC") == 0) {
        snprintf(buf, sizeof(buf), "QC%x", g->g_hart + 1);
        gdb_send_str(g, buf);
    } else if (strcmp(p, "qfThreadInfo") == 0) {
        handle_thread_list(g);
    } else if (strcmp(p, "qsThreadInfo") == 0) {
        gdb_send_str(g, "l");
    } else if (strncmp(p, "qThreadExtraInfo,", 17) == 0) {
        handle_extra_info(g, p + 17);
    } else if (strncmp(p, "qXfer:", 6) == 0) {
        handle_xfer(g, p + 6);
    } else if (strncmp(p, "qRcmd,", 6) == 0) {
        handle_rcmd(g, p + 6);
    } else if (strncmp(p, "qSymbol", 7) == 0) {
        gdb_send_str(g, "OK");
    } else {
        gdb_send_str(g, "");
    }
}

static void handle_v(gdbstub_t *g, const char *p)
{
    if (strncmp(p, "vCont", 5) == 0 && (p[5] == ';' || p[5] == '?')) {
        handle_vcont(g, p + 5);
    } else if (strncmp(p, "vKill", 5) == 0) {
        gdb_send_str(g, "OK");
        control_quit(g->ctl);
    } else {
        gdb_send_str(g, ""); /* vMustReplyEmpty and everything else */
    }
}

void gdb_handle_packet(gdbstub_t *g, char *pkt, size_t len)
{
    const char *args = pkt + 1;
    switch (pkt[0]) {
    case '?': gdb_send_stop_reply(g, false); break;
    case 'g': handle_g(g); break;
    case 'G': handle_G(g, args); break;
    case 'p': handle_p(g, args); break;
    case 'P': handle_P(g, args); break;
    case 'm': handle_m(g, args); break;
    case 'M': handle_M(g, args); break;
    case 'X': handle_X(g, args, len - 1); break;
    case 'Z': handle_Z(g, args, true); break;
    case 'z': handle_Z(g, args, false); break;
    case 'H': handle_H(g, args); break;
    case 'T': handle_T(g, args); break;
    case 'c': case 'C': case 's': case 'S': handle_legacy_resume(g, pkt[0], args); break;
    case 'v': handle_v(g, pkt); break;
    case 'q': case 'Q': handle_q(g, pkt); break;
    case 'D':
        gdb_send_str(g, "OK");
        gdb_session_end(g);
        break;
    case 'k': /* no reply: the emulator ends */
        control_quit(g->ctl);
        break;
    default: gdb_send_str(g, ""); break;
    }
}
