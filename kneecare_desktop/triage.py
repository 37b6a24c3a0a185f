"""The article's "keep running or rest" criteria, as data the app shows and reasons with.

The rest signs are fixed here, in the app: they are a safety net, and editing a data
file must never remove them.
"""

from __future__ import annotations

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
