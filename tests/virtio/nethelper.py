#!/usr/bin/env python3
"""Host side of the virtio-net and virtio-console tests and of bench/net.sh.

  serve DIR PORTFILE      HTTP server for DIR on 127.0.0.1 (port written to PORTFILE)
  freeport                print a TCP port of 127.0.0.1 that is free now
  dns NAME                ask the host's resolver (first nameserver of /etc/resolv.conf, as
                          slirp's forwarder does) for NAME: print nxdomain, address or none
  fwd PORT                connect to 127.0.0.1:PORT (retrying), send polyhart-hostfwd-hello,
                          expect the line polyhart-hostfwd-reply
  hvc PATH                connect to the Unix socket PATH, send polyhart-hvc-hello, expect
                          "hvc0 got: polyhart-hvc-hello", send bye
  sink PORTFILE           accept one TCP connection, read to EOF; print "BYTES SECONDS"
  source PORTFILE BYTES   accept one TCP connection, send BYTES bytes, close; print the same
Exit status 0 on success; a one-line reason on stderr otherwise.
"""
import functools
import http.server
import os
import random
import socket
import struct
import sys
import time


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def serve(directory, portfile):
    handler = functools.partial(QuietHandler, directory=directory)
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    write_port(portfile, srv.server_address[1])
    srv.serve_forever()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def write_port(portfile, port):
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % port)
    os.rename(portfile + ".tmp", portfile)


def freeport():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
    s.close()


def host_nameserver():
    with open("/etc/resolv.conf") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and parts[0] == "nameserver" and ":" not in parts[1]:
                return parts[1]
    return "127.0.0.1"  # what slirp falls back to as well


def dns(name):
    tid = random.randint(0, 65535)
    qname = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".") if p) + b"\0"
    query = struct.pack(">HHHHHH", tid, 0x0100, 1, 0, 0, 0) + qname + struct.pack(">HH", 1, 1)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(3)
    try:
        s.sendto(query, (host_nameserver(), 53))
        while True:
            reply = s.recv(4096)
            if len(reply) >= 12 and struct.unpack(">H", reply[:2])[0] == tid:
                break
    except OSError:
        print("none")
        return
    rcode, answers = reply[3] & 15, struct.unpack(">H", reply[6:8])[0]
    print("nxdomain" if rcode == 3 else "address" if rcode == 0 and answers else "none")


def connect_retry(family, addr, limit=30):
    deadline = time.time() + limit
    while True:
        s = socket.socket(family, socket.SOCK_STREAM)
        s.settimeout(30)
        try:
            s.connect(addr)
            return s
        except OSError as e:
            s.close()
            if time.time() > deadline:
                fail("cannot connect to %s: %s" % (addr, e))
            time.sleep(0.5)


def read_line(s):
    data = b""
    while not data.endswith(b"\n"):
        chunk = s.recv(1)
        if not chunk:
            break
        data += chunk
    return data.decode(errors="replace").strip("\r\n")


def fwd(port):
    # slirp accepts at once and connects to the guest behind it: a guest server that is not
    # up yet shows as a connection closed without a reply, so retry that too.
    deadline = time.time() + 60
    while True:
        s = connect_retry(socket.AF_INET, ("127.0.0.1", port))
        try:
            s.sendall(b"polyhart-hostfwd-hello\n")
            line = read_line(s)
        except OSError:
            line = ""
        s.close()
        if line == "polyhart-hostfwd-reply":
            print(line)
            return
        if time.time() > deadline:
            fail("hostfwd port %d answered %r, expected polyhart-hostfwd-reply" % (port, line))
        time.sleep(1)


def hvc(path):
    s = connect_retry(socket.AF_UNIX, path)
    s.sendall(b"polyhart-hvc-hello\n")
    try:
        line = read_line(s)
    except OSError as e:
        fail("no answer on %s: %s" % (path, e))
    s.sendall(b"bye\n")
    time.sleep(0.5)
    s.close()
    if line != "hvc0 got: polyhart-hvc-hello":
        fail("hvc0 answered %r, expected 'hvc0 got: polyhart-hvc-hello'" % line)
    print(line)


def accept_one(portfile):
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", 0))
    ls.listen(1)
    write_port(portfile, ls.getsockname()[1])
    conn, _ = ls.accept()
    ls.close()
    return conn


def sink(portfile):
    conn = accept_one(portfile)
    total, start = 0, None
    while True:
        data = conn.recv(1 << 20)
        if start is None:
            start = time.time()
        if not data:
            break
        total += len(data)
    print("%d %.3f" % (total, time.time() - (start or time.time())))


def source(portfile, nbytes):
    conn = accept_one(portfile)
    block = os.urandom(1 << 16)
    sent, start = 0, time.time()
    while sent < nbytes:
        n = min(len(block), nbytes - sent)
        conn.sendall(block[:n])
        sent += n
    conn.shutdown(socket.SHUT_WR)
    conn.recv(1)  # wait for the guest to close
    print("%d %.3f" % (sent, time.time() - start))


def main(argv):
    cmds = {
        "serve": (2, lambda a: serve(a[0], a[1])),
        "freeport": (0, lambda a: freeport()),
        "dns": (1, lambda a: dns(a[0])),
        "fwd": (1, lambda a: fwd(int(a[0]))),
        "hvc": (1, lambda a: hvc(a[0])),
        "sink": (1, lambda a: sink(a[0])),
        "source": (2, lambda a: source(a[0], int(a[1]))),
    }
    if len(argv) < 1 or argv[0] not in cmds or len(argv) - 1 != cmds[argv[0]][0]:
        fail(__doc__.strip())
    cmds[argv[0]][1](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
