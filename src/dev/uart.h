/* NS16550A UART, transmit side: the guest's output goes to the host's stdout. The receive
 * path, FIFOs and interrupts are completed with the full virt board. */
#ifndef DEV_UART_H
#define DEV_UART_H

#include <pthread.h>
#include <stdint.h>

#include "mem/phys.h"
#include "util/log.h"

#define UART_SIZE 0x100

typedef struct uart {
    uint8_t ier, lcr, mcr, scr, dll, dlm;
    int out_fd;
    log_ctx_t *log;
    pthread_mutex_t lock;
} uart_t;

void uart_init(uart_t *u, int out_fd, log_ctx_t *log);
extern const mmio_ops_t uart_ops;

#endif
