"""The ``kneecare`` command's grammar: every option and subcommand, in one place.

Kept apart from the commands' work so that parsing needs nothing heavy: opening the app
must not wait for the history, the routine loader or YAML to be imported.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from kneecare_desktop import __version__
from kneecare_desktop.basics import Lang, Pacing, Side, SideChoice, SideOrder

COMMANDS = ("validate", "plan", "history", "program", "handout", "report", "reminders",
            "desktop-entry", "autostart", "database")


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """``argv`` (default: the command line's) by :func:`build_parser`'s grammar.

    Opening the app (no command: ``kneecare``, ``kneecare --lang ja``) is parsed by the
    app's own options alone, since building every command's grammar takes 7 ms before the
    window can paint; help, the version, commands and anything the short grammar does not
    know go to the whole grammar, so that what is printed is the same."""
    words = list(sys.argv[1:] if argv is None else argv)
    if not any(word in COMMANDS or word in ("--help", "--version")
               or (word.startswith("-h") and not word.startswith("--")) for word in words):
        short = argparse.ArgumentParser(prog="kneecare", add_help=False, exit_on_error=False)
        _add_app_options(short)
        try:
            known, rest = short.parse_known_args(words)
        except argparse.ArgumentError:
            rest = words  # a wrong value: said as the whole grammar says it
        if not rest:
            known.command = None
            return known
    return build_parser().parse_args(words)


def _add_app_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=[lang.value for lang in Lang],
                        help="language of the app and its messages (default: the system's)")
    parser.add_argument("--presenter", action="store_true",
                        help="open in presenter mode (full screen, for a clinic screen)")
    # Hidden: one start of the app that checks a build (packaging/smoke.py runs it).
    parser.add_argument("--self-test", action="store_true", help=argparse.SUPPRESS)
    # Hidden: the app's speech process (ui/speech_server.py), started by the app itself.
    parser.add_argument("--speech-server", metavar="ENGINE", help=argparse.SUPPRESS)
    parser.add_argument("--minimized", action="store_true",
                        help="open with the window minimized (as autostart at login does)")
    parser.add_argument("--database", metavar="URL",
                        help="a clinic's PostgreSQL server for the history, e.g. "
                             "postgresql://kneecare_app@db.clinic.example/kneecare"
                             "?sslmode=verify-full (default: $KNEECARE_DATABASE_URL, then "
                             "the settings, then the file on this PC); the password comes "
                             "from ~/.pgpass or a service file")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kneecare",
        description="KneeCare Desktop: guided care routines for pain behind the knee.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_app_options(parser)
    commands = parser.add_subparsers(dest="command")
    _add_validate(commands)
    _add_plan(commands)
    _add_history(commands)
    _add_program(commands)
    _add_documents(commands)
    _add_reminders(commands)
    _add_desktop(commands)
    _add_database(commands)
    return parser


Commands = argparse._SubParsersAction  # the type argparse gives add_subparsers' result


def _add_validate(commands: Commands[argparse.ArgumentParser]) -> None:
    validate = commands.add_parser(
        "validate", help="check routine and program files",
        description="Check routine and program files. Without PATH: the shipped and the "
                    "user's files. Prints FILE:LINE:COLUMN: message for every problem.")
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                          help="files or folders to check")


def _add_plan(commands: Commands[argparse.ArgumentParser]) -> None:
    plan = commands.add_parser(
        "plan", help="show the timeline of a routine or program",
        description="Show the timeline of a routine or a program, with adjustments.")
    plan.add_argument("id", help="a routine or program id, e.g. knee-care")
    plan.add_argument("--hold", type=int, metavar="S", help="hold seconds")
    plan.add_argument("--sets", type=int, metavar="N", help="sets")
    plan.add_argument("--reps", type=int, metavar="N", help="reps per set")
    plan.add_argument("--rest", type=int, metavar="S", help="rest between sets, seconds")
    plan.add_argument("--switch", type=int, metavar="S", help="time to switch sides, seconds")
    plan.add_argument("--lead-in", type=int, metavar="S", help="get-ready time, seconds")
    plan.add_argument("--order", choices=[o.value for o in SideOrder], help="side order")
    plan.add_argument("--side", choices=[s.value for s in SideChoice],
                      help="both legs, or one side only")
    plan.add_argument("--first", choices=[Side.LEFT.value, Side.RIGHT.value],
                      help="the side to start with")
    plan.add_argument("--pacing", choices=[p.value for p in Pacing],
                      help="reps guided by a tempo, or self-paced (Enter per rep)")
    plan.add_argument("--person", metavar="NAME",
                      help="start from this person's adjustments (the options above go on top)")
    plan.add_argument("--json", action="store_true", help="print JSON")


def _add_history(commands: Commands[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("history", help="a summary of the history, or an export",
                                 description="Without a subcommand: sessions this week, the "
                                             "streak and the pain trend.")
    parser.add_argument("--person", metavar="NAME", help="whose history (default: the "
                        "default person)")
    sub = parser.add_subparsers(dest="history_command")
    export = sub.add_parser("export", help="export sessions and blocks")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("--out", type=Path, metavar="FILE",
                        help="file to write (CSV: the blocks go to FILE-blocks.csv); "
                             "default: standard output")
    export.add_argument("--since", type=date.fromisoformat, metavar="DATE",
                        help="only sessions on or after this date (YYYY-MM-DD)")


def _add_program(commands: Commands[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("program", help="export or import a person's program")
    sub = parser.add_subparsers(dest="program_command", required=True)
    export = sub.add_parser("export", help="write a person's program to one file")
    export.add_argument("--person", metavar="NAME", help="whose adjustments (default: the "
                        "default person)")
    export.add_argument("--program", default="knee-care", metavar="ID")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    imp = sub.add_parser("import", help="add a hand-off file's program and adjustments")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--person", metavar="NAME", help="whose adjustments they become "
                     "(created if new; default: the default person)")
    imp.add_argument("--replace", action="store_true",
                     help="allow replacing your own routine files")


def _add_documents(commands: Commands[argparse.ArgumentParser]) -> None:
    handout = commands.add_parser("handout", help="a one-page PDF handout for home care")
    handout.add_argument("id", help="a routine or program id, e.g. knee-care")
    handout.add_argument("--person", metavar="NAME", help="use this person's adjustments")
    handout.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    rep = commands.add_parser("report", help="what a person did: PDF with charts, or CSV")
    rep.add_argument("--person", metavar="NAME")
    rep.add_argument("--since", type=date.fromisoformat, metavar="DATE",
                     help="from this date (YYYY-MM-DD; default: 28 days ago)")
    rep.add_argument("--until", type=date.fromisoformat, metavar="DATE",
                     help="up to this date (default: today)")
    rep.add_argument("--out", type=Path, required=True, metavar="FILE.pdf|FILE.csv")


def _add_reminders(commands: Commands[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "reminders", help="list, set or clear a person's reminders",
        description="Without a subcommand: the person's reminders, when the next one is "
                    "due, and this week's sessions against the plan.")
    parser.add_argument("--person", metavar="NAME",
                        help="whose reminders (default: the default person)")
    sub = parser.add_subparsers(dest="reminders_command")
    set_ = sub.add_parser(
        "set", help="set a reminder (or change one)",
        description="Set the person's reminder: days of the week and times of day. With "
                    "one reminder already, it is changed (from today on; the history keeps "
                    "the old schedule for the weeks before); --new adds another one.")
    set_.add_argument("--person", metavar="NAME", dest="set_person", default=None,
                      help="whose reminder (created if new; default: the default person)")
    set_.add_argument("--days", required=True, metavar="DAYS",
                      help="mon,wed,fri; mon-fri; daily; weekdays; weekends")
    set_.add_argument("--at", action="append", required=True, metavar="HH:MM",
                      help="a time of day (24-hour clock); repeat for more times, up to 6")
    set_.add_argument("--routine", default="knee-care", metavar="ID",
                      help="the routine or program to offer (default: knee-care)")
    which = set_.add_mutually_exclusive_group()
    which.add_argument("--id", type=int, metavar="N", help="change reminder N")
    which.add_argument("--new", action="store_true", help="add another reminder")
    clear = sub.add_parser("clear", help="turn reminders off (from today on)")
    clear.add_argument("--person", metavar="NAME", dest="set_person", default=None)
    clear.add_argument("--id", type=int, metavar="N",
                       help="only reminder N (default: all of the person's)")


def _add_desktop(commands: Commands[argparse.ArgumentParser]) -> None:
    entry = commands.add_parser(
        "desktop-entry", help="add KneeCare to the desktop's applications (Linux)",
        description="Install or remove the launcher (.desktop) and the icons for this "
                    "user, in $XDG_DATA_HOME (a wheel cannot install them).")
    entry.add_argument("action", choices=("install", "remove"))
    autostart = commands.add_parser(
        "autostart", help="start KneeCare at login, or not",
        description="Turn starting at login on or off (also in Settings), or say whether "
                    "it is on.")
    autostart.add_argument("action", choices=("on", "off", "status"))


def _add_database(commands: Commands[argparse.ArgumentParser]) -> None:
    database = commands.add_parser(
        "database", help="set up or check a clinic's PostgreSQL server",
        description="The app's part of a clinic server (docs/clinic-server.md): 'init' "
                    "creates the history's tables in an empty database, 'check' says "
                    "whether this PC can use the server, 'migrate' moves an older schema "
                    "on. The server is --database URL or $KNEECARE_DATABASE_URL.")
    database.add_argument("database_command", choices=("init", "check", "migrate"))
