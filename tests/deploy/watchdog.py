#!/usr/bin/env python3
"""Plays systemd's part for a Type=notify service with WatchdogSec=1s.

Starts the kiosk with NOTIFY_SOCKET and WATCHDOG_USEC set, checks READY=1
and regular WATCHDOG=1 pings, then hangs the kiosk's main loop (SIGSTOP)
and checks that the missed pings are noticed, the kiosk is killed and a
restarted kiosk becomes ready again. One line per check: PASS/FAIL."""
import os, signal, socket, subprocess, sys, tempfile, time

kiosk, bundle = sys.argv[1], sys.argv[2]
WATCHDOG_S = 1.0
tmp = tempfile.mkdtemp(prefix="kiosk-wd-")
path = os.path.join(tmp, "notify")
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(path)
env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC=str(int(WATCHDOG_S * 1e6)),
           SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
env.pop("WATCHDOG_PID", None)
fails = 0

def check(ok, name, why=""):
    global fails
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + why))
    fails += 0 if ok else 1

def start():
    return subprocess.Popen([kiosk, "--config", "/dev/null", "--bundle", bundle],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def recv(timeout):
    sock.settimeout(timeout)
    try:
        return sock.recv(256).decode()
    except socket.timeout:
        return None

def wait_for(msg, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        m = recv(end - time.monotonic())
        if m and msg in m.split("\n"):
            return True
    return False

p = start()
try:
    check(wait_for("READY=1", 15), "kiosk sends READY=1 after its first frame", "no READY=1 in 15 s")
    t0 = time.monotonic(); pings = 0
    while time.monotonic() - t0 < 3:
        m = recv(3 - (time.monotonic() - t0))
        if m == "WATCHDOG=1":
            pings += 1
    check(pings >= 4, "kiosk pings the watchdog at least every half interval while idle",
          "%d pings in 3 s with WatchdogSec=1s" % pings)

    # Hang the main loop; act as systemd: no ping within the interval -> kill.
    os.kill(p.pid, signal.SIGSTOP)
    last = time.monotonic(); killed = False
    while time.monotonic() - last < 5:
        m = recv(WATCHDOG_S)
        if m == "WATCHDOG=1":
            last = time.monotonic()
            continue
        if time.monotonic() - last >= WATCHDOG_S:
            os.kill(p.pid, signal.SIGKILL)      # systemd sends SIGABRT, then SIGKILL
            p.wait(); killed = True
            break
    check(killed, "a hung main loop misses its watchdog pings and is killed",
          "pings kept coming from a stopped process")
    p = start()                                 # Restart=always
    check(wait_for("READY=1", 15), "the restarted kiosk becomes ready again", "no READY=1")
finally:
    try:
        os.kill(p.pid, signal.SIGCONT)
    except ProcessLookupError:
        pass
    p.kill(); p.wait()
    sock.close(); os.unlink(path); os.rmdir(tmp)
sys.exit(1 if fails else 0)
