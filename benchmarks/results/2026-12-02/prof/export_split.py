import sys, time, io, csv, statistics
sys.path.insert(0, '/work/wt-bench')
from pathlib import Path
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.history import export as ex
from kneecare_desktop.safe_files import csv_rows
db = Path('/tmp/kc_hist/history.sqlite3')
res = {k: [] for k in ('sessions', 'sql_fetch', 'sql+neutralise', 'sql+neutralise+csv', 'full write_csv_from')}
for _ in range(5):
    store, _ = HistoryStore.open(db, check=False)
    person = store.default_person().id
    t = time.perf_counter(); sessions = store.sessions(person); res['sessions'].append(time.perf_counter() - t)
    ids = [s.id for s in sessions]
    t = time.perf_counter(); rows = list(store.export_blocks(ids)); res['sql_fetch'].append(time.perf_counter() - t)
    t = time.perf_counter(); n = sum(1 for _ in csv_rows(store.export_blocks(ids))); res['sql+neutralise'].append(time.perf_counter() - t)
    t = time.perf_counter(); txt = ex._csv_text(ex.BLOCK_COLUMNS, store.export_blocks(ids)); res['sql+neutralise+csv'].append(time.perf_counter() - t)
    t = time.perf_counter(); ex.write_csv_from(store, store.sessions(person), Path('/tmp/kc_hist_export.csv'), store.checkins(person)); res['full write_csv_from'].append(time.perf_counter() - t)
    store.close()
print(f"{len(sessions)} sessions, {len(rows)} blocks, {len(txt)/1e6:.1f} MB of block CSV")
for k, v in res.items(): print(f"{k:24s} min/median/max ms: {min(v)*1000:.0f} / {statistics.median(v)*1000:.0f} / {max(v)*1000:.0f}")
