"""Rich rendering for the CLI (placeholder until the app issue lands)."""
from __future__ import annotations

import json

from rich.console import Console

console = Console()
err = Console(stderr=True)


def print_facts(facts: dict) -> None:
    console.print_json(json.dumps(facts, ensure_ascii=False))


def print_import_summary(s) -> None:
    err.print(f"imported {len(s.imported)}, unchanged {s.unchanged}, removed {len(s.removed)}, "
              f"failed {len(s.failed)}; {s.events} events; {s.seconds:.1f} s", markup=False)
    for path, reason in s.failed:
        err.print(f"  failed: {path}: {reason}", markup=False)
