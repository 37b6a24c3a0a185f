"""The article's "keep running or rest" criteria, as data the app shows and reasons with.

The rest signs are fixed here, in the app: they are a safety net, and editing a data
file must never remove them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kneecare_desktop.library.checkin_file import (
    NEXT_DAY_ID,
    OK_SIGN_IDS,
    REST_SIGN_IDS,
    CheckIn,
    Question,
)
from kneecare_desktop.model import Advice, Text

# The same-day running questions: each answered yes or no, or not answered yet.
RUNNING_QUESTION_IDS = (*REST_SIGN_IDS, *OK_SIGN_IDS)


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    OPEN = "open"  # not answered: the start state, never counted as "no"


def answers_at_the_time(answers: Mapping[str, str], ticked: Iterable[str],
                        form: int) -> dict[str, Answer]:
    """A stored check-in's running answers as its verdict read them: the three-state
    form's as recorded; the old tick-box form's as that form did (a tick "yes", anything
    else "no"), so a follow-up to an old verdict goes on from that verdict."""
    if form >= 2:
        return {q: Answer(answers.get(q, Answer.OPEN)) for q in RUNNING_QUESTION_IDS}
    chosen = set(ticked)
    return {q: Answer.YES if q in chosen else Answer.NO for q in RUNNING_QUESTION_IDS}


def rest_signs_answered(answers: Mapping[str, str], ticked: Iterable[str],
                        form: int) -> tuple[str, ...]:
    """The rest signs a stored check-in said yes to (ticked, on the old form)."""
    said = answers_at_the_time(answers, ticked, form)
    return tuple(q for q in REST_SIGN_IDS if said[q] is Answer.YES)


def answers_from_ticked(ticked: Iterable[str]) -> dict[str, Answer]:
    """An old (tick-box) check-in's running questions: a tick was "yes"; an unticked box
    said nothing, so it is "not answered"."""
    chosen = set(ticked)
    return {q: Answer.YES if q in chosen else Answer.OPEN for q in RUNNING_QUESTION_IDS}

KEEP_RUNNING_SIGNS = (
    Text("ウォームアップで痛みが軽減する", "The pain eases after warming up"),
    Text("鋭い痛みではなく“張り感”程度", "It is tightness, not sharp pain"),
    Text("次の日に悪化しない", "It is no worse the next day"),
)
REST_SIGNS = (
    Text("歩いても痛む", "It hurts even when walking"),
    Text("膝を伸ばすだけで強く痛む", "Just straightening the knee hurts a lot"),
    Text("下り坂で激痛が走る", "Severe pain on downhills"),
    Text("膝裏が腫れている", "The back of the knee is swollen"),
)
ARTICLE_CAUTION = Text(
    "膝裏は細い筋腱が多く、炎症を起こすと治りが遅い部位なので注意が必要です。",
    "The back of the knee has many thin muscles and tendons; once inflamed, it is slow to "
    "heal, so take care.",
)
SEE_A_CLINICIAN = Text(
    "（アプリからの注意）休んだ方がいいサインが続く場合や膝裏が腫れている場合は、"
    "医療機関・専門家に相談してください。",
    "(The app's own advice) If rest signs persist or the back of the knee is swollen, "
    "see a clinician.",
)
NOT_MEDICAL_ADVICE = Text("この表示は診断や医療上の助言ではありません。",
                          "This is not a diagnosis or medical advice.")

REST_SIGN_TEXTS = dict(zip(REST_SIGN_IDS, REST_SIGNS, strict=True))

RUN_SHORTER_NOTE = Text(
    "（アプリの解釈）記事の判断基準の見出し「距離を減らして走る？休むべき？」に沿って、"
    "休むサインはないものの「走ってOK」の条件がそろわないときの目安です。",
    "(The app's reading) Following the heading of the article's criteria, \"Run shorter, "
    "or rest?\": no rest sign, but not every sign that running is fine.",
)
FOLLOW_UP_NOTE = Text(
    "「次の日に悪化しない」は翌日に確認します。明日アプリを開いたときにお聞きします。",
    "\"No worse the next day\" can only be known tomorrow: the app will ask when you next "
    "open it.",
)
NOTHING_TICKED = Text(
    "原因の特徴にチェックがなかったため、プログラムはいつもの順番で行います。",
    "Nothing was ticked, so the program runs in its usual order.",
)
TIE_MOST_COMMON = Text(
    "{causes}が同じ数だけ当てはまりました。記事でランナーに最も多いとされる{best}を優先します。",
    "{causes} fit equally well. {best} comes first: the article calls it the cause most "
    "common in runners.")
TIE_ARTICLE_ORDER = Text(
    "{causes}が同じ数だけ当てはまりました。記事で先に挙げられている{best}を優先します。",
    "{causes} fit equally well. {best} comes first, as the article lists it first.")
_AND = Text("と", " and ")


@dataclass(frozen=True, slots=True)
class CauseScore:
    cause: str
    routine_id: str
    name: Text
    score: int
    ticked: tuple[Question, ...]


@dataclass(frozen=True, slots=True)
class CauseResult:
    """Which cause fits best, and why; ``best`` is None when nothing was ticked."""

    best: CauseScore | None
    scores: tuple[CauseScore, ...]
    tied: bool
    leaders: tuple[CauseScore, ...] = ()  # every cause with the top score (two or more: a tie)

    def tie_note(self) -> Text | None:
        """Which causes tied, and why the chosen one leads (None without a tie)."""
        if not self.tied or self.best is None:
            return None
        names = Text(_AND.ja.join(c.name.ja for c in self.leaders),
                     _AND.en.join(c.name.en for c in self.leaders))
        template = (TIE_MOST_COMMON if self.best.cause == MOST_COMMON_CAUSE
                    else TIE_ARTICLE_ORDER)
        return Text(template.ja.format(causes=names.ja, best=self.best.name.ja),
                    template.en.format(causes=names.en, best=self.best.name.en))


@dataclass(frozen=True, slots=True)
class RunningResult:
    advice: Advice | None  # None: too few answers for the article's criteria to decide
    rest_signs: tuple[str, ...]  # the ids of the rest signs answered "yes"
    unmet: tuple[str, ...]  # the running-is-fine criteria answered "no"
    follow_up_pending: bool  # "no worse the next day" is still to be asked
    open_questions: tuple[str, ...] = ()  # not answered, and needed for a verdict


MOST_COMMON_CAUSE = "hamstrings"  # the article: ランナーが最も多く該当する原因


def score_causes(checkin: CheckIn, ticked: Iterable[str]) -> CauseResult:
    """Add up the ticked signs per cause. Ties go to the hamstrings (the article's most
    common cause), then to the order of the file (the article's order)."""
    chosen = set(ticked)
    scores = tuple(
        CauseScore(c.cause, c.routine_id, c.name,
                   sum(s.weight for s in c.signs if s.id in chosen),
                   tuple(s for s in c.signs if s.id in chosen))
        for c in checkin.causes)
    top = max((s.score for s in scores), default=0)
    if top == 0:
        return CauseResult(None, scores, tied=False)
    leaders = [s for s in scores if s.score == top]
    preferred = [s for s in leaders if s.cause == MOST_COMMON_CAUSE]
    best = preferred[0] if preferred else leaders[0]
    return CauseResult(best, scores, tied=len(leaders) > 1, leaders=tuple(leaders))


def running_advice(answers: Mapping[str, Answer | str],
                   worse_next_day: bool | None = None) -> RunningResult:
    """The article's criteria, on three-state answers.

    One rest sign answered "yes" decides on its own: rest. Otherwise every running
    question needs an answer before there is a verdict (``advice`` is None, and
    ``open_questions`` says which are missing): an unanswered question is never taken
    for "no". With every rest sign "no": all "running is fine" criteria "yes" means
    running is fine; any "no" means the app's reading of the criteria's heading, run
    shorter and see. ``worse_next_day`` is the next-day follow-up's answer (None before
    it has been asked).
    """
    state = {q: Answer(answers.get(q, Answer.OPEN)) for q in RUNNING_QUESTION_IDS}
    rest = tuple(i for i in REST_SIGN_IDS if state[i] is Answer.YES)
    unmet = [i for i in OK_SIGN_IDS if state[i] is Answer.NO]
    if worse_next_day:
        unmet.append(NEXT_DAY_ID)
    if rest:
        return RunningResult(Advice.REST, rest, tuple(unmet), follow_up_pending=False)
    still_open = tuple(q for q in RUNNING_QUESTION_IDS if state[q] is Answer.OPEN)
    if still_open:
        return RunningResult(None, (), tuple(unmet), follow_up_pending=False,
                             open_questions=still_open)
    if unmet:
        return RunningResult(Advice.RUN_SHORTER, (), tuple(unmet), follow_up_pending=False)
    return RunningResult(Advice.RUN_OK, (), (), follow_up_pending=worse_next_day is None)


def follow_up_due(last_advice: Advice | None, last_day: date | None,
                  answered: bool, today: date) -> bool:
    """Ask "did it get worse the next day?" after a "running is fine" from an earlier day."""
    return (last_advice is Advice.RUN_OK and not answered and last_day is not None
            and last_day < today)


def routine_first(order: Sequence[str], routine_id: str | None) -> tuple[str, ...]:
    """A program's routines with ``routine_id`` moved to the front (if it is in it)."""
    if routine_id is None or routine_id not in order:
        return tuple(order)
    return (routine_id, *(r for r in order if r != routine_id))
