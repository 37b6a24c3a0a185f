"""The Qt layer.

PySide6 watches every import made after it is loaded: for its ``__feature__`` switching
(``from __feature__ import snake_case``) it asks of each new module whether its source
mentions "PySide6", and asks it through ``inspect.getsource``, which reads and splits
the whole file and keeps its lines in ``linecache``. That is about 0.15 ms a module, 10 ms
before the first paint and 20 ms before the care menu, and megabytes of lines nobody
reads. The same question is answered here by looking for the same bytes in the file;
anything else (no file, not a ``.py``, unreadable) still goes to PySide's own check.
This runs once, with the first module of the Qt layer, before any other is imported.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401 - PySide's import watch comes with it


def _quicker_pyside_import_watch() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    asks = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or asks is None or getattr(asks, "reads_bytes", False):
        return  # another PySide6, or done already: nothing to change

    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(asks(module))

    mod_uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mod_uses_pyside  # type: ignore[attr-defined]


_quicker_pyside_import_watch()
