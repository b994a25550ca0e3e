"""j/k as secondary cursor keys for lists (hidden from the footer)."""
from __future__ import annotations

from textual.binding import Binding

VIM_KEYS = [
    Binding("j", "cursor_down", "Down", show=False, id="list.down"),
    Binding("k", "cursor_up", "Up", show=False, id="list.up"),
]
