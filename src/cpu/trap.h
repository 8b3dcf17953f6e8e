/* Traps and interrupts: delegation, priority, trap entry and return. */
#ifndef CPU_TRAP_H
#define CPU_TRAP_H

#include "cpu/hart.h"

/* Takes a synchronous exception for the instruction `in`; returns EXEC_TRAP. */
int hart_trap_insn(hart_t *h, const insn_t *in, uint64_t cause, uint64_t tval);
/* Takes the exception a memory helper left in h->exc_cause/exc_tval; returns EXEC_TRAP. */
int hart_raise(hart_t *h, const insn_t *in);
/* Enters the trap handler (M or S per delegation) with epc = the trapping pc. */
void hart_take_trap(hart_t *h, uint64_t cause, bool interrupt, uint64_t tval, uint64_t epc);
/* Interrupts that are pending and enabled for the current privilege (0 if none). */
uint64_t hart_pending_irqs(const hart_t *h);
/* Takes the highest-priority deliverable interrupt, if any; true if one was taken. */
bool hart_check_interrupts(hart_t *h);
/* Sets or clears bits of mip from any thread; wakes the hart if it may now take an interrupt. */
void hart_set_mip(hart_t *h, uint64_t bits, bool level);
/* Asks the hart to leave its block loop soon and wakes it if it sleeps in WFI. */
void hart_kick(hart_t *h);

#endif
