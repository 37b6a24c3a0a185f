"""benchmarks/soak.py with tracemalloc: what Python allocations grew between its warm-up and
end snapshots (C/Qt/SQLite memory is not seen)."""
import sys, tracemalloc
sys.argv = ["soak.py", *sys.argv[1:]]
sys.path.insert(0, "/work/wt-bench/benchmarks")
tracemalloc.start(5)
import soak
snaps = []
orig = soak.Snapshot.take.__func__
def take(cls):
    s = orig(cls)
    snaps.append(tracemalloc.take_snapshot())
    return s
soak.Snapshot.take = classmethod(take)
status = soak.main()
first, last = snaps[0], snaps[-1]
print(f"tracemalloc: traced Python memory {sum(s.size for s in first.statistics('filename'))/1e6:.2f} MB at warm-up, "
      f"{sum(s.size for s in last.statistics('filename'))/1e6:.2f} MB at the end")
for stat in last.compare_to(first, "traceback")[:12]:
    print(f"{stat.size_diff/1024:8.1f} KiB {stat.count_diff:+6d} blocks")
    for line in stat.traceback.format()[-6:]:
        print("      " + line)
sys.exit(status)
