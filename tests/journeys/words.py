"""What the app says, in each language, as journeys look for it on screen.

Written out here, not read from the translation file, so that a missing or wrong
translation fails a journey the way a person would notice it.
"""

from __future__ import annotations

from kneecare_desktop.model import Lang

WORDS: dict[str, dict[Lang, str]] = {
    # the care menu
    "program": {Lang.EN: "Knee care program", Lang.JA: "膝裏ケア プログラム"},
    "hamstring": {Lang.EN: "Hamstring stretch with a towel", Lang.JA: "ハムストリングスストレッチ"},
    "calf": {Lang.EN: "Calf and Achilles stretch at a wall",
             Lang.JA: "ふくらはぎのアキレス腱ストレッチ"},
    "start": {Lang.EN: "Start", Lang.JA: "開始"},
    "hold": {Lang.EN: "Hold", Lang.JA: "キープ"},
    # the player
    "countdown": {Lang.EN: "Countdown", Lang.JA: "カウントダウン"},
    "get ready": {Lang.EN: "get ready", Lang.JA: "準備"},
    "hold label": {Lang.EN: "hold", Lang.JA: "キープ"},
    "paused": {Lang.EN: "Paused. Press Space to resume.",
               Lang.JA: "一時停止中です。スペースキーで再開します。"},
    # the summary
    "hurt heading": {Lang.EN: "Stopped because it hurt", Lang.JA: "痛みが出たため終了しました"},
    "pain after": {Lang.EN: "How much does it hurt now?", Lang.JA: "いまの痛みの強さは？"},
    "recorded": {Lang.EN: "Saved to your history.", Lang.JA: "記録に保存しました。"},
    "back to menu": {Lang.EN: "Back to the care menu", Lang.JA: "ケアメニューに戻る"},
    "active time": {Lang.EN: "Active time", Lang.JA: "実施時間"},
    "paused time": {Lang.EN: "paused", Lang.JA: "一時停止"},
    # menus
    "File": {Lang.EN: "File", Lang.JA: "ファイル"},
    "View": {Lang.EN: "View", Lang.JA: "表示"},
    "Session": {Lang.EN: "Session", Lang.JA: "セッション"},
    "History": {Lang.EN: "History", Lang.JA: "記録"},
    "Check-in…": {Lang.EN: "Check-in…", Lang.JA: "セルフチェック…"},
    # the history
    "sessions table": {Lang.EN: "Sessions", Lang.JA: "セッション"},
    "this week": {Lang.EN: "This week", Lang.JA: "今週"},
}


def w(key: str, lang: Lang) -> str:
    return WORDS[key][lang]
