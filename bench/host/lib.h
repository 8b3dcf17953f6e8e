/* Native stand-in for guest/baremetal/lib.h, used only to recompute the benchmarks' expected
 * values on the host (see bench/README.md). Output goes to stdout; there is no minstret. */
#ifndef BM_LIB_H
#define BM_LIB_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline void bm_putc(char c)
{
    putchar(c);
}

static inline void bm_puts(const char *s)
{
    fputs(s, stdout);
}

static inline void bm_put_u64(uint64_t v)
{
    printf("%llu", (unsigned long long)v);
}

static inline void bm_put_hex(uint64_t v)
{
    printf("0x%016llx", (unsigned long long)v);
}

static inline void bm_exit(int code)
{
    exit(code);
}

static inline uint64_t bm_rdinstret(void)
{
    return 0;
}
#endif
