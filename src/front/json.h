/* A small JSON reader and writer for QMP: parses one complete value into a tree (depth and
 * size limited, errors are return values with a reason), looks up object members, and writes
 * a value back out (QMP echoes a command's "id" exactly as sent). */
#ifndef FRONT_JSON_H
#define FRONT_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "front/strbuf.h"

#define JSON_MAX_DEPTH 64

typedef enum {
    JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT
} json_kind_t;

typedef struct json json_t;
struct json {
    json_kind_t kind;
    char *str;      /* STRING: the decoded text (no NUL inside); NUMBER: the number as written */
    double num;     /* NUMBER */
    size_t n;       /* ARRAY, OBJECT: members */
    json_t **items; /* ARRAY, OBJECT: values */
    char **keys;    /* OBJECT: keys (decoded) */
};

/* Parses text[0..len) as exactly one value with optional surrounding whitespace. NULL with a
 * one-line reason in err on malformed input. */
json_t *json_parse(const char *text, size_t len, char *err, size_t errlen);
void json_free(json_t *v);
/* Member `key` of an object (the last one if repeated), or NULL. */
const json_t *json_get(const json_t *obj, const char *key);
/* Appends v as JSON text. */
void json_write(strbuf_t *sb, const json_t *v);

#endif
