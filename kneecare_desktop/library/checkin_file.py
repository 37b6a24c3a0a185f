"""The check-in file (``kind: checkin``): the cause self-check and the running questions.

The questions and their wording are data a therapist may adjust. The article's rest
signs and running criteria are identified by fixed ids that the app reasons with
(:mod:`kneecare_desktop.care.triage`); a file that drops one is rejected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node

from kneecare_desktop.library.node_checks import Entry, NodeChecker
from kneecare_desktop.model import Text

# The article's criteria, by the ids the app's reasoning uses. Fixed in the app.
REST_SIGN_IDS = ("hurts-walking", "straightening-hurts", "severe-downhill", "swollen")
OK_SIGN_IDS = ("eases-after-warmup", "tightness-not-sharp")
NEXT_DAY_ID = "not-worse-next-day"  # asked the day after, as a follow-up

MISSING_REQUIRED_QUESTION = Text(
    "質問「{id}」がありません。記事の判断基準なので削除できません。{section} に戻してください",
    "the question '{id}' is missing; it is one of the article's criteria and cannot be "
    "removed. Put it back under {section}",
)
DUPLICATE_QUESTION = Text("質問の ID「{id}」が重複しています",
                          "the question id '{id}' is used twice")


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: Text
    weight: int = 1


@dataclass(frozen=True, slots=True)
class CauseCheck:
    cause: str
    routine_id: str
    name: Text
    signs: tuple[Question, ...]


@dataclass(frozen=True, slots=True)
class CheckIn:
    id: str
    title: Text
    intro: Text
    symptoms: tuple[Question, ...]
    causes: tuple[CauseCheck, ...]
    now: tuple[Question, ...]
    last_run: tuple[Question, ...]
    follow_up: Text

    def question(self, question_id: str) -> Question | None:
        for group in (self.symptoms, self.now, self.last_run,
                      *(c.signs for c in self.causes)):
            for question in group:
                if question.id == question_id:
                    return question
        return None


CHECKIN_KEYS = ("schema_version", "kind", "id", "title", "intro", "symptoms", "causes", "now",
                "last_run", "follow_up")
_W = Text
_WHAT = {
    "checkin": _W("セルフチェック", "the check-in"),
    "title": _W("title（名前）", "title"),
    "intro": _W("intro（説明）", "intro"),
    "symptoms": _W("symptoms（症状）", "symptoms"),
    "causes": _W("causes（原因）", "causes"),
    "cause": _W("原因のチェック", "a cause check"),
    "cause.cause": _W("原因の ID（cause）", "the cause id"),
    "cause.routine": _W("ケアの ID（routine）", "routine"),
    "cause.name": _W("原因の名前（name）", "the cause's name"),
    "signs": _W("特徴（signs）", "signs"),
    "question": _W("質問", "a question"),
    "question.id": _W("質問の ID", "the question's id"),
    "question.text": _W("質問の文", "the question's text"),
    "question.weight": _W("重み（weight）", "weight"),
    "now": _W("now（いまの膝）", "now"),
    "last_run": _W("last_run（前回のラン）", "last_run"),
    "follow_up": _W("follow_up（翌日の確認）", "follow_up"),
}


@dataclass(frozen=True, slots=True)
class RoutineReference:
    routine_id: str
    line: int
    column: int


def parse_checkin(check: NodeChecker, root: MappingNode, entries: Mapping[str, Entry],
                  item_id: str) -> tuple[CheckIn, list[RoutineReference]]:
    """Read a check-in file's body; problems go to ``check``."""
    references: list[RoutineReference] = []
    seen: dict[str, Node] = {}

    def text(key: str, mapping: Mapping[str, Entry], what: str) -> Text:
        entry = mapping.get(key)
        if entry is None:
            return Text("?", "?")
        return check.read_text(entry.value, _WHAT[what]) or Text("?", "?")

    def questions(node: Node, what: str) -> tuple[Question, ...]:
        found: list[Question] = []
        for item in check.read_list(node, _WHAT[what]) or ():
            fields = check.read_mapping(item, _WHAT["question"], ("id", "text", "weight"),
                                        required=("id", "text"))
            if fields is None:
                continue
            question_id = ""
            if "id" in fields:
                question_id = check.read_id(fields["id"].value, _WHAT["question.id"]) or ""
                if question_id in seen:
                    check.report(fields["id"].value, DUPLICATE_QUESTION.format(id=question_id))
                seen[question_id] = fields["id"].value
            weight = 1
            if "weight" in fields:
                weight = check.read_int(fields["weight"].value, _WHAT["question.weight"], 0,
                                        10) or 0
            found.append(Question(question_id, text("text", fields, "question.text"), weight))
        return tuple(found)

    def section(key: str) -> tuple[str, tuple[Question, ...]]:
        entry = entries.get(key)
        if entry is None:
            return key, ()
        fields = check.read_mapping(entry.value, _WHAT[key], ("questions",),
                                    required=("questions",))
        if not fields or "questions" not in fields:
            return key, ()
        return key, questions(fields["questions"].value, key)

    causes: list[CauseCheck] = []
    if "causes" in entries:
        for node in check.read_list(entries["causes"].value, _WHAT["causes"]) or ():
            fields = check.read_mapping(node, _WHAT["cause"], ("cause", "routine", "name",
                                                               "signs"),
                                        required=("cause", "routine", "name", "signs"))
            if fields is None:
                continue
            cause_id = routine_id = ""
            if "cause" in fields:
                cause_id = check.read_id(fields["cause"].value, _WHAT["cause.cause"]) or ""
            if "routine" in fields:
                routine_id = check.read_id(fields["routine"].value, _WHAT["cause.routine"]) or ""
                mark = fields["routine"].value.start_mark
                if routine_id:
                    references.append(RoutineReference(routine_id, mark.line + 1,
                                                       mark.column + 1))
            signs = questions(fields["signs"].value, "signs") if "signs" in fields else ()
            causes.append(CauseCheck(cause_id, routine_id, text("name", fields, "cause.name"),
                                     signs))
    symptoms: tuple[Question, ...] = ()
    if "symptoms" in entries:
        symptoms = questions(entries["symptoms"].value, "symptoms")
    _, now = section("now")
    _, last_run = section("last_run")
    _require(check, root, entries, now, last_run)
    return CheckIn(item_id, text("title", entries, "title"), text("intro", entries, "intro"),
                   symptoms, tuple(causes), now, last_run,
                   text("follow_up", entries, "follow_up")), references


def _require(check: NodeChecker, root: MappingNode, entries: Mapping[str, Entry],
             now: tuple[Question, ...], last_run: tuple[Question, ...]) -> None:
    """The article's rest signs and running criteria must all be asked."""
    asked = {q.id: "now" for q in now} | {q.id: "last_run" for q in last_run}
    for question_id in (*REST_SIGN_IDS, *OK_SIGN_IDS):
        if question_id not in asked:
            where = entries.get("last_run") or entries.get("now")
            check.report(where.value if where is not None else root,
                         MISSING_REQUIRED_QUESTION.format(
                             id=question_id, section="now / last_run"))


WHAT_CHECKIN = _WHAT["checkin"]
