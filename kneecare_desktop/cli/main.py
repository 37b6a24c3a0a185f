"""The ``kneecare`` command: open the app, check routine files, show a plan, and more.

Never prints a traceback for a user's mistake: bad files and bad options get a message
saying what to fix, and a non-zero exit status. Each command's module is imported only
when that command runs, so that opening the app loads nothing it does not need.
"""

from __future__ import annotations

import gc
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from kneecare_desktop.basics import Lang, Text
from kneecare_desktop.cli.args import parse_arguments
from kneecare_desktop.text.language import system_language

EXIT_USAGE = 2

_NO_DISPLAY = Text(
    "画面（ディスプレイ）が見つかりません。デスクトップから起動するか、"
    "xvfb-run kneecare または QT_QPA_PLATFORM=offscreen を使ってください。",
    "kneecare: no display found. Start it from a desktop session, or use "
    "'xvfb-run kneecare' or QT_QPA_PLATFORM=offscreen.",
)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    lang = Lang(args.lang) if args.lang else system_language()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.database:
        # The process's own environment, as KNEECARE_HOME is: the app and every command
        # find the server where they look for it (history/clinic.py).
        os.environ["KNEECARE_DATABASE_URL"] = args.database
    if args.command == "database":
        from kneecare_desktop.cli import database as cli_database

        return cli_database.run(args, lang, sys.stdout)
    if args.command == "validate":
        from kneecare_desktop.cli import routines as cli_routines

        return cli_routines.cmd_validate(args.paths, lang, sys.stdout)
    if args.command == "plan":
        from kneecare_desktop.cli import routines as cli_routines

        return cli_routines.cmd_plan(args, lang, sys.stdout)
    if args.command == "history":
        from kneecare_desktop.cli import history as cli_history

        return cli_history.run(args, lang, sys.stdout)
    if args.command == "program":
        from kneecare_desktop.cli import program as cli_program

        return cli_program.run(args, lang, sys.stdout)
    if args.command in ("handout", "report"):
        from kneecare_desktop.cli import documents as cli_documents

        return cli_documents.run(args, lang, sys.stdout)
    if args.command == "reminders":
        from kneecare_desktop.cli import reminders as cli_reminders

        return cli_reminders.run(args, lang, sys.stdout)
    if args.command in ("desktop-entry", "autostart"):
        from kneecare_desktop.cli import desktop as cli_desktop

        return cli_desktop.run(args, lang, sys.stdout)
    if args.speech_server is not None:
        server = importlib.import_module("kneecare_desktop.ui.speech_server")
        status: int = server.run(args.speech_server)
        return status
    if args.self_test:
        return cmd_self_test(lang if args.lang else None)
    return cmd_gui(args.presenter, lang if args.lang else None, args.minimized)


def cmd_self_test(lang: Lang | None) -> int:
    """One start of the app that checks what a build can lose (``ui/self_test.py``):
    prints each check; 0 when all passed."""
    self_test = importlib.import_module("kneecare_desktop.ui.self_test")
    status: int = self_test.run_self_test(lang)
    return status


def cmd_gui(presenter: bool, lang: Lang | None, minimized: bool = False) -> int:
    if not _display_available(os.environ):
        print(_NO_DISPLAY.get(lang or system_language()), file=sys.stderr)
        return EXIT_USAGE
    # Qt is imported only here, so the other commands start fast and work without it.
    # Start-up creates tens of thousands of objects that all live as long as the app;
    # collecting garbage among them only slows the first window. run_app turns the
    # collector back on, and freezes these objects out of its way, once the window shows.
    gc.disable()
    app_module = importlib.import_module("kneecare_desktop.ui.app")
    status: int = app_module.run_app(lang=lang, presenter=presenter, minimized=minimized)
    return status


def _display_available(environ: os._Environ[str] | dict[str, str]) -> bool:
    """Would Qt find a screen? Checked before Qt aborts the process without one."""
    if environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
    return True


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
