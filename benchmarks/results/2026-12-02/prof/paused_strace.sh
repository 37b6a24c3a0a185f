#!/bin/bash
# The app under Xvfb (no sound server, mock speech), a session started and paused; strace of its
# main thread for 20 s while paused. Run at nice 10.
set -u
OUT=/work/notes/bench/prof/paused_strace.txt
T=$(mktemp -d)
Xvfb :77 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & XP=$!
sleep 1
cd /work/wt-bench
DISPLAY=:77 QT_QPA_PLATFORM=xcb KNEECARE_HOME=$T/home KNEECARE_TTS_ENGINE=mock PULSE_SERVER=unix:$T/none LANG=en_US.UTF-8 PYTHONPATH=/work/wt-bench .venv/bin/python -m kneecare_desktop --lang en >/dev/null 2>&1 & AP=$!
for i in $(seq 50); do W=$(DISPLAY=:77 xdotool search --onlyvisible --pid $AP --name KneeCare 2>/dev/null | head -1); [ -n "$W" ] && break; sleep 0.2; done
sleep 8
DISPLAY=:77 xdotool windowfocus --sync $W key --clearmodifiers ctrl+Return
sleep 3
DISPLAY=:77 xdotool windowfocus --sync $W key --clearmodifiers space
sleep 6
grep -h "voluntary_ctxt" /proc/$AP/task/$AP/status > $OUT
timeout 20 strace -tt -T -p $AP -o $OUT.raw 2>/dev/null
grep -h "voluntary_ctxt" /proc/$AP/task/$AP/status >> $OUT
cat $OUT.raw >> $OUT
kill $AP; wait $AP 2>/dev/null; kill $XP; wait $XP 2>/dev/null; rm -rf $T $OUT.raw
