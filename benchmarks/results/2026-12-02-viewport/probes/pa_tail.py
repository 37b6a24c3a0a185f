"""QSoundEffect: wake-ups of QtMultimedia's PulseAudio threads in 250 ms bins around one play;
with 'stop', the effect is stopped as playingChanged says it ended (or at its duration)."""
import os, sys, time, tempfile, wave
from pathlib import Path
sys.path.insert(0, "benchmarks")
from common import SoundServer
root = Path(tempfile.mkdtemp())
server = SoundServer(root).start()
os.environ.update(server.variables)
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QApplication
sys.path.insert(0, ".")
from kneecare_desktop.ui.multimedia import load_multimedia
app = QApplication([])
load_multimedia()
from PySide6.QtMultimedia import QSoundEffect
wav = Path(sys.argv[2]) if len(sys.argv) > 2 else sorted(Path("kneecare_desktop/ui/resources/prompts/en").glob("*.wav"), key=lambda p: -p.stat().st_size)[0]
with wave.open(str(wav)) as w:
    dur = w.getnframes() / w.getframerate()
print(wav.name, round(dur, 2), "s")
def pulse_count():
    n = 0
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        if (task / "comm").read_text().startswith("QPulse"):
            n += int([l for l in (task / "status").read_text().splitlines() if l.startswith("voluntary")][0].split()[1])
    return n
e = QSoundEffect(); e.setSource(QUrl.fromLocalFile(str(wav.resolve())))
t0 = {}
e.playingChanged.connect(lambda: print(f"  playing={e.isPlaying()} at {time.monotonic()-t0.get('t', time.monotonic()):.2f}", flush=True))
bins = []
def tick():
    bins.append(pulse_count())
def start():
    t0["t"] = time.monotonic(); e.play()
QTimer.singleShot(1000, start)
timer = QTimer(); timer.setInterval(250); timer.timeout.connect(tick)
QTimer.singleShot(1000, timer.start)
QTimer.singleShot(1000 + int((dur + 5) * 1000), app.quit)
app.exec()
diffs = [b - a for a, b in zip(bins, bins[1:])]
print(" ".join(str(d) for d in diffs))
server.close()
