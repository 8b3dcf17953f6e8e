/* A growable text buffer for replies of the monitor, QMP and the GDB stub. Allocation failure
 * aborts (like the rest of polyhart's host allocations): replies are small. */
#ifndef FRONT_STRBUF_H
#define FRONT_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct strbuf {
    char *s;    /* always NUL-terminated once anything was appended */
    size_t len, cap;
} strbuf_t;

void sb_init(strbuf_t *sb);
void sb_free(strbuf_t *sb);
void sb_reset(strbuf_t *sb); /* empties it, keeping the memory */
void sb_append(strbuf_t *sb, const char *data, size_t len);
void sb_puts(strbuf_t *sb, const char *s);
void sb_printf(strbuf_t *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quotes included. */
void sb_json_string(strbuf_t *sb, const char *s);
/* The text so far ("" when empty). */
const char *sb_str(const strbuf_t *sb);

#endif
