/* The program tests/virtio/blk.sh runs from a virtio-blk disk: built twice, with
 * BLKEXEC_VERSION 1 and 2, into binaries of the same size whose only differences are in the
 * code (the version is an immediate operand, the format string is the same), so one can be
 * overwritten in place on the disk by the other, and a stale translation of the old code
 * prints the old version. */
#include <stdio.h>

#ifndef BLKEXEC_VERSION
#error "build with -DBLKEXEC_VERSION=N (one digit)"
#endif

int main(void)
{
    /* A loop of computation, so the version check runs translated code, not just a write. */
    unsigned long h = 0;
    for (unsigned long i = 0; i < 100000; i++)
        h = h * 31 + (i ^ (unsigned long)BLKEXEC_VERSION);
    printf("blkexec version %d (%lx)\n", BLKEXEC_VERSION, h & 0xfff);
    return 0;
}
