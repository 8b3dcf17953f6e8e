#include "front/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"

typedef struct parser {
    const char *p, *end;
    unsigned depth;
    char *err;
    size_t errlen;
    bool failed;
} parser_t;

static json_t *parse_value(parser_t *ps);

static void *fail(parser_t *ps, const char *what)
{
    if (!ps->failed)
        snprintf(ps->err, ps->errlen, "JSON parse error, %s", what);
    ps->failed = true;
    return NULL;
}

static void skip_ws(parser_t *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static json_t *node(json_kind_t kind)
{
    json_t *v = calloc(1, sizeof(*v));
    if (!v)
        abort();
    v->kind = kind;
    return v;
}

/* Appends code point cp as UTF-8. */
static void put_utf8(strbuf_t *sb, unsigned cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xc0 | cp >> 6), b[1] = (char)(0x80 | (cp & 0x3f)), n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xe0 | cp >> 12), b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        b[2] = (char)(0x80 | (cp & 0x3f)), n = 3;
    } else {
        b[0] = (char)(0xf0 | cp >> 18), b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3f)), b[3] = (char)(0x80 | (cp & 0x3f)), n = 4;
    }
    sb_append(sb, b, n);
}

static bool parse_u4(parser_t *ps, unsigned *cp)
{
    if (ps->end - ps->p < 4)
        return false;
    *cp = 0;
    for (int i = 0; i < 4; i++) {
        int d = util_hex_digit(*ps->p++);
        if (d < 0)
            return false;
        *cp = *cp << 4 | (unsigned)d;
    }
    return true;
}

static bool parse_escape(parser_t *ps, strbuf_t *sb)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    char c = *ps->p++;
    const char *k = c ? strchr(from, c) : NULL;
    if (k) {
        sb_append(sb, &to[k - from], 1);
        return true;
    }
    unsigned cp;
    if (c != 'u' || !parse_u4(ps, &cp) || cp == 0)
        return false;
    if (cp >= 0xd800 && cp < 0xdc00) { /* a surrogate pair */
        unsigned lo;
        if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u')
            return false;
        ps->p += 2;
        if (!parse_u4(ps, &lo) || lo < 0xdc00 || lo > 0xdfff)
            return false;
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
    }
    put_utf8(sb, cp);
    return true;
}

static char *parse_string_text(parser_t *ps)
{
    strbuf_t sb;
    sb_init(&sb);
    sb_append(&sb, "", 0);
    ps->p++; /* opening quote */
    while (ps->p < ps->end && *ps->p != '"') {
        unsigned char c = (unsigned char)*ps->p;
        if (c < 0x20)
            return sb_free(&sb), fail(ps, "control character in string");
        if (c == '\\') {
            ps->p++;
            if (ps->p >= ps->end || !parse_escape(ps, &sb))
                return sb_free(&sb), fail(ps, "invalid escape in string");
            continue;
        }
        sb_append(&sb, ps->p++, 1);
    }
    if (ps->p >= ps->end)
        return sb_free(&sb), fail(ps, "unterminated string");
    ps->p++;
    return sb.s;
}

static json_t *parse_number(parser_t *ps)
{
    const char *start = ps->p;
    if (ps->p < ps->end && *ps->p == '-')
        ps->p++;
    while (ps->p < ps->end && *ps->p && strchr("0123456789.eE+-", *ps->p))
        ps->p++;
    size_t n = (size_t)(ps->p - start);
    char buf[64];
    if (n == 0 || n >= sizeof(buf))
        return fail(ps, "invalid number");
    memcpy(buf, start, n);
    buf[n] = '\0';
    char *end;
    double d = strtod(buf, &end);
    if (*end || !(buf[0] == '-' || (buf[0] >= '0' && buf[0] <= '9')))
        return fail(ps, "invalid number");
    json_t *v = node(JSON_NUMBER);
    v->num = d;
    v->str = strdup(buf);
    return v;
}

static void add_member(json_t *v, char *key, json_t *item)
{
    json_t **items = realloc(v->items, (v->n + 1) * sizeof(*items));
    char **keys = v->kind == JSON_OBJECT ? realloc(v->keys, (v->n + 1) * sizeof(*keys)) : NULL;
    if (!items || (v->kind == JSON_OBJECT && !keys))
        abort();
    v->items = items;
    if (keys)
        v->keys = keys, keys[v->n] = key;
    items[v->n++] = item;
}

/* The members of an object or array, after its opening bracket. */
static json_t *parse_container(parser_t *ps, json_kind_t kind, char close)
{
    if (++ps->depth > JSON_MAX_DEPTH)
        return fail(ps, "nesting too deep");
    json_t *v = node(kind);
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++, ps->depth--;
        return v;
    }
    for (;;) {
        char *key = NULL;
        skip_ws(ps);
        if (kind == JSON_OBJECT) {
            if (ps->p >= ps->end || *ps->p != '"' || !(key = parse_string_text(ps)))
                return json_free(v), fail(ps, "expected a string key");
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p++ != ':')
                return free(key), json_free(v), fail(ps, "expected ':'");
        }
        json_t *item = parse_value(ps);
        if (!item)
            return free(key), json_free(v), NULL;
        add_member(v, key, item);
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++, ps->depth--;
            return v;
        }
        return json_free(v), fail(ps, kind == JSON_OBJECT ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

static json_t *parse_keyword(parser_t *ps)
{
    static const struct { const char *word; json_kind_t kind; } words[] = {
        {"null", JSON_NULL}, {"true", JSON_TRUE}, {"false", JSON_FALSE}};
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        size_t n = strlen(words[i].word);
        if ((size_t)(ps->end - ps->p) >= n && memcmp(ps->p, words[i].word, n) == 0) {
            ps->p += n;
            return node(words[i].kind);
        }
    }
    return fail(ps, "invalid token");
}

static json_t *parse_value(parser_t *ps)
{
    skip_ws(ps);
    if (ps->p >= ps->end)
        return fail(ps, "unexpected end of input");
    char c = *ps->p;
    if (c == '{')
        return parse_container(ps, JSON_OBJECT, '}');
    if (c == '[')
        return parse_container(ps, JSON_ARRAY, ']');
    if (c == '"') {
        char *s = parse_string_text(ps);
        if (!s)
            return NULL;
        json_t *v = node(JSON_STRING);
        v->str = s;
        return v;
    }
    if (c == '-' || (c >= '0' && c <= '9'))
        return parse_number(ps);
    return parse_keyword(ps);
}

json_t *json_parse(const char *text, size_t len, char *err, size_t errlen)
{
    parser_t ps = {.p = text, .end = text + len, .err = err, .errlen = errlen};
    json_t *v = parse_value(&ps);
    if (!v)
        return NULL;
    skip_ws(&ps);
    if (ps.p != ps.end) {
        json_free(v);
        return fail(&ps, "trailing characters after the value");
    }
    return v;
}

void json_free(json_t *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++) {
        json_free(v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->str);
    free(v);
}

const json_t *json_get(const json_t *obj, const char *key)
{
    if (!obj || obj->kind != JSON_OBJECT)
        return NULL;
    for (size_t i = obj->n; i-- > 0;)
        if (strcmp(obj->keys[i], key) == 0)
            return obj->items[i];
    return NULL;
}

void json_write(strbuf_t *sb, const json_t *v)
{
    switch (v->kind) {
    case JSON_NULL: sb_puts(sb, "null"); return;
    case JSON_TRUE: sb_puts(sb, "true"); return;
    case JSON_FALSE: sb_puts(sb, "false"); return;
    case JSON_NUMBER: sb_puts(sb, v->str); return;
    case JSON_STRING: sb_json_string(sb, v->str); return;
    default: break;
    }
    bool obj = v->kind == JSON_OBJECT;
    sb_puts(sb, obj ? "{" : "[");
    for (size_t i = 0; i < v->n; i++) {
        if (i)
            sb_puts(sb, ", ");
        if (obj) {
            sb_json_string(sb, v->keys[i]);
            sb_puts(sb, ": ");
        }
        json_write(sb, v->items[i]);
    }
    sb_puts(sb, obj ? "}" : "]");
}
