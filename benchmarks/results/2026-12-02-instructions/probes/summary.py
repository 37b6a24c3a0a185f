"""The table of this folder's figures: min / median / max over the runs of each benchmark,
read from the JSON line each one ends with.

    python benchmarks/results/2026-12-02-instructions/probes/summary.py
"""

from __future__ import annotations

import json
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
Row = tuple[str, str, Callable[[dict], float]]


def last_json(path: Path) -> dict:
    lines = [ln for ln in path.read_text().splitlines() if ln.startswith("{")]
    return json.loads(lines[-1])


def median_of(key: str, platform: str) -> Callable[[dict], float]:
    return lambda data: data[platform][key]["median"]


def wakeups(sound: str, state: str) -> Callable[[dict], float]:
    return lambda data: data[sound][state]["app"]["total"]["wakeups_per_s"]


def timing(condition: str, key: str) -> Callable[[dict], float]:
    return lambda data: data[condition][key]


ROWS: dict[str, list[Row]] = {"startup_en": [], "startup_ja": []}
for lang in ("en", "ja"):
    for platform in ("offscreen", "xcb"):
        where = f"{lang}, {platform}"
        ROWS[f"startup_{lang}"] += [
            (f"first paint / bare, {where}", "<= 1.2", median_of("paint_ratio", platform)),
            (f"usable care menu / bare, {where}", "<= 1.5", median_of("ready_ratio", platform)),
            (f"(first paint / bare with a label, {where})", "info",
             median_of("paint_ratio_label", platform)),
            (f"(care menu / bare with a label, {where})", "info",
             median_of("ready_ratio_label", platform)),
            (f"(app first paint ms, {where})", "info", median_of("app_paint_ms", platform)),
            (f"(app care menu ms, {where})", "info", median_of("app_ready_ms", platform)),
            (f"(bare first paint ms, {where})", "info", median_of("bare_paint_ms", platform)),
            (f"(bare with a label first paint ms, {where})", "info",
             median_of("label_paint_ms", platform)),
            (f"(peak RSS MB app, {where})", "info", median_of("app_rss_mb", platform)),
            (f"(peak RSS MB bare, {where})", "info", median_of("bare_rss_mb", platform)),
        ]
        if lang == "en":
            ROWS["startup_en"].append((f"peak RSS / bare, {where}", "<= 1.4",
                                       median_of("rss_ratio", platform)))
        else:
            ROWS["startup_ja"] += [
                (f"peak RSS / bare with a Japanese label, {where}", "<= 1.4",
                 median_of("rss_ratio_ja", platform)),
                (f"(peak RSS / plain bare, {where})", "info", median_of("rss_ratio", platform))]
ROWS["history"] = [
    ("history view, 10 years, ms", "<= 300", lambda d: d["open_history_ms"]["median"]),
    ("CSV export in process, ms", "<= 300", lambda d: d["export_csv_in_process_ms"]["median"]),
    ("CSV export through the command, ms", "<= 700",
     lambda d: d["export_csv_command_ms"]["median"]),
    ("(start-up full / empty database)", "info",
     lambda d: d["startup_full_vs_empty"]["median"]),
]
ROWS["soak"] = [
    ("soak: RSS growth MB", "<= 2", lambda d: d["rss_growth_mb"]),
    ("soak: Qt objects growth", "0", lambda d: d["qt_objects_growth"]),
]
ROWS["idle"] = [
    (f"idle.py {sound}: {state} app wake-ups/s", goal, wakeups(sound, state))
    for sound in ("pulse", "none")
    for state, goal in (("menu", "0"), ("paused", "0 + Qt's cache timers"),
                        ("running", "<= 5"), ("running_muted", "<= 5"),
                        ("reminders_hidden", "<= 0.2"))]
ROWS["timing_xcb"] = [
    (f"timing xcb {condition}: {label}", goal, timing(condition, key))
    for condition, goals in (("idle", ("<= 5", "<= 16", "<= 5")),
                             ("load", ("<= 10", "<= 33", "<= 5")),
                             ("blocked", (None, None, "<= 5")))
    for (label, key), goal in zip((("p95 lateness ms", "p95_late_ms"),
                                    ("max lateness ms", "max_late_ms"),
                                    ("end drift ms", "end_drift_ms")), goals)
    if goal is not None]


def main() -> int:
    print("| measure | goal | runs | min / median / max |")
    print("|---|---|---|---|")
    for prefix, rows in ROWS.items():
        files = sorted(HERE.glob(f"{prefix}_[0-9].txt"))
        runs = []
        for path in files:
            try:
                runs.append(last_json(path))
            except (ValueError, IndexError):
                print(f"(no figures in {path.name})", file=sys.stderr)
        if not runs:
            continue
        for name, goal, read in rows:
            values = sorted(round(float(read(data)), 2) for data in runs)
            shown = f"{values[0]} / {round(statistics.median(values), 2)} / {values[-1]}"
            print(f"| {name} | {goal} | {len(values)} | {shown} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
