#!/usr/bin/env python3
"""The GDB stub through the raw remote protocol: what gdb-multiarch cannot be made to do
(hardware single-step: GDB steps RISC-V in software, with breakpoints) and bad input (bad
checksums, oversized packets, huge lengths, unmapped memory, malformed arguments, unknown
threads, a second client, a port already in use).

Usage: gdbproto.py POLYHART SMP_DEBUG_ELF"""
import socket
import sys
import time

from common import Emulator, Reporter, connect, free_port, main_guard, sanitizer_report, scale, symbols


class Client:
    def __init__(self, port, timeout):
        self.s = connect(("127.0.0.1", port), timeout)
        self.s.settimeout(timeout)
        self.buf = b""

    def raw(self, data):
        self.s.sendall(data)

    def byte(self):
        while not self.buf:
            chunk = self.s.recv(4096)
            if not chunk:
                raise EOFError("the stub closed the connection")
            self.buf += chunk
        b, self.buf = self.buf[:1], self.buf[1:]
        return b

    def reply(self):
        """The next packet's payload (acknowledged)."""
        while self.byte() != b"$":
            pass
        data = b""
        while True:
            b = self.byte()
            if b == b"#":
                break
            data += b
        self.byte(), self.byte()
        self.raw(b"+")
        return data.decode(errors="replace")

    def ack(self):
        return self.byte()

    def send(self, payload):
        data = payload.encode() if isinstance(payload, str) else payload
        self.raw(b"$" + data + b"#%02x" % (sum(data) & 0xff))

    def cmd(self, payload):
        self.send(payload)
        if self.ack() != b"+":
            raise RuntimeError("no ack for " + str(payload)[:40])
        return self.reply()

    def close(self):
        self.s.close()


def le64(hexstr):
    return int.from_bytes(bytes.fromhex(hexstr), "little")


def reg(c, n):
    return le64(c.cmd("p%x" % n))


def check_bad_input(r, c, sym):
    c.send("g")  # correct packet, but the checksum is replaced below
    c.raw(b"$g#00")
    first = c.ack()
    r.check("ack", first == b"+", f"got {first!r}")
    c.reply()  # the reply to the good 'g'
    nak = c.ack()
    r.check("bad-checksum-nak", nak == b"-", f"got {nak!r}")
    c.raw(b"$" + b"m" * 20000 + b"#00")
    r.check("oversized-packet", c.ack() == b"+" and c.reply().startswith("E"), "no error reply")
    r.check("unmapped-memory", c.cmd("m0,8").startswith("E"), "read of address 0 succeeded")
    r.check("device-memory-refused", c.cmd("m10000000,1").startswith("E"), "read a UART register")
    r.check("huge-length", c.cmd("m80000000,10000000").startswith("E"), "no error")
    r.check("malformed-args", c.cmd("mzz,4").startswith("E") and c.cmd("Z0").startswith("E"),
            "no error")
    r.check("write-unmapped", c.cmd("M0,2:0102").startswith("E"), "no error")
    r.check("short-hex-write", c.cmd("M%x,4:01" % sym["read_me"]).startswith("E"), "no error")
    r.check("unknown-thread", c.cmd("Hg63").startswith("E") and c.cmd("T63").startswith("E"),
            "accepted a thread that does not exist")
    r.check("unknown-register", c.cmd("p3000").startswith("E"), "no error")
    r.check("unknown-packet-empty", c.cmd("qPolyhartNoSuchThing") == "", "non-empty reply")
    r.check("all-harts-stopped-vcont", c.cmd("vCont;t").startswith("E"), "accepted")


def check_queries(r, c, harts):
    r.check("stopped-on-connect", c.cmd("?").startswith("T05"), "not stopped")
    sup = c.cmd("qSupported:multiprocess+;swbreak+")
    r.check("qSupported", "PacketSize=" in sup and "qXfer:features:read+" in sup, sup)
    xml, off = "", 0
    while True:
        part = c.cmd("qXfer:features:read:target.xml:%x,400" % off)
        xml += part[1:]
        off += len(part) - 1
        if part[0] == "l":
            break
    r.check("target-xml", all(k in xml for k in ("org.gnu.gdb.riscv.cpu", "org.gnu.gdb.riscv.fpu",
                                                  "org.gnu.gdb.riscv.csr", '"priv"', '"satp"', '"fcsr"')),
            "features or registers missing")
    threads = c.cmd("qXfer:threads:read::0,fff")
    r.check("threads", threads.count("<thread ") == harts and c.cmd("qfThreadInfo") ==
            "m" + ",".join("%x" % (i + 1) for i in range(harts)), threads)
    r.check("g-packet", len(c.cmd("g")) == 33 * 16, "wrong length")


def check_step_across_trap(r, c, sym):
    tp, entry = sym["trap_point"], sym["smp_trap_entry"]
    r.check("Z0", c.cmd("Z0,%x,4" % tp) == "OK", "breakpoint refused")
    stop = c.cmd("vCont;c")
    r.check("breakpoint-hit", stop.startswith("T05") and "thread:1;" in stop and
            reg(c, 32) == tp, f"{stop}, pc {reg(c, 32):#x}")
    r.check("z0", c.cmd("z0,%x,4" % tp) == "OK", "removal refused")
    stop = c.cmd("vCont;s:1")
    pc = reg(c, 32)
    r.check("step-across-trap", stop.startswith("T05") and pc == entry,
            f"{stop}, pc {pc:#x}, handler {entry:#x}")
    first = int.from_bytes(bytes.fromhex(c.cmd("m%x,2" % entry)), "little")
    size = 4 if first & 3 == 3 else 2
    c.cmd("vCont;s:1")
    r.check("step-one-instruction", reg(c, 32) == entry + size, f"pc {reg(c, 32):#x}")
    c.cmd("Hg2")
    pc2 = reg(c, 32)
    c.cmd("Hg1")
    c.cmd("vCont;s:1")
    c.cmd("Hg2")
    r.check("step-others-stay", reg(c, 32) == pc2, "hart 1 moved while hart 0 stepped alone")
    c.cmd("Hg1")


def check_memory_and_watch(r, c, sym):
    addr = sym["read_me"]
    r.check("M-write", c.cmd("M%x,4:2b000000" % addr) == "OK", "refused")
    r.check("m-read-back", c.cmd("m%x,4" % addr) == "2b000000", "not written")
    c.cmd("X%x,0:" % addr)
    c.cmd("M%x,4:2a000000" % addr)
    w = sym["watched"]
    r.check("Z2", c.cmd("Z2,%x,4" % w) == "OK", "refused")
    stop = c.cmd("vCont;c")
    r.check("watch-other-hart", stop.startswith("T05watch:%x;" % w) and "thread:2;" in stop, stop)
    c.cmd("z2,%x,4" % w)


def check_interrupt(r, c, t):
    c.send("vCont;c")
    c.ack()
    time.sleep(0.3)
    c.raw(b"\x03")
    stop = c.reply()
    r.check("ctrl-c", stop.startswith("T02"), stop)


def check_second_client(r, port, c, t):
    other = socket.create_connection(("127.0.0.1", port), timeout=5 * t)
    other.settimeout(5 * t)
    try:
        refused = other.recv(16) == b""
    except OSError:
        refused = True
    other.close()
    r.check("second-client-refused", refused and c.cmd("?").startswith("T"),
            "a second client was served")


def counters(c, sym):
    return le64(c.cmd("m%x,8" % sym["counters"]))


def check_detach(r, c, port, sym, t):
    r.check("detach", c.cmd("D") == "OK", "no OK")
    c.close()
    time.sleep(0.3)
    c = Client(port, 10 * t)
    a = counters(c, sym)
    time.sleep(0.2)
    r.check("stopped-again-on-attach", counters(c, sym) == a, "the guest ran while attached")
    c.send("vCont;c")
    c.ack()
    time.sleep(0.3)
    c.raw(b"\x03")
    c.reply()
    r.check("runs-after-detach", counters(c, sym) > a, "counters did not advance")
    return c


def run_session(r, polyhart, elf, t, sym):
    port = free_port()
    emu = Emulator(polyhart, ["-M", "virt", "-bios", "none", "-smp", "2", "-kernel", elf,
                              "-nographic", "-S", "-gdb", "tcp:127.0.0.1:%d" % port])
    try:
        c = Client(port, 10 * t)
        check_queries(r, c, 2)
        check_bad_input(r, c, sym)
        check_step_across_trap(r, c, sym)
        check_memory_and_watch(r, c, sym)
        check_interrupt(r, c, t)
        check_second_client(r, port, c, t)
        c = check_detach(r, c, port, sym, t)
        c.send("k")
        code = emu.wait(20 * t)
        r.check("kill-ends-emulator", code == 0, f"exit {code}")
        out = emu.output()
        rep = sanitizer_report(out)
        r.check("no-sanitizer-report", rep is None, rep)
    except Exception as e:
        r.check("session", False, f"{e!r}; log: {emu.output()[-300:]!r}")
    finally:
        emu.close()


def check_port_in_use(r, polyhart, elf, t):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        port = holder.getsockname()[1]
        emu = Emulator(polyhart, ["-M", "virt", "-bios", "none", "-kernel", elf, "-nographic",
                                  "-gdb", "tcp:127.0.0.1:%d" % port])
        code = emu.wait(10 * t)
        out = emu.output()
        emu.close()
    r.check("port-in-use", code == 1 and "cannot listen on tcp:127.0.0.1:%d" % port in out and
            "in use" in out, f"exit {code}: {out.strip()[-200:]}")


def main():
    polyhart, elf = sys.argv[1], sys.argv[2]
    t = scale(polyhart)
    r = Reporter("gdbproto")
    sym = symbols(elf)
    run_session(r, polyhart, elf, t, sym)
    check_port_in_use(r, polyhart, elf, t)
    return 1 if r.failed else 0


if __name__ == "__main__":
    main_guard(main)
