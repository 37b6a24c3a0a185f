"""Dialogs made for one use: deleted once answered, with Qt's pictures of them.

Qt's Fusion style keeps what it draws of buttons, frames and scroll bars in the
application's ``QPixmapCache``, under a key that holds the widget's palette
``cacheKey()``. This app sets the application's palette (``use_readable_selection``),
and then every widget's palette has a key of its own (Qt 6.11: each widget resolves the
application's palette into a detached copy). So a dialog made anew each time it opens
(the check-in, the routine editor, the reminders) adds new pictures to the cache each
time, and nothing ever asks for them again once it has gone: they stay until the cache
is full (10 MB by default) or Qt's own timer drains it after 10 s of nothing new being
drawn, which a busy clinic day never gives it. The soak benchmark measured about 15 KB
per check-in and editor opened and closed (``benchmarks/soak.py``, heaptrack).

Qt names no cached picture by widget, so none can be dropped alone: the cache is emptied
as the dialog goes. What is still on screen is drawn again at its next paint (a few
dozen small pictures, well under a millisecond), which is what Qt's timer does anyway.
"""

from __future__ import annotations

from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QDialog


def forget_style_pictures(_result: int = 0) -> None:
    """Empty Qt's cache of drawn style pictures (a slot for ``QDialog.finished``)."""
    QPixmapCache.clear()


def dispose_when_finished(dialog: QDialog) -> None:
    """Delete ``dialog`` once it is answered or closed, and the pictures of it with it."""
    dialog.finished.connect(dialog.deleteLater)
    dialog.finished.connect(forget_style_pictures)
