"""plan.json as one model: what the writer writes and what every reader reads back.

plan.json travels (e-mail, other systems, the next run of the campaign), so a file read back is
input like any other: it may be truncated, of another campaign, of another format, or crafted.
Every reader (`plan --force` and `--previous`, `replan --previous`, `explain --plan`) goes
through `read_plan_file`, which bounds the file's size and nesting, checks `format_version`,
and validates the whole document against this model before any of it is used; the calendar
files it names must be file names songnuan itself would make, so a tampered file can never make
songnuan write outside OUT. Every field is documented in docs/plan.md.

The file names households but carries no ID number, bank card, phone, address, income or health
fact; the rules' eligibility reasons (which name illnesses and income brackets) stay out of it:
`explain` gives them from the scenario.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    ValidationError,
    model_validator,
)

from planner.export.file_names import is_safe_stem
from planner.reasons import Lang, Reason, ReasonBook, template
from planner.scenario import TZ, Campaign

FILENAME = "plan.json"
FORMAT_VERSION = 3
"""3: reasons are `{code, params, text}`. 2 (read): reasons were Chinese text only. 1 (read):
cases also had `reasons`, which are not read."""
READABLE_VERSIONS = (1, 2, 3)

MAX_BYTES = 128 * 1024 * 1024
"""A plan.json larger than this is refused unread (a campaign of 50,000 households is ~40 MB)."""
MAX_DEPTH = 20
"""Nesting deeper than this is refused (plan.json itself nests up to 13 deep: a routing reason
of four clauses, each clause a reason inside the one before)."""
MAX_TEXT = 1_000
MAX_AMOUNT = 10**12
MAX_MINUTES = 10**9

Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Yuan = Annotated[int, Field(ge=0, le=MAX_AMOUNT)]
Minutes = Annotated[int, Field(ge=0, le=MAX_MINUTES)]
ReasonText = Annotated[str, StringConstraints(max_length=4 * MAX_TEXT)]
MAX_PARAMS = 8 * MAX_TEXT
"""The longest a reason's parameters may be, as JSON: room for an older file's words (up to
`4 * MAX_TEXT`) as its one parameter."""
WORDS = template("plan_file.words", zh="{text}", en="{text}")
"""A reason read from a plan.json of format 1 or 2, which kept only its Chinese words."""

Moment = Annotated[
    AwareDatetime,
    PlainSerializer(lambda moment: moment.astimezone(TZ).isoformat(), return_type=str),
]
"""A time with its offset, written in Asia/Shanghai: 2027-01-18T09:30:00+08:00."""


class PlanFileError(ValueError):
    """A plan.json that cannot be used; the message names what is wrong, never a value."""


def _calendar_file(path: str) -> str:
    """A calendar path as songnuan makes them: `calendars/[leaders/]<safe name>.ics`."""
    parts = path.split("/")
    folders, name = parts[:-1], parts[-1]
    if folders not in (["calendars"], ["calendars", "leaders"]) or not name.endswith(".ics"):
        raise ValueError("not a calendar file songnuan writes (calendars/NAME.ics)")
    if not is_safe_stem(name.removesuffix(".ics")):
        raise ValueError("not a file name songnuan makes")
    return path


CalendarFile = Annotated[str, AfterValidator(_calendar_file)]


class Record(BaseModel):
    """A part of plan.json: exactly the documented fields, immutable."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class CampaignRecord(Record):
    name: Text
    year: int = Field(ge=1900, le=2200)
    organisation: Text


class LineRecord(Record):
    line_id: Text
    name: Text
    budget: Yuan
    allocated: Yuan
    left: int = Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT)
    households: int = Field(ge=0)


class BudgetRecord(Record):
    total: Yuan
    allocated: Yuan
    left: int = Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT)
    lines: tuple[LineRecord, ...]


class GrantRecord(Record):
    household_id: Text
    name: Text
    unit: Text
    district: Text
    category: Text
    amount: int = Field(gt=0, le=MAX_AMOUNT)
    line_id: Text


class ReasonRecord(Record):
    """A reason as plan.json keeps it: its code and parameters (`Reason.to_data()`) for other
    programs and for `explain --lang en`, and its Chinese words for a person reading the file."""

    code: Text
    params: dict[str, Any]
    text: ReasonText

    @model_validator(mode="after")
    def _a_reason(self) -> ReasonRecord:
        """The code and parameters must read back as a `Reason`, and stay small."""
        if len(json.dumps(self.params, ensure_ascii=False)) > MAX_PARAMS:
            raise ValueError("a reason's parameters are too long")
        self.reason()
        return self

    @classmethod
    def of(cls, reason: Reason, book: ReasonBook) -> ReasonRecord:
        """The record of `reason`, its text rendered in Chinese by `book`."""
        return cls(**reason.to_data(), text=book.render(reason, "zh"))

    def reason(self) -> Reason:
        """The reason itself."""
        return Reason.from_data({"code": self.code, "params": self.params})

    def render(self, book: ReasonBook, lang: Lang) -> str:
        """The reason in `lang`; the Chinese words written with it when `book` lacks its code
        (a plugin's reason, the plugin no longer installed)."""
        return book.render(self.reason(), lang) if book.knows(self.code) else self.text


class UnfundedRecord(Record):
    household_id: Text
    name: Text
    reason: ReasonRecord


class CaseRecord(Record):
    """What the rules decided, without their reasons (which may name illness or income)."""

    household_id: Text
    name: Text
    category: Text
    eligible: bool
    priority: int = Field(ge=0, le=MAX_AMOUNT)
    standard: Yuan
    must_fund: bool
    visit: Literal["must", "may", "no"]
    tier: Text


class VisitRecord(Record):
    household_id: Text
    name: Text
    place: Text
    place_name: Text
    arrival: Moment
    departure: Moment
    travel_minutes: Minutes


class LunchRecord(Record):
    start: Moment
    end: Moment


class RouteRecord(Record):
    team_id: Text
    team_name: Text
    leader: Text
    date: dt.date
    depot: Text
    start: Moment
    end: Moment
    lunch: LunchRecord | None
    travel_minutes: Minutes
    visits: tuple[VisitRecord, ...]


class DroppedRecord(Record):
    household_id: Text
    name: Text
    must: bool
    reason: ReasonRecord


class EventRecord(Record):
    uid: Text
    sequence: int = Field(ge=0, le=10**6)
    status: Literal["CONFIRMED", "CANCELLED"]
    start: Moment
    end: Moment
    summary: Text
    fingerprint: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]


class CalendarRecord(Record):
    file: CalendarFile
    name: Text
    events: tuple[EventRecord, ...]


class TravelRecord(Record):
    """Where the minutes came from (`roads`, `osm`, `estimate`, `plugin`) and if estimated."""

    source: Text
    estimate: bool


class SolverStatus(Record):
    allocation: Text
    routing: Text


class PlanFile(Record):
    """The whole of plan.json, in the order the file writes it."""

    format_version: int
    campaign: CampaignRecord
    budget: BudgetRecord
    grants: tuple[GrantRecord, ...]
    unfunded: tuple[UnfundedRecord, ...]
    cases: tuple[CaseRecord, ...]
    travel: TravelRecord | None = None
    routes: tuple[RouteRecord, ...]
    dropped: tuple[DroppedRecord, ...]
    calendars: tuple[CalendarRecord, ...] = ()
    objective: int = Field(ge=-(2**63), le=2**63 - 1)
    solver_status: SolverStatus

    @model_validator(mode="before")
    @classmethod
    def _older_format(cls, data: Any) -> Any:
        """Format 1 wrote each case's reasons; they are not read (nor written any more).
        Formats 1 and 2 wrote unfunded and dropped reasons as Chinese text: read as `WORDS`."""
        if not isinstance(data, dict) or data.get("format_version") not in (1, 2):
            return data
        data = {**data, "unfunded": _worded(data.get("unfunded"))}
        data["dropped"] = _worded(data.get("dropped"))
        cases = data.get("cases")
        if data["format_version"] == 1 and _all_dicts(cases):
            data["cases"] = [{k: v for k, v in case.items() if k != "reasons"} for case in cases]
        return data

    def is_of(self, campaign: Campaign) -> bool:
        """Whether this is a plan of `campaign` in its year: UIDs and promises are per campaign."""
        return (self.campaign.name, self.campaign.year) == (campaign.name, campaign.year)

    def other_campaign(self, campaign: Campaign) -> str:
        """Says whose plan this is instead, for a reader that needs this campaign's."""
        return (
            f"a plan of {self.campaign.name} {self.campaign.year}, "
            f"not of {campaign.name} {campaign.year}"
        )

    def to_json(self) -> str:
        """The file's text: UTF-8 JSON, Chinese readable, two-space indent, a final newline."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def _all_dicts(items: Any) -> bool:
    return isinstance(items, list) and all(isinstance(item, dict) for item in items)


def _worded(items: Any) -> Any:
    """Records of format 1 or 2 with their text reason as a `WORDS` reason record."""
    if not _all_dicts(items):
        return items
    return [
        {**item, "reason": _words_record(item["reason"])} if "reason" in item else item
        for item in items
    ]


def _words_record(text: Any) -> Any:
    if not isinstance(text, str):
        return text
    return {"code": WORDS, "params": {"text": text}, "text": text}


def read_plan_file(path: Path) -> PlanFile:
    """The plan.json at `path`, bounded and validated; `PlanFileError` saying what is wrong."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PlanFileError(f"larger than {MAX_BYTES // 2**20} MB, the limit of a plan.json")
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise PlanFileError(f"cannot be read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise PlanFileError("not UTF-8 text") from None
    return parse_plan(text)


def parse_plan(text: str) -> PlanFile:
    """A plan.json's text as the model, or `PlanFileError`."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise PlanFileError(f"nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as error:
        raise PlanFileError(f"not JSON ({_short(error)})") from None
    if _depth(data) > MAX_DEPTH:
        raise PlanFileError(f"nested deeper than {MAX_DEPTH} levels")
    if not isinstance(data, dict):
        raise PlanFileError("not a songnuan plan.json (expected an object)")
    version = data.get("format_version")
    if type(version) is not int or version not in READABLE_VERSIONS:
        raise PlanFileError(
            f"not a plan.json format this songnuan reads ({', '.join(map(str, READABLE_VERSIONS))})"
        )
    try:
        return PlanFile.model_validate(data)
    except ValidationError as error:
        detail = error.errors()[0]
        where = ".".join(map(str, detail["loc"])) or "(top)"
        count = error.error_count()
        more = f" and {count - 1} more" if count > 1 else ""
        what = str(detail["msg"]).removeprefix("Value error, ")
        raise PlanFileError(f"not a songnuan plan.json: {where}: {what}{more}") from None


def _depth(value: object) -> int:
    """How deep JSON data nests, without recursion (a crafted file may nest very deep)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        if isinstance(item, dict):
            stack.extend((child, level + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, level + 1) for child in item)
    return deepest


def _short(error: ValueError) -> str:
    """A JSON error's position, without the text around it."""
    if isinstance(error, json.JSONDecodeError):
        return f"line {error.lineno}, column {error.colno}: {error.msg}"
    return str(error)[:120]
