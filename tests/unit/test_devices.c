/*
 * test_devices.c - unit tests for -device parsing (machine/devices.h).
 *
 * Rules checked: "TYPE[,key=value...]" names a known type (else an error listing the known
 * ones); every key is one of the type's properties (else an error naming the property and the
 * known ones); "key" without "=" and empty keys are malformed; devices keep command-line
 * order up to VIRT_MAX_DEVICES; devopt_get finds a property's value (the last if repeated),
 * reports absence, and refuses values that do not fit.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "machine/devices.h"

static void test_known_type(void **state)
{
    (void)state;
    device_list_t l = {0};
    char err[256] = "";
    assert_int_equal(devopt_parse(&l, "virtio-rng-device", err, sizeof(err)), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.dev[0].type, "virtio-rng-device");
    assert_string_equal(l.dev[0].props, "");
}

static void test_unknown_type(void **state)
{
    (void)state;
    device_list_t l = {0};
    char err[256] = "";
    assert_int_equal(devopt_parse(&l, "virtio-rng-pci,x=1", err, sizeof(err)), -1);
    assert_non_null(strstr(err, "unknown device 'virtio-rng-pci'"));
    assert_non_null(strstr(err, "virtio-rng-device"));
    assert_int_equal(l.count, 0);
    assert_int_equal(devopt_parse(&l, "virtio-rng-devicex", err, sizeof(err)), -1);
    assert_int_equal(devopt_parse(&l, "", err, sizeof(err)), -1);
}

static void test_bad_props(void **state)
{
    (void)state;
    device_list_t l = {0};
    char err[256] = "";
    assert_int_equal(devopt_parse(&l, "virtio-rng-device,foo=1", err, sizeof(err)), -1);
    assert_non_null(strstr(err, "unknown property 'foo=1'"));
    assert_non_null(strstr(err, "known: none"));
    assert_int_equal(devopt_parse(&l, "virtio-rng-device,foo", err, sizeof(err)), -1);
    assert_non_null(strstr(err, "malformed property 'foo'"));
    assert_int_equal(devopt_parse(&l, "virtio-rng-device,=1", err, sizeof(err)), -1);
    assert_int_equal(devopt_parse(&l, "virtio-rng-device,,", err, sizeof(err)), -1);
    assert_int_equal(l.count, 0);
}

static void test_order_and_limit(void **state)
{
    (void)state;
    device_list_t l = {0};
    char err[256] = "";
    for (unsigned i = 0; i < VIRT_MAX_DEVICES; i++)
        assert_int_equal(devopt_add(&l, "virtio-rng-device", i ? "b=2" : "a=1", err,
                                    sizeof(err)), 0);
    assert_string_equal(l.dev[0].props, "a=1");
    assert_string_equal(l.dev[1].props, "b=2");
    assert_int_equal(devopt_parse(&l, "virtio-rng-device", err, sizeof(err)), -1);
    assert_non_null(strstr(err, "too many devices"));
    assert_int_equal(l.count, VIRT_MAX_DEVICES);
}

static void test_get(void **state)
{
    (void)state;
    device_opt_t o = {.type = "x", .props = "id=disk0,mac=52:54:00:12:34:56,id=disk1,ro=,e"};
    char v[32];
    assert_int_equal(devopt_get(&o, "mac", v, sizeof(v)), 1);
    assert_string_equal(v, "52:54:00:12:34:56");
    assert_int_equal(devopt_get(&o, "id", v, sizeof(v)), 1);
    assert_string_equal(v, "disk1"); /* the last one counts */
    assert_int_equal(devopt_get(&o, "ro", v, sizeof(v)), 1);
    assert_string_equal(v, "");
    assert_int_equal(devopt_get(&o, "i", v, sizeof(v)), 0); /* not a prefix match */
    assert_int_equal(devopt_get(&o, "e", v, sizeof(v)), 0); /* no value: not a property */
    assert_int_equal(devopt_get(&o, "netdev", v, sizeof(v)), 0);
    assert_int_equal(devopt_get(&o, "mac", v, 8), -1);
    device_opt_t empty = {.type = "x", .props = ""};
    assert_int_equal(devopt_get(&empty, "id", v, sizeof(v)), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_type),
        cmocka_unit_test(test_unknown_type),
        cmocka_unit_test(test_bad_props),
        cmocka_unit_test(test_order_and_limit),
        cmocka_unit_test(test_get),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
