"""Japanese and English ship complete, and the app follows the chosen language."""

from __future__ import annotations

import importlib.util
import sys

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from kneecare_desktop.model import Lang
from tests.conftest import REPO


def load_tool() -> object:
    spec = importlib.util.spec_from_file_location("translations_tool",
                                                  REPO / "tools" / "translations.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["translations_tool"] = module
    spec.loader.exec_module(module)
    return module


def test_translations_are_complete_and_the_qm_is_fresh() -> None:
    tool = load_tool()
    assert tool.problems("ja") == []  # type: ignore[attr-defined]


def test_the_window_speaks_japanese(make_app: object, qtbot: QtBot) -> None:
    application = make_app(Lang.JA)  # type: ignore[operator]
    window = application.window
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["ファイル(&F)", "セッション(&E)", "表示(&V)", "利用者(&P)", "ヘルプ(&H)"]
    assert window.library_view.start_button.text() == "開始"
    assert window.library_view.detail.detail_title.text() == "膝裏ケア プログラム"
    window.sessions.start("hamstring-towel")
    player = window.sessions.player
    assert player is not None
    assert player.ring.small_text == "準備"
    assert player.badge.text() == "次は 左"
    assert player.instruction.text() == "準備してください。左脚から"
    assert player.remaining.text().startswith("残り時間 ")


def test_qt_own_dialogs_are_japanese_too(make_app: object, qtbot: QtBot) -> None:
    application = make_app(Lang.JA)  # type: ignore[operator]
    window = application.window
    window._open_settings()
    dialog = window.findChild(QDialogButtonBox)
    assert dialog is not None
    texts = {b.text() for b in dialog.buttons()}
    assert "キャンセル" in texts  # from Qt's qtbase_ja.qm
    box = QMessageBox(QMessageBox.Icon.Question, "", "",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)
    assert box.button(QMessageBox.StandardButton.Yes).text().startswith("はい")
    box.deleteLater()


def test_no_stray_space_between_an_inserted_name_and_japanese() -> None:
    """「%1 の特徴」 reads as a gap in Japanese: an inserted name or number sits right
    against the Japanese around it (「ハムストリングスの過緊張の特徴」)."""
    import re
    import xml.etree.ElementTree as ET

    from tests.conftest import REPO

    japanese = r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60「」、。・]"
    # After a name, nothing; before one, no space after a particle (「プログラムを %1」).
    # A label before a value keeps its space, as the glossary writes 「次は 右脚」.
    stray = re.compile(rf"%\d\s+(?={japanese})|(?<=[をがにでとのへ])\s+%\d")
    ts = REPO / "kneecare_desktop" / "ui" / "resources" / "translations" / "kneecare_ja.ts"
    found = [message.findtext("translation") or ""
             for message in ET.parse(ts).getroot().iter("message")]
    assert [t for t in found if stray.search(t)] == []
