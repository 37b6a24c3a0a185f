"""What each way of reaching two databases costs at import: the figures behind the choice of
hand-written SQL over SQLAlchemy Core + Alembic (docs/architecture.md, "Two databases").

Each case is imported in a fresh interpreter (``nice -n 10``), 7 times; the minimum and the
median wall time of the import statement, and how many modules it added. Run it with a
Python that has SQLAlchemy and Alembic installed (they are not the app's dependencies):

    python3 -m venv /tmp/m && /tmp/m/bin/pip install sqlalchemy alembic 'psycopg[binary]'
    .venv/bin/python benchmarks/history_layer_imports.py --python /tmp/m/bin/python

Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CASES = {
    "sqlite3 (the home PC today)": "import sqlite3",
    "psycopg (hand SQL, a clinic PC)": "import sqlite3, psycopg",
    "sqlalchemy core + sqlite dialect": "import sqlalchemy, sqlalchemy.dialects.sqlite.pysqlite",
    "sqlalchemy + alembic runtime (a home PC that migrates its file)":
        "import sqlalchemy, sqlalchemy.dialects.sqlite.pysqlite, alembic.migration, "
        "alembic.operations, alembic.runtime.environment",
    "sqlalchemy + both dialects + psycopg":
        "import sqlalchemy, sqlalchemy.dialects.sqlite.pysqlite, "
        "sqlalchemy.dialects.postgresql.psycopg, psycopg",
    "sqlalchemy + alembic command + psycopg (kneecare database migrate)":
        "import sqlalchemy, sqlalchemy.dialects.sqlite.pysqlite, "
        "sqlalchemy.dialects.postgresql.psycopg, psycopg, alembic.command, alembic.config",
}


def measure(python: str, statement: str, runs: int) -> dict[str, float]:
    times, modules = [], 0
    for _ in range(runs):
        code = ("import time, sys; b = len(sys.modules); t = time.perf_counter(); "
                f"{statement}; print(time.perf_counter() - t, len(sys.modules) - b)")
        out = subprocess.run(["nice", "-n", "10", python, "-c", code], capture_output=True,
                             text=True, check=True).stdout.split()
        times.append(float(out[0]) * 1000)
        modules = int(out[1])
    return {"min_ms": round(min(times), 1), "median_ms": round(statistics.median(times), 1),
            "modules": modules}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    figures = {}
    for name, statement in CASES.items():
        try:
            figures[name] = measure(args.python, statement, args.runs)
        except subprocess.CalledProcessError:
            print(f"{name:70s} not installed in {args.python}")
            continue
        f = figures[name]
        print(f"{name:70s} min {f['min_ms']:6.1f} ms  median {f['median_ms']:6.1f} ms  "
              f"+{f['modules']} modules")
    print(json.dumps({"benchmark": "history_layer_imports", "python": args.python,
                      "cases": figures}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
