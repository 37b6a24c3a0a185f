"""soak.py with diagnostics at every Snapshot.take: tracemalloc, sqlite3_memory_used,
malloc_info totals per arena."""
import ctypes, os, re, sys, tracemalloc, tempfile
sys.argv = ["soak.py", *sys.argv[1:]]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".."))
DEPTH = int(os.environ.get("TM_DEPTH", "0"))
if DEPTH:
    tracemalloc.start(DEPTH)
import soak
libc = ctypes.CDLL("libc.so.6")
libc.fopen.restype = ctypes.c_void_p
libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
libc.fclose.argtypes = [ctypes.c_void_p]
libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
sq = ctypes.CDLL("libsqlite3.so.0")
sq.sqlite3_memory_used.restype = ctypes.c_int64
sq.sqlite3_memory_highwater.restype = ctypes.c_int64
def minfo():
    fn = tempfile.mktemp()
    f = libc.fopen(fn.encode(), b"w"); libc.malloc_info(0, f); libc.fclose(f)
    text = open(fn).read(); os.unlink(fn)
    heaps = re.findall(r'<heap nr="(\d+)">(.*?)</heap>', text, re.S)
    out = []
    for nr, body in heaps:
        rest = re.search(r'<system type="current" size="(\d+)"', body)
        free = sum(int(x) for x in re.findall(r'<total type="(?:fast|rest)" count="\d+" size="(\d+)"', body))
        out.append((int(nr), int(rest.group(1))//1024 if rest else 0, free//1024))
    return out
def pyarenas():
    fn = tempfile.mktemp(); fd = os.open(fn, os.O_WRONLY|os.O_CREAT); saved = os.dup(2)
    os.dup2(fd, 2); sys._debugmallocstats(); os.dup2(saved, 2); os.close(fd); os.close(saved)
    text = open(fn).read(); os.unlink(fn)
    cur = re.search(r"# arenas highwater mark\s*=\s*([\d,]+)", text)
    alloc = re.search(r"(\d[\d,]*) arenas \* \d+ bytes/arena\s*=\s*([\d,]+)", text)
    used = re.search(r"# bytes in allocated blocks\s*=\s*([\d,]+)", text)
    return (alloc.group(1) if alloc else "?", used.group(1) if used else "?")
def smaps():
    res = {}
    name = None
    for line in open("/proc/self/smaps"):
        parts = line.split()
        if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
            start, end = (int(x, 16) for x in parts[0].split("-"))
            size = (end - start) // 1024
            name = parts[5] if len(parts) > 5 else f"anon{'64M' if size >= 65000 else ('256K' if size in (256,260) else '')}"
        elif parts[0] == "Rss:":
            res[name] = res.get(name, 0) + int(parts[1])
    return res
SM = []
PK = []
def palette_keys():
    from PySide6.QtWidgets import QApplication
    import shiboken6
    out = {}
    for w in QApplication.allWidgets():
        out[shiboken6.getCppPointer(w)[0]] = (type(w).__name__, w.objectName(), (w.parentWidget().objectName() or type(w.parentWidget()).__name__) if w.parentWidget() else "-", w.palette().cacheKey())
    return out
snaps = []
orig = soak.Snapshot.take.__func__
def take(cls):
    s = orig(cls)
    tm = tracemalloc.take_snapshot() if DEPTH else None
    traced = tracemalloc.get_traced_memory()[0] // 1024 if DEPTH else 0
    snaps.append(tm)
    SM.append(smaps())
    PK.append(palette_keys())
    print(f"    diag: widgets {len(PK[-1])}, distinct palette keys {len(set(v[3] for v in PK[-1].values()))}", flush=True)
    print(f"    diag: py arenas/used bytes {pyarenas()}", flush=True)
    print(f"    diag: sqlite {sq.sqlite3_memory_used()//1024} KiB (hw {sq.sqlite3_memory_highwater(0)//1024}),"
          f" traced py {traced} KiB, arenas(nr,sys KiB,free KiB) {minfo()}", flush=True)
    return s
soak.Snapshot.take = classmethod(take)
status = soak.main()
import collections
a, b = PK[1], PK[-1]
changed = collections.Counter((v[0], v[1], v[2]) for k, v in b.items() if k in a and a[k][3] != v[3])
new = collections.Counter((v[0], v[1], v[2]) for k, v in b.items() if k not in a)
print("widgets alive at warm and end whose palette key changed:", dict(changed))
print("widgets new since warm:", dict(new))
a, b = SM[1], SM[-1]
print("smaps Rss growth warm->end (KiB):")
for k in sorted(set(a)|set(b), key=lambda k: -(b.get(k,0)-a.get(k,0))):
    d = b.get(k,0)-a.get(k,0)
    if abs(d) >= 16: print(f"  {d:+7d}  {k}")
if DEPTH:
    a, b = snaps[int(os.environ.get("TM_FROM", "1"))], snaps[-1]
    print(f"tracemalloc diff snapshot {os.environ.get('TM_FROM','1')} -> end")
    for stat in b.compare_to(a, "traceback")[:25]:
        print(f"{stat.size_diff/1024:8.1f} KiB {stat.count_diff:+6d} blocks")
        for line in stat.traceback.format()[-DEPTH*2:]:
            print("      " + line)
    print("by filename:")
    for stat in b.compare_to(a, "filename")[:25]:
        print(f"{stat.size_diff/1024:8.1f} KiB {stat.count_diff:+6d}  {stat.traceback}")
sys.exit(status)
