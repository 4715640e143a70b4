"""GB 11643 ID numbers: shape, birth date, check character, and the forms offices type them in."""

from __future__ import annotations

from intake.archives import id_number

from planner.idnumber import id_number_problem, normalise_id_number


def test_a_well_formed_number_passes() -> None:
    """A number with its right check character, and the standard's own example, pass."""
    assert id_number_problem(id_number(7)) is None
    assert id_number_problem("11010519491231002X") is None


def test_a_wrong_check_digit_is_a_problem_that_does_not_quote_the_number() -> None:
    """One mistyped digit changes the check character: reported, without the number."""
    good = id_number(7)
    wrong = good[:10] + str((int(good[10]) + 1) % 10) + good[11:]
    problem = id_number_problem(wrong)
    assert problem is not None and "check digit" in problem
    assert wrong not in problem and wrong[:6] not in problem


def test_birth_date_and_length_are_checked() -> None:
    """Characters 7-14 must be a date; the number must have 18 characters."""
    assert "birth date" in str(id_number_problem("529900198013010010"))
    assert "18 characters" in str(id_number_problem("5299001980010100"))
    assert "18 characters" in str(id_number_problem("52990019800101001A"))


def test_full_width_digits_spaces_and_lower_x_are_normalised() -> None:
    """As typed on a Chinese keyboard: full-width digits, spaces, a lower-case x."""
    assert normalise_id_number("１１０１０５ 1949 1231 002x") == "11010519491231002X"
    assert id_number_problem("１１０１０５ 1949 1231 002x") is None
