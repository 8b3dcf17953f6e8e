/*
 * smpcheck N: exits 0 when the kernel reports exactly N online CPUs (glibc reads them from
 * /sys/devices/system/cpu/online), so a hart that the board starts but Linux fails to bring
 * up is caught. Exit 1 on a mismatch, 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { EXIT_MISMATCH = 1, EXIT_USAGE = 2 };

/* Parses a positive decimal count; returns -1 when the text is not one. */
static long smpcheck_parse_count(const char *text)
{
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value <= 0)
        return -1;
    return value;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s EXPECTED_ONLINE_CPUS\n", argv[0]);
        return EXIT_USAGE;
    }
    long expected = smpcheck_parse_count(argv[1]);
    if (expected < 0) {
        fprintf(stderr, "smpcheck: bad CPU count '%s'\n", argv[1]);
        return EXIT_USAGE;
    }
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    long configured = sysconf(_SC_NPROCESSORS_CONF);
    printf("smpcheck: %ld online CPUs (%ld configured), expected %ld\n", online, configured,
           expected);
    return online == expected ? EXIT_SUCCESS : EXIT_MISMATCH;
}
