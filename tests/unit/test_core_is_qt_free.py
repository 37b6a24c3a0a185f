"""The core never imports Qt: every module outside ui/ imports with PySide6 blocked."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

PACKAGE = REPO / "kneecare_desktop"


def core_modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(REPO).with_suffix("")
        if "ui" in relative.parts or relative.name == "__main__":
            continue
        names.append(".".join(relative.parts))
    return names


def test_every_core_module_imports_without_qt() -> None:
    modules = core_modules()
    assert "kneecare_desktop.session.engine" in modules
    assert "kneecare_desktop.cli.main" in modules
    script = (
        "import sys\n"
        "for blocked in ('PySide6', 'shiboken6'):\n"
        "    sys.modules[blocked] = None\n"
        f"for name in {modules!r}:\n"
        "    __import__(name)\n"
        "assert not any(m.startswith('PySide6') and sys.modules[m] for m in sys.modules)\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=REPO, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")
