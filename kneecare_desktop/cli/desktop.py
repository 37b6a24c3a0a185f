"""``kneecare desktop-entry install|remove`` and ``kneecare autostart on|off|status``."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from kneecare_desktop.integration import launcher
from kneecare_desktop.integration.autostart import Autostart
from kneecare_desktop.model import Lang, Text
from kneecare_desktop.paths import desktop_paths

_INSTALLED = Text("アプリ一覧に KneeCare を追加しました（{count} 個のファイル）: {launcher}",
                  "KneeCare is in the desktop's applications ({count} files): {launcher}")
_REMOVED = Text("アプリ一覧から KneeCare を削除しました（{count} 個のファイル）。",
                "KneeCare was removed from the desktop's applications ({count} files).")
_NOTHING = Text("削除するものはありませんでした。", "There was nothing to remove.")
_ONLY_LINUX = Text("desktop-entry は Linux のデスクトップ用です。",
                   "desktop-entry is for Linux desktops.")
_ON = Text("ログイン時に KneeCare を起動します: {where}", "KneeCare starts at login: {where}")
_OFF = Text("ログイン時に KneeCare は起動しません。", "KneeCare does not start at login.")
_FAILED = Text("書き込めませんでした: {error}", "Could not write it: {error}")


def run(args: argparse.Namespace, lang: Lang, out: TextIO) -> int:
    paths = desktop_paths()
    if args.command == "desktop-entry":
        if paths.platform != "linux":
            print(_ONLY_LINUX.get(lang), file=sys.stderr)
            return 2
        try:
            if args.action == "install":
                written = launcher.install(paths)
                out.write(_INSTALLED.format(count=len(written),
                                            launcher=str(written[-1])).get(lang) + "\n")
                return 0
            removed = launcher.remove(paths)
        except OSError as error:
            print(_FAILED.format(error=str(error)).get(lang), file=sys.stderr)
            return 1
        text = _REMOVED.format(count=len(removed)) if removed else _NOTHING
        out.write(text.get(lang) + "\n")
        return 0
    autostart = Autostart(paths)
    try:
        if args.action == "on":
            autostart.enable()
        elif args.action == "off":
            autostart.disable()
    except OSError as error:
        print(_FAILED.format(error=str(error)).get(lang), file=sys.stderr)
        return 1
    text = _ON.format(where=str(autostart.location)) if autostart.enabled() else _OFF
    out.write(text.get(lang) + "\n")
    return 0
