"""Qt Linguist translations of the app's Qt-side strings.

    python tools/translations.py --update   # refresh the .ts from the sources, build the .qm
    python tools/translations.py --check    # fail if the .ts or .qm is stale or unfinished
    python tools/translations.py --fill ja new.json   # translate unfinished strings
                                            # ({"source": "訳"}), then build the .qm

The ``.ts`` file is the source of truth and is committed, with the ``.qm`` built from
it so that an installed wheel carries it; ``tests/gui/test_translations.py`` runs the
check, so a stale or unfinished translation fails the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "kneecare_desktop" / "ui"
FOLDER = UI / "resources" / "translations"
LANGUAGES = ("ja",)


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent)) \
        or shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found; install PySide6")
    return found


def sources() -> list[str]:
    return [str(p.relative_to(ROOT)) for p in sorted(UI.glob("*.py"))]


def lupdate(ts: Path) -> None:
    subprocess.run([_tool("lupdate"), *sources(), "-no-obsolete", "-locations", "none",
                    "-ts", str(ts)], cwd=ROOT, check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("lrelease"), str(ts), "-qm", str(qm)], cwd=ROOT, check=True,
                   capture_output=True)


def messages(ts: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(context, source) -> (translation, type) for every message in a .ts file."""
    found: dict[tuple[str, str], tuple[str, str | None]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            found[(name, message.findtext("source") or "")] = (
                (translation.text or "") if translation is not None else "",
                translation.get("type") if translation is not None else "unfinished")
    return found


def problems(lang: str) -> list[str]:
    ts = FOLDER / f"kneecare_{lang}.ts"
    qm = FOLDER / f"kneecare_{lang}.qm"
    if not ts.exists():
        return [f"{ts} is missing; run tools/translations.py --update"]
    found: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / ts.name
        shutil.copy(ts, fresh)
        lupdate(fresh)
        current, updated = messages(ts), messages(fresh)
        for key in sorted(set(updated) - set(current)):
            found.append(f"{ts.name}: new string not in the .ts yet: {key[0]}: {key[1]!r}")
        for key in sorted(set(current) - set(updated)):
            found.append(f"{ts.name}: string no longer in the sources: {key[0]}: {key[1]!r}")
        for key, (text, kind) in sorted(current.items()):
            if kind in ("unfinished", "vanished", "obsolete") or not text.strip():
                found.append(f"{ts.name}: unfinished translation: {key[0]}: {key[1]!r}")
        built = Path(tmp) / qm.name
        lrelease(ts, built)
        if not qm.exists() or qm.read_bytes() != built.read_bytes():
            found.append(f"{qm.name} is stale; run tools/translations.py --update")
    return found


def update() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        ts = FOLDER / f"kneecare_{lang}.ts"
        if not ts.exists():
            ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                          f'<TS version="2.1" language="{lang}"></TS>\n', encoding="utf-8")
        lupdate(ts)
        lrelease(ts, FOLDER / f"kneecare_{lang}.qm")


def fill(lang: str, translations: dict[str, str]) -> list[str]:
    """Give unfinished messages whose source is in ``translations`` their translation;
    returns the sources still unfinished."""
    ts = FOLDER / f"kneecare_{lang}.ts"
    tree = ET.parse(ts)
    left: list[str] = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished":
            continue
        if source in translations:
            translation.text = translations[source]
            del translation.attrib["type"]
        else:
            left.append(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    text = ts.read_text(encoding="utf-8").replace(
        "<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0" encoding="utf-8"?>\n'
        "<!DOCTYPE TS>", 1)
    ts.write_text(text, encoding="utf-8")
    lrelease(ts, FOLDER / f"kneecare_{lang}.qm")
    return left


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--fill", nargs=2, metavar=("LANG", "JSON"))
    args = parser.parse_args()
    if args.fill:
        import json

        lang, source = args.fill
        left = fill(lang, json.loads(Path(source).read_text(encoding="utf-8")))
        for text in left:
            print(f"still unfinished: {text!r}")
        return 1 if left else 0
    if args.update:
        update()
    if args.check or not args.update:
        found = [p for lang in LANGUAGES for p in problems(lang)]
        for problem in found:
            print(problem)
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
