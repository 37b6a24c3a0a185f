"""Reading a PDF's text back, as a person reading the printed page would."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PySide6.QtPdf import QPdfDocument


def pdf_text(path: Path) -> tuple[int, str]:
    """The text of every page. NFKC, because the embedded CJK font maps some kanji to
    their Kangxi-radical code points (⽥ for 田) when text is extracted."""
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    text = "".join(document.getAllText(page).text() for page in range(document.pageCount()))
    count = document.pageCount()
    document.close()
    return count, unicodedata.normalize("NFKC", text)
