"""The core's message catalog: every problem the loader or the compiler can report.

Each message is a :class:`Text` template in Japanese and English, filled with
``Text.format``. Messages say what is wrong *and* what to do about it.
"""

from __future__ import annotations

from kneecare_desktop.model import Text

# --- reading the file -------------------------------------------------------------------
FILE_TOO_LARGE = Text(
    "ファイルが大きすぎます（{size} KiB）。ケアのファイルは {limit} KiB までにしてください",
    "the file is too large ({size} KiB); routine files may be at most {limit} KiB",
)
FILE_UNREADABLE = Text(
    "ファイルを読み込めません（{reason}）。ファイルの場所と読み取り権限を確認してください",
    "cannot read the file ({reason}); check that it exists and is readable",
)
NOT_UTF8 = Text(
    "UTF-8 ではない文字があります（バイト 0x{byte:02x}）。ファイルを UTF-8 で保存し直してください",
    "this is not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8",
)
CONTROL_CHARACTER = Text(
    "使えない制御文字（U+{code}）があります。削除してください",
    "the control character U+{code} is not allowed in YAML; remove it",
)
TOO_MANY_PROBLEMS = Text(
    "問題が多すぎるため、ここで確認をやめました。まず上の問題を直してください",
    "too many problems; checking stopped here. Fix the ones above first",
)
YAML_SYNTAX = Text(
    "YAML の書式が正しくありません（{detail}）。この付近の括弧・引用符・字下げを確認してください",
    "this is not valid YAML ({detail}); check the brackets, quotes and indentation near here",
)
EMPTY_FILE = Text(
    "ファイルが空です。schema_version と kind から書き始めてください",
    "the file is empty; start it with schema_version and kind",
)
MULTIPLE_DOCUMENTS = Text(
    "1つのファイルに書けるのは1つの文書だけです。「---」以降を別のファイルに分けてください",
    "only one YAML document per file is allowed; move what follows '---' to its own file",
)
ALIAS_NOT_ALLOWED = Text(
    "エイリアス（*{name}）は使えません。値をそのまま書いてください",
    "aliases (*{name}) are not allowed; write the value out in full",
)
ANCHOR_NOT_ALLOWED = Text(
    "アンカー（&{name}）は使えません。取り除いてください",
    "anchors (&{name}) are not allowed; remove it",
)
TAG_NOT_ALLOWED = Text(
    "タグ（{tag}）は使えません。取り除いてください",
    "tags ({tag}) are not allowed; remove it",
)
TOO_DEEP = Text(
    "入れ子が深すぎます（{limit} 段まで）。構造を見直してください",
    "the nesting is too deep (at most {limit} levels); flatten the structure",
)

# --- structure --------------------------------------------------------------------------
EXPECTED_MAPPING = Text(
    "{what}は「キー: 値」の形で書いてください",
    "{what} must be a mapping of 'key: value' lines",
)
EXPECTED_LIST = Text(
    "{what}は「- 」で始まるリストで書いてください",
    "{what} must be a list of '- ' items",
)
EMPTY_LIST = Text(
    "{what}が空です。少なくとも1つ書いてください",
    "{what} is empty; give at least one",
)
KEY_NOT_TEXT = Text(
    "キーは文字列にしてください",
    "keys must be plain words",
)
DUPLICATE_KEY = Text(
    "キー「{key}」が重複しています（最初は {line} 行目）。どちらかを削除してください",
    "duplicate key '{key}' (first on line {line}); remove one of them",
)
UNKNOWN_KEY = Text(
    "{what}に「{key}」というキーはありません。{hint}使えるキー: {allowed}",
    "unknown key '{key}' in {what}; {hint}allowed keys: {allowed}",
)
DID_YOU_MEAN = Text("「{name}」の間違いではありませんか。", "did you mean '{name}'? ")
MISSING_KEY = Text(
    "{what}に「{key}」がありません。追加してください",
    "{what} is missing '{key}'; add it",
)
EXCLUSIVE_KEYS = Text(
    "{what}には「{first}」か「{second}」のどちらか一方だけを書いてください",
    "{what} needs exactly one of '{first}' or '{second}'",
)

# --- values -----------------------------------------------------------------------------
EXPECTED_INTEGER = Text(
    "{what}は整数で書いてください（{got} になっています）",
    "{what} must be a whole number (found {got})",
)
EXPECTED_NUMBER = Text(
    "{what}は数値で書いてください（{got} になっています）",
    "{what} must be a number (found {got})",
)
EXPECTED_STRING = Text(
    "{what}は文字列で書いてください（{got} になっています）",
    "{what} must be text (found {got})",
)
EXPECTED_BOOLEAN = Text(
    "{what}は true か false で書いてください（{got} になっています）",
    "{what} must be true or false (found {got})",
)
YAML12_NUMBER_HINT = Text(
    "。YAML 1.2 ではこの書き方は数値ではなく文字列として読まれます。{value} のように 10 進数で"
    "書いてください（8 進数は 0o17、16 進数は 0x1F）",
    "; YAML 1.2 reads this form as text, not as a number: write it as a plain decimal "
    "number such as {value} (octal is written 0o17, hexadecimal 0x1F)",
)
YAML12_BOOLEAN_HINT = Text(
    "。YAML 1.2 では yes・no・on・off は文字列として読まれます。true か false と書いてください",
    "; YAML 1.2 reads yes, no, on and off as text: write true or false",
)
OUT_OF_RANGE = Text(
    "{what}は {low}〜{high}{unit}の範囲にしてください（{value} になっています）",
    "{what} must be between {low} and {high}{unit} (found {value})",
)
MIN_ABOVE_MAX = Text(
    "回数の範囲の最小（{low}）が最大（{high}）を超えています。min を max 以下にしてください",
    "the rep range's min ({low}) is above its max ({high}); make min at most max",
)
COUNT_OUTSIDE_RANGE = Text(
    "count（{count}）は min〜max（{low}〜{high}）の範囲にしてください",
    "count ({count}) must lie within min-max ({low}-{high})",
)
NOT_ONE_OF = Text(
    "{what}は {choices} のどれかにしてください（{value} になっています）",
    "{what} must be one of {choices} (found {value})",
)
BAD_ID = Text(
    "{what}「{value}」は使えません。半角英小文字・数字・ハイフンで64文字までにしてください",
    "{what} '{value}' is not allowed; use up to 64 lowercase letters, digits and hyphens",
)
TEXT_NOT_BILINGUAL = Text(
    "{what}は日本語と英語の両方で書いてください（ja: と en:）",
    "{what} must be written in both languages, as 'ja:' and 'en:'",
)
TEXT_MISSING_LANGUAGE = Text(
    "{what}の{language}（{key}:）がありません。追加してください",
    "{what} is missing its {language} text ('{key}:'); add it",
)
TEXT_EMPTY = Text(
    "{what}の{language}（{key}:）が空です。文を書いてください",
    "{what} has an empty {language} text ('{key}:'); write it",
)
HIDDEN_CHARACTER = Text(
    "{what}に使えない文字 {character} があります。この文字はケアの内容を隠したり、"
    "並べ替えて見せたりできるため使えません。削除してください",
    "{what} contains {character}, which is not allowed: it can hide or reorder what a "
    "routine says; remove it",
)
LINE_BREAK_NOT_ALLOWED = Text(
    "{what}は1行で書いてください（改行 {character} があります）。改行を削除してください",
    "{what} must be on one line (it contains {character}); remove the line break",
)
LANGUAGE_JA = Text("日本語", "Japanese")
LANGUAGE_EN = Text("英語", "English")
SIDES_NEED_PER_SIDE = Text(
    "左右別でない運動（per_side: false）では sides は both にしてください",
    "sides must be 'both' when the exercise is not per side (per_side: false)",
)
FIRST_SIDE_NOT_SET = Text(
    "first_side は left か right にしてください",
    "first_side must be left or right",
)

# --- file kinds and versions ------------------------------------------------------------
SCHEMA_TOO_NEW = Text(
    "このファイルは新しい版の KneeCare 用です（schema_version {found}、この版は {known} まで）。"
    "アプリを更新してください",
    "this file is for a newer KneeCare (schema_version {found}; this version reads up to "
    "{known}); update the app",
)
SCHEMA_TOO_OLD = Text(
    "schema_version は 1 以上にしてください（{found} になっています）",
    "schema_version must be 1 or more (found {found})",
)

# --- across files -----------------------------------------------------------------------
DUPLICATE_ID = Text(
    "ID「{id}」は {other} ですでに使われています。別の ID にしてください",
    "the id '{id}' is already used by {other}; choose another id",
)
ID_OF_OTHER_KIND = Text(
    "ID「{id}」は{shipped}{other_kind}（{other}）ですでに使われています。ケアとプログラムの ID は"
    "種類をまたいで重ならないようにしてください。この{kind}の ID を別のものにしてください",
    "the id '{id}' is already the id of a {shipped}{other_kind} ({other}); routines and "
    "programs share one set of ids, so give this {kind} another id",
)
ID_TWICE_IN_FILE = Text(
    "ID「{id}」はこのファイルの {line} 行目でも使われています。"
    "ケアとプログラムにはそれぞれ別の ID を付けてください",
    "the id '{id}' is already used on line {line} of this file; give each routine and the "
    "program its own id",
)
SHIPPED = Text("同梱の", "shipped ")
KIND_NAMES = {
    "routine": Text("ケア", "routine"),
    "program": Text("プログラム", "program"),
    "checkin": Text("セルフチェック", "check-in"),
    "handoff": Text("ホームケア用のファイル", "hand-off"),
    "file": Text("ファイル", "file"),
}
REPLACES_SHIPPED = Text(
    "お知らせ: このファイルは同梱の「{id}」（{other}）の代わりに使われます",
    "notice: this file replaces the shipped '{id}' ({other})",
)
UNKNOWN_ROUTINE = Text(
    "ケア「{id}」が見つかりません。{hint}ケアの ID を確認してください",
    "no routine has the id '{id}'; {hint}check the routine's id",
)
BROKEN_ROUTINE = Text(
    "ケア「{id}」のファイルに問題があります（{other}）。先にそちらを直してください",
    "the routine '{id}' has problems in its file ({other}); fix them first",
)
NOT_A_ROUTINE = Text(
    "「{id}」はプログラムです。ここにはケアの ID を書いてください",
    "'{id}' is a program; list routine ids here",
)

# --- overrides (command line and the app's adjustments) ---------------------------------
OVERRIDE_NOT_APPLICABLE = Text(
    "{what}は「{routine}」には使えません（{reason}）",
    "{what} does not apply to '{routine}' ({reason})",
)
REASON_NOT_HOLD = Text("保持するストレッチではありません", "it is not a held stretch")
REASON_NOT_REPS = Text("回数で行う運動ではありません", "it is not done in reps")
REASON_NOT_PER_SIDE = Text("左右別に行う運動ではありません", "it is not done one leg at a time")
UNKNOWN_PLAN_ID = Text(
    "「{id}」というケアやプログラムはありません。使える ID: {choices}",
    "no routine or program has the id '{id}'; available: {choices}",
)

# --- what the values are called ---------------------------------------------------------
SECONDS = Text(" 秒", " s")
NO_UNIT = Text("", "")
TYPE_NAMES = {
    "int": Text("整数", "a whole number"),
    "float": Text("数値", "a number"),
    "str": Text("文字列", "text"),
    "bool": Text("true/false", "true/false"),
    "null": Text("空の値", "an empty value"),
    "map": Text("「キー: 値」の組", "a mapping"),
    "seq": Text("リスト", "a list"),
    "other": Text("その他の値", "another kind of value"),
}
