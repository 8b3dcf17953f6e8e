#include "dev/uart.h"

#include <errno.h>
#include <inttypes.h>
#include <unistd.h>

enum { RBR_THR = 0, IER = 1, IIR_FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };
#define LCR_DLAB 0x80
#define LSR_THRE 0x20
#define LSR_TEMT 0x40
#define IIR_NO_INT 0x01

void uart_init(uart_t *u, int out_fd, log_ctx_t *log)
{
    *u = (uart_t){.out_fd = out_fd, .log = log};
    pthread_mutex_init(&u->lock, NULL);
}

static void uart_tx(uart_t *u, uint8_t c)
{
    while (write(u->out_fd, &c, 1) < 0 && errno == EINTR)
        ;
}

static uint64_t uart_read(void *opaque, uint64_t off, unsigned size)
{
    uart_t *u = opaque;
    (void)size;
    bool dlab = u->lcr & LCR_DLAB;
    switch (off) {
    case RBR_THR: return dlab ? u->dll : 0;
    case IER: return dlab ? u->dlm : u->ier;
    case IIR_FCR: return IIR_NO_INT;
    case LCR: return u->lcr;
    case MCR: return u->mcr;
    case LSR: return LSR_THRE | LSR_TEMT;
    case MSR: return 0;
    case SCR: return u->scr;
    default:
        log_guest_error(u->log, "uart: read at offset %#" PRIx64 "\n", off);
        return 0;
    }
}

static void uart_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
    uart_t *u = opaque;
    (void)size;
    bool dlab = u->lcr & LCR_DLAB;
    uint8_t v = (uint8_t)val;
    switch (off) {
    case RBR_THR: if (dlab) u->dll = v; else uart_tx(u, v); break;
    case IER: if (dlab) u->dlm = v; else u->ier = v & 0x0f; break;
    case IIR_FCR: break;
    case LCR: u->lcr = v; break;
    case MCR: u->mcr = v & 0x1f; break;
    case SCR: u->scr = v; break;
    default:
        log_guest_error(u->log, "uart: write %#x at offset %#" PRIx64 "\n", v, off);
        break;
    }
}

const mmio_ops_t uart_ops = {.read = uart_read, .write = uart_write};
