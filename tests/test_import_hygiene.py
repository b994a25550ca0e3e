"""The data side never imports the app, and the app never loads NLP models at start-up."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fixture_db import build_fixture_db

ROOT = Path(__file__).resolve().parent.parent
NLP = ("pymorphy3", "pymorphy2", "natasha", "slovnet", "navec", "yargy")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys, json\n"
                          "print(json.dumps(sorted(sys.modules)))"],
                         cwd=ROOT, capture_output=True, text=True, check=True, timeout=120)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_data_side_imports_neither_textual_nor_the_app():
    mods = _modules_after("import app.extract, app.store.schema, app.store.importer, "
                          "app.store.queries, app.store.events, app.reader, app.facts_json")
    assert not {m for m in mods if m == "textual" or m.startswith("textual.")}
    assert not {m for m in mods if m.startswith("app.tui")}


def test_importing_the_app_loads_no_nlp_model():
    mods = _modules_after("import app.tui.app")
    assert "textual" in mods
    assert not {m for m in mods if m.split(".")[0] in NLP}


def test_running_the_app_loads_no_nlp_model_before_its_first_frame(tmp_path):
    """Start the app on a database and look at sys.modules when the first frame is painted:
    no NLP model and no plotting library yet. Right after it a worker loads pymorphy3 (so the
    first keystroke of a search does not wait for it) and the chart's plotext."""
    db = build_fixture_db(tmp_path / "h.db")  # built here: importing uses pymorphy3
    code = f"""
import asyncio, json, sys
from app.tui.app import PardonsApp

seen = {{}}

class Probe(PardonsApp):
    def on_mount(self):
        self.call_after_refresh(lambda: seen.setdefault("first_frame", sorted(sys.modules)))

    def warm_up(self):
        seen.setdefault("warm_up_after_frame", "first_frame" in seen)
        return super().warm_up()

async def main():
    app = Probe({str(db)!r})
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.query_one("CountryTable").row_count == 4
        assert len(app.query_one("QuoteList").hits) == 5

asyncio.run(main())
print(json.dumps(seen))
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True, timeout=120)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    at_first_frame = set(seen["first_frame"])
    assert "textual" in at_first_frame
    assert not {m for m in at_first_frame if m.split(".")[0] in NLP}
    assert not {m for m in at_first_frame if m.split(".")[0] in ("plotext", "textual_plotext")}
    assert seen["warm_up_after_frame"] is True
    mods = _modules_after(code.replace("print(json.dumps(seen))", ""))
    assert "pymorphy3" in mods  # loaded by the warm-up, before anyone types
