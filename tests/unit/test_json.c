/* The JSON reader and writer of QMP (front/json.h): values, escapes, member lookup, echoing
 * a value back, and malformed input (errors, never crashes). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "front/json.h"

static json_t *parse(const char *text)
{
    char err[128];
    return json_parse(text, strlen(text), err, sizeof(err));
}

static void test_command(void **state)
{
    (void)state;
    json_t *v = parse(" {\"execute\": \"human-monitor-command\", \"arguments\": "
                      "{\"command-line\": \"info\\tregisters\\u00e9\"}, \"id\": [1, {\"a\": null}]} ");
    assert_non_null(v);
    assert_int_equal(v->kind, JSON_OBJECT);
    assert_string_equal(json_get(v, "execute")->str, "human-monitor-command");
    const json_t *line = json_get(json_get(v, "arguments"), "command-line");
    assert_string_equal(line->str, "info\tregisters\xc3\xa9");
    assert_null(json_get(v, "missing"));
    strbuf_t sb;
    sb_init(&sb);
    json_write(&sb, json_get(v, "id"));
    assert_string_equal(sb_str(&sb), "[1, {\"a\": null}]");
    sb_free(&sb);
    json_free(v);
}

static void test_scalars(void **state)
{
    (void)state;
    json_t *v = parse("[true, false, null, -12.5e1, 0, \"\\\"\\\\\\/\\b\\f\\n\\r\", \"\\ud83d\\ude00\"]");
    assert_non_null(v);
    assert_int_equal(v->n, 7);
    assert_int_equal(v->items[0]->kind, JSON_TRUE);
    assert_int_equal(v->items[1]->kind, JSON_FALSE);
    assert_int_equal(v->items[2]->kind, JSON_NULL);
    assert_true(v->items[3]->num == -125.0);
    assert_string_equal(v->items[3]->str, "-12.5e1");
    assert_string_equal(v->items[5]->str, "\"\\/\b\f\n\r");
    assert_string_equal(v->items[6]->str, "\xf0\x9f\x98\x80");
    strbuf_t sb;
    sb_init(&sb);
    json_write(&sb, v->items[5]);
    assert_string_equal(sb_str(&sb), "\"\\\"\\\\/\\u0008\\u000c\\n\\r\"");
    sb_free(&sb);
    json_free(v);
}

static void test_malformed(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", "{", "}", "{\"a\" 1}", "{\"a\": 1,}", "[1 2]", "{1: 2}", "\"open", "tru", "nul",
        "-", "1.2.3x", "{\"a\": 1} x", "\"\\x\"", "\"\\u12\"", "\"\\u0000\"", "\"a\nb\"",
        "\"\\ud800\"", "[1, [2, {\"b\": }]]",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char err[128] = "";
        json_t *v = json_parse(bad[i], strlen(bad[i]), err, sizeof(err));
        if (v)
            fail_msg("accepted '%s'", bad[i]);
        assert_true(strncmp(err, "JSON parse error", 16) == 0);
    }
    char with_nul[] = "[1\0002]";
    char err[128];
    assert_null(json_parse(with_nul, sizeof(with_nul) - 1, err, sizeof(err)));
}

static void test_depth_limit(void **state)
{
    (void)state;
    char deep[4 * JSON_MAX_DEPTH + 8];
    size_t n = 0;
    for (int i = 0; i < JSON_MAX_DEPTH + 1; i++)
        deep[n++] = '[';
    for (int i = 0; i < JSON_MAX_DEPTH + 1; i++)
        deep[n++] = ']';
    char err[128];
    assert_null(json_parse(deep, n, err, sizeof(err)));
    json_t *ok = json_parse(deep + 1, n - 2, err, sizeof(err)); /* exactly the limit */
    assert_non_null(ok);
    json_free(ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_command),
        cmocka_unit_test(test_scalars),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_depth_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
