"""A person's adjustments to a routine in a few words, as a banner shows two of them side by
side ("hold 40 s, 3 sets" against "hold 25 s")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from kneecare_desktop.ui.text import arg


def describe(data: Mapping[str, Any]) -> str:
    """``Overrides.to_dict()``'s values in words; empty: as in the routine's file."""
    if not data:
        return QCoreApplication.translate("AdjustmentTexts", "as in the routine")
    words = {
        "hold_seconds": QCoreApplication.translate("AdjustmentTexts", "hold %1 s"),
        "sets": QCoreApplication.translate("AdjustmentTexts", "%1 sets"),
        "reps": QCoreApplication.translate("AdjustmentTexts", "%1 reps"),
        "rest_seconds": QCoreApplication.translate("AdjustmentTexts", "rest %1 s"),
        "switch_seconds": QCoreApplication.translate("AdjustmentTexts", "switch sides %1 s"),
        "lead_in_seconds": QCoreApplication.translate("AdjustmentTexts", "get ready %1 s"),
        "order": QCoreApplication.translate("AdjustmentTexts", "order: %1"),
        "sides": QCoreApplication.translate("AdjustmentTexts", "sides: %1"),
        "first_side": QCoreApplication.translate("AdjustmentTexts", "first side: %1"),
        "pacing": QCoreApplication.translate("AdjustmentTexts", "pacing: %1"),
    }
    said = [arg(words[key], value) if key in words else f"{key} {value}"
            for key, value in data.items()]
    return QCoreApplication.translate("AdjustmentTexts", ", ").join(said)
