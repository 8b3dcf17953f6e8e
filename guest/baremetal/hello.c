/* The smallest guest: greets over the UART and powers off through the test finisher. */
#include "lib.h"

int main(void)
{
    bm_puts("Hello from polyhart (bare-metal hart 0)\n");
    return 0;
}
