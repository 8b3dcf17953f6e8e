/* NS16550A UART: the guest's console. Transmission is immediate (a byte written to THR goes to
 * `out_fd` at once, so THR and the transmitter are always empty afterwards); reception goes
 * through a 16-byte RX FIFO (one holding register while FIFOs are disabled) filled by another
 * thread with uart_receive().
 *
 * Interrupts (priority order, as IIR reports them): receiver line status (OE), received data
 * (FIFO at its trigger level) or character timeout (FIFO non-empty below it), THR empty, modem
 * status. The THR-empty interrupt follows the datasheet's rules: it is pending while THR is
 * empty and IER.ETBEI is set, it is cleared by a read of IIR that reports it or by a write to
 * THR, and setting ETBEI while THR is empty raises it again. Since a THR write empties THR at
 * once, the interrupt is pending again right after it; a driver that stops writing clears it
 * with its IIR read or by clearing ETBEI, so it never storms.
 *
 * The irq line (level) is driven whenever IIR's "interrupt pending" changes, with the UART lock
 * held: lock order UART lock -> PLIC lock. */
#ifndef DEV_UART_H
#define DEV_UART_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/lock.h"
#include "dev/device.h"
#include "mem/phys.h"
#include "util/log.h"

#define UART_SIZE 0x100
#define UART_CLOCK_HZ 3686400
#define UART_FIFO_SIZE 16

typedef struct uart {
    lock_t lock; /* device lock: every field below is guarded by it */
    uint8_t ier, lcr, mcr, scr, dll, dlm;
    uint8_t fcr;           /* last FCR value (FIFO enable and trigger bits) */
    uint8_t lsr_errors;    /* OE (and the other error bits, never set here) until LSR is read */
    uint8_t msr_inputs;    /* CTS/DSR/RI/DCD as bits 4..7 */
    uint8_t msr_deltas;    /* DCTS/DDSR/TERI/DDCD until MSR is read */
    bool thre_pending;     /* THR-empty event not yet acknowledged (see above) */
    bool irq_level;        /* last level driven on `irq` */
    bool rx_blocked;       /* input was refused for lack of room: notify when room appears */
    uint8_t rx_fifo[UART_FIFO_SIZE];
    unsigned rx_head, rx_count;
    int out_fd;
    irq_line_t irq;
    log_ctx_t *log;
    void (*rx_ready)(void *ctx); /* optional; see uart_set_rx_ready */
    void *rx_ready_ctx;
} uart_t;

/* out_fd < 0 discards the output. */
void uart_init(uart_t *u, int out_fd, irq_line_t irq, log_ctx_t *log);
void uart_destroy(uart_t *u);
/* Guest reset: registers to their reset values, RX FIFO emptied, irq line lowered. Keeps the
 * output fd, the irq line and the rx_ready hook. */
void uart_reset(uart_t *u);
/* Moves up to `len` bytes of host input into the RX FIFO; returns how many fit (0 while the
 * FIFO is full or the UART is in loopback mode, which disconnects the serial input). The
 * caller retries the rest later. Any thread. */
size_t uart_receive(uart_t *u, const uint8_t *buf, size_t len);
/* Whether uart_receive would accept at least one byte now. Any thread. */
bool uart_can_receive(uart_t *u);
/* Optional: `fn(ctx)` is called, with the UART lock held, when the RX FIFO gains room after
 * uart_receive or uart_can_receive turned input away; it must only signal (e.g. write an
 * eventfd), not call back into the UART or take a device lock. */
void uart_set_rx_ready(uart_t *u, void (*fn)(void *ctx), void *ctx);
/* Writes the serial node (libfdt sequential-write mode, inside /soc with #address-cells and
 * #size-cells 2). Returns 0 or a negative libfdt error. */
int uart_fdt(uart_t *u, fdt_ctx_t *ctx, uint64_t base, unsigned irq);
extern const mmio_ops_t uart_ops;

#endif
