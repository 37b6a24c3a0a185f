#!/bin/bash
# As paused_strace.sh, but gdb names the receiver of every timer event for 25 s while paused.
set -u
OUT=/work/notes/bench/prof/paused_gdb.txt
T=$(mktemp -d)
Xvfb :80 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & XP=$!
sleep 1
cd /work/wt-bench
DISPLAY=:80 QT_QPA_PLATFORM=xcb KNEECARE_HOME=$T/home KNEECARE_TTS_ENGINE=mock PULSE_SERVER=unix:$T/none LANG=en_US.UTF-8 PYTHONPATH=/work/wt-bench .venv/bin/python -m kneecare_desktop --lang en >/dev/null 2>&1 & AP=$!
for i in $(seq 50); do W=$(DISPLAY=:80 xdotool search --onlyvisible --pid $AP --name KneeCare 2>/dev/null | head -1); [ -n "$W" ] && break; sleep 0.2; done
sleep 8
DISPLAY=:80 xdotool windowfocus --sync $W key --clearmodifiers ctrl+Return
sleep 3
DISPLAY=:80 xdotool windowfocus --sync $W key --clearmodifiers space
sleep 6
cat > $T/cmds <<'G'
set pagination off
set confirm off
break QCoreApplication::notifyInternal2(QObject*, QEvent*) if *(unsigned short*)((char*)$rsi+8) == 1
commands
silent
printf "%s timer event to: ", "t"
info symbol *(void**)$rdi
continue
end
continue
G
timeout -s INT 25 gdb -q -batch -x $T/cmds -p $AP > $OUT 2>&1
kill $AP 2>/dev/null; wait $AP 2>/dev/null; kill $XP; wait $XP 2>/dev/null; rm -rf $T
