"""Help → About KneeCare."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from kneecare_desktop import __version__
from kneecare_desktop.ui.text import arg


def show_about(parent: QWidget) -> None:
    """The app, where its advice comes from, that it does not diagnose, and whose voices
    the recorded prompts are (CC BY 3.0 asks for the attribution)."""
    # The words keep the main window's translation context, where they were written.
    title = QCoreApplication.translate("MainWindow", "About KneeCare")
    QMessageBox.about(parent, title, arg(QCoreApplication.translate(
        "MainWindow",
        "<h3>KneeCare Desktop %1</h3>"
        "<p>Guided care routines for runners with pain behind the knee.</p>"
        "<p>The routines, their causes and the advice on when to rest follow the "
        "article “膝の裏が走ると痛くなる原因は“3パターン”しかない” by "
        "M.A.K.鍼灸整骨院 (M.A.K. acupuncture and osteopathic clinic, Kawasaki).</p>"
        "<p>This app does not diagnose. If the pain is strong or the back of the knee "
        "is swollen, see a clinician.</p>"
        "<p><small>Recorded prompts: Japanese by Open JTalk with the HTS voice “Mei” "
        "(© Nagoya Institute of Technology, MMDAgent Project Team, CC BY 3.0); English "
        "by CMU Flite (voice slt, © Carnegie Mellon University).</small></p>"),
        __version__))
