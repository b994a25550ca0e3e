"""A measured figure, its target and its ratio against a baseline, and how they are printed."""
from __future__ import annotations

import json
import statistics
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Figure:
    area: str                       # import, search, facet, app
    name: str
    value: float | None             # None: not measured (see `note`)
    unit: str
    target: float | None = None
    higher_is_better: bool = False
    baseline: float | None = None   # the baseline's figure, same unit
    baseline_name: str = ""
    ratio_target: float | None = None  # how many times better than the baseline we want
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """How many times better than the baseline (>1 is better)."""
        if self.value is None or not self.baseline:
            return None
        if self.higher_is_better:
            return self.value / self.baseline
        return self.baseline / self.value if self.value else None

    @property
    def status(self) -> str:
        if self.value is None:
            return "n/a"
        if self.target is None and self.ratio_target is None:
            return ""
        ok = self.target is None or (self.value >= self.target if self.higher_is_better
                                     else self.value <= self.target)
        if self.ratio_target is not None and self.ratio is not None:
            ok = ok and self.ratio >= self.ratio_target
        return "ok" if ok else "MISSED"

    def line(self) -> str:
        if self.value is None:
            return f"  {self.area:7} {self.name:40} not available yet: {self.note}"
        target = ""
        if self.target is not None:
            target = f"target {'>=' if self.higher_is_better else '<='} {_num(self.target)}"
        ratio = ""
        if self.ratio is not None:
            want = f" (want >= {self.ratio_target:g}x)" if self.ratio_target else ""
            ratio = f"{self.ratio:.1f}x vs {self.baseline_name} {_num(self.baseline)}{want}"
        elif self.baseline_name:
            ratio = f"no {self.baseline_name} figure"
        text = (f"  {self.area:7} {self.name:40} {_num(self.value):>9} {self.unit:11} "
                f"{target:16} {self.status:6} {ratio}")
        return text + (f"  [{self.note}]" if self.note else "")

    def as_dict(self) -> dict:
        return {**asdict(self), "ratio": self.ratio, "status": self.status}


def _num(x: float) -> str:
    return f"{x:.0f}" if abs(x) >= 100 else f"{x:.3g}" if abs(x) < 1 else f"{x:.1f}"


def missing(area: str, name: str, unit: str, why: str, **kw) -> Figure:
    return Figure(area, name, None, unit, note=why, **kw)


def median_p95(samples: list[float]) -> tuple[float, float]:
    s = sorted(samples)
    return statistics.median(s), s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]


def markdown(figures: list[Figure]) -> str:
    """The figures as a Markdown table, for BENCHMARKS.md."""
    rows = ["| area | figure | value | target | status | vs baseline, notes |", "|---|---|---|---|---|---|"]
    for f in figures:
        if f.value is None:
            rows.append(f"| {f.area} | {f.name} | not available yet: {f.note} | | | |")
            continue
        target = (f"{'≥' if f.higher_is_better else '≤'} {_num(f.target)} {f.unit}"
                  if f.target is not None else "")
        ratio = (f"{f.ratio:.1f}× {f.baseline_name} ({_num(f.baseline)} {f.unit})"
                 + (f", want ≥ {f.ratio_target:g}×" if f.ratio_target else "")
                 if f.ratio is not None else "")
        note = f" ({f.note})" if f.note and not ratio else f"; {f.note}" if f.note else ""
        rows.append(f"| {f.area} | {f.name} | {_num(f.value)} {f.unit} | {target} | {f.status} "
                    f"| {ratio}{note} |")
    return "\n".join(rows) + "\n"


def save(figures: list[Figure], info: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"info": info, "figures": [f.as_dict() for f in figures]},
                               ensure_ascii=False, indent=1))
    path.with_suffix(".md").write_text(markdown(figures))
