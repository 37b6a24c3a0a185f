"""A clinic's shared history: which server (if any), this PC's device id, and what a
connection failure means, in words a clinic's staff can act on.

No psycopg here: this module decides, ``postgres.py`` connects.

Where the server is, from the strongest to the weakest: ``kneecare --database URL``
(which sets the variable below for the process), ``KNEECARE_DATABASE_URL``, then the
settings' ``database/*`` keys (host, port, database, user, TLS mode; written by the
Settings page). The password is never in any of them: libpq reads it from its password
file (``~/.pgpass``, or ``PGPASSFILE``) or a service file (``PGSERVICEFILE``), so it is
in neither the settings file nor the log. :func:`redact` hides a password typed into a
URL anyway before the URL is shown or logged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kneecare_desktop.model import Text

log = logging.getLogger(__name__)

URL_VARIABLE = "KNEECARE_DATABASE_URL"
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
DEFAULT_PORT = 5432


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """The Settings page's server: no password, ever."""

    host: str = ""
    port: int = DEFAULT_PORT
    database: str = "kneecare"
    user: str = ""
    sslmode: str = "verify-full"
    sslrootcert: str = ""  # the clinic's CA certificate (PEM), for verify-ca/verify-full

    @property
    def configured(self) -> bool:
        return bool(self.host.strip())

    def url(self) -> str:
        from urllib.parse import quote

        user = f"{quote(self.user, safe='')}@" if self.user else ""
        host = self.host.strip()
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"  # an IPv6 address
        query = f"sslmode={self.sslmode}"
        if self.sslrootcert:
            query += f"&sslrootcert={quote(self.sslrootcert, safe='/')}"
        return (f"postgresql://{user}{host}:{self.port}/"
                f"{quote(self.database, safe='')}?{query}")


def database_url(environ: Mapping[str, str], settings: ServerSettings | None = None) -> str:
    """The server's URL, or "" for the history file on this PC."""
    url = environ.get(URL_VARIABLE, "").strip()
    if url:
        return url
    if settings is not None and settings.configured:
        return settings.url()
    return ""


def redact(text: str) -> str:
    """``text`` (a URL, a conninfo string, an error) with any password replaced by ***.
    (The patterns are compiled here, not at import: the command line imports this.)"""
    text = re.sub(r"(postgres(?:ql)?://[^:/@?#]*):[^@/?#]*@", r"\1:***@", text)
    text = re.sub(r"([?&]password=)[^&#]*", r"\1***", text, flags=re.IGNORECASE)
    return re.sub(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", r"\1***", text,
                  flags=re.IGNORECASE)


def device_id(file: Path) -> str:
    """This PC's id (made once, kept in its data folder): the sessions it records carry
    it, so its start-up recovery ends only its own sessions, never another PC's live one."""
    try:
        found = file.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        found = ""
    if re.fullmatch(r"[0-9a-f]{32}", found):
        return found
    import uuid

    from kneecare_desktop.safe_files import WriteFailedError, write_bytes

    made = uuid.uuid4().hex
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(file, (made + "\n").encode("ascii"))
    except (WriteFailedError, OSError) as error:
        # Still one id for this run; the next start makes another (its sessions are then
        # another device's, which only means they are not recovered by this one).
        log.warning("cannot keep this PC's device id in %s: %s", file, error)
    return made


class Problem(StrEnum):
    """Why the server could not be used, as the staff can act on it."""

    WRONG_PASSWORD = "wrong_password"
    NO_PASSWORD = "no_password"
    NO_DATABASE = "no_database"
    NO_ROLE = "no_role"
    SERVER_DOWN = "server_down"
    UNKNOWN_HOST = "unknown_host"
    TLS = "tls"
    NO_TLS = "no_tls"
    NOT_ALLOWED = "not_allowed"
    NO_DRIVER = "no_driver"
    OTHER = "other"


_SIGNS: tuple[tuple[Problem, tuple[str, ...]], ...] = (
    (Problem.NO_DRIVER, ("needs psycopg",)),
    (Problem.WRONG_PASSWORD, ("password authentication failed",)),
    (Problem.NO_PASSWORD, ("no password supplied", "fe_sendauth")),
    (Problem.NO_DATABASE, ("does not exist",)),
    (Problem.NO_ROLE, ("role", "is not permitted to log in")),
    (Problem.UNKNOWN_HOST, ("could not translate host name", "name or service not known",
                            "nodename nor servname")),
    (Problem.NO_TLS, ("server does not support ssl",)),
    (Problem.TLS, ("certificate", "ssl", "tls")),
    (Problem.NOT_ALLOWED, ("pg_hba.conf", "permission denied")),
    (Problem.SERVER_DOWN, ("connection refused", "timeout expired", "could not connect",
                           "no route to host", "network is unreachable",
                           "server closed the connection", "connection timed out",
                           "is the server running", "terminating connection",
                           "the database system is shutting down",
                           "the database system is starting up",
                           "consuming input failed", "connection is lost",
                           "the connection is closed")),
)


def diagnose(error: str) -> Problem:
    text = error.lower()
    if "does not exist" in text and "role" in text:
        return Problem.NO_ROLE
    for problem, signs in _SIGNS:
        if problem is Problem.NO_ROLE:
            continue
        if any(sign in text for sign in signs):
            return problem
    return Problem.OTHER


ADVICE: dict[Problem, Text] = {
    Problem.WRONG_PASSWORD: Text(
        "サーバーがパスワードを受け付けませんでした。~/.pgpass（host:port:database:user:"
        "password の1行、権限 600）またはサービスファイルのパスワードを確かめてください。"
        "KneeCare はパスワードを保存しません。",
        "The server refused the password. Check the password in ~/.pgpass (one line "
        "host:port:database:user:password, mode 600) or in the service file; KneeCare "
        "never stores it."),
    Problem.NO_PASSWORD: Text(
        "パスワードが見つかりません。~/.pgpass（host:port:database:user:password の1行、"
        "権限 600）かサービスファイルに書いてください。設定には保存しません。",
        "No password was found. Put it in ~/.pgpass (one line host:port:database:user:"
        "password, mode 600) or in a service file; it is never kept in the settings."),
    Problem.NO_DATABASE: Text(
        "データベースがサーバーにありません。docs/clinic-server.md の手順で作成してから、"
        "kneecare database init を実行してください。",
        "The database does not exist on the server. Create it as docs/clinic-server.md "
        "shows, then run 'kneecare database init'."),
    Problem.NO_ROLE: Text(
        "このユーザーはサーバーにありません（またはログインできません）。"
        "docs/clinic-server.md のロールを作成してください。",
        "This user does not exist on the server (or may not log in). Create the role as "
        "docs/clinic-server.md shows."),
    Problem.SERVER_DOWN: Text(
        "サーバーに接続できません（停止中か、ネットワークがつながっていません）。"
        "記録はこのPCに保存され、つながったときに送られます。",
        "The server cannot be reached (it is down, or the network is). The history is "
        "kept on this PC and sent when it is back."),
    Problem.UNKNOWN_HOST: Text(
        "サーバー名が見つかりません。設定のホスト名を確かめてください。",
        "The server's name is not known. Check the host in the settings."),
    Problem.TLS: Text(
        "TLS（暗号化）の確認に失敗しました。クリニックのCA証明書と、"
        "ホスト名が証明書と一致しているかを確かめてください。",
        "The TLS check failed. Check the clinic's CA certificate, and that the host name "
        "is the one in the server's certificate."),
    Problem.NO_TLS: Text(
        "サーバーが TLS（暗号化）に対応していません。サーバーで ssl を有効にしてください"
        "（docs/clinic-server.md の手順4）。",
        "The server does not offer TLS. Turn on ssl on the server (docs/clinic-server.md, "
        "step 4)."),
    Problem.NOT_ALLOWED: Text(
        "サーバーがこのPCまたはユーザーの接続を許可していません（pg_hba.conf と権限）。",
        "The server does not let this PC or user in (pg_hba.conf and the role's rights)."),
    Problem.NO_DRIVER: Text(
        "サーバーを使うには clinic 追加機能が必要です: pip install 'kneecare-desktop[clinic]'",
        "A server needs the clinic extra: pip install 'kneecare-desktop[clinic]'"),
    Problem.OTHER: Text("サーバーでエラーが起きました。", "The server reported an error."),
}
