"""Sample the timing benchmark's main thread's schedstat (run ns, run-queue wait ns, slices)
every 10 ms; print per-phase totals and the longest stretches of run-queue waiting."""
import os, sys, time, subprocess
out = open(sys.argv[1], 'w')
pid = None
while pid is None:
    r = subprocess.run(['pgrep', '-f', 'benchmarks/timing.py'], capture_output=True, text=True).stdout.split()
    r = [x for x in r if x not in sys.argv[2:]]
    pid = int(r[-1]) if r else None
    time.sleep(0.5)
print('pid', pid, file=out, flush=True)
path = f'/proc/{pid}/task/{pid}/schedstat'
prev = None; t0 = time.monotonic()
waits = []  # (t, dwait_ms, drun_ms) per sample
try:
    while True:
        with open(path) as f: run, wait, slices = map(int, f.read().split())
        now = time.monotonic()
        if prev:
            waits.append((now - t0, (wait - prev[1]) / 1e6, (run - prev[0]) / 1e6, slices - prev[2]))
        prev = (run, wait, slices)
        time.sleep(0.01)
except (FileNotFoundError, ProcessLookupError, OSError):
    pass
# stretches: consecutive samples with wait > 0
print('samples', len(waits), file=out)
for t, w, r, s in waits:
    print(f'{t:.3f} {w:.3f} {r:.3f} {s}', file=out)
