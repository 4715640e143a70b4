"""GB 11643 ID numbers: shape, birth date, check character, and the forms offices type them in."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from intake.archives import id_number

from planner.cli import main
from planner.idnumber import id_number_problem, normalise_id_number
from planner.intake.starter import EXAMPLE_ID_NUMBER, write_starter


def test_a_well_formed_number_passes() -> None:
    """A number with its right check character, and the standard's own example, pass."""
    assert id_number_problem(id_number(7)) is None
    assert id_number_problem("11010519491231002X") is None


def test_a_wrong_check_digit_is_a_problem_that_does_not_quote_the_number() -> None:
    """One mistyped digit changes the check character: reported, without the number."""
    good = id_number(7)
    wrong = good[:10] + str((int(good[10]) + 1) % 10) + good[11:]
    problem = id_number_problem(wrong)
    assert problem is not None and "校验位不对" in problem
    assert wrong not in problem and wrong[:6] not in problem


def test_birth_date_and_length_are_checked() -> None:
    """Characters 7-14 must be a date; the number must have 18 characters."""
    assert "不是出生日期" in str(id_number_problem("529900198013010010"))
    assert "应为 18 位" in str(id_number_problem("5299001980010100"))
    assert "应为 18 位" in str(id_number_problem("52990019800101001A"))


def test_full_width_digits_spaces_and_lower_x_are_normalised() -> None:
    """As typed on a Chinese keyboard: full-width digits, spaces, a lower-case x."""
    assert normalise_id_number("１１０１０５ 1949 1231 002x") == "11010519491231002X"
    assert id_number_problem("１１０１０５ 1949 1231 002x") is None


def test_validate_and_plan_check_id_numbers_where_the_table_is_read(tmp_path: Path) -> None:
    """A wrong check digit in households.csv: validate and plan exit 2 at file:row:column,
    and neither prints the number."""
    write_starter(tmp_path / "c", ["union"], 2027)
    table = tmp_path / "c" / "households.csv"
    wrong = EXAMPLE_ID_NUMBER[:-1] + "1"
    table.write_text(
        table.read_text(encoding="utf-8-sig").replace(EXAMPLE_ID_NUMBER, wrong),
        encoding="utf-8-sig",
    )
    for args in (
        ["validate", str(tmp_path / "c")],
        ["plan", str(tmp_path / "c"), "--out", str(tmp_path / "o")],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2
        assert (
            "households.csv:2:身份证号: 身份证号码校验位不对，请核对"
            in result.output
        )
        assert wrong not in result.output and wrong[:14] not in result.output
