"""Child process of the app benchmark: the real app, headless, with timing marks.

`python -m bench.app_probe DB --t0 EPOCH --words w1,w2,…` runs `PardonsApp` under `run_test`,
records (seconds after t0, the parent's clock just before it started this process) when the
first frame is painted, when each pane's first data is painted and when the search's morphology
has been loaded by the app's warm-up worker (started after the first frame), then focuses the
search pane, types each word and records keystroke → results painted for its last key. Prints
one JSON line, with this process's peak RSS.

The subclass only adds handlers: Textual calls the handlers of every class in the MRO, so the
app's own handlers still run (after these), and `call_after_refresh` marks the paint after them.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import time

TIMEOUT = 60.0


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("db")
    p.add_argument("--t0", type=float, required=True)
    p.add_argument("--words", default="")
    p.add_argument("--size", default="120x40")
    args = p.parse_args()
    result = asyncio.run(probe(args))
    result["maxrss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    json.dump(result, sys.stdout, ensure_ascii=False)
    print()
    return 0


async def probe(args) -> dict:
    imported = time.time() - args.t0
    from app.tui.app import PardonsApp  # an ImportError here is reported by the parent

    marks: dict[str, float] = {}
    arrived: dict[str, asyncio.Event] = {}

    def mark(name: str) -> None:
        marks.setdefault(name, time.time() - args.t0)
        arrived.setdefault(name, asyncio.Event()).set()

    class Probe(PardonsApp):
        def on_mount(self) -> None:
            self.call_after_refresh(mark, "first_frame")

        def on_facet_loaded(self, message) -> None:
            self.call_after_refresh(mark, "facet_shown")

        def on_timeline_loaded(self, message) -> None:
            self.call_after_refresh(mark, "timeline_shown")

        def on_quotes_loaded(self, message) -> None:
            self.call_after_refresh(mark, f"quotes:{message.query}")

        def on_warmed_up(self, message) -> None:
            mark("warmed_up")

    async def wait(name: str) -> bool:
        try:
            await asyncio.wait_for(arrived.setdefault(name, asyncio.Event()).wait(), TIMEOUT)
            return True
        except asyncio.TimeoutError:
            return False

    width, height = (int(x) for x in args.size.split("x"))
    app = Probe(args.db)
    keystroke_ms: list[float] = []
    async with app.run_test(size=(width, height)) as pilot:
        loaded = [await wait(name) for name in ("first_frame", "facet_shown", "timeline_shown",
                                                "quotes:", "warmed_up")]
        await pilot.press("slash")
        search = app.query_one("#search")
        # a pane that never loaded means the app failed on this database: do not wait per word
        for word in [w for w in args.words.split(",") if w] if all(loaded) else []:
            if search.value:
                arrived.pop("quotes:", None)
                search.value = ""
                await wait("quotes:")
            arrived.pop(f"quotes:{word}", None)
            marks.pop(f"quotes:{word}", None)
            if len(word) > 1:
                await pilot.press(*word[:-1])
            started = time.time() - args.t0
            await pilot.press(word[-1])
            if await wait(f"quotes:{word}"):
                keystroke_ms.append((marks[f"quotes:{word}"] - started) * 1000)
    return {"import_app_s": imported, "marks": {k: v for k, v in marks.items()
                                                 if not k.startswith("quotes:") or k == "quotes:"},
            "keystroke_ms": keystroke_ms}


if __name__ == "__main__":
    sys.exit(main())
