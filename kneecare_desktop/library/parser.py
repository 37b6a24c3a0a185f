"""One routine, program, check-in or hand-off file's node tree read into the model.

Every problem found is collected with its line and column; nothing raises for bad input.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from kneecare_desktop.library.checkin_file import CHECKIN_KEYS, WHAT_CHECKIN, CheckIn, parse_checkin
from kneecare_desktop.library.node_checks import Entry, NodeChecker
from kneecare_desktop.library.overrides import Overrides, validate_overrides
from kneecare_desktop.library.records import FileKind, Handoff, LoadedFile, Origin, Reference
from kneecare_desktop.model import (
    CHANGE_POSITION_SECONDS,
    HOLD_SECONDS,
    LEAD_IN_SECONDS,
    REPS,
    REST_SECONDS,
    SCHEMA_VERSION,
    SETS,
    SWITCH_SECONDS,
    TEMPO_PHASE_SECONDS,
    ArticleDose,
    Cause,
    Caution,
    Dose,
    Exercise,
    Hold,
    Limit,
    Pacing,
    Position,
    Program,
    Reps,
    Routine,
    SetupStep,
    Side,
    SideChoice,
    SideOrder,
    Tempo,
    Text,
)
from kneecare_desktop.text import messages as M

_HEADER_KEYS = ("schema_version", "kind")
_ROUTINE_KEYS = (*_HEADER_KEYS, "id", "title", "short_title", "purpose", "benefit", "cause",
                 "position", "illustration", "setup", "hold", "reps", "dose", "caution",
                 "article_dose")
_PROGRAM_KEYS = (*_HEADER_KEYS, "id", "title", "description", "change_position", "routines")
# "hold" or "reps" (one of them, checked apart); the article's words for a dose.
_OPTIONAL_KEYS = ("hold", "reps", "article_dose")
_ROUTINE_BODY_KEYS = tuple(k for k in _ROUTINE_KEYS if k not in _HEADER_KEYS)
_PROGRAM_BODY_KEYS = tuple(k for k in _PROGRAM_KEYS if k not in _HEADER_KEYS)
_HANDOFF_KEYS = (*_HEADER_KEYS, "id", "person", "created", "program", "routines", "adjustments")
_OVERRIDE_RANGES = {"hold_seconds": HOLD_SECONDS, "sets": SETS, "reps": REPS,
                    "rest_seconds": REST_SECONDS, "switch_seconds": SWITCH_SECONDS,
                    "lead_in_seconds": LEAD_IN_SECONDS}
_OVERRIDE_ENUMS: dict[str, type[StrEnum]] = {"order": SideOrder, "sides": SideChoice,
                                             "first_side": Side, "pacing": Pacing}
_OVERRIDE_KEYS = (*_OVERRIDE_RANGES, *_OVERRIDE_ENUMS)
_ALL_KEYS = tuple(dict.fromkeys(_ROUTINE_KEYS + _PROGRAM_KEYS + CHECKIN_KEYS + _HANDOFF_KEYS))

_W = Text  # keeps the field-name table below readable
_WHAT = {
    "file": _W("ファイル", "the file"),
    "schema_version": _W("schema_version", "schema_version"),
    "kind": _W("kind", "kind"),
    "routine": _W("ケア", "the routine"),
    "program": _W("プログラム", "the program"),
    "id": _W("ID", "id"),
    "title": _W("title（名前）", "title"),
    "short_title": _W("short_title（短い名前）", "short_title"),
    "purpose": _W("purpose（目的）", "purpose"),
    "benefit": _W("benefit（効果）", "benefit"),
    "description": _W("description（説明）", "description"),
    "cause": _W("cause（原因）", "cause"),
    "cause.id": _W("原因の ID", "the cause's id"),
    "cause.name": _W("原因の名前", "the cause's name"),
    "cause.note": _W("原因の説明", "the cause's note"),
    "cause.signs": _W("原因の特徴（signs）", "the cause's signs"),
    "sign": _W("特徴", "a sign"),
    "position": _W("position（姿勢）", "position"),
    "illustration": _W("illustration（イラスト名）", "illustration"),
    "setup": _W("setup（準備の手順）", "setup"),
    "setup.step": _W("準備の手順", "a setup step"),
    "setup.text": _W("手順の文", "the step's text"),
    "hold": _W("hold（キープ）", "hold"),
    "hold.seconds": _W("キープの秒数（hold.seconds）", "hold.seconds"),
    "instruction": _W("instruction（指示）", "instruction"),
    "reps": _W("reps（回数）", "reps"),
    "reps.count": _W("回数（reps.count）", "reps.count"),
    "reps.min": _W("回数の最小（reps.min）", "reps.min"),
    "reps.max": _W("回数の最大（reps.max）", "reps.max"),
    "reps.pacing": _W("ペース（reps.pacing）", "reps.pacing"),
    "tempo": _W("tempo（テンポ）", "tempo"),
    "tempo.down": _W("下げる秒数（tempo.down）", "tempo.down"),
    "tempo.up": _W("戻す秒数（tempo.up）", "tempo.up"),
    "tempo.down_text": _W("下げるときの指示（tempo.down_text）", "tempo.down_text"),
    "tempo.up_text": _W("戻すときの指示（tempo.up_text）", "tempo.up_text"),
    "dose": _W("dose（量）", "dose"),
    "dose.sets": _W("セット数（dose.sets）", "dose.sets"),
    "dose.per_side": _W("左右別（dose.per_side）", "dose.per_side"),
    "dose.sides": _W("行う脚（dose.sides）", "dose.sides"),
    "dose.first_side": _W("最初の脚（dose.first_side）", "dose.first_side"),
    "dose.order": _W("左右の順序（dose.order）", "dose.order"),
    "dose.lead_in": _W("準備の秒数（dose.lead_in）", "dose.lead_in"),
    "dose.rest": _W("休憩の秒数（dose.rest）", "dose.rest"),
    "dose.switch": _W("入れ替えの秒数（dose.switch）", "dose.switch"),
    "caution": _W("caution（注意）", "caution"),
    "caution.article": _W("記事の注意（caution.article）", "caution.article"),
    "caution.app": _W("アプリの注意（caution.app）", "caution.app"),
    "article_dose": _W("記事の回数・時間（article_dose）", "article_dose"),
    "article_dose.text": _W("記事の言葉（article_dose.text）", "article_dose.text"),
    "article_dose.app_note": _W("アプリの補足（article_dose.app_note）", "article_dose.app_note"),
    "change_position": _W("姿勢を変える秒数（change_position）", "change_position"),
    "routines": _W("routines（ケアの一覧）", "routines"),
    "routine_ref": _W("ケアの ID", "a routine id"),
    "handoff": _W("ホームケア用のファイル", "the hand-off file"),
    "person": _W("person（利用者）", "person"),
    "created": _W("created（作成日）", "created"),
    "adjustments": _W("adjustments（調整）", "adjustments"),
}


class FileParser:
    def __init__(self, path: Path, origin: Origin, source: str = "") -> None:
        self.path = path
        self.origin = origin
        self.check = NodeChecker(path, source)
        self.kind: FileKind | None = None
        self.id: str | None = None
        self.id_position = (1, 1)
        self.references: list[Reference] = []

    def parse(self, root: Node) -> LoadedFile:
        item = self._parse_root(root)
        if not self.check.ok:
            item = None
        problems = sorted(self.check.problems, key=lambda p: (p.line, p.column))
        return LoadedFile(self.path, self.origin, self.kind, self.id, *self.id_position,
                          item, tuple(self.references), tuple(problems))

    def _parse_root(self, root: Node) -> Routine | Program | CheckIn | Handoff | None:
        c = self.check
        if not isinstance(root, MappingNode):
            c.report(root, M.EXPECTED_MAPPING.format(what=_WHAT["file"]))
            return None
        # The header decides which keys are allowed, so read it before the rest.
        version_node = _peek(root, "schema_version")
        kind_node = _peek(root, "kind")
        if version_node is not None and not self._schema_version(version_node):
            return None
        if kind_node is not None:
            self.kind = c.read_enum(kind_node, _WHAT["kind"], FileKind)
        if self.kind is None:
            c.read_mapping(root, _WHAT["file"], _ALL_KEYS, required=_HEADER_KEYS)
            return None
        allowed, what = {
            FileKind.ROUTINE: (_ROUTINE_KEYS, _WHAT["routine"]),
            FileKind.PROGRAM: (_PROGRAM_KEYS, _WHAT["program"]),
            FileKind.CHECKIN: (CHECKIN_KEYS, WHAT_CHECKIN),
            FileKind.HANDOFF: (_HANDOFF_KEYS, _WHAT["handoff"]),
        }[self.kind]
        entries = c.read_mapping(root, what, allowed,
                                 required=[k for k in allowed if k not in _OPTIONAL_KEYS])
        if entries is None:
            return None
        id_entry = entries.get("id")
        if id_entry is not None:
            self.id = c.read_id(id_entry.value, _WHAT["id"])
            mark = id_entry.value.start_mark
            self.id_position = (mark.line + 1, mark.column + 1)
        if self.kind is FileKind.ROUTINE:
            return self._routine(entries, self.id or "")
        if self.kind is FileKind.HANDOFF:
            return self._handoff(entries)
        if self.kind is FileKind.CHECKIN:
            checkin, references = parse_checkin(c, root, entries, self.id or "")
            self.references.extend(Reference(r.routine_id, r.line, r.column)
                                   for r in references)
            return checkin
        return self._program(entries, self.id or "", self.references)

    def _schema_version(self, node: Node) -> bool:
        version = self.check.read_int(node, _WHAT["schema_version"], -(2**31), 2**31)
        if version is None:
            return False
        if version > SCHEMA_VERSION:
            self.check.report(node, M.SCHEMA_TOO_NEW.format(
                found=version, known=SCHEMA_VERSION))
            return False
        if version < 1:
            self.check.report(node, M.SCHEMA_TOO_OLD.format(found=version))
            return False
        return True

    # -- shared readers ---------------------------------------------------------------
    def _text(self, entries: Mapping[str, Entry], key: str, what: str | None = None) -> Text:
        entry = entries.get(key)
        if entry is None:
            return _MISSING
        return self.check.read_text(entry.value, _WHAT[what or key]) or _MISSING

    def _int(self, entries: Mapping[str, Entry], key: str, what: str, limit: Limit,
             unit: Text = M.SECONDS) -> int:
        entry = entries.get(key)
        if entry is None:
            return 0
        value = self.check.read_int(entry.value, _WHAT[what], int(limit.low), int(limit.high),
                                    unit)
        return 0 if value is None else value

    def _section(self, entries: Mapping[str, Entry], key: str, allowed: Sequence[str],
                 required: Sequence[str] | None = None) -> dict[str, Entry]:
        entry = entries.get(key)
        if entry is None:
            return {}
        found = self.check.read_mapping(entry.value, _WHAT[key], allowed,
                                        required=allowed if required is None else required)
        return found or {}

    # -- routine ----------------------------------------------------------------------
    def _routine(self, entries: Mapping[str, Entry], routine_id: str) -> Routine | None:
        c = self.check
        exercise = self._exercise(entries)
        dose = self._dose(entries, exercise)
        cause = self._cause(entries)
        position = _MISSING_POSITION
        if "position" in entries:
            position = c.read_enum(entries["position"].value, _WHAT["position"], Position) \
                or _MISSING_POSITION
        illustration = ""
        if "illustration" in entries:
            illustration = c.read_id(entries["illustration"].value, _WHAT["illustration"]) or ""
        caution_entries = self._section(entries, "caution", ("article", "app"))
        caution = Caution(self._text(caution_entries, "article", "caution.article"),
                          self._text(caution_entries, "app", "caution.app"))
        article_dose = None
        if "article_dose" in entries:
            found = self._section(entries, "article_dose", ("text", "app_note"), ("text",))
            note = (self._text(found, "app_note", "article_dose.app_note")
                    if "app_note" in found else None)
            article_dose = ArticleDose(self._text(found, "text", "article_dose.text"), note)
        routine = Routine(
            id=routine_id,
            title=self._text(entries, "title"),
            short_title=self._text(entries, "short_title"),
            purpose=self._text(entries, "purpose"),
            benefit=self._text(entries, "benefit"),
            cause=cause,
            position=position,
            illustration=illustration,
            setup=self._setup(entries),
            exercise=exercise or Hold(1, _MISSING),
            dose=dose,
            caution=caution,
            source=self.path,
            article_dose=article_dose,
        )
        return routine if exercise is not None else None

    def _exercise(self, entries: Mapping[str, Entry]) -> Exercise | None:
        has_hold, has_reps = "hold" in entries, "reps" in entries
        if has_hold == has_reps:
            # Both or neither: point at the second one, or at the routine's first key.
            where = entries["reps"].key if has_hold else next(iter(entries.values())).key
            self.check.report(where, M.EXCLUSIVE_KEYS.format(
                what=_WHAT["routine"], first="hold", second="reps"))
            return None
        if has_hold:
            hold = self._section(entries, "hold", ("seconds", "instruction"))
            return Hold(self._int(hold, "seconds", "hold.seconds", HOLD_SECONDS),
                        self._text(hold, "instruction"))
        return self._reps(entries)

    def _reps(self, entries: Mapping[str, Entry]) -> Reps | None:
        reps = self._section(entries, "reps",
                             ("count", "min", "max", "pacing", "tempo", "instruction"))
        count = self._int(reps, "count", "reps.count", REPS, M.NO_UNIT)
        low = self._int(reps, "min", "reps.min", REPS, M.NO_UNIT)
        high = self._int(reps, "max", "reps.max", REPS, M.NO_UNIT)
        if low and high and low > high:
            self.check.report(reps["min"].value, M.MIN_ABOVE_MAX.format(low=low, high=high))
        elif count and low and high and not low <= count <= high:
            self.check.report(reps["count"].value, M.COUNT_OUTSIDE_RANGE.format(
                count=count, low=low, high=high))
        pacing = Pacing.TEMPO
        if "pacing" in reps:
            pacing = self.check.read_enum(reps["pacing"].value, _WHAT["reps.pacing"], Pacing) \
                or Pacing.TEMPO
        tempo_entries = self._section(reps, "tempo", ("down", "up", "down_text", "up_text"))
        tempo = Tempo(
            self._number(tempo_entries, "down", "tempo.down"),
            self._number(tempo_entries, "up", "tempo.up"),
            self._text(tempo_entries, "down_text", "tempo.down_text"),
            self._text(tempo_entries, "up_text", "tempo.up_text"),
        )
        return Reps(count, low, high, pacing, tempo, self._text(reps, "instruction"))

    def _number(self, entries: Mapping[str, Entry], key: str, what: str) -> float:
        entry = entries.get(key)
        if entry is None:
            return TEMPO_PHASE_SECONDS.low
        value = self.check.read_number(entry.value, _WHAT[what], TEMPO_PHASE_SECONDS.low,
                                       TEMPO_PHASE_SECONDS.high, M.SECONDS)
        return TEMPO_PHASE_SECONDS.low if value is None else value

    def _dose(self, entries: Mapping[str, Entry], exercise: Exercise | None) -> Dose:
        c = self.check
        dose = self._section(entries, "dose", ("sets", "per_side", "sides", "first_side",
                                               "order", "lead_in", "rest", "switch"),
                             required=("sets", "per_side", "lead_in", "rest"))
        per_side = False
        if "per_side" in dose:
            per_side = bool(c.read_bool(dose["per_side"].value, _WHAT["dose.per_side"]))
        sides = SideChoice.BOTH
        if "sides" in dose:
            sides = c.read_enum(dose["sides"].value, _WHAT["dose.sides"], SideChoice) \
                or SideChoice.BOTH
            if sides is not SideChoice.BOTH and not per_side:
                c.report(dose["sides"].value, M.SIDES_NEED_PER_SIDE)
        first = Side.LEFT
        if "first_side" in dose:
            first = c.read_enum(dose["first_side"].value, _WHAT["dose.first_side"], Side,
                                (Side.LEFT, Side.RIGHT)) or Side.LEFT
        order = SideOrder.ALTERNATE
        if "order" in dose:
            order = c.read_enum(dose["order"].value, _WHAT["dose.order"], SideOrder) \
                or SideOrder.ALTERNATE
        if per_side and "dose" in entries:
            for key in ("first_side", "order", "switch"):
                if key not in dose:
                    c.report(entries["dose"].value,
                             M.MISSING_KEY.format(what=_WHAT["dose"], key=key))
        return Dose(
            sets=self._int(dose, "sets", "dose.sets", SETS, M.NO_UNIT),
            per_side=per_side,
            sides=sides,
            first_side=first,
            order=order,
            lead_in_seconds=self._int(dose, "lead_in", "dose.lead_in", LEAD_IN_SECONDS),
            rest_seconds=self._int(dose, "rest", "dose.rest", REST_SECONDS),
            switch_seconds=self._int(dose, "switch", "dose.switch", SWITCH_SECONDS),
        )

    def _cause(self, entries: Mapping[str, Entry]) -> Cause:
        cause = self._section(entries, "cause", ("id", "name", "note", "signs"))
        cause_id = ""
        if "id" in cause:
            cause_id = self.check.read_id(cause["id"].value, _WHAT["cause.id"]) or ""
        signs: list[Text] = []
        if "signs" in cause:
            for node in self.check.read_list(cause["signs"].value, _WHAT["cause.signs"]) or ():
                signs.append(self.check.read_text(node, _WHAT["sign"]) or _MISSING)
        return Cause(cause_id, self._text(cause, "name", "cause.name"),
                     self._text(cause, "note", "cause.note"), tuple(signs))

    def _setup(self, entries: Mapping[str, Entry]) -> tuple[SetupStep, ...]:
        if "setup" not in entries:
            return ()
        steps: list[SetupStep] = []
        for node in self.check.read_list(entries["setup"].value, _WHAT["setup"]) or ():
            step = self.check.read_mapping(node, _WHAT["setup.step"], ("text", "illustration"),
                                           required=("text",))
            if step is None:
                continue
            illustration = None
            if "illustration" in step:
                illustration = self.check.read_id(step["illustration"].value,
                                                  _WHAT["illustration"])
            steps.append(SetupStep(self._text(step, "text", "setup.text"), illustration))
        return tuple(steps)

    # -- program ----------------------------------------------------------------------
    def _program(self, entries: Mapping[str, Entry], program_id: str,
                 references: list[Reference]) -> Program | None:
        ids: list[str] = []
        if "routines" in entries:
            for node in self.check.read_list(entries["routines"].value, _WHAT["routines"]) or ():
                routine_id = self.check.read_id(node, _WHAT["routine_ref"])
                if routine_id is not None:
                    ids.append(routine_id)
                    mark = node.start_mark
                    references.append(Reference(routine_id, mark.line + 1, mark.column + 1))
        return Program(
            id=program_id,
            title=self._text(entries, "title"),
            description=self._text(entries, "description"),
            routine_ids=tuple(ids),
            change_position_seconds=self._int(entries, "change_position", "change_position",
                                              CHANGE_POSITION_SECONDS),
            source=self.path,
        )


    # -- hand-off -----------------------------------------------------------------------
    def _handoff(self, entries: Mapping[str, Entry]) -> Handoff | None:
        c = self.check
        person = ""
        if "person" in entries:
            person = c.read_str(entries["person"].value, _WHAT["person"]) or ""
        created = ""
        if "created" in entries:
            created = c.read_str(entries["created"].value, _WHAT["created"]) or ""
        routines: list[Routine] = []
        positions: dict[str, tuple[int, int]] = {}

        def item_id(node: Node) -> str:
            """An item's id; each may be written once (routines and the program alike)."""
            found = c.read_id(node, _WHAT["id"]) or ""
            mark = node.start_mark
            if found in positions:
                c.report(node, M.ID_TWICE_IN_FILE.format(id=found, line=positions[found][0]))
            elif found:
                positions[found] = (mark.line + 1, mark.column + 1)
            return found

        if "routines" in entries:
            for node in c.read_list(entries["routines"].value, _WHAT["routines"]) or ():
                body = c.read_mapping(node, _WHAT["routine"], _ROUTINE_BODY_KEYS,
                                      required=[k for k in _ROUTINE_BODY_KEYS
                                                if k not in _OPTIONAL_KEYS])
                if body is None or "id" not in body:
                    continue
                routine_id = item_id(body["id"].value)
                routine = self._routine(body, routine_id)
                if routine is not None:
                    routines.append(routine)
        known = {r.id: r for r in routines}
        program: Program | None = None
        if "program" in entries:
            body = c.read_mapping(entries["program"].value, _WHAT["program"], _PROGRAM_BODY_KEYS,
                                  required=_PROGRAM_BODY_KEYS)
            if body is not None and "id" in body:
                local: list[Reference] = []
                program_id = item_id(body["id"].value)
                program = self._program(body, program_id, local)
                for ref, node in zip(local, c.read_list(body["routines"].value,
                                                        _WHAT["routines"]) or (), strict=False):
                    if ref.id not in known:
                        c.report(node, M.UNKNOWN_ROUTINE.format(id=ref.id, hint=Text("", "")))
        adjustments = self._adjustments(entries, known)
        if program is None:
            return None
        return Handoff(self.id or "", person, created, program, tuple(routines), adjustments,
                       self.path, positions)

    def _adjustments(self, entries: Mapping[str, Entry],
                     known: Mapping[str, Routine]) -> dict[str, Overrides]:
        c = self.check
        found: dict[str, Overrides] = {}
        if "adjustments" not in entries:
            return found
        routine_ids = c.read_mapping(entries["adjustments"].value, _WHAT["adjustments"],
                                     list(known))
        for routine_id, entry in (routine_ids or {}).items():
            fields = c.read_mapping(entry.value, _WHAT["adjustments"], _OVERRIDE_KEYS)
            if fields is None:
                continue
            values: dict[str, object] = {}
            for key, field in fields.items():
                limit = _OVERRIDE_RANGES.get(key)
                value: int | StrEnum | None
                if limit is not None:
                    value = c.read_int(field.value, Text.same(key), int(limit.low),
                                       int(limit.high))
                else:
                    value = c.read_enum(field.value, Text.same(key), _OVERRIDE_ENUMS[key])
                if value is not None:
                    values[key] = value
            overrides = Overrides.from_dict(values)
            for message in validate_overrides(known[routine_id], overrides):
                c.report(entry.value, message)
            found[routine_id] = overrides
        return found


def _peek(mapping: MappingNode, key: str) -> Node | None:
    """The value node of ``key`` (its first occurrence), without reporting anything."""
    for key_node, value_node in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            found: Node = value_node
            return found
    return None


_MISSING = Text("?", "?")
_MISSING_POSITION = Position.STANDING
