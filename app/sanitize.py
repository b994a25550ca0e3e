"""Text from articles and users, made safe to show on a terminal.

Article text and search input are data. Printed raw, an ESC could recolour the terminal, set its
title, write the clipboard (OSC 52) or plant a link (OSC 8). `clean` replaces every control
character except newline and tab, one for one, with a visible stand-in, so an escape sequence
shows as text and does nothing; and because the length is unchanged, every character offset
(quote spans, sentence spans, search highlights) still points at the same place.

Markup is the other half: show such text as `rich.text.Text(clean(s))`, never as a markup string,
so `[bold]` or `[@click=app.quit]` in an article prints as written.
"""
from __future__ import annotations

import re

# C0 controls but \t and \n, DEL, and C1 controls (0x80–0x9f: 0x9b is a one-byte CSI, 0x9d OSC)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_C1_STAND_IN = "\ufffd"


def _stand_in(m: re.Match) -> str:
    c = ord(m.group())
    if c < 0x20:
        return chr(0x2400 + c)  # the Unicode "control pictures": ␛ for ESC, ␇ for BEL, ␀ for NUL
    if c == 0x7f:
        return "\u2421"  # ␡
    return _C1_STAND_IN


def clean(text: str) -> str:
    """`text` with every control character but newline and tab made visible and harmless.

    Same length as `text`, so offsets into it stay valid."""
    return _CONTROL.sub(_stand_in, text) if text else text


def clean_line(text: str) -> str:
    """`clean`, for one-line places (a title, a table cell): newlines and tabs become spaces."""
    return clean(text).replace("\n", " ").replace("\t", " ") if text else text


def is_clean(text: str) -> bool:
    return not _CONTROL.search(text)
