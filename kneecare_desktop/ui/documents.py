"""Paper for the clinic: a one-page home-care handout and a per-person report, as PDF.

Both are HTML laid out by QTextDocument and printed with QPdfWriter; illustrations and
charts are drawn to images first. The handout is shrunk until it fits one page.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QMarginsF, QRectF, QSize, QUrl
from PySide6.QtGui import (
    QColor,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer

from kneecare_desktop import model, safe_files
from kneecare_desktop.care import triage
from kneecare_desktop.history.records import CheckinRecord
from kneecare_desktop.history.report_data import ReportData, weekly
from kneecare_desktop.library.overrides import Overrides, effective_exercise
from kneecare_desktop.model import Lang, Program, Routine, Side, Text
from kneecare_desktop.plan.texts import adjusted_dose, article_dose
from kneecare_desktop.text import phrases as P
from kneecare_desktop.text.durations import format_duration
from kneecare_desktop.ui.illustration import recoloured, svg_source
from kneecare_desktop.ui.theme import theme_for

SOURCE = Text("出典: M.A.K.鍼灸整骨院「膝の裏が走ると痛くなる原因は“3パターン”しかない」",
              "Source: M.A.K. acupuncture and osteopathic clinic, “膝の裏が走ると痛くなる原因は"
              "“3パターン”しかない” (pain behind the knee in runners)")


def ensure_app() -> QCoreApplication:
    """Drawing text and pictures needs a QApplication (the command line has none); the
    caller keeps the one returned alive while it draws."""
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


def _illustration(name: str, width: int = 600) -> QImage:
    """The routine's drawing on white, in the light palette (paper is white)."""
    light = QPalette()
    light.setColor(QPalette.ColorRole.Window, QColor("#ffffff"))
    light.setColor(QPalette.ColorRole.WindowText, QColor("#000000"))
    image = QImage(QSize(width, width * 2 // 3), QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    source = svg_source(name)
    if source is not None:
        renderer = QSvgRenderer(QByteArray(recoloured(source, theme_for(light), Side.NONE)))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
        painter.end()
    return image


def _writer(path: Path, title: str) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("KneeCare Desktop")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(14, 12, 14, 12), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    return writer


def _document(html: str, images: Mapping[str, QImage], point_size: float) -> QTextDocument:
    document = QTextDocument()
    font = document.defaultFont()
    font.setPointSizeF(point_size)
    document.setDefaultFont(font)
    for name, image in images.items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.setHtml(html)
    return document


def _page_count(document: QTextDocument, writer: QPdfWriter) -> int:
    layout = writer.pageLayout()
    rect = layout.paintRectPoints()
    document.setPageSize(rect.size().toSizeF())
    return document.pageCount()


# --- the handout -----------------------------------------------------------------------------
def handout_html(routines: Sequence[Routine], overrides: Mapping[str, Overrides], lang: Lang,
                 title: str, person: str, day: date, image_width: int) -> str:
    def t(text: Text) -> str:
        return escape(text.get(lang))

    heading = escape(Text("ホームケア用紙", "Home care handout").get(lang))
    who = f" — {escape(person)}" if person else ""
    parts = [f"<h2 style='margin:0'>{heading}: {escape(title)}{who}</h2>",
             f"<p style='color:#555555; margin-top:2px'>{day.isoformat()}</p>",
             "<table width='100%' cellspacing='0' cellpadding='6' "
             "style='border-collapse:collapse'>"]
    for index, routine in enumerate(routines, start=1):
        ov = overrides.get(routine.id, Overrides())
        exercise = effective_exercise(routine, ov)
        steps = "".join(f"<li>{t(s.text)}</li>" for s in routine.setup)
        instruction = t(exercise.instruction)
        adjusted = adjusted_dose(routine, ov)
        adjusted_line = (f"<br><b style='color:#1864ab'>{t(adjusted)}</b>"
                         if adjusted is not None else "")
        parts.append(
            f"<tr><td width='{image_width + 8}' valign='top' style='border-top:1px solid "
            f"#bbbbbb'><img src='img:{routine.id}' width='{image_width}'></td>"
            f"<td valign='top' style='border-top:1px solid #bbbbbb'>"
            f"<b style='font-size:large'>{index}. {t(routine.title)}</b><br>"
            f"<b style='color:#1864ab'>{t(article_dose(routine))}</b>{adjusted_line}<br>"
            f"<i>{t(routine.purpose)}</i>"
            f"<ol style='margin-top:2px; margin-bottom:2px'>{steps}</ol>"
            f"{instruction}</td></tr>")
    parts.append("</table>")
    rest = "".join(f"<li>{t(s)}</li>" for s in triage.REST_SIGNS)
    ok = "".join(f"<li>{t(s)}</li>" for s in triage.KEEP_RUNNING_SIGNS)
    # Every routine's own caution from the app, each once (two routines may share one).
    app_lines = list(dict.fromkeys(t(r.caution.app) for r in routines if r.caution.app.ja))
    app_label = escape(Text("アプリからの注意", "The app adds").get(lang))
    app_items = "".join(f"<li>{line}</li>" for line in app_lines)
    parts.append(
        "<table width='100%' cellpadding='6'><tr>"
        f"<td valign='top' style='background:#fff0f0'><b>{t(model.REST_TITLE)}</b>"
        f"<ul style='margin-top:2px'>{rest}</ul></td>"
        f"<td valign='top' style='background:#f0fff0'><b>{t(model.KEEP_RUNNING_TITLE)}</b>"
        f"<ul style='margin-top:2px'>{ok}</ul></td></tr></table>"
        f"<p><b>{escape(Text('記事より', 'From the article').get(lang))}:</b> "
        f"{t(triage.ARTICLE_CAUTION)}</p>"
        f"<p style='margin-bottom:0'><b>{app_label}:</b></p>"
        f"<ul style='margin-top:2px'>{app_items}<li>{t(_without_app_label())}</li></ul>"
        f"<p style='color:#555555; font-size:small'>{t(triage.NOT_MEDICAL_ADVICE)} "
        f"{t(SOURCE)}</p>")
    return "".join(parts)


def _without_app_label() -> Text:
    """The "see a clinician" line, under a heading that already says it is the app's:
    its own "(the app's own advice)" label would say it twice."""
    line = triage.SEE_A_CLINICIAN
    return Text(line.ja.removeprefix("（アプリからの注意）"),
                line.en.removeprefix("(The app's own advice) "))


def write_handout(path: Path, target: Routine | Program, routines: Mapping[str, Routine],
                  overrides: Mapping[str, Overrides], lang: Lang, person: str,
                  day: date) -> Path:
    """A one-page PDF: shrinks the type and pictures until everything fits one page."""
    chosen = ([routines[rid] for rid in target.routine_ids] if isinstance(target, Program)
              else [target])
    images = {f"img:{r.id}": _illustration(r.illustration) for r in chosen}
    title = target.title.get(lang)
    with safe_files.atomic_path(path, safe_files.pdf_problem) as temporary:
        writer = _writer(temporary, title)
        for point_size, image_width in ((10.5, 190), (9.5, 170), (8.5, 150), (7.5, 130),
                                        (6.5, 110)):
            html = handout_html(chosen, overrides, lang, title, person, day, image_width)
            document = _document(html, images, point_size)
            if _page_count(document, writer) <= 1:
                break
        document.print_(writer)
        del writer  # closes the file before it is checked
    return path


# --- the report ------------------------------------------------------------------------------
# A chart's width on the page, in the document's points: within A4's text width (595 pt
# less 2 × 14 mm margins), so nothing is cut at the right edge.
CHART_WIDTH = 500


def _chart_image(widget_type: str, data: ReportData, lang: Lang) -> QImage:
    from kneecare_desktop.history import stats as history_stats
    from kneecare_desktop.ui.charts import PainChart, TotalsChart

    size = QSize(1000, 320)
    chart: PainChart | TotalsChart
    if widget_type == "pain":
        pain = PainChart()
        pain.title = Text("前後の痛みの強さ（0〜10）", "Pain before and after (0-10)").get(lang)
        pain.legend = (Text("前", "before").get(lang), Text("後", "after").get(lang))
        pain.set_points(history_stats.pain_points(data.sessions), lambda d: f"{d:%m/%d}")
        chart = pain
    else:
        chart = TotalsChart()
        chart.title = Text("週ごとの実施時間（分）", "Active time per week (minutes)").get(lang)
        chart.count_label = Text("回数", "sessions").get(lang)
        chart.set_totals(weekly(data), lambda d: f"{d:%m/%d}")
    chart.empty_text = Text("記録なし", "No records").get(lang)
    font = chart.font()
    font.setPixelSize(20)  # the picture is printed at about two thirds of its size
    chart.setFont(font)
    chart.resize(size)
    palette = chart.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#000000"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    chart.setPalette(palette)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    chart.render(image)
    return image


def report_html(data: ReportData, person: str, lang: Lang,
                routines: Mapping[str, Routine]) -> str:
    def label(ja: str, en: str) -> str:
        return escape(Text(ja, en).get(lang))

    outcomes = data.outcomes()
    names = {"completed": label("完了", "completed"), "stopped": label("終了", "stopped"),
             "hurt": label("痛みで終了", "stopped: it hurt"),
             "interrupted": label("中断", "interrupted")}
    rows = "".join(f"<tr><td>{names[o.value]}</td><td align='right'>{n}</td></tr>"
                   for o, n in outcomes.items())
    side_rows = []
    for count in data.side_counts():
        routine = routines.get(count.routine_id)
        title = routine.short_title.get(lang) if routine else count.routine_id
        side = (P.SIDE_NAMES[Side(count.side)].get(lang) if count.side != "none" else "—")
        side_rows.append(f"<tr><td>{escape(title)}</td><td>{escape(side)}</td>"
                         f"<td align='right'>{count.holds_done}</td>"
                         f"<td align='right'>{count.reps_done}</td>"
                         f"<td align='right'>{count.skipped}</td></tr>")
    advice_names = {a.value: a.heading.get(lang) for a in model.Advice}
    cause_names = {r.cause.id: r.cause.name.get(lang) for r in routines.values()}
    checkin_rows = "".join(_checkin_row(c, lang, advice_names, cause_names)
                           for c in data.checkins)
    notes = "".join(f"<li>{d.isoformat()}: {escape(n)}</li>" for d, n in data.notes())
    table = "border='1' cellspacing='0' cellpadding='4' style='border-collapse:collapse'"
    return (
        f"<h2>{label('レポート', 'Report')}: {escape(person)}</h2>"
        f"<p>{data.first.isoformat()} – {data.last.isoformat()}</p>"
        f"<p><b>{label('ケアをした日', 'Days with care')}:</b> {data.care_days} / "
        f"{data.days_in_range} &nbsp; <b>{label('セッション', 'Sessions')}:</b> "
        f"{len(data.sessions)} &nbsp; <b>{label('実施時間', 'Active time')}:</b> "
        f"{format_duration(data.minutes * 60)}</p>"
        f"<table {table}>{rows}</table>"
        f"<p><img src='img:weekly' width='{CHART_WIDTH}'></p>"
        f"<p><img src='img:pain' width='{CHART_WIDTH}'></p>"
        f"<h3>{label('左右ごとのキープと回数', 'Holds and reps per side')}</h3>"
        f"<table {table}><tr><th>{label('ケア', 'Care')}</th><th>{label('脚', 'Side')}</th>"
        f"<th>{label('キープ', 'Holds done')}</th><th>{label('回数', 'Reps done')}</th>"
        f"<th>{label('飛ばした', 'Skipped')}</th></tr>{''.join(side_rows)}</table>"
        f"<h3>{label('セルフチェック', 'Check-ins')}</h3>"
        f"<table {table}><tr><th>{label('日付', 'Date')}</th><th>{label('判断', 'Verdict')}</th>"
        f"<th>{label('当てはまりやすい原因', 'Cause that fits best')}</th>"
        f"<th>{label('休んだ方がいいサイン', 'Rest signs said yes to')}</th></tr>"
        f"{checkin_rows or '<tr><td>—</td></tr>'}</table>"
        f"<h3>{label('メモ', 'Notes')}</h3><ul>{notes or '<li>—</li>'}</ul>"
        f"<p style='color:#555555; font-size:small'>"
        f"{escape(triage.NOT_MEDICAL_ADVICE.get(lang))}</p>")


def _checkin_row(record: CheckinRecord, lang: Lang, advice_names: Mapping[str, str],
                 cause_names: Mapping[str, str]) -> str:
    """One check-in in the report: its verdict (or none), the cause by its name, and the
    rest signs answered yes, in words."""
    verdict = (advice_names[record.advice] if record.advice
               else Text("判断なし（未回答の質問あり）", "no verdict (questions open)").get(lang))
    if record.follow_up_of:
        verdict += Text("（翌日の確認）", " (next-day follow-up)").get(lang)
    elif record.form < 2:
        verdict += Text("（以前の形式）", " (earlier form)").get(lang)
    cause = cause_names.get(record.cause, record.cause) if record.cause else "—"
    signs = triage.rest_signs_answered(record.answers, record.ticked, record.form)
    said = "、".join if lang is Lang.JA else "; ".join
    rest = said(triage.REST_SIGN_TEXTS[s].get(lang) for s in signs) if signs else "—"
    return (f"<tr><td>{record.taken:%Y-%m-%d}</td><td>{escape(verdict)}</td>"
            f"<td>{escape(cause)}</td><td>{escape(rest)}</td></tr>")


def write_report_pdf(path: Path, data: ReportData, person: str, lang: Lang,
                     routines: Mapping[str, Routine]) -> Path:
    images = {"img:weekly": _chart_image("weekly", data, lang),
              "img:pain": _chart_image("pain", data, lang)}
    with safe_files.atomic_path(path, safe_files.pdf_problem) as temporary:
        writer = _writer(temporary, f"KneeCare report {person}")
        document = _document(report_html(data, person, lang, routines), images, 10)
        _page_count(document, writer)
        document.print_(writer)
        del writer  # closes the file before it is checked
    return path

