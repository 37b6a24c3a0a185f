"""The coach's words: what the plan shows and says at each step, in both languages.

Terms follow the project's glossary (``glossary-ja.md``): one term for one thing.
"""

from __future__ import annotations

from kneecare_desktop.model import Side, Text

SIDE_NAMES = {
    Side.LEFT: Text("左脚", "left leg"),
    Side.RIGHT: Text("右脚", "right leg"),
    Side.NONE: Text("両脚", "both legs"),
}
SIDE_BADGES = {
    Side.LEFT: Text("左", "LEFT"),
    Side.RIGHT: Text("右", "RIGHT"),
    Side.NONE: Text("", ""),
}
SIDE_NAMES_CAPITALIZED = {
    Side.LEFT: Text("左脚", "Left leg"),
    Side.RIGHT: Text("右脚", "Right leg"),
    Side.NONE: Text("両脚", "Both legs"),
}

GET_READY = Text("準備してください", "Get ready")
GET_READY_SIDE = Text("準備してください。{side}から", "Get ready: {side} first")
GET_READY_CUE = Text("{title}。準備してください", "{title}. Get ready")
GET_READY_SIDE_CUE = Text("{title}。準備してください。{side}から",
                          "{title}. Get ready, {side} first")
HOLD_CUE = Text("{side}。{seconds}秒キープ", "{side}. Hold for {seconds} seconds")
HOLD_CUE_NO_SIDE = Text("{seconds}秒キープ", "Hold for {seconds} seconds")
SWITCH = Text("左右を入れ替えます。次は{side}", "Switch sides: {side} next")
SWITCH_CUE = Text("左右を入れ替えます", "Switch sides")
REST = Text("休憩", "Rest")
REST_NEXT = Text("休憩。次は{side}", "Rest. Next: {side}")
CHANGE_POSITION = Text("姿勢を変えます: {before} → {after}", "Change position: {before} → {after}")
CHANGE_POSITION_CUE = Text("姿勢を変えます。次は{title}", "Change position. Next: {title}")
REP_COUNT_CUE = Text("{rep}", "{rep}")
SELF_PACED = Text("{instruction}（1回ごとに Enter）", "{instruction} (press Enter after each rep)")
DONE = Text("お疲れさまでした", "Well done")
HOLD_DOSE = Text("{seconds}秒キープ × {sets}セット", "{seconds} s hold × {sets} sets")
HOLD_DOSE_PER_SIDE = Text("{seconds}秒キープ × 左右{sets}回ずつ",
                          "{seconds} s hold × {sets} on each side")
HOLD_DOSE_ONE_SIDE = Text("{seconds}秒キープ × {sets}回（{side}のみ）",
                          "{seconds} s hold × {sets} ({side} only)")
REPS_DOSE = Text("{reps}回 × {sets}セット", "{reps} reps × {sets} sets")
REPS_DOSE_ONE_SET = Text("{reps}回", "{reps} reps")

NEXT_HOLD = Text("次は {side} {seconds}秒キープ", "Next: {side}, {seconds} s hold")
NEXT_HOLD_NO_SIDE = Text("次は {seconds}秒キープ", "Next: {seconds} s hold")
NEXT_REPS = Text("次は {title} {reps}回", "Next: {title}, {reps} reps")
NEXT_REST = Text("次は 休憩 {seconds}秒", "Next: rest, {seconds} s")
NEXT_SWITCH = Text("次は 左右を入れ替えます", "Next: switch sides")
NEXT_CHANGE = Text("次は 姿勢を変えます → {title}", "Next: change position for {title}")
NEXT_GET_READY = Text("次は {title}", "Next: {title}")
NEXT_FINISH = Text("これで最後です", "This is the last one")
NEXT_FINISH_AFTER_SET = Text("このセットが終わったら完了です", "After this set, you are done")
# The preview shown during a pause (rest, switch, change of position, get ready).
UP_NEXT = Text("次は {title}\n{detail}", "Up next: {title}\n{detail}")
UP_NEXT_SEPARATOR = Text("・", " · ")
SET_OF = Text("{set}セット目 / 全{sets}セット", "set {set} of {sets}")
HOLD_SECONDS = Text("{seconds}秒キープ", "{seconds} s hold")
# The summary: what was done of each routine.
NOT_DONE = Text("未実施", "not done")
HOLDS_DONE = Text("{seconds}秒キープ × {done}回", "{seconds} s hold × {done}")
HOLDS_PARTLY = Text("{seconds}秒キープ {planned}回中{done}回",
                    "{done} of {planned} holds of {seconds} s")
REPS_PARTLY = Text("{planned}回中{done}回", "{done} of {planned} reps")
ON_SIDE = Text("{side} {amount}", "{side}: {amount}")
LIST_SEPARATOR = Text("、", "; ")

REPS_RANGE = Text("{low}〜{high}回", "{low}–{high} reps")
APP_DEFAULT_REPS = Text("アプリの既定: {reps}回", "the app's default: {reps} reps")
WITH_APP_NOTE = Text("{dose}（{note}）", "{dose} ({note})")
ADJUSTED_DOSE = Text("この方に合わせた調整: {dose}", "Adjusted for this person: {dose}")
