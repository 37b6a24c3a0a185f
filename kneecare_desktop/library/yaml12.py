"""Plain scalars read the YAML 1.2 way: as a person wrote them.

PyYAML resolves plain scalars by YAML 1.1, where ``020`` is 16 (octal), ``1:30`` is 90
(base 60), ``1_000`` is 1000 and ``yes``/``no``/``on``/``off`` are booleans. YAML 1.2's
core schema, which this module gives the loader, reads ``020`` as 20, writes octal as
``0o17`` and hexadecimal as ``0x1F``, and reads every other form as text, so a routine
file's numbers mean what they look like; a value of the wrong type is then pinpointed by
the checks instead of silently changing.

Only the resolver changes: it runs in Python for the C loader as for the pure-Python one,
so libyaml still does the parsing.
"""

from __future__ import annotations

import math
import re

import yaml

INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"

# The core schema's regular expressions (YAML 1.2.2, section 10.3.2), in resolution order.
_CORE: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (NULL_TAG, re.compile(r"(?:~|null|Null|NULL|)\Z"), "~nN"),
    (BOOL_TAG, re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z"), "tTfF"),
    (INT_TAG, re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z"), "-+0123456789"),
    (FLOAT_TAG, re.compile(r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                           r"|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)\Z"), "-+.0123456789"),
)

# What YAML 1.1 (and so most other tools) would have read as a number or a boolean but
# YAML 1.2 reads as text: base 60, underscores, binary, 1.1's octal with underscores.
_YAML11_NUMBER = re.compile(r"[-+]?(?:0b[01_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
                            r"|[0-9_]*_[0-9_]*(?:\.[0-9_]*)?(?:[eE][-+][0-9]+)?)\Z")
_YAML11_BOOL = re.compile(r"(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)\Z")


def _with_core_schema(base: type[yaml.resolver.BaseResolver]) -> None:
    base.yaml_implicit_resolvers = {}
    for tag, pattern, first in _CORE:
        base.add_implicit_resolver(tag, pattern, [*first] + ([""] if tag == NULL_TAG else []))


class Yaml12Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser (about 20 times faster than the pure-Python one) with YAML 1.2
    resolution. Only :func:`yaml.compose` and :func:`yaml.parse` are used with it: the
    checks turn nodes into values themselves (:func:`scalar_value`)."""


class Yaml12Dumper(yaml.SafeDumper):
    """Quotes every string that YAML 1.1 *or* 1.2 would read as something else, so what
    the app writes reads back the same here and in other tools."""


_with_core_schema(Yaml12Loader)
# The dumper keeps YAML 1.1's resolvers and adds 1.2's: a string is written plain only if
# neither schema would read it as anything but text.
for _tag, _pattern, _first in _CORE:
    Yaml12Dumper.add_implicit_resolver(_tag, _pattern, [*_first])


def scalar_value(tag: str, text: str) -> object:
    """The value of a plain or quoted scalar that the loader resolved to ``tag``.

    Returns the text itself if it cannot be converted (an integer of more than 4300
    digits, which Python refuses to convert)."""
    try:
        if tag == INT_TAG:
            if text.startswith("0o"):
                return int(text[2:], 8)
            if text.startswith("0x"):
                return int(text[2:], 16)
            return int(text, 10)
        if tag == FLOAT_TAG:
            lowered = text.lower()
            if lowered.endswith((".inf", ".nan")):
                sign = -1.0 if lowered.startswith("-") else 1.0
                return math.nan if lowered.endswith("nan") else sign * math.inf
            return float(text)
    except ValueError:
        return text
    if tag == BOOL_TAG:
        return text.lower() == "true"
    if tag == NULL_TAG:
        return None
    return text


def meant_number(text: str) -> int | float | None:
    """The number a person most likely meant by ``text`` (``1:30`` is 90, ``1_000`` is
    1000), if it is one of YAML 1.1's number forms that YAML 1.2 reads as text; else None."""
    if not _YAML11_NUMBER.match(text):
        return None
    value = text.replace("_", "")
    sign = -1 if value.startswith("-") else 1
    value = value.lstrip("-+")
    try:
        if value.startswith("0b"):
            return sign * int(value[2:], 2)
        if ":" in value:
            total = 0.0
            for part in value.split(":"):
                total = total * 60 + float(part)
            return sign * (int(total) if total.is_integer() else total)
        return sign * (float(value) if "." in value or "e" in value.lower() else int(value))
    except ValueError:
        return None


def is_yaml11_bool(text: str) -> bool:
    """``yes``, ``no``, ``on``, ``off`` (any case form YAML 1.1 knows): booleans in YAML 1.1,
    text in YAML 1.2."""
    return bool(_YAML11_BOOL.match(text))
