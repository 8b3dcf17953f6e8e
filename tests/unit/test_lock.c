/* The lock-order check of debug and sanitizer builds: taking locks in rank order works, an
 * inversion aborts naming both locks (in a child process), and a lock can be re-taken after
 * it was dropped. Release builds compile the check out: the tests are skipped there. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/lock.h"

static void test_in_order(void **state)
{
    (void)state;
    lock_t dev, plic, log;
    lock_init(&dev, LOCK_RANK_DEVICE, "dev");
    lock_init(&plic, LOCK_RANK_IRQCHIP, "plic");
    lock_init(&log, LOCK_RANK_LOG, "log");
    lock_take(&dev);
    lock_take(&plic);
    lock_take(&log);
    lock_drop(&plic); /* out-of-order release is fine */
    lock_drop(&log);
    lock_take(&plic);
    lock_drop(&plic);
    lock_drop(&dev);
    lock_destroy(&dev);
    lock_destroy(&plic);
    lock_destroy(&log);
}

/* Runs `inverted` in a child; true if it died of SIGABRT. */
static bool child_aborts(void (*inverted)(void))
{
    pid_t pid = fork();
    if (pid == 0) {
        inverted();
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void take_inverted(void)
{
    lock_t dev, plic;
    lock_init(&dev, LOCK_RANK_DEVICE, "dev");
    lock_init(&plic, LOCK_RANK_IRQCHIP, "plic");
    lock_take(&plic);
    lock_take(&dev);
}

static void take_two_of_a_row(void)
{
    lock_t a, b;
    lock_init(&a, LOCK_RANK_DEVICE, "uart");
    lock_init(&b, LOCK_RANK_DEVICE, "virtio");
    lock_take(&a);
    lock_take(&b);
}

static void test_inversion_aborts(void **state)
{
    (void)state;
#ifndef POLYHART_LOCK_CHECK
    skip();
#endif
    assert_true(child_aborts(take_inverted));
    assert_true(child_aborts(take_two_of_a_row));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_in_order),
        cmocka_unit_test(test_inversion_aborts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
