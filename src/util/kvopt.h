/* Iteration over option strings of the command line's "key=value,key=value" form (the
 * properties of -netdev, -chardev, -nic). Values cannot contain commas. */
#ifndef UTIL_KVOPT_H
#define UTIL_KVOPT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct kvopt {
    char key[32];
    char val[256];
    bool has_val; /* "key=value" (true) or a bare "key" (false) */
} kvopt_t;

/* Reads the next item of *s into `kv` and advances *s past it (and its comma). 1 if an item
 * was read, 0 at the end of the string, -1 if the item is malformed (empty, key or value too
 * long): `kv->key` then holds as much of the item as fits, for the error message. */
int kvopt_next(const char **s, kvopt_t *kv);

/* Parses "on"/"off" (also yes/no, true/false, 1/0). */
bool kvopt_bool(const char *val, bool *out);

#endif
