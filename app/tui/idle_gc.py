"""Garbage collection when the app is idle, not in the middle of a keystroke.

Textual makes cyclic garbage on every frame (messages, strips, widgets' caches). Python's collector
runs whenever enough objects were allocated, so a full collection (60-90 ms over pymorphy3's and
the widgets' objects, measured with the 10 000-article benchmark database) fell inside a
keystroke at random: the keystroke maximum. Here the objects that live as long as the app are
frozen out of collections, automatic collection is off, and a timer collects when allocation has
gone quiet, or when so much piled up that memory matters more than one frame.
"""
from __future__ import annotations

import gc

QUIET = 500  # new tracked objects between two ticks below which the app counts as idle
PENDING = 2_000  # no collection for less than this
BACKLOG = 300_000  # collect at this many even while the user types


class IdleCollector:
    def __init__(self) -> None:
        self._seen = 0

    def start(self) -> None:
        gc.freeze()  # what exists now (widgets, dictionaries) is the app's for good
        gc.disable()

    def stop(self) -> None:
        gc.enable()
        gc.unfreeze()

    def tick(self) -> bool:
        """Collect if the app is quiet (or the backlog is large); True when it collected."""
        pending = gc.get_count()[0]
        grew, self._seen = pending - self._seen, pending
        if pending >= BACKLOG or (pending >= PENDING and grew < QUIET):
            gc.collect()
            self._seen = gc.get_count()[0]
            return True
        return False
