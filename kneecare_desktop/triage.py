"""The article's "keep running or rest" criteria, as data the app shows and reasons with.

The rest signs are fixed here, in the app: they are a safety net, and editing a data
file must never remove them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kneecare_desktop.checkin import NEXT_DAY_ID, OK_SIGN_IDS, REST_SIGN_IDS, CheckIn, Question
from kneecare_desktop.model import Text

KEEP_RUNNING_TITLE = Text("走ってOK", "Running is fine")
KEEP_RUNNING_SIGNS = (
    Text("ウォームアップで痛みが軽減する", "The pain eases after warming up"),
    Text("鋭い痛みではなく“張り感”程度", "It is tightness, not sharp pain"),
    Text("次の日に悪化しない", "It is no worse the next day"),
)
REST_TITLE = Text("休んだ方がいい", "Better to rest")
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
NOT_MEDICAL_ADVICE = Text("この表示は診断ではありません。", "This is not medical advice.")

RUN_SHORTER_TITLE = Text("距離を減らして様子を見る", "Run shorter and see how it goes")
RUN_SHORTER_NOTE = Text(
    "（アプリの解釈）記事の題名「距離を減らして走る？休むべき？」に沿って、休むサインはないものの"
    "「走ってOK」の条件がそろわないときの目安です。",
    "(The app's reading) Following the article's title question, \"run shorter, or rest?\": "
    "no rest sign, but not every sign that running is fine.",
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
TIE_NOTE = Text(
    "同じ数だけ当てはまりました。記事でランナーに最も多いとされるハムストリングスを優先します。",
    "Tied: the hamstrings come first, the cause the article calls the most common in runners.",
)


class Advice(StrEnum):
    RUN_OK = "run_ok"
    RUN_SHORTER = "run_shorter"
    REST = "rest"

    @property
    def heading(self) -> Text:
        return {Advice.RUN_OK: KEEP_RUNNING_TITLE, Advice.RUN_SHORTER: RUN_SHORTER_TITLE,
                Advice.REST: REST_TITLE}[self]


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


@dataclass(frozen=True, slots=True)
class RunningResult:
    advice: Advice
    rest_signs: tuple[str, ...]  # the ids of the rest signs that were ticked
    unmet: tuple[str, ...]  # the running-is-fine criteria not met
    follow_up_pending: bool  # "no worse the next day" is still to be asked


MOST_COMMON_CAUSE = "hamstrings"  # the article: ランナーが最も多く該当する原因


def score_causes(checkin: CheckIn, ticked: Iterable[str]) -> CauseResult:
    """Add up the ticked signs per cause. Ties go to the hamstrings (the article's most
    common cause), then to the order of the file."""
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
    return CauseResult(best, scores, tied=len(leaders) > 1)


def running_advice(ticked: Iterable[str], worse_next_day: bool | None = None) -> RunningResult:
    """The article's criteria: any rest sign means rest; all "running is fine" signs mean
    running is fine; otherwise, the app's reading of the article's title: run shorter.

    ``worse_next_day`` is the follow-up's answer: None before it has been asked.
    """
    chosen = set(ticked)
    rest = tuple(i for i in REST_SIGN_IDS if i in chosen)
    unmet = [i for i in OK_SIGN_IDS if i not in chosen]
    if worse_next_day:
        unmet.append(NEXT_DAY_ID)
    if rest:
        return RunningResult(Advice.REST, rest, tuple(unmet), follow_up_pending=False)
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
