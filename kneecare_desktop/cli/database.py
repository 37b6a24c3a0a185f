"""``kneecare database init|check|migrate``: the app's part of setting up a clinic server.

The server's URL comes from ``--database URL`` or ``KNEECARE_DATABASE_URL`` (the
password from libpq's password file or service file). Every failure is said as the
staff can act on it (``history/clinic.py``: a wrong password, a missing database, a
server that is down, an older or newer schema), with the server's own words after it,
any password hidden.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, TextIO

from kneecare_desktop.history.clinic import ADVICE, URL_VARIABLE, diagnose, redact
from kneecare_desktop.history.records import HistoryError
from kneecare_desktop.history.schema import SCHEMA_VERSION
from kneecare_desktop.model import Lang, Text

if TYPE_CHECKING:
    from kneecare_desktop.history.postgres import SchemaState

_NO_URL = Text(
    "サーバーが指定されていません。--database URL か環境変数 KNEECARE_DATABASE_URL で"
    "指定してください（例: postgresql://kneecare_app@db.clinic.example/kneecare?"
    "sslmode=verify-full）。",
    "No server given. Use --database URL or KNEECARE_DATABASE_URL (for example "
    "postgresql://kneecare_app@db.clinic.example/kneecare?sslmode=verify-full).")
_SERVER = Text("サーバー: {url}（PostgreSQL {version}、ユーザー {user}、データベース {db}、"
               "TLS {tls}）",
               "Server: {url} (PostgreSQL {version}, user {user}, database {db}, TLS {tls})")
_CURRENT = Text("記録のスキーマ: 版 {found}（このアプリと同じです）。使えます。",
                "History schema: version {found}, the one this KneeCare writes. Ready.")
_EMPTY = Text("このデータベースにはまだ KneeCare の表がありません。"
              "kneecare database init を実行してください。",
              "This database has no KneeCare tables yet. Run 'kneecare database init'.")
_OLDER = Text("記録のスキーマは古い版 {found} です（このアプリは {ours}）。"
              "すべてのPCを更新してから kneecare database migrate を実行してください。",
              "The history schema is the older version {found} (this KneeCare writes "
              "{ours}). Update every PC, then run 'kneecare database migrate'.")
_NEWER = Text("記録のスキーマは新しい版 {found} です（このアプリは {ours} まで）。"
              "このPCの KneeCare を更新してください。",
              "The history schema is the newer version {found} (this KneeCare knows up to "
              "{ours}). Update KneeCare on this PC.")
_MADE = Text("記録の表を作成しました（スキーマ 版 {ours}）。",
             "Created the history's tables (schema version {ours}).")
_MOVED = Text("記録のスキーマを版 {found} から {ours} に更新しました。",
              "Moved the history schema from version {found} to {ours}.")
_ALREADY = Text("記録のスキーマはすでに版 {ours} です。何も変更していません。",
                "The history schema is already version {ours}; nothing was changed.")
_DETAIL = Text("（サーバーの応答: {detail}）", "(the server said: {detail})")
_YES_NO = {True: Text("あり", "on"), False: Text("なし", "off")}


def run(args: argparse.Namespace, lang: Lang, out: TextIO) -> int:
    url = os.environ.get(URL_VARIABLE, "").strip()
    if not url:
        print(_NO_URL.get(lang), file=sys.stderr)
        return 2
    from kneecare_desktop.history import postgres

    try:
        if args.database_command == "check":
            found = postgres.check(url)
            out.write(_SERVER.format(url=redact(url), version=found.server_version,
                                     user=found.user, db=found.database,
                                     tls=_YES_NO[found.tls]).get(lang) + "\n")
            return _say_state(found.state, found.found, lang, out)
        before, after = postgres.migrate(url, create=args.database_command == "init")
    except postgres.SchemaMismatchError as mismatch:
        return _say_state(mismatch.state, mismatch.found, lang, sys.stderr)
    except HistoryError as error:
        detail = redact(str(error))
        print(ADVICE[diagnose(detail)].get(lang), file=sys.stderr)
        print(_DETAIL.format(detail=detail).get(lang), file=sys.stderr)
        return 1
    said = _ALREADY if before == after else (_MADE if before == 0 else _MOVED)
    out.write(said.format(found=before, ours=after).get(lang) + "\n")
    return 0


def _say_state(state: SchemaState, found: int, lang: Lang, out: TextIO) -> int:
    from kneecare_desktop.history.postgres import SchemaState

    said = {SchemaState.CURRENT: _CURRENT, SchemaState.EMPTY: _EMPTY,
            SchemaState.OLDER: _OLDER, SchemaState.NEWER: _NEWER}[state]
    out.write(said.format(found=found, ours=SCHEMA_VERSION).get(lang) + "\n")
    return 0 if state is SchemaState.CURRENT else 1
