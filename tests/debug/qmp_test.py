#!/usr/bin/env python3
"""QMP through a client written here (JSON over the socket), against smp_debug.elf on 4 busy
harts: stop (every hart within 100 ms, seen from the guest: the mtime stamps of the harts'
last iterations, and from outside: pcs and counters that no longer move), queries, cont,
reset, powerdown, events to every client, quit; malformed JSON, unknown commands, commands
before negotiation, bad arguments, oversized messages and clients that disconnect in the
middle of a command get errors (or nothing) and never disturb the guest.

Usage: qmp_test.py POLYHART SMP_DEBUG_ELF"""
import json
import os
import socket
import sys
import tempfile
import time

from common import Emulator, Reporter, connect, free_port, main_guard, sanitizer_report, scale, symbols

MTIME_HZ = 10_000_000
HARTS = 4


class Qmp:
    def __init__(self, addr, timeout):
        self.s = connect(addr, timeout)
        self.s.settimeout(timeout)
        self.buf = b""
        self.events = []
        self.greeting = self.read()

    def read(self):
        while b"\n" not in self.buf:
            chunk = self.s.recv(65536)
            if not chunk:
                raise EOFError("QMP closed the connection")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def reply(self):
        """The next reply; events that come first are kept in self.events."""
        while True:
            msg = self.read()
            if "event" in msg:
                self.events.append(msg)
            else:
                return msg

    def raw(self, data):
        self.s.sendall(data.encode() if isinstance(data, str) else data)

    def cmd(self, name, args=None, **extra):
        msg = {"execute": name}
        if args is not None:
            msg["arguments"] = args
        msg.update(extra)
        self.raw(json.dumps(msg) + "\n")
        return self.reply()

    def hmp(self, line):
        return self.cmd("human-monitor-command", {"command-line": line}).get("return", "")

    def wait_event(self, name, timeout):
        end = time.time() + timeout
        while True:
            for e in self.events:
                if e["event"] == name:
                    self.events.remove(e)
                    return e
            if time.time() > end:
                return None
            self.s.settimeout(max(0.01, end - time.time()))
            try:
                msg = self.read()
            except socket.timeout:
                return None
            self.events.append(msg)

    def close(self):
        self.s.close()


def words(q, addr, n):
    """n 64-bit guest words at physical addr, through the monitor's xp."""
    text = q.hmp("xp /%dg %#x" % (n, addr))
    vals = [int(tok, 16) for line in text.splitlines() for tok in line.split()[1:]]
    return vals[:n]


def counters(q, sym):
    return words(q, sym["counters"], HARTS)


def pcs(q):
    return [c["pc"] for c in q.cmd("query-cpus-fast")["return"]]


def check_basics(r, q):
    r.check("greeting", "QMP" in q.greeting and "capabilities" in q.greeting["QMP"], str(q.greeting))
    early = q.cmd("query-status")
    r.check("needs-negotiation", early.get("error", {}).get("class") == "CommandNotFound", str(early))
    r.check("capabilities", q.cmd("qmp_capabilities") == {"return": {}}, "")
    again = q.cmd("qmp_capabilities")
    r.check("capabilities-twice", "error" in again, str(again))
    v = q.cmd("query-version", id="v1")
    r.check("query-version", v.get("id") == "v1" and "polyhart" in v["return"]["package"], str(v))
    st = q.cmd("query-status")["return"]
    r.check("status-running", st["status"] == "running" and st["running"] is True, str(st))
    cpus = q.cmd("query-cpus-fast")["return"]
    r.check("query-cpus-fast", len(cpus) == HARTS and all(c["thread-id"] > 0 for c in cpus) and
            [c["cpu-index"] for c in cpus] == list(range(HARTS)), str(cpus)[:200])


def check_stop(r, q, q2, sym, t):
    a = counters(q, sym)
    time.sleep(0.2)
    b = counters(q, sym)
    r.check("harts-busy", all(y > x for x, y in zip(a, b)), f"{a} -> {b}")
    start = time.monotonic()
    reply = q.cmd("stop")
    took = time.monotonic() - start
    r.check("stop-reply-within-100ms", reply == {"return": {}} and took < 0.1 * t,
            f"{reply} after {took * 1000:.1f} ms")
    stamps = words(q, sym["stamps"], HARTS)
    spread = (max(stamps) - min(stamps)) / MTIME_HZ
    r.check("all-stop-within-100ms-guest-view", spread < 0.1 * t,
            f"last iterations {spread * 1000:.1f} ms apart: {stamps}")
    c1, p1 = counters(q, sym), pcs(q)
    time.sleep(0.2)
    c2, p2 = counters(q, sym), pcs(q)
    r.check("stopped-pcs-still", p1 == p2, f"{p1} -> {p2}")
    r.check("stopped-counters-still", c1 == c2, f"{c1} -> {c2}")
    st = q.cmd("query-status")["return"]
    r.check("status-paused", st["status"] == "paused" and st["running"] is False, str(st))
    r.check("event-stop", q.wait_event("STOP", 2 * t) is not None, "no STOP event")
    r.check("event-stop-other-client", q2.wait_event("STOP", 2 * t) is not None,
            "the second client got no STOP event")
    r.check("stop-when-stopped", q.cmd("stop") == {"return": {}}, "")
    regs = q.hmp("info registers")
    r.check("hmp-info-registers", "pc" in regs and "mstatus" in regs and "x2 /sp" in regs, regs[:200])
    r.check("hmp-info-mtree", "ram" in q.hmp("info mtree") and "uart" in q.hmp("info mtree"), "")
    r.check("hmp-info-tcache", "blocks" in q.hmp("info tcache"), "")
    q.cmd("cont")
    r.check("event-resume", q.wait_event("RESUME", 2 * t) is not None and
            q2.wait_event("RESUME", 2 * t) is not None, "no RESUME event")
    time.sleep(0.2)
    c3 = counters(q, sym)
    r.check("cont-runs", all(y > x for x, y in zip(c2, c3)), f"{c2} -> {c3}")


def check_bad_input(r, q, sym, addr, t):
    q.raw('{"execute": "query-status", oops}\n')
    e = q.reply()
    r.check("malformed-json", e.get("error", {}).get("class") == "GenericError", str(e))
    q.raw("garbage\n")
    r.check("junk-outside-object", "error" in q.reply(), "")
    q.raw("[1, 2]\n")
    r.check("not-an-object", "error" in q.reply(), "")
    e = q.cmd("no-such-command", id=7)
    r.check("unknown-command", e.get("error", {}).get("class") == "CommandNotFound" and
            e.get("id") == 7, str(e))
    e = q.cmd("human-monitor-command", {"command_line": "info status"})
    r.check("missing-argument", "error" in e, str(e))
    e = q.cmd("stop", [1])
    r.check("arguments-not-object", "error" in e, str(e))
    r.check("hmp-unknown", "unknown command" in q.hmp("frobnicate"), "")
    q.raw('{"execute": "query-status", "arguments": {"x": "' + "a" * 70000 + '"}}\n')
    r.check("oversized-message", "error" in q.reply(), "")
    r.check("still-answers", q.cmd("query-status")["return"]["status"] == "running", "")
    before = counters(q, sym)
    for partial in ('{"execute": "stop"', '{"execute": "quit", "argu', '{"exec'):
        d = Qmp(addr, 5 * t)
        d.cmd("qmp_capabilities")
        d.raw(partial)
        d.close()
    rude = Qmp(addr, 5 * t)  # asks, then leaves before the reply
    rude.raw('{"execute": "qmp_capabilities"}\n{"execute": "query-cpus-fast"}\n')
    rude.close()
    time.sleep(0.3)
    after = counters(q, sym)
    st = q.cmd("query-status")["return"]
    r.check("disconnect-mid-command", st["status"] == "running" and
            all(y > x for x, y in zip(before, after)), f"{st}, {before} -> {after}")


def check_reset_powerdown(r, q, sym, t, emu):
    q.cmd("stop")
    q.wait_event("STOP", 2 * t)
    r.check("system-reset", q.cmd("system_reset") == {"return": {}}, "")
    r.check("event-reset", q.wait_event("RESET", 10 * t) is not None, "no RESET event")
    st = q.cmd("query-status")["return"]
    r.check("reset-stays-paused", st["status"] == "paused", str(st))
    pc = pcs(q)
    r.check("reset-pcs", all(p == 0x1000 for p in pc), str(pc))
    q.cmd("cont")
    end = time.time() + 10 * t
    while emu.output().count("smp_debug: harts=4 running") < 2 and time.time() < end:
        time.sleep(0.05)
    r.check("reset-restarted-guest", emu.output().count("smp_debug: harts=4 running") == 2,
            "the guest did not start again")
    r.check("system-powerdown", q.cmd("system_powerdown") == {"return": {}} and
            q.wait_event("POWERDOWN", 2 * t) is not None, "no POWERDOWN event")
    r.check("powerdown-guest-runs", q.cmd("query-status")["return"]["status"] == "running", "")


def run(r, polyhart, elf, t, addr, qmp_arg, full):
    sym = symbols(elf)
    emu = Emulator(polyhart, ["-M", "virt", "-bios", "none", "-smp", str(HARTS), "-kernel", elf,
                              "-nographic", "-qmp", qmp_arg])
    try:
        q = Qmp(addr, 10 * t)
        q2 = Qmp(addr, 10 * t)
        q2.cmd("qmp_capabilities")
        check_basics(r, q)
        if full:
            check_stop(r, q, q2, sym, t)
            check_bad_input(r, q, sym, addr, t)
            check_reset_powerdown(r, q, sym, t, emu)
        r.check("quit", q.cmd("quit") == {"return": {}}, "")
        ev = q2.wait_event("SHUTDOWN", 10 * t)
        r.check("event-shutdown", ev is not None and ev["data"]["reason"] == "host-qmp-quit", str(ev))
        code = emu.wait(10 * t)
        r.check("quit-exits", code == 0, f"exit {code}")
        rep = sanitizer_report(emu.output())
        r.check("no-sanitizer-report", rep is None, rep)
    except Exception as e:
        r.check("session", False, f"{e!r}; log: {emu.output()[-300:]!r}")
    finally:
        emu.close()


def check_options(r, polyhart, elf, t):
    emu = Emulator(polyhart, ["-M", "virt", "-bios", "none", "-kernel", elf, "-nographic",
                              "-qmp", "unix:/tmp/polyhart-never,server=on,wait=on"])
    code = emu.wait(10 * t)
    r.check("wait-on-refused", code == 1 and "wait=on" in emu.output(), f"exit {code}")
    emu.close()
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        port = holder.getsockname()[1]
        emu = Emulator(polyhart, ["-M", "virt", "-bios", "none", "-kernel", elf, "-nographic",
                                  "-qmp", "tcp:127.0.0.1:%d,server=on,wait=off" % port])
        code = emu.wait(10 * t)
        r.check("port-in-use", code == 1 and "in use" in emu.output(), f"exit {code}")
        emu.close()


def main():
    polyhart, elf = sys.argv[1], sys.argv[2]
    t = scale(polyhart)
    tmp = tempfile.mkdtemp(prefix="polyhart-qmp-")
    path = os.path.join(tmp, "qmp.sock")
    r1 = Reporter("qmp-unix")
    run(r1, polyhart, elf, t, path, "unix:%s,server=on,wait=off" % path, True)
    r1.check("socket-removed", not os.path.exists(path), "the socket file stayed")
    os.rmdir(tmp)
    port = free_port()
    r2 = Reporter("qmp-tcp")  # the same protocol over TCP: the basics, events and quit
    run(r2, polyhart, elf, t, ("127.0.0.1", port), "tcp:127.0.0.1:%d,server=on,wait=off" % port,
        False)
    check_options(r2, polyhart, elf, t)
    return 1 if r1.failed or r2.failed else 0


if __name__ == "__main__":
    main_guard(main)
