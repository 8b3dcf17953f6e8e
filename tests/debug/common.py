"""Helpers of the debug tier's Python tests: free ports, starting polyhart, ELF symbols,
PASS:/FAIL: reporting. Standard library only (python3 from Debian)."""
import os
import socket
import subprocess
import sys
import tempfile
import time


class Reporter:
    """Prints one PASS:/FAIL: line per check; `failed` counts failures."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.failed = 0

    def check(self, name, ok, why=""):
        if ok:
            print(f"PASS: debug/{self.prefix}-{name}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL: debug/{self.prefix}-{name} ({why})", flush=True)
        return ok


def scale(polyhart):
    """Time limits grow for sanitizer builds (ThreadSanitizer: 5-15x slower)."""
    if "san-thread" in polyhart:
        return 10
    if "san-" in polyhart:
        return 4
    return 1


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def symbols(elf):
    out = subprocess.run(["riscv64-linux-gnu-nm", elf], capture_output=True, text=True,
                         check=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms[parts[2]] = int(parts[0], 16)
    return syms


class Emulator:
    """polyhart in the background, its output in a temporary file."""

    def __init__(self, polyhart, args):
        self.log = tempfile.NamedTemporaryFile(prefix="polyhart-debug-", suffix=".log",
                                               delete=False)
        self.proc = subprocess.Popen([polyhart] + args, stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=subprocess.STDOUT)

    def output(self):
        with open(self.log.name, "rb") as f:
            return f.read().decode(errors="replace")

    def wait(self, timeout):
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def close(self):
        self.kill()
        os.unlink(self.log.name)


def connect(addr, timeout):
    """Connects to ("127.0.0.1", port) or a unix socket path, retrying until timeout."""
    end = time.time() + timeout
    while True:
        try:
            if isinstance(addr, str):
                s = socket.socket(socket.AF_UNIX)
            else:
                s = socket.socket()
            s.connect(addr)
            return s
        except OSError:
            s.close()
            if time.time() > end:
                raise
            time.sleep(0.05)


def sanitizer_report(text):
    for line in text.splitlines():
        if "WARNING: ThreadSanitizer" in line or "ERROR: AddressSanitizer" in line \
                or "runtime error:" in line:
            return line
    return None


def main_guard(fn):
    try:
        sys.exit(fn())
    except Exception as e:  # a crash of the test itself is a failure, not a silent pass
        print(f"FAIL: debug/{fn.__name__} (test error: {e!r})", flush=True)
        sys.exit(1)
