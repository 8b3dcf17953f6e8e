/* Per-major-opcode decode tables contributed by each group of instruction handlers. */
#ifndef CPU_DECODE_TABLES_H
#define CPU_DECODE_TABLES_H

#include "cpu/decode.h"

/* exec_int.c: RV64I computational, M, Zba, Zbb, Zbs, control transfer */
extern const decode_table_t decode_int_opimm, decode_int_op, decode_int_opimm32, decode_int_op32,
    decode_int_lui, decode_int_auipc, decode_int_branch, decode_int_jal, decode_int_jalr;
/* exec_mem.c: loads, stores, A */
extern const decode_table_t decode_mem_load, decode_mem_store, decode_mem_amo;
/* exec_sys.c: SYSTEM (CSRs, ecall, ebreak, xRET, WFI, SFENCE.VMA) and MISC-MEM (fences) */
extern const decode_table_t decode_sys_system, decode_sys_miscmem;

#endif
