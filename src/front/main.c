/* polyhart: a parallel full-system RISC-V emulator. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "front/console.h"
#include "front/control.h"
#include "front/gdbstub.h"
#include "front/monitor.h"
#include "front/options.h"
#include "front/qmp.h"
#include "front/version.h"
#include "machine/virt.h"

/* What runs around the machine: its control, the monitor, QMP, the GDB stub, the console. */
typedef struct front {
    control_t ctl;
    monitor_t mon;
    qmp_t qmp;
    gdbstub_t gdb;
    bool have_gdb;
    console_t console;
    pthread_t sig_tid;
} front_t;

static int report(const char *msg)
{
    fprintf(stderr, "polyhart: %s\n", msg);
    return 1;
}

/* Turns SIGINT/SIGTERM/SIGHUP into an orderly stop of the machine; SIGUSR1 prints the harts'
 * state (a debugging aid) and keeps running. */
static void *signal_thread(void *arg)
{
    control_t *ctl = arg;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGUSR1);
    int sig;
    while (sigwait(&set, &sig) == 0) {
        if (sig == SIGUSR1) {
            virt_dump_harts(ctl->m, stderr);
            continue;
        }
        fprintf(stderr, "polyhart: terminating on signal %d\n", sig);
        control_signal(ctl, sig);
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

/* Listens where the options say (a port in use is an error here, before the guest runs). */
static int front_setup(front_t *f, const options_t *o, machine_t *m, char *err, size_t errlen)
{
    if (!control_init(&f->ctl, m)) {
        snprintf(err, errlen, "cannot set up the machine control");
        return -1;
    }
    monitor_init(&f->mon, &f->ctl);
    qmp_init(&f->qmp, &f->ctl, &f->mon);
    for (unsigned i = 0; i < o->nqmp; i++)
        if (qmp_add_listener(&f->qmp, o->qmp[i], err, errlen))
            return -1;
    if (o->gdb) {
        if (gdbstub_init(&f->gdb, &f->ctl, &f->mon, o->gdb, err, errlen))
            return -1;
        f->have_gdb = true;
    }
    return 0;
}

static void front_start(front_t *f, machine_t *m)
{
    pthread_create(&f->sig_tid, NULL, signal_thread, &f->ctl);
    if (f->qmp.nlisten && !qmp_start(&f->qmp))
        fprintf(stderr, "polyhart: warning: cannot start the QMP thread\n");
    if (f->have_gdb && !gdbstub_start(&f->gdb))
        fprintf(stderr, "polyhart: warning: cannot start the gdb stub thread\n");
    console_start(&f->console, m, &f->mon, STDIN_FILENO);
}

/* After the run: the last events and replies go out before the sockets close. */
static void front_stop(front_t *f, int code)
{
    console_stop(&f->console);
    control_finish(&f->ctl);
    if (f->have_gdb)
        gdbstub_stop(&f->gdb, code);
    qmp_stop(&f->qmp);
    pthread_cancel(f->sig_tid);
    pthread_join(f->sig_tid, NULL);
}

static int run_machine(const options_t *o, log_ctx_t *log)
{
    static machine_t machine; /* large (per-hart caches): kept off the stack */
    static front_t front;
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
    if (front_setup(&front, o, &machine, err, sizeof(err))) {
        if (front.have_gdb)
            gdbstub_stop(&front.gdb, 1);
        qmp_stop(&front.qmp);
        virt_destroy(&machine);
        return report(err);
    }
    front_start(&front, &machine);
    int code = virt_run(&machine);
    front_stop(&front, code);
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
