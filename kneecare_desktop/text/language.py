"""Language choice for the Qt-free core and the command line.

The core never uses Qt's ``tr``: every text it produces is a :class:`~kneecare_desktop.model.Text`
holding both languages, rendered with the language chosen here or in the app's settings.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping

from kneecare_desktop.basics import Lang

_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def language_from_tag(tag: str | None) -> Lang | None:
    """``"ja_JP.UTF-8"``, ``"ja"``, ``"en-GB"`` -> a shipped language, or None if unknown."""
    if not tag:
        return None
    first = tag.split(":")[0].strip().lower().replace("-", "_")
    if first.startswith("ja"):
        return Lang.JA
    if first.startswith("en") or first in ("c", "posix", "c.utf-8"):
        return Lang.EN
    return None


def system_language(environ: Mapping[str, str] | None = None) -> Lang:
    """The system's language if it is Japanese or English; English otherwise."""
    env = os.environ if environ is None else environ
    for name in _LOCALE_VARIABLES:
        value = env.get(name)
        if value:
            found = language_from_tag(value)
            if found is not None:
                return found
            break
    if environ is None:
        try:
            found = language_from_tag(locale.getlocale()[0])
        except ValueError:
            found = None
        if found is not None:
            return found
    return Lang.EN
