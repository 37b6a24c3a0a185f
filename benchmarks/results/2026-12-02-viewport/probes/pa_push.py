"""A prompt played by QSoundEffect vs by a QAudioSink in push mode (whole sound written at
once, buffer = the sound): wake-ups of each thread while it plays, on a private null sink."""
import os, sys, time, subprocess, tempfile, wave
from pathlib import Path
sys.path.insert(0, "benchmarks")
from common import SoundServer
root = Path(tempfile.mkdtemp())
server = SoundServer(root).start()
os.environ.update(server.variables)
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer, QUrl, QByteArray
from PySide6.QtWidgets import QApplication
sys.path.insert(0, ".")
from kneecare_desktop.ui.multimedia import load_multimedia
app = QApplication([])
mm = load_multimedia()
from PySide6.QtMultimedia import QSoundEffect, QAudioSink, QAudioFormat, QMediaDevices
wavs = sorted(Path("kneecare_desktop/ui/resources/prompts/en").glob("*.wav"), key=lambda p: -p.stat().st_size)
wav = wavs[0]
with wave.open(str(wav)) as w:
    print("wav", wav, w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes() / w.getframerate(), "s")
    rate, width, ch, frames = w.getframerate(), w.getsampwidth(), w.getnchannels(), w.readframes(w.getnframes())
mode = sys.argv[1]
def counts():
    out = {}
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        name = (task / "comm").read_text().strip()
        v = int([l for l in (task / "status").read_text().splitlines() if l.startswith("voluntary")][0].split()[1])
        out[task.name + ":" + name] = v
    return out
keep = {}
def play():
    if mode == "effect":
        e = QSoundEffect(); e.setSource(QUrl.fromLocalFile(str(wav.resolve()))); keep["e"] = e
        QTimer.singleShot(500, e.play)
    else:
        fmt = QAudioFormat(); fmt.setSampleRate(rate); fmt.setChannelCount(ch)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16 if width == 2 else QAudioFormat.SampleFormat.Float)
        sink = QAudioSink(QMediaDevices.defaultAudioOutput(), fmt); keep["s"] = sink
        sink.setBufferSize(len(frames) if mode == "push_all" else int(sys.argv[2]))
        def go():
            keep["t0"] = time.monotonic()
            io = sink.start(); keep["io"] = io
            n = io.write(QByteArray(frames)); print("wrote", n, "of", len(frames), "buffer", sink.bufferSize(), flush=True)
        QTimer.singleShot(500, go)
marks = []
def snap(label): marks.append((label, time.monotonic(), counts()))
QTimer.singleShot(200, play)
QTimer.singleShot(600, lambda: snap("start"))
dur = len(frames) / (rate * width * ch)
QTimer.singleShot(600 + int(dur * 1000), lambda: snap("end of sound"))
QTimer.singleShot(600 + int(dur * 1000) + 3000, lambda: snap("3 s after"))
QTimer.singleShot(600 + int(dur * 1000) + 3100, app.quit)
app.exec()
for (l1, t1, c1), (l2, t2, c2) in zip(marks, marks[1:]):
    d = {k.split(":")[1]: round((c2.get(k, 0) - c1.get(k, 0)) / (t2 - t1), 1) for k in c2}
    print(f"{mode} {l1} -> {l2}:", {k: v for k, v in d.items() if v})
server.close()
