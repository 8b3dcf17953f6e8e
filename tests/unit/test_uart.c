/*
 * test_uart.c - unit tests for the NS16550A UART (dev/uart.h).
 *
 * Rules checked (NS16550A datasheet): reset values; DLAB selects DLL/DLM; IER keeps 4 bits;
 * transmission to the output fd; the RX FIFO (16 bytes, one holding register without FIFOs),
 * its reset through FCR and its overrun (LSR.OE, cleared by reading LSR); the trigger levels
 * 1/4/8/14 for the received-data interrupt and the character-timeout indication below them;
 * IIR priorities; the THR-empty interrupt (raised by ETBEI while THR is empty, cleared by an
 * IIR read that reports it or by a THR write, raised again once THR is empty); loopback (TX to
 * RX, MCR to MSR). The irq line is a recording callback; the output fd a pipe.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <libfdt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dev/uart.h"

enum { RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5,
       MSR = 6, SCR = 7 };

#define IIR_NONE 0x01
#define IIR_MODEM 0x00
#define IIR_THRE 0x02
#define IIR_RDA 0x04
#define IIR_RLS 0x06
#define IIR_TIMEOUT 0x0c
#define IIR_FIFO 0xc0

typedef struct {
    log_ctx_t log;
    uart_t uart;
    int pipe_rd, pipe_wr;
    atomic_int level;     /* irq line as last driven */
    atomic_int raises;    /* low -> high transitions */
    atomic_int rx_ready;  /* rx_ready callbacks */
} fixture_t;

static void irq_record(void *ctx, unsigned n, bool level)
{
    fixture_t *f = ctx;
    assert_int_equal(n, 10);
    if (level && !atomic_load(&f->level))
        atomic_fetch_add(&f->raises, 1);
    atomic_store(&f->level, level);
}

static void rx_ready_record(void *ctx)
{
    fixture_t *f = ctx;
    atomic_fetch_add(&f->rx_ready, 1);
}

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    log_init(&f->log);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    f->pipe_rd = fds[0];
    f->pipe_wr = fds[1];
    fcntl(f->pipe_rd, F_SETFL, O_NONBLOCK);
    irq_line_t irq = {.set = irq_record, .ctx = f, .n = 10};
    uart_init(&f->uart, f->pipe_wr, irq, &f->log);
    uart_set_rx_ready(&f->uart, rx_ready_record, f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    uart_destroy(&f->uart);
    close(f->pipe_rd);
    close(f->pipe_wr);
    free(f);
    return 0;
}

/* MMIO as phys_mmio_read/write perform it: under the device lock. */
static uint8_t rd(fixture_t *f, uint64_t off)
{
    lock_take(&f->uart.lock);
    uint64_t v = uart_ops.read(&f->uart, off, 1);
    lock_drop(&f->uart.lock);
    return (uint8_t)v;
}

static void wr(fixture_t *f, uint64_t off, uint8_t v)
{
    lock_take(&f->uart.lock);
    uart_ops.write(&f->uart, off, 1, v);
    lock_drop(&f->uart.lock);
}

static size_t receive(fixture_t *f, const char *s)
{
    return uart_receive(&f->uart, (const uint8_t *)s, strlen(s));
}

static bool irq(fixture_t *f)
{
    return atomic_load(&f->level);
}

static void test_reset_values(void **state)
{
    fixture_t *f = *state;
    assert_int_equal(rd(f, IER), 0);
    assert_int_equal(rd(f, IIR), IIR_NONE);
    assert_int_equal(rd(f, LCR), 0);
    assert_int_equal(rd(f, MCR), 0);
    assert_int_equal(rd(f, LSR), 0x60); /* THRE | TEMT */
    assert_int_equal(rd(f, MSR), 0xb0); /* DCD | DSR | CTS, no deltas */
    assert_false(irq(f));
    wr(f, SCR, 0x5a);
    assert_int_equal(rd(f, SCR), 0x5a);
    wr(f, IER, 0xff);
    assert_int_equal(rd(f, IER), 0x0f);
}

static void test_transmit(void **state)
{
    fixture_t *f = *state;
    wr(f, THR, 'h');
    wr(f, THR, 'i');
    char buf[8];
    assert_int_equal(read(f->pipe_rd, buf, sizeof(buf)), 2);
    assert_memory_equal(buf, "hi", 2);
    assert_int_equal(rd(f, LSR) & 0x60, 0x60);
}

static void test_dlab(void **state)
{
    fixture_t *f = *state;
    wr(f, IER, 0x01);
    wr(f, LCR, 0x83);
    wr(f, DLL, 0x12); /* not transmitted */
    wr(f, DLM, 0x34); /* IER untouched */
    assert_int_equal(rd(f, DLL), 0x12);
    assert_int_equal(rd(f, DLM), 0x34);
    assert_int_equal(rd(f, LCR), 0x83);
    wr(f, LCR, 0x03);
    assert_int_equal(rd(f, IER), 0x01);
    char buf[8];
    assert_int_equal(read(f->pipe_rd, buf, sizeof(buf)), -1);
    /* received data is not visible through DLL */
    assert_int_equal(receive(f, "x"), 1);
    wr(f, LCR, 0x80);
    assert_int_equal(rd(f, DLL), 0x12);
    assert_int_equal(rd(f, LSR) & 1, 1);
    wr(f, LCR, 0x00);
    assert_int_equal(rd(f, RBR), 'x');
}

static void test_thre_interrupt(void **state)
{
    fixture_t *f = *state;
    wr(f, IER, 0x02);
    assert_true(irq(f));
    assert_int_equal(rd(f, IIR), IIR_THRE);
    /* the IIR read that reported it cleared it */
    assert_false(irq(f));
    assert_int_equal(rd(f, IIR), IIR_NONE);
    /* writing THR empties THR again at once: a new THR-empty interrupt */
    wr(f, THR, 'a');
    assert_true(irq(f));
    /* writing THR clears it (and the new empty THR raises it again) */
    int raises = atomic_load(&f->raises);
    wr(f, THR, 'b');
    assert_true(irq(f));
    assert_int_equal(atomic_load(&f->raises), raises); /* never dropped: no new edge */
    assert_int_equal(rd(f, IIR), IIR_THRE);
    assert_false(irq(f));
    /* rewriting IER with ETBEI already set does not raise it again */
    wr(f, IER, 0x03);
    assert_false(irq(f));
    /* clearing and setting ETBEI does (Linux's start-up probe relies on it) */
    wr(f, IER, 0x01);
    wr(f, IER, 0x03);
    assert_true(irq(f));
    assert_int_equal(rd(f, IIR), IIR_THRE);
    assert_false(irq(f));
    /* with ETBEI clear, THR writes raise nothing */
    wr(f, IER, 0x00);
    wr(f, THR, 'c');
    assert_false(irq(f));
    assert_int_equal(rd(f, IIR), IIR_NONE);
    char buf[8];
    assert_int_equal(read(f->pipe_rd, buf, sizeof(buf)), 3);
}

/* A driver's transmit loop: interrupt, IIR read, a burst of THR writes, ETBEI cleared when the
 * queue is empty. The line must end low and each interrupt must move data (no storm). */
static void test_thre_no_storm(void **state)
{
    fixture_t *f = *state;
    unsigned queued = 40, interrupts = 0;
    wr(f, IER, 0x03);
    while (irq(f)) {
        interrupts++;
        assert_true(interrupts < 10);
        uint8_t iir = rd(f, IIR);
        if ((iir & 0x0f) == IIR_NONE)
            break;
        assert_int_equal(iir & 0x0f, IIR_THRE);
        for (unsigned i = 0; i < 16 && queued; i++, queued--)
            wr(f, THR, 'x');
        if (!queued)
            wr(f, IER, 0x01);
    }
    assert_int_equal(queued, 0);
    assert_false(irq(f));
    assert_int_equal(interrupts, 3);
}

static void test_rx_fifo_trigger_levels(void **state)
{
    fixture_t *f = *state;
    static const unsigned levels[4] = {1, 4, 8, 14};
    wr(f, IER, 0x01);
    for (unsigned t = 0; t < 4; t++) {
        wr(f, FCR, (uint8_t)(0x01 | 0x02 | (t << 6)));
        assert_false(irq(f));
        for (unsigned n = 1; n <= levels[t]; n++) {
            assert_int_equal(receive(f, "z"), 1);
            assert_true(irq(f));
            uint8_t want = n < levels[t] ? IIR_TIMEOUT : IIR_RDA;
            assert_int_equal(rd(f, IIR), IIR_FIFO | want);
        }
        /* reading below the trigger level falls back to the timeout indication */
        assert_int_equal(rd(f, RBR), 'z');
        if (levels[t] > 1)
            assert_int_equal(rd(f, IIR), IIR_FIFO | IIR_TIMEOUT);
        for (unsigned n = 1; n < levels[t]; n++)
            assert_int_equal(rd(f, RBR), 'z');
        assert_int_equal(rd(f, IIR), IIR_FIFO | IIR_NONE);
        assert_false(irq(f));
        assert_int_equal(rd(f, LSR) & 1, 0);
    }
    /* received data without ERBFI: no interrupt, but LSR.DR */
    wr(f, IER, 0x00);
    assert_int_equal(receive(f, "q"), 1);
    assert_false(irq(f));
    assert_int_equal(rd(f, LSR) & 1, 1);
}

static void test_fifo_fill_and_reset(void **state)
{
    fixture_t *f = *state;
    wr(f, FCR, 0x01);
    assert_int_equal(receive(f, "0123456789abcdefGHIJ"), 16);
    assert_false(uart_can_receive(&f->uart));
    assert_int_equal(receive(f, "G"), 0);
    assert_int_equal(rd(f, LSR) & 0x03, 0x01); /* host input waits: no overrun */
    assert_int_equal(atomic_load(&f->rx_ready), 0);
    assert_int_equal(rd(f, RBR), '0');
    assert_int_equal(atomic_load(&f->rx_ready), 1); /* room again: the input side is told */
    assert_int_equal(rd(f, RBR), '1');
    assert_int_equal(atomic_load(&f->rx_ready), 1); /* once */
    assert_int_equal(receive(f, "GH"), 2);
    for (const char *p = "23456789abcdefGH"; *p; p++)
        assert_int_equal(rd(f, RBR), *p);
    assert_int_equal(rd(f, LSR) & 1, 0);
    /* FCR RX reset empties the FIFO */
    assert_int_equal(receive(f, "abc"), 3);
    wr(f, FCR, 0x03);
    assert_int_equal(rd(f, LSR) & 1, 0);
    /* so does changing the FIFO enable */
    assert_int_equal(receive(f, "abc"), 3);
    wr(f, FCR, 0x00);
    assert_int_equal(rd(f, LSR) & 1, 0);
    assert_int_equal(rd(f, IIR) & 0xc0, 0);
}

static void test_no_fifo_holding_register(void **state)
{
    fixture_t *f = *state;
    wr(f, IER, 0x01);
    assert_int_equal(receive(f, "abc"), 1);
    assert_true(irq(f));
    assert_int_equal(rd(f, IIR), IIR_RDA);
    assert_int_equal(rd(f, RBR), 'a');
    assert_false(irq(f));
    assert_int_equal(receive(f, "bc"), 1);
    assert_int_equal(rd(f, RBR), 'b');
    assert_int_equal(rd(f, RBR), 0); /* empty */
}

static void test_overrun(void **state)
{
    fixture_t *f = *state;
    /* FIFO mode: the 17th byte sent in loopback is lost, the FIFO kept */
    wr(f, FCR, 0x01);
    wr(f, MCR, 0x10);
    for (unsigned i = 0; i < 17; i++)
        wr(f, THR, (uint8_t)('A' + i));
    wr(f, IER, 0x05);
    assert_true(irq(f));
    assert_int_equal(rd(f, IIR), IIR_FIFO | IIR_RLS);
    assert_int_equal(rd(f, LSR), 0x63); /* THRE TEMT OE DR */
    assert_int_equal(rd(f, LSR), 0x61); /* OE cleared by the read */
    assert_int_equal(rd(f, IIR), IIR_FIFO | IIR_RDA);
    for (unsigned i = 0; i < 16; i++)
        assert_int_equal(rd(f, RBR), 'A' + i);
    assert_false(irq(f));
    /* without FIFOs the unread byte is overwritten */
    wr(f, FCR, 0x00);
    wr(f, THR, '1');
    wr(f, THR, '2');
    assert_int_equal(rd(f, IIR), IIR_RLS);
    assert_int_equal(rd(f, LSR), 0x63);
    assert_int_equal(rd(f, RBR), '2');
}

static void test_iir_priority(void **state)
{
    fixture_t *f = *state;
    wr(f, FCR, 0x01); /* trigger level 1 */
    wr(f, MCR, 0x10); /* loopback: changes the modem inputs -> delta bits */
    for (unsigned i = 0; i < 17; i++)
        wr(f, THR, 'x'); /* data and an overrun */
    wr(f, IER, 0x0f);
    assert_int_equal(rd(f, IIR), IIR_FIFO | IIR_RLS);
    rd(f, LSR);
    assert_int_equal(rd(f, IIR), IIR_FIFO | IIR_RDA);
    for (unsigned i = 0; i < 16; i++)
        rd(f, RBR);
    assert_int_equal(rd(f, IIR), IIR_FIFO | IIR_THRE);
    assert_true(irq(f));
    assert_int_equal(rd(f, IIR), IIR_FIFO | IIR_MODEM);
    assert_int_equal(rd(f, MSR), 0x0b); /* inputs all low, DCTS DDSR DDCD */
    assert_int_equal(rd(f, IIR), IIR_FIFO | IIR_NONE);
    assert_false(irq(f));
}

static void test_loopback(void **state)
{
    fixture_t *f = *state;
    wr(f, MCR, 0x10);
    wr(f, THR, 'L');
    char buf[8];
    assert_int_equal(read(f->pipe_rd, buf, sizeof(buf)), -1); /* nothing left the UART */
    assert_int_equal(rd(f, LSR) & 1, 1);
    assert_int_equal(rd(f, RBR), 'L');
    /* MCR drives MSR: RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD */
    rd(f, MSR);
    wr(f, MCR, 0x10 | 0x02);
    assert_int_equal(rd(f, MSR), 0x10 | 0x01);
    wr(f, MCR, 0x10 | 0x01);
    assert_int_equal(rd(f, MSR), 0x20 | 0x03);
    wr(f, MCR, 0x10 | 0x04);
    assert_int_equal(rd(f, MSR), 0x40 | 0x02);
    wr(f, MCR, 0x10 | 0x08);
    assert_int_equal(rd(f, MSR), 0x80 | 0x0c); /* RI fell: TERI */
    /* the serial input is disconnected while looped back */
    assert_false(uart_can_receive(&f->uart));
    assert_int_equal(receive(f, "in"), 0);
    assert_int_equal(atomic_load(&f->rx_ready), 0);
    wr(f, MCR, 0x00);
    assert_int_equal(atomic_load(&f->rx_ready), 1);
    assert_int_equal(receive(f, "in"), 1);
    assert_int_equal(rd(f, MSR), 0xb0 | 0x01 | 0x02); /* CTS and DSR rose, DCD stayed */
}

static void test_bad_accesses(void **state)
{
    fixture_t *f = *state;
    lock_take(&f->uart.lock);
    assert_int_equal(uart_ops.read(&f->uart, 8, 1), 0);
    assert_int_equal(uart_ops.read(&f->uart, 0xff, 1), 0);
    uart_ops.write(&f->uart, 0x40, 1, 'x');
    uart_ops.write(&f->uart, LSR, 1, 0x00);
    uart_ops.write(&f->uart, MSR, 1, 0x00);
    /* a wider access reaches the byte register at its offset */
    assert_int_equal(uart_ops.read(&f->uart, LSR, 4), 0x60);
    lock_drop(&f->uart.lock);
    assert_int_equal(rd(f, LSR), 0x60);
    assert_int_equal(rd(f, MSR), 0xb0);
    char buf[8];
    assert_int_equal(read(f->pipe_rd, buf, sizeof(buf)), -1);
}

static void test_reset(void **state)
{
    fixture_t *f = *state;
    wr(f, FCR, 0x01);
    wr(f, IER, 0x03);
    wr(f, LCR, 0x03);
    assert_int_equal(receive(f, "abc"), 3);
    assert_true(irq(f));
    uart_reset(&f->uart);
    assert_false(irq(f));
    assert_int_equal(rd(f, IER), 0);
    assert_int_equal(rd(f, LCR), 0);
    assert_int_equal(rd(f, IIR), IIR_NONE);
    assert_int_equal(rd(f, LSR), 0x60);
}

static void test_fdt(void **state)
{
    fixture_t *f = *state;
    _Alignas(8) char buf[2048];
    fdt_ctx_t ctx = {.fdt = buf, .plic_phandle = 3};
    assert_int_equal(fdt_create(buf, sizeof(buf)), 0);
    assert_int_equal(fdt_finish_reservemap(buf), 0);
    assert_int_equal(fdt_begin_node(buf, ""), 0);
    assert_int_equal(uart_fdt(&f->uart, &ctx, 0x10000000, 10), 0);
    assert_int_equal(fdt_end_node(buf), 0);
    assert_int_equal(fdt_finish(buf), 0);
    int node = fdt_path_offset(buf, "/serial@10000000");
    assert_true(node >= 0);
    assert_int_equal(fdt_node_check_compatible(buf, node, "ns16550a"), 0);
    int len;
    static const struct { const char *name; uint32_t v; } cells[] = {
        {"interrupts", 10}, {"interrupt-parent", 3}, {"clock-frequency", 3686400},
    };
    for (unsigned i = 0; i < 3; i++) {
        const fdt32_t *p = fdt_getprop(buf, node, cells[i].name, &len);
        assert_non_null(p);
        assert_int_equal(len, 4);
        assert_int_equal(fdt32_ld(&p[0]), cells[i].v);
    }
    const fdt64_t *reg = fdt_getprop(buf, node, "reg", &len);
    assert_int_equal(len, 16);
    assert_int_equal(fdt64_ld(&reg[0]), 0x10000000);
    assert_int_equal(fdt64_ld(&reg[1]), 0x100);
}

/* Input from another thread while the "guest" drains the FIFO (run it under TSan): every byte
 * arrives once, in order. */
#define STREAM_LEN 5000

static void *producer(void *arg)
{
    fixture_t *f = arg;
    for (unsigned i = 0; i < STREAM_LEN;) {
        uint8_t chunk[7];
        for (unsigned j = 0; j < sizeof(chunk); j++)
            chunk[j] = (uint8_t)(i + j);
        size_t want = STREAM_LEN - i < sizeof(chunk) ? STREAM_LEN - i : sizeof(chunk);
        i += (unsigned)uart_receive(&f->uart, chunk, want);
    }
    return NULL;
}

static void test_concurrent_receive(void **state)
{
    fixture_t *f = *state;
    wr(f, FCR, 0x01);
    wr(f, IER, 0x01);
    pthread_t tid;
    assert_int_equal(pthread_create(&tid, NULL, producer, f), 0);
    for (unsigned i = 0; i < STREAM_LEN;) {
        if (!(rd(f, LSR) & 1))
            continue;
        assert_int_equal(rd(f, RBR), (uint8_t)i);
        i++;
    }
    pthread_join(tid, NULL);
    assert_int_equal(rd(f, LSR) & 0x03, 0); /* no overrun, nothing left */
    assert_false(irq(f));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_reset_values),    T(test_transmit),
        T(test_dlab),            T(test_thre_interrupt),
        T(test_thre_no_storm),   T(test_rx_fifo_trigger_levels),
        T(test_fifo_fill_and_reset), T(test_no_fifo_holding_register),
        T(test_overrun),         T(test_iir_priority),
        T(test_loopback),        T(test_bad_accesses),
        T(test_reset),           T(test_fdt),
        T(test_concurrent_receive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
