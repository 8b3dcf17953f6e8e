/* Minimal runtime for bare-metal guest programs on the virt board (UART output, exit). */
#ifndef BM_LIB_H
#define BM_LIB_H
#include <stdint.h>

void bm_putc(char c);
void bm_puts(const char *s);
void bm_put_u64(uint64_t v);
void bm_put_hex(uint64_t v);
/* Ends the program through the test finisher: 0 = pass, otherwise fail with that code. */
void bm_exit(int code) __attribute__((noreturn));

static inline uint64_t bm_rdinstret(void)
{
    uint64_t v;
    __asm__ volatile("csrr %0, minstret" : "=r"(v));
    return v;
}
#endif
