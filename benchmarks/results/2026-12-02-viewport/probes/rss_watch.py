import subprocess, sys, time, os, tempfile, ast
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[3])); import startup
child = tempfile.mktemp(suffix=".py"); open(child, "w").write(startup.CHILD)
env = {**os.environ, "KNEECARE_HOME": tempfile.mkdtemp(), "QT_QPA_PLATFORM": "offscreen", "KNEECARE_TTS_ENGINE": "mock", "PYTHONPATH": str(__import__("pathlib").Path(__file__).resolve().parents[4]), "LANG": "en_US.UTF-8"}
t0 = time.monotonic()
p = subprocess.Popen([sys.executable, child, "app", "300", "x"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
samples = []
while p.poll() is None:
    try:
        st = open(f"/proc/{p.pid}/status").read()
    except OSError:
        break
    rss = int(st.split("VmRSS:")[1].split()[0]) / 1024 if "VmRSS:" in st else 0
    hwm = int(st.split("VmHWM:")[1].split()[0]) / 1024 if "VmHWM:" in st else 0
    samples.append((time.monotonic(), rss, hwm))
    time.sleep(0.002)
out = p.stdout.read()
d = ast.literal_eval([l for l in out.splitlines() if l.startswith("{")][-1])
print("paint", round((d["paint"] - t0) * 1000), "ready", round((d["ready"] - t0) * 1000), "peak", d["rss_mb"])
last = 0
for t, rss, hwm in samples:
    ms = (t - t0) * 1000
    if abs(rss - last) >= 1.0:
        print(f"{ms:7.1f} ms  rss {rss:6.1f}  hwm {hwm:6.1f}")
        last = rss
print(f"end rss {samples[-1][1]:.1f} hwm {samples[-1][2]:.1f}")
