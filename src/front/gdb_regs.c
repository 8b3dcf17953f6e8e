#include "front/gdb_regs.h"

#include "cpu/csr.h"

static bool is_fp_csr(unsigned csr)
{
    return csr >= 1 && csr <= 3;
}

static void xml_reg(strbuf_t *xml, const char *name, unsigned bits, const char *type, unsigned n)
{
    sb_printf(xml, "<reg name=\"%s\" bitsize=\"%u\" type=\"%s\" regnum=\"%u\"/>", name, bits,
              type, n);
}

void gdb_regs_target_xml(strbuf_t *xml)
{
    char name[16];
    sb_puts(xml, "<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
                 "<target><architecture>riscv:rv64</architecture>"
                 "<feature name=\"org.gnu.gdb.riscv.cpu\">");
    for (unsigned i = 0; i < 32; i++) {
        snprintf(name, sizeof(name), "x%u", i);
        xml_reg(xml, name, 64, i == 1 ? "code_ptr" : i == 2 ? "data_ptr" : "int", i);
    }
    xml_reg(xml, "pc", 64, "code_ptr", GDB_REG_PC);
    sb_puts(xml, "</feature><feature name=\"org.gnu.gdb.riscv.fpu\">");
    for (unsigned i = 0; i < 32; i++) {
        snprintf(name, sizeof(name), "f%u", i);
        xml_reg(xml, name, 64, "ieee_double", GDB_REG_F0 + i);
    }
    for (unsigned csr = 1; csr <= 3; csr++)
        xml_reg(xml, csr_name(csr), 32, "int", GDB_REG_CSR0 + csr);
    sb_puts(xml, "</feature><feature name=\"org.gnu.gdb.riscv.csr\">");
    for (unsigned csr = 4; csr < 4096; csr++)
        if (csr_name(csr))
            xml_reg(xml, csr_name(csr), 64, "int", GDB_REG_CSR0 + csr);
    sb_puts(xml, "</feature><feature name=\"org.gnu.gdb.riscv.virtual\">");
    xml_reg(xml, "priv", 8, "int", GDB_REG_PRIV);
    sb_puts(xml, "</feature></target>");
}

static unsigned csr_access(hart_t *h, unsigned csr, uint64_t *val, bool write)
{
    unsigned size = is_fp_csr(csr) ? 4 : 8;
    if (!csr_name(csr))
        return 0;
    if (write)
        return csr_write(h, csr, *val) ? size : 0;
    return csr_read(h, csr, val) ? size : 0;
}

static unsigned priv_access(hart_t *h, uint64_t *val, bool write)
{
    if (!write) {
        *val = h->priv;
        return 1;
    }
    if (*val != PRIV_U && *val != PRIV_S && *val != PRIV_M)
        return 0;
    h->priv = (uint32_t)*val;
    hart_update_mmu_idx(h);
    return 1;
}

unsigned gdb_reg_access(hart_t *h, unsigned regnum, uint64_t *val, bool write)
{
    if (regnum < 32) {
        if (write)
            hart_set_x(h, regnum, *val);
        *val = h->x[regnum];
        return 8;
    }
    if (regnum == GDB_REG_PC) {
        if (write)
            h->pc = *val & ~1ULL;
        *val = h->pc;
        return 8;
    }
    if (regnum >= GDB_REG_F0 && regnum < GDB_REG_F0 + 32) {
        if (write) {
            h->f[regnum - GDB_REG_F0] = *val;
            hart_fp_set_dirty(h);
        }
        *val = h->f[regnum - GDB_REG_F0];
        return 8;
    }
    if (regnum >= GDB_REG_CSR0 && regnum < GDB_REG_PRIV)
        return csr_access(h, regnum - GDB_REG_CSR0, val, write);
    if (regnum == GDB_REG_PRIV)
        return priv_access(h, val, write);
    return 0;
}
