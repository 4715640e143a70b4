"""plan.json read back: validated against its model before use; no path from its text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile_files import edit, run

from planner import plan_file
from planner.plan_file import MAX_DEPTH, PlanFileError, parse_plan, read_plan_file


@pytest.fixture
def planned(tiny: Path, tmp_path: Path) -> Path:
    """OUT of the tiny scenario, planned once."""
    out = tmp_path / "out"
    result = run("plan", tiny, "--out", out, "--time-limit", "1")
    assert result.exit_code == 0, result.output
    return out


def tamper(plan: Path, change: object) -> None:
    """Rewrite plan.json through a function of its data."""
    data = json.loads(plan.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    plan.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize(
    "file",
    [
        "../../pwned.ics",
        "/tmp/pwned.ics",
        "calendars/../../pwned.ics",
        "calendars/leaders/../../../x.ics",
        "calendars/CON.ics",
        "calendars/a\x1bb.ics",
        "calendars/x.sh",
    ],
)
def test_a_tampered_calendar_path_is_refused(
    planned: Path, tiny: Path, tmp_path: Path, file: str
) -> None:
    """`plan --force` reading a plan.json whose calendar path leaves OUT: exit 2, nothing
    written anywhere, the old OUT kept."""
    plan = planned / "plan.json"

    def change(data: dict) -> None:  # type: ignore[type-arg]
        data["calendars"][0]["file"] = file

    tamper(plan, change)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = run("plan", tiny, "--out", planned, "--force", "--time-limit", "1")
    assert result.exit_code == 2, result.output
    assert "calendars.0.file" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert not Path("/tmp/pwned.ics").exists()


def test_replan_previous_is_validated_too(planned: Path, tiny: Path, tmp_path: Path) -> None:
    """`replan --previous` with a tampered calendar path: exit 2 before anything is planned."""
    plan = planned / "plan.json"

    def change(data: dict) -> None:  # type: ignore[type-arg]
        data["calendars"][1]["file"] = "../evil.ics"

    tamper(plan, change)
    out = tmp_path / "out2"
    result = run("replan", tiny, "--previous", plan, "--out", out, "--today", "2027-01-01")
    assert result.exit_code == 2, result.output
    assert "cannot read the previous plan" in result.output and not out.exists()
    assert not (tmp_path / "evil.ics").exists()


def test_plan_json_has_no_health_or_income(planned: Path, tiny: Path) -> None:
    """plan.json carries no eligibility reasons (illness, income brackets), yet `explain`
    still gives them, from the scenario."""
    text = (planned / "plan.json").read_text(encoding="utf-8")
    assert '"reasons"' not in text
    for word in ("收入", "疾病", "低保", "残疾", "医药费"):
        assert word not in text
    why = run("explain", tiny, "h01", "--plan", planned / "plan.json")
    assert why.exit_code == 0, why.output
    assert "收入" in why.output


def test_format_version_is_checked(planned: Path) -> None:
    """A plan.json of a format this songnuan does not know is refused, naming the formats."""
    plan = planned / "plan.json"

    def change(data: dict) -> None:  # type: ignore[type-arg]
        data["format_version"] = 99

    tamper(plan, change)
    with pytest.raises(PlanFileError, match="format this songnuan reads"):
        read_plan_file(plan)


def as_text_reasons(data: dict, version: int) -> None:  # type: ignore[type-arg]
    """Make a plan.json look like one of format 1 or 2, whose reasons were Chinese text."""
    data["format_version"] = version
    for left in (*data["unfunded"], *data["dropped"]):
        left["reason"] = left["reason"]["text"]


def test_format_1_is_still_read(planned: Path) -> None:
    """A plan.json of format 1 (cases with reasons, reasons as text) is read; the cases'
    reasons are ignored."""
    plan = planned / "plan.json"

    def change(data: dict) -> None:  # type: ignore[type-arg]
        as_text_reasons(data, 1)
        for case in data["cases"]:
            case["reasons"] = ["人均月收入在低保线以内"]

    tamper(plan, change)
    assert read_plan_file(plan).cases[0].household_id == "h01"


def test_format_2_text_reasons_are_read_and_shown(planned: Path, tiny: Path) -> None:
    """A plan.json of format 2 keeps unfunded and dropped reasons as Chinese text only: it is
    read, and `explain` shows those words as they were written."""
    plan = planned / "plan.json"
    data = json.loads(plan.read_text(encoding="utf-8"))
    unfunded = data["unfunded"][0]
    words = unfunded["reason"]["text"]
    tamper(plan, lambda d: as_text_reasons(d, 2))
    read = read_plan_file(plan)
    assert read.unfunded[0].reason.text == words
    why = run("explain", tiny, unfunded["household_id"], "--plan", plan)
    assert why.exit_code == 0, why.output
    assert f"资助：未获资助。{words}" in why.output


def test_a_reason_missing_its_figures_is_shown_without_a_traceback(
    planned: Path, tiny: Path
) -> None:
    """A reason of a known code whose parameters were cut out of the file: `explain` still
    answers (naming the code), in both languages, and exits 0."""
    plan = planned / "plan.json"
    data = json.loads(plan.read_text(encoding="utf-8"))
    unfunded = data["unfunded"][0]
    tamper(plan, lambda d: d["unfunded"][0]["reason"].update(params={}))
    for lang in ("zh", "en"):
        why = run("explain", tiny, unfunded["household_id"], "--plan", plan, "--lang", lang)
        assert why.exit_code == 0, why.output
        assert unfunded["reason"]["code"] in why.output and "Traceback" not in why.output


def test_a_tampered_reason_is_refused(planned: Path) -> None:
    """A reason whose code or parameters are not a reason's (a flag, a code that is not text,
    an unknown field, a parameter far too long): each a PlanFileError naming the field."""
    text = (planned / "plan.json").read_text(encoding="utf-8")
    changes = [
        lambda r: r.update(params={"left": True}),
        lambda r: r.update(code=7),
        lambda r: r.update(income=1200),
        lambda r: r.update(params={"line": "x" * 9000}),
        lambda r: r.update(params={"when": {"date": "yesterday"}}),
    ]
    for change in changes:
        data = json.loads(text)
        change(data["unfunded"][0]["reason"])
        with pytest.raises(PlanFileError, match=r"unfunded\.0\.reason"):
            parse_plan(json.dumps(data))


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    """JSON nested far deeper than plan.json is refused as too deep, never a RecursionError."""
    for depth in (MAX_DEPTH + 5, 100_000):
        with pytest.raises(PlanFileError, match="nested deeper"):
            parse_plan("[" * depth + "]" * depth)


def test_huge_numbers_and_odd_fields_are_refused(planned: Path) -> None:
    """An amount past the bound, an unknown field or a naive time: each a PlanFileError."""
    plan = planned / "plan.json"
    text = plan.read_text(encoding="utf-8")
    changes = [
        lambda d: d["grants"][0].update(amount=10**30),
        lambda d: d["grants"][0].update(bank_card="6222"),
        lambda d: d["routes"][0].update(start="2027-02-01T08:30:00"),
        lambda d: d["calendars"][0]["events"][0].update(status="TENTATIVE"),
    ]
    for change in changes:
        data = json.loads(text)
        change(data)
        with pytest.raises(PlanFileError):
            parse_plan(json.dumps(data))
    with pytest.raises(PlanFileError, match="not JSON"):
        parse_plan('{"a": ' + "9" * 5000 + "}")


def test_another_campaigns_plan_is_refused_by_replan(planned: Path, tiny: Path) -> None:
    """The same-campaign check: replan against another campaign's plan.json is exit 2."""
    edit(tiny / "scenario.yaml", lambda text: text.replace("name: 测试用小场景", "name: 别的"))
    result = run("replan", tiny, "--previous", planned / "plan.json", "--out", planned.parent / "o")
    assert result.exit_code == 2
    assert "a plan of 测试用小场景 2027, not of 别的 2027" in result.output


def test_a_plan_json_past_the_size_limit_is_refused_unread(
    planned: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan.json larger than the limit is refused by its size, naming the limit."""
    monkeypatch.setattr(plan_file, "MAX_BYTES", 1024)
    with pytest.raises(PlanFileError, match=r"the limit of a plan\.json"):
        read_plan_file(planned / "plan.json")
