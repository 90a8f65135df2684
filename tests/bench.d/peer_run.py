#!/usr/bin/env python3
"""peer_run.py SHOT TIMEOUT_S CMD [ARG...] — run CMD once for the
peer_chromium step and print one line: MS PSS_KIB PROCS RC

  MS       from just before exec to SHOT's last modification (the
           screenshot written), in ms; -1 if SHOT was not written
  PSS_KIB  the process tree's peak PSS: every PROCS-many process that is
           a descendant of CMD or in its session, Pss from
           /proc/PID/smaps_rollup summed per sample, sampled every 10 ms
  PROCS    the most processes seen in the tree at once
  RC       CMD's exit status (the whole tree is killed after TIMEOUT_S)

SHOT is removed first, so an old file never counts. With PEER_SMAPS=FILE
in the environment, CMD's own /proc/PID/smaps at the peak sample is kept
in FILE (for the breakdown by mapping)."""
import os
import signal
import subprocess
import sys
import time


def stat_of(pid):
    """(ppid, session id) of pid, or None."""
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            s = f.read()
    except OSError:
        return None
    rest = s[s.rindex(b")") + 2:].split()   # after "pid (comm) "
    return int(rest[1]), int(rest[3])


def tree(root):
    """root, its descendants and whatever else is in its session."""
    kids = {}
    member = {root}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        pid = int(name)
        st = stat_of(pid)
        if st is None:
            continue
        kids.setdefault(st[0], []).append(pid)
        if st[1] == root:
            member.add(pid)
    todo = [root]
    while todo:
        for c in kids.get(todo.pop(), []):
            if c not in member:
                member.add(c)
                todo.append(c)
    return member


def pss(pid):
    try:
        with open("/proc/%d/smaps_rollup" % pid, "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def keep_smaps(pid, path):
    """Copy /proc/PID/smaps to path (left as it was if unreadable)."""
    try:
        with open("/proc/%d/smaps" % pid, "rb") as f:
            data = f.read()
    except OSError:
        return
    with open(path + ".new", "wb") as f:
        f.write(data)
    os.replace(path + ".new", path)


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: peer_run.py SHOT TIMEOUT_S CMD [ARG...]")
    shot, timeout = sys.argv[1], float(sys.argv[2])
    try:
        os.unlink(shot)
    except FileNotFoundError:
        pass
    smaps_out = os.environ.get("PEER_SMAPS")
    null = open(os.devnull, "wb")
    t0 = time.time_ns()
    p = subprocess.Popen(sys.argv[3:], stdin=subprocess.DEVNULL, stdout=null, stderr=null,
                         start_new_session=True)
    peak = procs = 0
    members = {p.pid}
    n = 0
    deadline = time.monotonic() + timeout
    while p.poll() is None:
        if n % 3 == 0:              # look for new processes every 30 ms
            members |= tree(p.pid)
        n += 1
        sizes = [k for k in (pss(q) for q in members) if k > 0]
        if sum(sizes) > peak and smaps_out:
            keep_smaps(p.pid, smaps_out)
        peak = max(peak, sum(sizes))
        procs = max(procs, len(sizes))
        if time.monotonic() > deadline:
            break
        time.sleep(0.01)
    if p.poll() is None:
        members |= tree(p.pid)
        for q in members:
            try:
                os.kill(q, signal.SIGKILL)
            except OSError:
                pass
    seen = members
    rc = p.wait()
    # Helpers a browser leaves behind in its session are not ours to keep
    # (only processes seen in the tree and still in its session).
    for q in seen - {p.pid}:
        st = stat_of(q)
        if st is not None and st[1] == p.pid:
            try:
                os.kill(q, signal.SIGKILL)
            except OSError:
                pass
    try:
        ms = (os.stat(shot).st_mtime_ns - t0) / 1e6
    except OSError:
        ms = -1
    print("%.1f %d %d %d" % (ms, peak, procs, rc))


if __name__ == "__main__":
    main()
