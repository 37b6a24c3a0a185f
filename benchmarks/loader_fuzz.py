"""Crafted and random routine files against the loader: it must answer every one with
problems (never an exception of another type, never a hang), and quickly.

    python benchmarks/loader_fuzz.py [--iterations N] [--seed S] [--repeat R]

Prints the time for each crafted file, then a seeded random-mutation run of the shipped
files, then the corpus of bad files (tests/data/corpus): each through ``kneecare validate``
and each hand-off through ``kneecare program import`` (in-process, best of R runs per file,
with min/median/max over the files), and a last line of JSON with the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kneecare_desktop.cli.main import main as kneecare  # noqa: E402
from kneecare_desktop.library.files import load_file  # noqa: E402
from kneecare_desktop.library.yaml_reader import MAX_FILE_BYTES  # noqa: E402


def crafted() -> dict[str, bytes]:
    bomb = ["a: &a [" + ",".join(["lol"] * 9) + "]"]
    for i in range(1, 10):
        bomb.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]")
    return {
        "alias bomb (billion laughs)": "\n".join(bomb).encode(),
        "20,000-deep flow nesting": b"[" * 20_000 + b"]" * 20_000,
        "20,000-deep mappings": b"".join(b"{a: " for _ in range(20_000)) + b"}" * 20_000,
        "5,000-deep block nesting": b"- " * 5_000 + b"x\n",
        "file just over 256 KiB": b"# " + b"x" * MAX_FILE_BYTES,
        "256 KiB of one long string": b"id: " + b"x" * (MAX_FILE_BYTES - 10),
        "256 KiB of keys": b"".join(f"k{i}: {i}\n".encode() for i in range(25_000))[
            :MAX_FILE_BYTES],
        "python tag": b"id: !!python/object/apply:os.system ['true']",
        "not UTF-8": b"id: \xff\xfe\x00",
        "NUL bytes": b"\x00" * 1000,
        "huge integer": b"schema_version: " + b"9" * 5000,
    }


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        choice = rng.random()
        position = rng.randrange(len(out) + 1)
        if choice < 0.3 and out:
            del out[position:position + rng.randint(1, 20)]
        elif choice < 0.6:
            out[position:position] = bytes(rng.choice(b" :-[]{}&*!#'\"\n\t|>?,%@`")
                                           for _ in range(rng.randint(1, 5)))
        elif choice < 0.8 and out:
            out[min(position, len(out) - 1)] = rng.randrange(256)
        else:
            start = rng.randrange(len(out) or 1)
            out[position:position] = out[start:start + rng.randint(1, 200)]
    return bytes(out)


def time_command(argv: list[str], repeat: int) -> tuple[float, int]:
    """The best of ``repeat`` in-process runs of ``kneecare ARGV`` (ms), and its exit code."""
    best = float("inf")
    code = 0
    for _ in range(repeat):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            started = time.perf_counter()
            code = kneecare(argv)
            best = min(best, (time.perf_counter() - started) * 1000)
    return best, code


def spread(name: str, times: list[float]) -> dict[str, float]:
    return {f"{name}_min_ms": round(min(times), 2),
            f"{name}_median_ms": round(statistics.median(times), 2),
            f"{name}_max_ms": round(max(times), 2)}


def time_corpus(repeat: int) -> dict[str, float | int]:
    """Every corpus file through validate, every hand-off through import: all must exit 1."""
    corpus = sorted((ROOT / "tests" / "data" / "corpus").glob("*.yaml"))
    validate: dict[str, float] = {}
    imports: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as home:
        os.environ["KNEECARE_HOME"] = home  # nothing may be written there
        for path in corpus:
            validate[path.stem], code = time_command(["--lang", "en", "validate", str(path)],
                                                     repeat)
            assert code == 1, path.name
            if path.name.startswith("handoff-"):
                imports[path.stem], code = time_command(
                    ["--lang", "en", "program", "import", str(path)], repeat)
                assert code == 1, path.name
        assert not any(Path(home).iterdir()), "a refused file wrote to the data folder"
    for name, times in (("validate", validate), ("import", imports)):
        slowest = max(times, key=times.__getitem__)
        print(f"corpus {name:8s} {len(times):3d} files: min {min(times.values()):6.2f} ms, "
              f"median {statistics.median(times.values()):6.2f} ms, "
              f"max {max(times.values()):6.2f} ms ({slowest})")
    return {"corpus_files": len(validate), "corpus_handoffs": len(imports),
            **spread("corpus_validate", list(validate.values())),
            **spread("corpus_import", list(imports.values()))}


def _timed_load(path: Path) -> float:
    started = time.perf_counter()
    load_file(path)
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--repeat", type=int, default=5, help="runs per corpus file")
    args = parser.parse_args()
    figures: dict[str, float | int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.yaml"
        worst = 0.0
        for name, data in crafted().items():
            path.write_bytes(data)
            started = time.perf_counter()
            loaded = load_file(path)
            elapsed = (time.perf_counter() - started) * 1000
            worst = max(worst, elapsed)
            assert loaded.problems, name
            print(f"{name:32s} {elapsed:8.1f} ms  {loaded.problems[0].message.en[:60]}")
        figures["crafted_worst_ms"] = round(worst, 1)
        rng = random.Random(args.seed)
        seeds = [p.read_bytes() for p in sorted((ROOT / "routines").glob("*.yaml"))]
        slowest = 0.0
        rejected = 0
        started_all = time.perf_counter()
        for _ in range(args.iterations):
            data = mutate(rng.choice(seeds), rng)
            path.write_bytes(data)
            started = time.perf_counter()
            loaded = load_file(path)  # anything but problems would raise here
            slowest = max(slowest, (time.perf_counter() - started) * 1000)
            rejected += 0 if loaded.ok else 1
        total = time.perf_counter() - started_all
    figures.update(mutations=args.iterations, mutations_rejected=rejected,
                   mutation_slowest_ms=round(slowest, 1),
                   mutation_mean_ms=round(total * 1000 / args.iterations, 2))
    print(f"{args.iterations} seeded mutations (seed {args.seed}): {rejected} rejected with "
          f"problems, none raised; slowest {slowest:.1f} ms")
    shipped = sorted((ROOT / "routines").glob("*.yaml"))
    loads = [min(_timed_load(path) for _ in range(args.repeat)) for path in shipped]
    figures.update(spread("shipped_load", loads))
    print(f"shipped files loaded one by one: min {min(loads):.2f} ms, "
          f"median {statistics.median(loads):.2f} ms, max {max(loads):.2f} ms")
    figures.update(time_corpus(args.repeat))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
