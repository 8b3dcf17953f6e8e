/* Guest smoke test: a static glibc program starts, writes to the console and exits cleanly. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    if (printf("hello from the polyhart guest\n") < 0 || fflush(stdout) != 0)
        return EXIT_FAILURE;
    return EXIT_SUCCESS;
}
