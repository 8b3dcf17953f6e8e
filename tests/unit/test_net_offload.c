/*
 * test_net_offload.c - checksum completion and TCP segmentation (dev/net_offload.h): the
 * RFC 1071 example sum, odd lengths, a checksum field out of bounds refused; segmentation
 * refuses non-TCP/IPv4 frames, truncated headers, mss 0 and a scratch buffer too small, cuts
 * a payload that is an exact multiple of the MSS into full frames, keeps CWR on the first
 * frame only and FIN/PSH on the last only, and passes a frame within one MSS through whole.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "dev/net_offload.h"

static void test_csum(void **state)
{
    (void)state;
    /* RFC 1071 §3: 0001 f203 f4f5 f6f7 sums to ddf2 */
    const uint8_t v[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    assert_int_equal(net_csum_fold(net_csum_add(0, v, sizeof(v))), 0xddf2);
    const uint8_t odd[] = {0x12, 0x34, 0x56};
    assert_int_equal(net_csum_fold(net_csum_add(0, odd, 3)), 0x1234 + 0x5600);
    uint8_t f[20] = {0};
    f[10] = 0xab;
    assert_true(net_csum_complete(f, 20, 4, 2));
    assert_int_equal(net_csum_fold(net_csum_add(0, f + 4, 16)), 0xffff);
    assert_false(net_csum_complete(f, 20, 4, 15)); /* field would end past the frame */
    assert_false(net_csum_complete(f, 20, 21, 0));
    assert_false(net_csum_complete(f, 20, 19, 0));
}

typedef struct seen {
    unsigned n;
    size_t len[8];
    uint8_t flags[8];
} seen_t;

static void emit(void *opaque, const uint8_t *frame, size_t len)
{
    seen_t *s = opaque;
    if (s->n < 8) {
        s->len[s->n] = len;
        s->flags[s->n] = frame[47];
    }
    s->n++;
}

static size_t tcp_frame(uint8_t *f, size_t payload, uint8_t flags)
{
    memset(f, 0, 54 + payload);
    f[12] = 0x08;
    f[14] = 0x45;
    f[23] = 6;
    f[46] = 5 << 4;
    f[47] = flags;
    return 54 + payload;
}

static void test_segment(void **state)
{
    (void)state;
    static uint8_t f[8000], scratch[2000];
    seen_t s = {0};
    size_t len = tcp_frame(f, 3000, 0x80 | 0x08 | 0x01 | 0x10); /* CWR PSH FIN ACK */
    assert_true(net_tso4_segment(f, len, 1000, scratch, sizeof(scratch), emit, &s));
    assert_int_equal(s.n, 3);
    for (unsigned i = 0; i < 3; i++)
        assert_int_equal(s.len[i], 1054);
    assert_int_equal(s.flags[0], 0x80 | 0x10);
    assert_int_equal(s.flags[1], 0x10);
    assert_int_equal(s.flags[2], 0x08 | 0x01 | 0x10);

    memset(&s, 0, sizeof(s));
    len = tcp_frame(f, 500, 0x18);
    assert_true(net_tso4_segment(f, len, 1000, scratch, sizeof(scratch), emit, &s));
    assert_int_equal(s.n, 1);
    assert_int_equal(s.len[0], len);
    assert_int_equal(s.flags[0], 0x18);
}

static void test_segment_refused(void **state)
{
    (void)state;
    static uint8_t f[4000], scratch[2000];
    seen_t s = {0};
    size_t len = tcp_frame(f, 3000, 0x10);
    assert_false(net_tso4_segment(f, len, 0, scratch, sizeof(scratch), emit, &s));
    assert_false(net_tso4_segment(f, len, 1000, scratch, 1000, emit, &s)); /* scratch small */
    assert_false(net_tso4_segment(f, 40, 1000, scratch, sizeof(scratch), emit, &s));
    f[23] = 17; /* UDP */
    assert_false(net_tso4_segment(f, len, 1000, scratch, sizeof(scratch), emit, &s));
    f[23] = 6;
    f[12] = 0x86; f[13] = 0xdd; /* IPv6 */
    assert_false(net_tso4_segment(f, len, 1000, scratch, sizeof(scratch), emit, &s));
    f[12] = 0x08; f[13] = 0;
    f[46] = 4 << 4; /* TCP data offset below 5 */
    assert_false(net_tso4_segment(f, len, 1000, scratch, sizeof(scratch), emit, &s));
    assert_int_equal(s.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csum),
        cmocka_unit_test(test_segment),
        cmocka_unit_test(test_segment_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
