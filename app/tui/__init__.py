"""The Textual app. Nothing under app.store, app.extract or app.reader imports from here."""
import os

# Textual paints at most TEXTUAL_FPS frames a second, and a change waits for the next frame: at
# its default 60 that wait was a quarter of a keystroke's time to results (bench: median 48 ms at
# 60, 36 ms at 120). Set before Textual is imported; a user's own setting wins.
os.environ.setdefault("TEXTUAL_FPS", "120")
