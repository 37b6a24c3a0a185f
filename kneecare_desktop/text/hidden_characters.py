"""Characters a text may not carry: controls and bidirectional overrides.

A routine's words are read aloud and shown to people who follow them with their body.
Control characters (``\\x1b[8m`` hides the rest of a line in a terminal) and the
bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069, the
"Trojan Source" characters) can make a text show something other than what it says, so
they are refused wherever a file gives text: texts, ids, a hand-off's person name.

Allowed: tab everywhere, and line feed in the texts that may run over several lines.
Refused: every other C0 control (U+0000-U+001F), DEL (U+007F), the C1 controls
(U+0080-U+009F) and the nine bidirectional formatting characters above. The marks
U+200E/U+200F, which only mark a direction and hide nothing, stay allowed.
"""

from __future__ import annotations

import re
import unicodedata

_REFUSED = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_REFUSED_ONE_LINE = re.compile(f"[{_REFUSED}\n]")
_REFUSED_LINES = re.compile(f"[{_REFUSED}]")

_C0_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION",
    "ENQUIRY", "ACKNOWLEDGE", "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED",
    "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN",
    "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
    "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE",
)

# YAML's double-quoted escapes: what each one stands for (YAML 1.2.2, section 5.7).
_ESCAPES = {"0": "\x00", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n",
            "v": "\x0b", "f": "\x0c", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/",
            "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_HEX_LENGTHS = {"x": 2, "u": 4, "U": 8}


def first_refused(value: str, lines: bool = False) -> int | None:
    """The index in ``value`` of its first refused character, or None.

    ``lines``: line feeds are allowed (a text that may run over several lines)."""
    found = (_REFUSED_LINES if lines else _REFUSED_ONE_LINE).search(value)
    return None if found is None else found.start()


def character_name(character: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: the code point and its Unicode name."""
    code = ord(character)
    name = _C0_NAMES[code] if code < 0x20 else "DELETE" if code == 0x7F else \
        unicodedata.name(character, "CONTROL CHARACTER")
    return f"U+{code:04X} {name}"


def shown(value: str, limit: int = 40) -> str:
    """``value`` safe to put in a message: refused characters as ``<U+202E>``, and cut."""
    if len(value) > limit:
        value = value[:limit - 3] + "..."
    return _REFUSED_ONE_LINE.sub(lambda found: f"<U+{ord(found.group()):04X}>", value)


def source_offset(source: str, start: int, end: int, double_quoted: bool,
                  character: str) -> int | None:
    """Where in ``source[start:end]``, a scalar as written, ``character`` is first written,
    itself or (in a double-quoted scalar) as an escape such as ``\\u202E``; None if it is
    not found there (a line feed that a block scalar's line end gives, say)."""
    index = start
    end = min(end, len(source))
    while index < end:
        written = source[index]
        if double_quoted and written == "\\" and index + 1 < end:
            code = source[index + 1]
            length = _HEX_LENGTHS.get(code)
            if length is not None:
                digits = source[index + 2:index + 2 + length]
                try:
                    produced = chr(int(digits, 16))
                except ValueError:
                    produced = ""
                step = 2 + length
            else:
                produced = _ESCAPES.get(code, "")
                step = 2
            if produced == character:
                return index
            index += step
            continue
        if written == character:
            return index
        index += 1
    return None
