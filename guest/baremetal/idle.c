/* Says it is ready and then idles in WFI forever: for console and signal tests. */
#include "lib.h"

int main(void)
{
    bm_puts("idle guest ready\n");
    for (;;)
        __asm__ volatile("wfi");
}
