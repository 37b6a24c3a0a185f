"""The rules for a person's name, the same in the window, the command line and a hand-off.

A name is trimmed; it must not be empty, is at most 80 characters, and holds no control
or bidirectional-override characters (they could hide what a name says). Two names are
the same person when they match ignoring case and surrounding spaces: "runner" is
"Runner ".
"""

from __future__ import annotations

import unicodedata

from kneecare_desktop.model import Text

MAX_NAME_LENGTH = 80
_BIDI_CONTROLS = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))

EMPTY = Text("名前を入力してください。", "Please enter a name.")
TOO_LONG = Text("名前は {limit} 文字までにしてください（いまは {length} 文字）。",
                "A name can be at most {limit} characters long (this one has {length}).")
CONTROL = Text("名前に使えない文字が含まれています（{code}）。",
               "The name contains a character that cannot be used ({code}).")
TAKEN = Text("「{name}」という利用者はすでにいます（大文字と小文字、前後の空白は区別しません）。",
             "There is already a person called '{name}' (names are compared ignoring case "
             "and surrounding spaces).")


class BadNameError(ValueError):
    """A name that breaks a rule; ``message`` says which, in both languages."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message


def clean_name(raw: str) -> str:
    """``raw`` trimmed and checked; raises :class:`BadNameError` saying what to fix."""
    name = raw.strip()
    if not name:
        raise BadNameError(EMPTY)
    for char in name:
        code = ord(char)
        if unicodedata.category(char) == "Cc" or code in _BIDI_CONTROLS:
            label = unicodedata.name(char, "")
            shown = f"U+{code:04X}" + (f" {label}" if label else "")
            raise BadNameError(CONTROL.format(code=shown))
    if len(name) > MAX_NAME_LENGTH:
        raise BadNameError(TOO_LONG.format(limit=MAX_NAME_LENGTH, length=len(name)))
    return name


def name_key(name: str) -> str:
    """What two names must share to be the same person."""
    return unicodedata.normalize("NFKC", name).strip().casefold()
