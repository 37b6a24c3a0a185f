"""What each preference may hold, its default, and what is wrong with a value that does not fit.

The settings file is an INI file a person (or a clinic's IT) may edit. A value that does
not fit is never taken silently: the app uses the default, and says which key, which
value and what it expects (the window shows it in a banner; the log keeps it). The
file's version is kept too, so that a file written by a newer app is recognised.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from kneecare_desktop.basics import DEFAULT_INTERRUPTION_THRESHOLD, LEAD_IN_SECONDS, Lang, Text

SETTINGS_VERSION = 1
VERSION_KEY = "general/version"

T = TypeVar("T")


class BadValueError(ValueError):
    def __init__(self, expected: Text) -> None:
        super().__init__(expected.en)
        self.expected = expected


@dataclass(frozen=True, slots=True)
class Rule(Generic[T]):
    default: T
    parse: Callable[[object], T]


@dataclass(frozen=True, slots=True)
class BadSetting:
    """One value in the settings file that the app could not use."""

    key: str
    value: str
    expected: Text

    def message(self, lang: Lang) -> str:
        said = Text("{key} = {value}（{expected}。既定値を使います）",
                    "{key} = {value} ({expected}; the default is used)")
        return said.format(key=self.key, value=self.value, expected=self.expected).get(lang)


def _text_of(raw: object) -> str:
    return raw if isinstance(raw, str) else str(raw)


def boolean(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = _text_of(raw).strip().lower()
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off"):
        return False
    raise BadValueError(Text("true か false", "true or false"))


def whole_number(low: int, high: int) -> Callable[[object], int]:
    def parse(raw: object) -> int:
        try:
            value = int(_text_of(raw).strip())
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise BadValueError(Text(f"{low}〜{high} の整数",
                                     f"a whole number from {low} to {high}"))
        return value
    return parse


def optional(parse: Callable[[object], T]) -> Callable[[object], T | None]:
    """Empty means "not set" (use each routine's own, follow the system ...)."""
    def parse_optional(raw: object) -> T | None:
        return None if _text_of(raw).strip() == "" else parse(raw)
    return parse_optional


def seconds(low: float, high: float) -> Callable[[object], float]:
    def parse(raw: object) -> float:
        try:
            value = float(_text_of(raw).strip())
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise BadValueError(Text(f"{low:g}〜{high:g} 秒", f"{low:g} to {high:g} seconds"))
        return value
    return parse


def language(raw: object) -> Lang:
    try:
        return Lang(_text_of(raw).strip())
    except ValueError:
        raise BadValueError(Text("ja、en、または空（システムに合わせる）",
                                 "ja, en, or empty to follow the system")) from None


def identifier(raw: object) -> str:
    return _text_of(raw).strip()


def one_of(choices: tuple[str, ...]) -> Callable[[object], str]:
    def parse(raw: object) -> str:
        text = _text_of(raw).strip()
        if text not in choices:
            listed = ", ".join(choices)
            raise BadValueError(Text(f"{listed} のいずれか", f"one of {listed}"))
        return text
    return parse


def no_secret(raw: object) -> str:
    """A server's host, database, user or certificate path: never a password, which
    libpq reads from its password or service file (the settings file is not private)."""
    text = _text_of(raw).strip()
    if "password" in text.lower() or "://" in text:
        raise BadValueError(Text("パスワードや URL を含まない名前（パスワードは ~/.pgpass に）",
                                 "a plain name, with no password or URL (passwords go in "
                                 "~/.pgpass)"))
    return text


SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


RULES: dict[str, Rule[Any]] = {
    "ui/language": Rule(None, optional(language)),
    "cues/sound": Rule(True, boolean),
    "cues/voice": Rule(True, boolean),
    "cues/volume": Rule(80, whole_number(0, 100)),
    "cues/muted": Rule(False, boolean),
    "session/lead_in": Rule(None, optional(whole_number(int(LEAD_IN_SECONDS.low),
                                                        int(LEAD_IN_SECONDS.high)))),
    "session/interruption_threshold": Rule(DEFAULT_INTERRUPTION_THRESHOLD,
                                           seconds(2.0, 120.0)),
    "session/ask_pain": Rule(True, boolean),
    "checkin/first_routine": Rule(None, optional(identifier)),
    "people/current": Rule(None, optional(whole_number(1, 2**31 - 1))),
    # This computer's part of the reminders (the reminders themselves are per person, in
    # the history): closing the window keeps them running; the offer was made once.
    "reminders/keep_running": Rule(False, boolean),
    "reminders/offered": Rule(False, boolean),
    # A clinic's server for the history (history/clinic.py); no host: the file on this PC.
    # No password key, on purpose: libpq's password file or service file holds it.
    "database/host": Rule("", no_secret),
    "database/port": Rule(5432, whole_number(1, 65535)),
    "database/name": Rule("kneecare", no_secret),
    "database/user": Rule("", no_secret),
    "database/sslmode": Rule("verify-full", one_of(SSL_MODES)),
    "database/sslrootcert": Rule("", no_secret),
}


def read(key: str, raw: object | None) -> tuple[object, BadSetting | None]:
    """The value of ``key`` from the file's ``raw`` (None: not in the file), or its
    default and what was wrong."""
    rule = RULES[key]
    if raw is None:
        return rule.default, None
    try:
        return rule.parse(raw), None
    except BadValueError as bad:
        return rule.default, BadSetting(key, _text_of(raw), bad.expected)


def check_version(raw: object | None) -> BadSetting | None:
    """A file from a newer app may mean things this one does not know: said, not hidden."""
    if raw is None:
        return None
    try:
        version = int(_text_of(raw))
    except ValueError:
        version = None
    if version is None or version < 1:
        return BadSetting(VERSION_KEY, _text_of(raw),
                          Text(f"{SETTINGS_VERSION} までの整数",
                               f"a version up to {SETTINGS_VERSION}"))
    if version > SETTINGS_VERSION:
        return BadSetting(VERSION_KEY, _text_of(raw), Text(
            f"このアプリの設定は版 {SETTINGS_VERSION} までです。新しい版のアプリで保存された値は"
            "読めない場合があります",
            f"this app knows settings up to version {SETTINGS_VERSION}; values saved by a newer "
            "version may not be read"))
    return None
