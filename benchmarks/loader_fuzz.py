"""Crafted and random routine files against the loader: it must answer every one with
problems (never an exception of another type, never a hang), and quickly.

    python benchmarks/loader_fuzz.py [--iterations N] [--seed S]

Prints the time for each crafted file, then a seeded random-mutation run of the shipped
files, and a last line of JSON with the figures.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kneecare_desktop.routines import load_file  # noqa: E402
from kneecare_desktop.yaml_reader import MAX_FILE_BYTES  # noqa: E402


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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=20261125)
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
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
