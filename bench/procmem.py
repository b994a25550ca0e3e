"""Peak memory of a process and its children, sampled from /proc while it runs (Linux).

RSS counts shared pages once per process, so forked workers that share the parent's pages are
over-counted by the RSS sum; PSS splits shared pages between the processes that map them, so
the PSS sum is what the tree really costs. Both are reported; targets are checked on the RSS sum
(the stricter figure).
"""
from __future__ import annotations

import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


@dataclass
class Peak:
    rss_sum: int = 0   # bytes: peak of the sum over the tree
    pss_sum: int = 0
    rss_max: int = 0   # bytes: peak of any single process
    rss_root: int = 0  # bytes: peak of the process started (the importer's writer, the app)
    processes: int = 0  # most processes seen at once

    def mb(self, field: str) -> float:
        return getattr(self, field) / MB


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo += _children(p)
    return pids


def _rss_pss(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1]) * 1024
            elif line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return rss, pss


class Sampler:
    """Samples the tree under `pid` every `interval` seconds until stopped."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid, self.interval, self.peak = pid, interval, Peak()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        pids = tree(self.pid)
        sizes = [_rss_pss(p) for p in pids]
        pk = self.peak
        pk.rss_sum = max(pk.rss_sum, sum(r for r, _ in sizes))
        pk.pss_sum = max(pk.pss_sum, sum(p for _, p in sizes))
        pk.rss_max = max([pk.rss_max] + [r for r, _ in sizes])
        pk.rss_root = max(pk.rss_root, sizes[0][0] if sizes else 0)
        pk.processes = max(pk.processes, sum(1 for r, _ in sizes if r))

    def __enter__(self) -> "Sampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def run_measured(cmd: list[str], *, cwd: str | None = None, env: dict | None = None,
                 timeout: float | None = None) -> tuple[subprocess.CompletedProcess, float, Peak]:
    """Run `cmd`, returning (result, wall seconds, peak memory of its process tree)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    with Sampler(proc.pid) as sampler:
        out, err = proc.communicate(timeout=timeout)
    seconds = time.perf_counter() - started
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err), seconds, sampler.peak
