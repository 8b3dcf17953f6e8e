#include "dev/uart.h"

#include <errno.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdio.h>
#include <unistd.h>

/* Register offsets (DLAB selects DLL/DLM at 0/1) */
enum { REG_RBR_THR = 0, REG_IER = 1, REG_IIR_FCR = 2, REG_LCR = 3, REG_MCR = 4, REG_LSR = 5,
       REG_MSR = 6, REG_SCR = 7 };

#define IER_ERBFI 0x01 /* received data available (and character timeout) */
#define IER_ETBEI 0x02 /* THR empty */
#define IER_ELSI 0x04  /* receiver line status */
#define IER_EDSSI 0x08 /* modem status */
#define IER_MASK 0x0f

#define IIR_NO_INT 0x01
#define IIR_MODEM 0x00
#define IIR_THRE 0x02
#define IIR_RX_DATA 0x04
#define IIR_LINE_STATUS 0x06
#define IIR_RX_TIMEOUT 0x0c
#define IIR_FIFOS_ON 0xc0

#define FCR_ENABLE 0x01
#define FCR_RX_RESET 0x02
#define FCR_TX_RESET 0x04
#define FCR_KEPT 0xc9 /* enable, DMA mode, RX trigger: the bits that persist */
#define FCR_TRIGGER_SHIFT 6

#define LCR_DLAB 0x80

#define MCR_DTR 0x01
#define MCR_RTS 0x02
#define MCR_OUT1 0x04
#define MCR_OUT2 0x08
#define MCR_LOOP 0x10
#define MCR_MASK 0x1f

#define LSR_DR 0x01
#define LSR_OE 0x02
#define LSR_THRE 0x20
#define LSR_TEMT 0x40

#define MSR_DCTS 0x01
#define MSR_TERI 0x04
#define MSR_CTS 0x10
#define MSR_DSR 0x20
#define MSR_RI 0x40
#define MSR_DCD 0x80
/* With nothing attached to the modem inputs, report a ready line (as QEMU does). */
#define MSR_IDLE_INPUTS (MSR_CTS | MSR_DSR | MSR_DCD)

static uint8_t modem_inputs(const uart_t *u)
{
    if (!(u->mcr & MCR_LOOP))
        return MSR_IDLE_INPUTS;
    /* loopback wires RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD */
    return (u->mcr & MCR_RTS ? MSR_CTS : 0) | (u->mcr & MCR_DTR ? MSR_DSR : 0) |
           (u->mcr & MCR_OUT1 ? MSR_RI : 0) | (u->mcr & MCR_OUT2 ? MSR_DCD : 0);
}

void uart_init(uart_t *u, int out_fd, irq_line_t irq, log_ctx_t *log)
{
    *u = (uart_t){.out_fd = out_fd, .irq = irq, .log = log};
    u->msr_inputs = modem_inputs(u);
    lock_init(&u->lock, LOCK_RANK_DEVICE, "uart.lock");
}

void uart_destroy(uart_t *u)
{
    lock_destroy(&u->lock);
}

void uart_set_rx_ready(uart_t *u, void (*fn)(void *ctx), void *ctx)
{
    lock_take(&u->lock);
    u->rx_ready = fn;
    u->rx_ready_ctx = ctx;
    lock_drop(&u->lock);
}

static bool fifo_enabled(const uart_t *u)
{
    return u->fcr & FCR_ENABLE;
}

/* Without FIFOs the receiver has a single holding register. */
static unsigned rx_capacity(const uart_t *u)
{
    return fifo_enabled(u) ? UART_FIFO_SIZE : 1;
}

static unsigned rx_trigger(const uart_t *u)
{
    static const uint8_t levels[4] = {1, 4, 8, 14};
    return fifo_enabled(u) ? levels[u->fcr >> FCR_TRIGGER_SHIFT] : 1;
}

static bool rx_accepts_input(const uart_t *u)
{
    return !(u->mcr & MCR_LOOP) && u->rx_count < rx_capacity(u);
}

/* Interrupt identification (IIR bits 3..0) of the highest-priority pending interrupt. */
static uint8_t interrupt_id(const uart_t *u)
{
    if ((u->ier & IER_ELSI) && u->lsr_errors)
        return IIR_LINE_STATUS;
    if ((u->ier & IER_ERBFI) && u->rx_count)
        return u->rx_count >= rx_trigger(u) ? IIR_RX_DATA : IIR_RX_TIMEOUT;
    if ((u->ier & IER_ETBEI) && u->thre_pending)
        return IIR_THRE;
    if ((u->ier & IER_EDSSI) && u->msr_deltas)
        return IIR_MODEM;
    return IIR_NO_INT;
}

static void update_irq(uart_t *u)
{
    bool level = interrupt_id(u) != IIR_NO_INT;
    if (level != u->irq_level) {
        u->irq_level = level;
        irq_set(&u->irq, level);
    }
}

/* Tells the input side that it may retry, if it was turned away and room has appeared. */
static void notify_rx_room(uart_t *u)
{
    if (!u->rx_blocked || !rx_accepts_input(u))
        return;
    u->rx_blocked = false;
    if (u->rx_ready)
        u->rx_ready(u->rx_ready_ctx);
}

static void rx_reset(uart_t *u)
{
    u->rx_head = u->rx_count = 0;
}

void uart_reset(uart_t *u)
{
    lock_take(&u->lock);
    u->ier = u->lcr = u->mcr = u->scr = u->dll = u->dlm = u->fcr = 0;
    u->lsr_errors = u->msr_deltas = 0;
    u->msr_inputs = modem_inputs(u);
    u->thre_pending = false;
    rx_reset(u);
    update_irq(u);
    notify_rx_room(u);
    lock_drop(&u->lock);
}

/* A byte arriving at a full receiver is an overrun: with FIFOs the FIFO keeps its contents and
 * the byte is lost; without, it overwrites the unread holding register. */
static void rx_push(uart_t *u, uint8_t c)
{
    if (u->rx_count == rx_capacity(u)) {
        u->lsr_errors |= LSR_OE;
        if (!fifo_enabled(u))
            u->rx_fifo[u->rx_head] = c;
        return;
    }
    u->rx_fifo[(u->rx_head + u->rx_count) % UART_FIFO_SIZE] = c;
    u->rx_count++;
}

static uint8_t rx_pop(uart_t *u)
{
    if (!u->rx_count)
        return 0;
    uint8_t c = u->rx_fifo[u->rx_head];
    u->rx_head = (u->rx_head + 1) % UART_FIFO_SIZE;
    u->rx_count--;
    notify_rx_room(u);
    return c;
}

static void tx_byte(uart_t *u, uint8_t c)
{
    if (u->mcr & MCR_LOOP) {
        rx_push(u, c);
    } else if (u->out_fd >= 0) {
        while (write(u->out_fd, &c, 1) < 0 && errno == EINTR)
            ;
    }
    /* The byte left at once: THR is empty again, which is a new THR-empty event. */
    u->thre_pending = true;
}

static uint8_t read_iir(uart_t *u)
{
    uint8_t id = interrupt_id(u);
    if (id == IIR_THRE)
        u->thre_pending = false; /* reading IIR acknowledges THR empty when it reports it */
    return id | (fifo_enabled(u) ? IIR_FIFOS_ON : 0);
}

static uint8_t read_lsr(uart_t *u)
{
    uint8_t v = (u->rx_count ? LSR_DR : 0) | u->lsr_errors | LSR_THRE | LSR_TEMT;
    u->lsr_errors = 0;
    return v;
}

static uint8_t read_msr(uart_t *u)
{
    uint8_t v = u->msr_inputs | u->msr_deltas;
    u->msr_deltas = 0;
    return v;
}

static uint8_t read_reg(uart_t *u, uint64_t off)
{
    bool dlab = u->lcr & LCR_DLAB;
    switch (off) {
    case REG_RBR_THR: return dlab ? u->dll : rx_pop(u);
    case REG_IER: return dlab ? u->dlm : u->ier;
    case REG_IIR_FCR: return read_iir(u);
    case REG_LCR: return u->lcr;
    case REG_MCR: return u->mcr;
    case REG_LSR: return read_lsr(u);
    case REG_MSR: return read_msr(u);
    default: return u->scr;
    }
}

static void write_ier(uart_t *u, uint8_t v)
{
    uint8_t old = u->ier;
    u->ier = v & IER_MASK;
    /* Enabling ETBEI while THR is empty (always, here) raises the interrupt again, even if an
     * IIR read acknowledged it before; Linux's start-up probe checks exactly this. */
    if ((u->ier & IER_ETBEI) && !(old & IER_ETBEI))
        u->thre_pending = true;
    else if (!(u->ier & IER_ETBEI))
        u->thre_pending = false;
}

static void write_fcr(uart_t *u, uint8_t v)
{
    /* Changing the FIFO enable resets both FIFOs; other bits need the enable set. */
    if ((v ^ u->fcr) & FCR_ENABLE)
        rx_reset(u);
    if ((v & FCR_ENABLE) && (v & FCR_RX_RESET))
        rx_reset(u);
    /* FCR_TX_RESET needs nothing: the transmitter is always empty. */
    u->fcr = (v & FCR_ENABLE) ? v & FCR_KEPT : 0;
    notify_rx_room(u);
}

static void write_mcr(uart_t *u, uint8_t v)
{
    u->mcr = v & MCR_MASK;
    uint8_t old = u->msr_inputs, now = modem_inputs(u), changed = old ^ now;
    u->msr_inputs = now;
    /* delta bits for CTS/DSR/DCD on any change; TERI only on RI's trailing edge */
    u->msr_deltas |= (changed & (MSR_CTS | MSR_DSR | MSR_DCD)) >> 4;
    if ((old & MSR_RI) && !(now & MSR_RI))
        u->msr_deltas |= MSR_TERI;
    notify_rx_room(u);
}

static void write_reg(uart_t *u, uint64_t off, uint8_t v)
{
    bool dlab = u->lcr & LCR_DLAB;
    switch (off) {
    case REG_RBR_THR:
        if (dlab)
            u->dll = v;
        else
            tx_byte(u, v);
        break;
    case REG_IER:
        if (dlab)
            u->dlm = v;
        else
            write_ier(u, v);
        break;
    case REG_IIR_FCR: write_fcr(u, v); break;
    case REG_LCR: u->lcr = v; break;
    case REG_MCR: write_mcr(u, v); break;
    case REG_SCR: u->scr = v; break;
    default: /* LSR and MSR are read-only */
        log_guest_error(u->log, "uart: write %#x to read-only register %" PRIu64 " ignored\n",
                        v, off);
        break;
    }
}

/* Registers are bytes; a wider access reaches the register at its offset (as on QEMU). */
static uint64_t uart_read(void *opaque, uint64_t off, unsigned size)
{
    uart_t *u = opaque;
    if (off > REG_SCR) {
        log_guest_error(u->log, "uart: %u-byte read at offset %#" PRIx64 " ignored\n", size,
                        off);
        return 0;
    }
    uint8_t v = read_reg(u, off);
    update_irq(u);
    return v;
}

static void uart_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
    uart_t *u = opaque;
    if (off > REG_SCR) {
        log_guest_error(u->log, "uart: %u-byte write at offset %#" PRIx64 " ignored\n", size,
                        off);
        return;
    }
    write_reg(u, off, (uint8_t)val);
    update_irq(u);
}

const mmio_ops_t uart_ops = {.read = uart_read, .write = uart_write};

size_t uart_receive(uart_t *u, const uint8_t *buf, size_t len)
{
    size_t n = 0;
    lock_take(&u->lock);
    while (n < len && rx_accepts_input(u))
        rx_push(u, buf[n++]);
    if (n < len)
        u->rx_blocked = true;
    update_irq(u);
    lock_drop(&u->lock);
    return n;
}

bool uart_can_receive(uart_t *u)
{
    lock_take(&u->lock);
    bool ok = rx_accepts_input(u);
    if (!ok)
        u->rx_blocked = true;
    lock_drop(&u->lock);
    return ok;
}

int uart_fdt(uart_t *u, fdt_ctx_t *ctx, uint64_t base, unsigned irq)
{
    (void)u;
    void *fdt = ctx->fdt;
    fdt64_t reg[2] = {cpu_to_fdt64(base), cpu_to_fdt64(UART_SIZE)};
    char name[32];
    snprintf(name, sizeof(name), "serial@%" PRIx64, base);
    int rc = fdt_begin_node(fdt, name);
    rc = rc ? rc : fdt_property_u32(fdt, "interrupts", irq);
    rc = rc ? rc : fdt_property_u32(fdt, "interrupt-parent", ctx->plic_phandle);
    rc = rc ? rc : fdt_property_u32(fdt, "clock-frequency", UART_CLOCK_HZ);
    rc = rc ? rc : fdt_property(fdt, "reg", reg, sizeof(reg));
    rc = rc ? rc : fdt_property_string(fdt, "compatible", "ns16550a");
    return rc ? rc : fdt_end_node(fdt);
}
