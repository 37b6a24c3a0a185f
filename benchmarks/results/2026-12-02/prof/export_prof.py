import sys, time
sys.path.insert(0, '/work/wt-bench/benchmarks'); sys.path.insert(0, '/work/wt-bench')
from pathlib import Path
import history_scale as hs
home = Path('/tmp/kc_hist'); home.mkdir(exist_ok=True)
db = home / 'history.sqlite3'
if not db.exists():
    print(hs.fill(db, 10))
if len(sys.argv) > 1:
    for _ in range(int(sys.argv[1])):
        print(hs.export_csv_ms(db, Path('/tmp/kc_hist_export.csv'), 1))
