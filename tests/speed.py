"""Speed guards that hold on any machine.

A wall-clock limit measured on one machine fails on a slower or busier one (CI failed at 12.5 ms
against 12 ms). So a guard times a reference workload in the same run, of the same kind of work
(sentence splitting and regular expressions over Russian text), and scales its limit by how much
slower that workload ran here than on the machine the limit was set on. A faster machine never
tightens a limit. Both sides are timed best-of-N, which drops the rounds another process stole.
"""
import re
import time
from pathlib import Path

from razdel import sentenize

_TEXT = "\n\n".join(p.read_text(encoding="utf-8")
                    for p in sorted((Path(__file__).parent / "corpus" / "articles").glob("*.txt")))
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\b\d+\b|\b(?:двое|трое|четверо|пятеро|шестеро)\b", re.I)

# best-of-7 of _reference() on the machine the limits were set on (2 cores, 2026-12-03)
REFERENCE_SECONDS = 0.015


def _reference() -> None:
    for s in sentenize(_TEXT * 5):
        low = s.text.lower()
        _WORD.findall(low)
        _NUMBER.findall(low)


def best_of(fn, rounds: int = 5) -> float:
    """The fastest of `rounds` timed calls of `fn`, in seconds."""
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def slowdown() -> float:
    """How many times slower this machine runs the reference now (never below 1)."""
    _reference()
    return max(1.0, best_of(_reference, 7) / REFERENCE_SECONDS)
