"""The launcher's PNG icons are the SVG rendered at each size (tools/render_icons.py)."""

from __future__ import annotations

import importlib.util
import sys

from tests.conftest import REPO


def test_the_shipped_pngs_are_the_svg_rendered(qapp: object) -> None:
    spec = importlib.util.spec_from_file_location("render_icons",
                                                  REPO / "tools" / "render_icons.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["render_icons"] = module
    try:
        spec.loader.exec_module(module)
        assert module.stale() == []
    finally:
        del sys.modules["render_icons"]
