"""Time whole processes: wall time, CPU time (user + sys) and peak memory of each child."""

import os
import platform
import re
import statistics
import subprocess
import time
from importlib import metadata


class Run:
    def __init__(self, wall, cpu, rss_mib, code):
        self.wall = wall
        self.cpu = cpu
        self.rss_mib = rss_mib
        self.code = code


def run(cmd, cwd, env=None, log=None):
    """Run one command to completion; its own rusage comes from ``os.wait4``."""
    out = open(log, "ab") if log else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=out)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    finally:
        if log:
            out.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux; it covers the child only (not its own children)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


def median(runs, attr):
    return statistics.median(getattr(r, attr) for r in runs)


def machine():
    """What the numbers were measured on."""
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            match = re.search(r"^model name\s*:\s*(.+)$", f.read(), re.M)
            cpu = match.group(1) if match else cpu
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kib = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
            mem = f"{kib / 1024 / 1024:.1f} GiB RAM"
    except (OSError, AttributeError):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = []
    for name in ("pelican", "Markdown", "Jinja2", "Pygments", "PyYAML", "hugo"):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return (
        f"{cpu}, {cores} cores, {mem}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; " + ", ".join(versions)
    )
