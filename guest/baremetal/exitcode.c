/* Fails through the test finisher with code 42: checks that the exit status reaches the host. */
#include "lib.h"

int main(void)
{
    return 42;
}
