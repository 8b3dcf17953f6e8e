#include "front/control.h"

static void on_dbg_event(void *ctx, dbg_event_t ev, const dbg_stop_t *stop)
{
    (void)stop;
    control_emit(ctx, ev == DBG_EV_STOP ? "STOP" : "RESUME", NULL);
}

static void on_reset(void *ctx, bool by_guest)
{
    control_emit(ctx, "RESET", by_guest ? "{\"guest\": true, \"reason\": \"guest-reset\"}"
                                        : "{\"guest\": false, \"reason\": \"host-qmp-system-reset\"}");
}

bool control_init(control_t *c, machine_t *m)
{
    c->m = m;
    c->emit = NULL;
    c->emit_ctx = NULL;
    atomic_init(&c->quit, false);
    atomic_init(&c->signal, 0);
    m->on_reset = on_reset;
    m->on_reset_ctx = c;
    return dbg_add_listener(&m->runctl.dbg, on_dbg_event, c);
}

void control_set_events(control_t *c, control_event_fn fn, void *ctx)
{
    c->emit = fn;
    c->emit_ctx = ctx;
}

void control_emit(control_t *c, const char *name, const char *data)
{
    if (c->emit)
        c->emit(c->emit_ctx, name, data ? data : "{}");
}

void control_stop(control_t *c)
{
    dbg_stop(&c->m->runctl.dbg, DBG_STOP_PAUSE, true);
}

void control_cont(control_t *c)
{
    dbg_resume(&c->m->runctl.dbg, NULL);
}

void control_reset(control_t *c)
{
    virt_request_reset(c->m);
}

void control_powerdown(control_t *c)
{
    control_emit(c, "POWERDOWN", NULL); /* no power button on this board: see control.h */
}

void control_quit(control_t *c)
{
    atomic_store(&c->quit, true);
    virt_request_stop(c->m, 0);
}

void control_signal(control_t *c, int sig)
{
    atomic_store(&c->signal, sig);
    virt_request_stop(c->m, 128 + sig);
}

const char *control_status(control_t *c, bool *running)
{
    dbg_stop_t stop;
    bool stopped = dbg_get_state(&c->m->runctl.dbg, &stop, NULL);
    *running = !stopped;
    if (!stopped)
        return "running";
    switch (stop.kind) {
    case DBG_STOP_PRELAUNCH: return "prelaunch";
    case DBG_STOP_PAUSE: return "paused";
    default: return "debug";
    }
}

void control_finish(control_t *c)
{
    if (atomic_load(&c->quit))
        control_emit(c, "SHUTDOWN", "{\"guest\": false, \"reason\": \"host-qmp-quit\"}");
    else if (atomic_load(&c->signal))
        control_emit(c, "SHUTDOWN", "{\"guest\": false, \"reason\": \"host-signal\"}");
    else
        control_emit(c, "SHUTDOWN", "{\"guest\": true, \"reason\": \"guest-shutdown\"}");
}
