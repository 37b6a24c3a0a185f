"""A/B of start-up: alternate runs of the app from two source trees (PYTHONPATH), same venv."""
import ast, os, statistics, subprocess, sys, tempfile, time, compileall
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
import startup  # noqa: E402 - the benchmark's own child: the kneecare command with its probe

CHILD = Path(tempfile.mkdtemp()) / "child.py"
CHILD.write_text(startup.CHILD, encoding="utf-8")
trees = sys.argv[1:3]; n = int(sys.argv[3]) if len(sys.argv) > 3 else 15
for t in trees:
    compileall.compile_dir(t + "/kneecare_desktop", quiet=1)
res = {t: [] for t in trees}
for i in range(n):
    for t in (trees if i % 2 == 0 else trees[::-1]):
        home = tempfile.mkdtemp()
        env = {**os.environ, "KNEECARE_HOME": home, "QT_QPA_PLATFORM": "offscreen", "KNEECARE_TTS_ENGINE": "mock", "PYTHONPATH": t, "LANG": "en_US.UTF-8"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        start = time.monotonic()
        out = subprocess.run([sys.executable, str(CHILD), "app", "300", "x"], env=env, capture_output=True, text=True, cwd=t).stdout
        d = ast.literal_eval([l for l in out.splitlines() if l.startswith("{")][-1])
        res[t].append(((d["paint"] - start) * 1000, (d["ready"] - start) * 1000, d["rss_mb"]))
for t in trees:
    p = [x[0] for x in res[t]]; r = [x[1] for x in res[t]]; m = [x[2] for x in res[t]]
    g = [x[1]-x[0] for x in res[t]]; print(f"  paint->ready median {statistics.median(g):.1f} min {min(g):.1f}")
    print(f"{t}: paint median {statistics.median(p):.1f} (min {min(p):.1f}), ready median {statistics.median(r):.1f} (min {min(r):.1f}), rss {statistics.median(m):.1f}")
