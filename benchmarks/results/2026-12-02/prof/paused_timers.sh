#!/bin/bash
# As paused_strace.sh, but gdb names the receiver of every timer event for 25 s while paused.
set -u
OUT=/work/notes/bench/prof/paused_timers.txt
T=$(mktemp -d)
Xvfb :79 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & XP=$!
sleep 1
cd /work/wt-bench
DISPLAY=:79 QT_QPA_PLATFORM=xcb KNEECARE_HOME=$T/home KNEECARE_TTS_ENGINE=mock PULSE_SERVER=unix:$T/none LANG=en_US.UTF-8 PYTHONPATH=/work/wt-bench TIMER_LOG=$T/timers.log .venv/bin/python /work/notes/bench/prof/timer_spy.py >/dev/null 2>&1 & AP=$!
for i in $(seq 50); do W=$(DISPLAY=:79 xdotool search --onlyvisible --pid $AP --name KneeCare 2>/dev/null | head -1); [ -n "$W" ] && break; sleep 0.2; done
sleep 8
DISPLAY=:79 xdotool windowfocus --sync $W key --clearmodifiers ctrl+Return
sleep 3
DISPLAY=:79 xdotool windowfocus --sync $W key --clearmodifiers space
sleep 6
echo "paused at $(date +%s)" > $OUT
M0=$(python3 -c "import time;print(time.monotonic())")
sleep 20
echo "window from monotonic $M0 for 20 s" >> $OUT
cat $T/timers.log >> $OUT
kill $AP 2>/dev/null; wait $AP 2>/dev/null; kill $XP; wait $XP 2>/dev/null; rm -rf $T
