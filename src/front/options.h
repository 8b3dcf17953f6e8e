/* Command-line options, spelled as QEMU spells them so that users' habits carry over. */
#ifndef FRONT_OPTIONS_H
#define FRONT_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "machine/virt.h"

#define OPTIONS_MAX_QMP 4

typedef struct options {
    machine_opts_t machine;
    uint32_t log_mask;
    const char *log_file;
    const char *gdb;                   /* -gdb/-s: where the GDB stub listens, or NULL */
    const char *qmp[OPTIONS_MAX_QMP];  /* -qmp: QMP servers */
    unsigned nqmp;
    bool help, version, log_help, device_help;
} options_t;

/* Parses argv; returns 0, or -1 with a one-line reason in `err`. */
int options_parse(options_t *o, int argc, char **argv, char *err, size_t errlen);
void options_usage(FILE *f);

#endif
