/* polyhart: a parallel full-system RISC-V emulator. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "front/console.h"
#include "front/options.h"
#include "machine/virt.h"

#define POLYHART_VERSION "0.1.0"

static int report(const char *msg)
{
    fprintf(stderr, "polyhart: %s\n", msg);
    return 1;
}

/* Turns SIGINT/SIGTERM/SIGHUP into an orderly stop of the machine; SIGUSR1 prints the harts'
 * state (a debugging aid) and keeps running. */
static void *signal_thread(void *arg)
{
    machine_t *m = arg;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGUSR1);
    int sig;
    while (sigwait(&set, &sig) == 0) {
        if (sig == SIGUSR1) {
            virt_dump_harts(m, stderr);
            continue;
        }
        fprintf(stderr, "polyhart: terminating on signal %d\n", sig);
        virt_request_stop(m, 128 + sig);
        break;
    }
    return NULL;
}

/* Blocked in every thread (they inherit the mask): only the signal thread receives them. */
static void block_signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGHUP);
    sigaddset(set, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, set, NULL);
}

static int run_machine(const options_t *o, log_ctx_t *log)
{
    static machine_t machine; /* large (per-hart caches): kept off the stack */
    char err[256];
    sigset_t set;
    block_signals(&set);
    if (virt_create(&machine, &o->machine, log, err, sizeof(err)))
        return report(err);
    if (o->machine.dumpdtb) {
        int rc = virt_dump_dtb(&machine, err, sizeof(err)) ? report(err) : 0;
        virt_destroy(&machine);
        return rc;
    }
    pthread_t sig_tid;
    pthread_create(&sig_tid, NULL, signal_thread, &machine);
    console_t console;
    console_start(&console, &machine, STDIN_FILENO);
    int code = virt_run(&machine);
    console_stop(&console);
    pthread_cancel(sig_tid);
    pthread_join(sig_tid, NULL);
    virt_destroy(&machine);
    return code;
}

int main(int argc, char **argv)
{
    options_t o;
    char err[256];
    if (options_parse(&o, argc, argv, err, sizeof(err)))
        return report(err);
    if (o.help) {
        options_usage(stdout);
        return 0;
    }
    if (o.device_help) {
        devices_print_types(stdout);
        return 0;
    }
    if (o.version) {
        printf("polyhart %s\n", POLYHART_VERSION);
        return 0;
    }
    log_ctx_t log;
    log_init(&log);
    log.mask = o.log_mask;
    if (o.log_help) {
        log_print_categories(stdout);
        return 0;
    }
    if (o.log_file && !log_open_file(&log, o.log_file)) {
        snprintf(err, sizeof(err), "cannot open log file '%s'", o.log_file);
        return report(err);
    }
    int code = run_machine(&o, &log);
    log_close(&log);
    return code;
}
