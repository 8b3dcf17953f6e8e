#include "lib.h"

#define UART_BASE 0x10000000UL
#define FINISHER 0x100000UL

void bm_putc(char c)
{
    volatile uint8_t *uart = (volatile uint8_t *)UART_BASE;
    while (!(uart[5] & 0x20))
        ;
    uart[0] = (uint8_t)c;
}

void bm_puts(const char *s)
{
    while (*s)
        bm_putc(*s++);
}

void bm_put_u64(uint64_t v)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        bm_putc(buf[--n]);
}

void bm_put_hex(uint64_t v)
{
    bm_puts("0x");
    for (int s = 60; s >= 0; s -= 4)
        bm_putc("0123456789abcdef"[(v >> s) & 0xf]);
}

void bm_exit(int code)
{
    volatile uint32_t *fin = (volatile uint32_t *)FINISHER;
    *fin = code ? ((uint32_t)code << 16) | 0x3333 : 0x5555;
    for (;;)
        __asm__ volatile("wfi");
}
