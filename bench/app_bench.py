"""The app: process start to first frame, keystroke to results in the search pane, peak RSS.

Start to first frame is measured on the real command in a pseudo-terminal (`python -m app --db`,
run from an empty folder so that no seeds/ refresh happens): from just before the process is
started to the first full-screen write after the terminal switches to the alternate screen.
Keystroke to results and the time until each pane shows its data come from `bench.app_probe`
(the same app, headless, with timing marks). Peak RSS is sampled from /proc in both.
"""
from __future__ import annotations

import fcntl
import importlib
import json
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from bench.procmem import MB, Sampler
from bench.report import Figure, median_p95, missing

START_S, KEY_MS, RSS_MB = 0.6, 50.0, 150.0
ALT_SCREEN = b"\x1b[?1049h"
FRAME_BYTES = 2000  # a 120×40 first frame is many kilobytes; cursor and mode writes are small
WORDS = ["освобождение", "санкции", "переговоры", "помилование", "граница", "семьи",
         "гуманизм", "журналистов", "депортировали", "свобода"]


def first_frame_pty(db: Path, cwd: Path, size=(40, 120), timeout: float = 30.0) -> tuple[float | None, float, str]:
    """(seconds to the first frame or None, peak RSS MB, what the terminal showed on failure)."""
    cwd.mkdir(parents=True, exist_ok=True)
    db = db.resolve()  # the child changes directory
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the app
        os.chdir(cwd)
        os.environ.update(TERM="xterm-256color", LINES=str(size[0]), COLUMNS=str(size[1]))
        # this checkout's app, not an installed `pardons` (the cwd is an empty folder)
        repo = str(Path(__file__).resolve().parents[1])
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [repo,
                                                                 os.environ.get("PYTHONPATH")]))
        try:
            os.execv(sys.executable, [sys.executable, "-m", "app", "--db", str(db)])
        finally:
            os._exit(127)
    started = time.perf_counter()
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
    seen, after_alt, frame_at = b"", None, None
    with Sampler(pid) as sampler:
        while time.perf_counter() - started < timeout and frame_at is None:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if after_alt is None and ALT_SCREEN in seen:
                after_alt = len(seen) - len(seen.split(ALT_SCREEN, 1)[1])
            if after_alt is not None and len(seen) - after_alt >= FRAME_BYTES:
                frame_at = time.perf_counter() - started
        time.sleep(1.0)  # let the data arrive, so the RSS includes it
        sampler.sample()
    try:
        os.write(fd, b"q")
        time.sleep(0.3)
        os.kill(pid, signal.SIGTERM)
    except OSError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)
    tail = seen.decode("utf-8", "replace")[-300:]
    return frame_at, sampler.peak.rss_sum / MB, tail


def probe(db: Path) -> tuple[dict | None, float, str]:
    t0 = time.time()
    cmd = [sys.executable, "-m", "bench.app_probe", str(db.resolve()), "--t0", repr(t0),
           "--words", ",".join(WORDS)]
    proc = subprocess.Popen(cmd, cwd=Path(__file__).resolve().parents[1], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    with Sampler(proc.pid) as sampler:
        out, err = proc.communicate(timeout=600)
    lines = [l for l in out.splitlines() if l.startswith("{")]
    if proc.returncode or not lines:
        return None, 0.0, (err.strip().splitlines() or ["no output"])[-1]
    return json.loads(lines[-1]), sampler.peak.rss_sum / MB, ""


def measure(db: Path, workdir: Path, log=print) -> tuple[list[Figure], dict]:
    try:
        importlib.import_module("app.tui.app")
    except ImportError as e:
        why = f"app.tui.app ({e})"
        return [missing("app", "start to first frame", "s", why),
                missing("app", "keystroke to results", "ms", why),
                missing("app", "peak RSS", "MB", why)], {}
    log("app: start to first frame in a pseudo-terminal ...")
    frames = [first_frame_pty(db, workdir / "app-cwd") for _ in range(3)]
    log("app: headless probe (panes, keystrokes) ...")
    result, probe_rss, error = probe(db)
    figures, details = [], {"pty": [(f, r) for f, r, _ in frames]}
    times = [f for f, _, _ in frames if f is not None]
    if times:
        figures.append(Figure("app", "start to first frame (pty, median of 3)",
                              sorted(times)[len(times) // 2], "s", START_S))
    else:
        figures.append(missing("app", "start to first frame", "s",
                               f"no frame seen; the terminal showed: {frames[-1][2]!r}"))
    if result is None:
        figures.append(missing("app", "keystroke to results", "ms", f"app_probe failed: {error}"))
    else:
        marks = result["marks"]
        for name, label in (("first_frame", "start to first frame (headless)"),
                            ("facet_shown", "start to countries shown"),
                            ("timeline_shown", "start to timeline shown"),
                            ("quotes:", "start to quotes shown"),
                            ("warmed_up", "start to search warmed up (pymorphy3, plotext)")):
            if name in marks:
                figures.append(Figure("app", label, marks[name], "s"))
        keys = result["keystroke_ms"]
        if keys:
            med, p95 = median_p95(keys)
            figures.append(Figure("app", "keystroke to results, median", med, "ms", KEY_MS))
            figures.append(Figure("app", "keystroke to results, max", max(keys), "ms", KEY_MS))
            figures.append(Figure("app", "first keystroke to results", keys[0], "ms", KEY_MS,
                                  note="the first word typed, after the warm-up"))
        else:
            figures.append(missing("app", "keystroke to results", "ms", "no search results arrived"))
        details["probe"] = result
    if times or result is not None:
        rss = max([r for _, r, _ in frames] + [probe_rss])
        figures.append(Figure("app", "peak RSS", rss, "MB", RSS_MB,
                              note="max of the pty runs and the headless probe with searches"))
    else:
        figures.append(missing("app", "peak RSS", "MB", "the app did not start"))
    return figures, details
