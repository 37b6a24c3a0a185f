"""Let the X server finish reading a window's flushed pixels now, off the countdown's path.

On X11 Qt hands a window's pixels to the X server in shared memory (MIT-SHM). Before it
paints over pixels it has flushed, it waits for the server to have read them: a round
trip to the server at the start of the paint (``QXcbBackingStoreImage::preparePaint``).
The countdown repaints the same place every second, so each second's paint began with
that round trip, at the very moment the new second should be on screen; with both
processors busy the X server was asleep then, and waking it took 5-6 ms (measured under
two busy loops: from the tick to the countdown's paint 6.1 ms, 0.8 ms without the round
trip).

:func:`settle` makes the round trip right after a tick's paints instead: it opens and
closes a paint of the window on its backing store (nothing painted, nothing flushed), which
is where Qt does it. The next second's paint then starts at once. Elsewhere (offscreen,
Wayland, Windows, macOS) it does nothing.

The paint opened covers only the widget just painted: Qt's backing store takes a paint's
region as painted afresh, and a wider one (say, the whole window) would take as painted
a place just scrolled on the server and not yet flushed, and show it stale.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QRegion
from PySide6.QtWidgets import QWidget

SHARED_MEMORY_PLATFORM = "xcb"


def settle(widget: QWidget) -> bool:
    """Wait for the X server to have read what ``widget``'s window last flushed (one round
    trip, only if ``widget`` was part of it), once ``widget`` has been painted and flushed.
    False where there is nothing to do: another platform, a hidden window, or a translucent
    one (opening a paint on its backing store clears the region to transparent)."""
    if QGuiApplication.platformName() != SHARED_MEMORY_PLATFORM:
        return False
    window = widget.window()
    if not window.isVisible() or window.testAttribute(
            Qt.WidgetAttribute.WA_TranslucentBackground):
        return False
    store = window.backingStore()
    if store is None:
        return False
    store.beginPaint(QRegion(widget.rect().translated(widget.mapTo(window, QPoint(0, 0)))))
    store.endPaint()
    return True
