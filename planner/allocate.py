"""Stage 3, allocate: choose the grants under the budget lines with OR-Tools CP-SAT.

Hard constraints: a grant is the case's standard amount, paid from the one line that serves its
category; no line and not the total is ever exceeded; must-fund cases are funded. Objectives, in
strict order (each solved to its best, then held while the next is improved):

1. priority first — for each priority level from the highest down, fund as many cases as the
   money allows;
2. fairness — among allocations equal on every level, raise the lowest district's share of its
   eligible households that are funded.

The solver runs with one worker and the scenario's seed, so the same scenario gives the same
grants.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.allocation import Allocation, Grant, LineUse, Unfunded
from planner.cases import Case, Cases
from planner.problems import InfeasibleError
from planner.scenario import Budget, BudgetLine

Progress = Callable[[str], None]
PERMILLE = 1000


def allocate(
    cases: Cases, *, time_limit: float = 10.0, progress: Progress | None = None
) -> Allocation:
    """Grants for the eligible cases; the unfunded ones with the reason money did not reach them."""
    budget = cases.scenario.budget
    payable, unpayable = _split_by_line(cases.cases, budget)
    _check_must_fund(payable, budget)
    model = _GrantModel(payable, budget)
    solver = _solver(cases.scenario.campaign.seed, time_limit)
    status = "OPTIMAL"
    for level in sorted({case.priority for case, _ in payable}, reverse=True):
        if progress:
            progress(f"allocate: priority {level}")
        status = model.maximise_and_hold(model.funded_at_level(level), solver)
    if progress:
        progress("allocate: fairness across districts")
    status = model.maximise_and_hold(model.lowest_district_share(), solver)
    funded = model.funded(solver)
    return _allocation(cases, payable, unpayable, funded, status)


def _split_by_line(
    cases: Sequence[Case], budget: Budget
) -> tuple[list[tuple[Case, BudgetLine]], list[Unfunded]]:
    """Eligible cases with the line that pays them, and those that no line can pay."""
    payable, unpayable = [], []
    for case in cases:
        if not case.eligible or case.standard == 0:
            continue
        line = budget.line_for(case.category)
        if line is None:
            reason = f"没有资金渠道支付“{case.category}”"
            unpayable.append(Unfunded(household_id=case.household_id, reason=reason))
        else:
            payable.append((case, line))
    return payable, unpayable


def _check_must_fund(payable: Sequence[tuple[Case, BudgetLine]], budget: Budget) -> None:
    """Hard constraint: must-fund cases fit their lines and the total, else say which do not."""
    complaints = []
    by_line: dict[str, list[Case]] = {}
    for case, line in payable:
        if case.must_fund:
            by_line.setdefault(line.id, []).append(case)
    for line in budget.lines:
        musts = by_line.get(line.id, [])
        need = sum(case.standard for case in musts)
        if need > line.amount:
            ids = "、".join(case.household_id for case in musts)
            complaints.append(
                f"{line.name}（{line.id}）{line.amount}元，必须资助的{len(musts)}户需{need}元：{ids}"
            )
    need_total = sum(case.standard for cases in by_line.values() for case in cases)
    if need_total > budget.total:
        complaints.append(f"总预算{budget.total}元，必须资助的对象共需{need_total}元")
    if complaints:
        raise InfeasibleError("必须资助的对象超出预算：\n" + "\n".join(complaints))


def _solver(seed: int, time_limit: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = time_limit
    return solver


@dataclass
class _GrantModel:
    """The CP-SAT model: one boolean per payable case, one small method per rule."""

    payable: Sequence[tuple[Case, BudgetLine]]
    budget: Budget

    def __post_init__(self) -> None:
        self.model = cp_model.CpModel()
        self.chosen = [self.model.new_bool_var(case.household_id) for case, _ in self.payable]
        self._lines_never_exceeded()
        self._total_never_exceeded()
        self._must_fund_cases_funded()

    def _lines_never_exceeded(self) -> None:
        """Hard constraint: the grants paid from a line add up to at most its amount."""
        for line in self.budget.lines:
            spent = [
                case.standard * var
                for (case, paying), var in zip(self.payable, self.chosen, strict=True)
                if paying.id == line.id
            ]
            self.model.add(sum(spent) <= line.amount)

    def _total_never_exceeded(self) -> None:
        """Hard constraint: all grants together stay within the total budget."""
        spent = [
            case.standard * var for (case, _), var in zip(self.payable, self.chosen, strict=True)
        ]
        self.model.add(sum(spent) <= self.budget.total)

    def _must_fund_cases_funded(self) -> None:
        """Hard constraint: cases a rule or the office marks as must-fund get their grant."""
        for (case, _), var in zip(self.payable, self.chosen, strict=True):
            if case.must_fund:
                self.model.add(var == 1)

    def funded_at_level(self, level: int) -> cp_model.LinearExprT:
        """Soft objective: the number of funded cases of one priority level."""
        return sum(
            var
            for (case, _), var in zip(self.payable, self.chosen, strict=True)
            if case.priority == level
        )

    def lowest_district_share(self) -> cp_model.IntVar:
        """Soft objective: the smallest funded share (‰) of a district's payable cases."""
        share = self.model.new_int_var(0, PERMILLE, "lowest_district_share")
        districts: dict[str, list[cp_model.IntVar]] = {}
        for (case, _), var in zip(self.payable, self.chosen, strict=True):
            districts.setdefault(case.district, []).append(var)
        for members in districts.values():
            self.model.add(PERMILLE * sum(members) >= len(members) * share)
        return share

    def maximise_and_hold(self, objective: cp_model.LinearExprT, solver: cp_model.CpSolver) -> str:
        """Solve for the best `objective`, then keep it at least that good for later objectives."""
        self.model.maximize(objective)
        status = solver.solve(self.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            raise InfeasibleError(f"CP-SAT found no allocation ({solver.status_name(status)})")
        self.model.add(objective >= round(solver.objective_value))
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        for var in self.chosen:
            self.model.add_hint(var, solver.boolean_value(var))
        return str(solver.status_name(status))

    def funded(self, solver: cp_model.CpSolver) -> list[bool]:
        return [bool(solver.boolean_value(var)) for var in self.chosen]


def _allocation(
    cases: Cases,
    payable: Sequence[tuple[Case, BudgetLine]],
    unpayable: list[Unfunded],
    funded: list[bool],
    status: str,
) -> Allocation:
    """Turn the solver's choice into grants, line use, and the reasons of the unfunded."""
    budget = cases.scenario.budget
    grants = [
        Grant(household_id=case.household_id, amount=case.standard, line_id=line.id)
        for (case, line), chosen in zip(payable, funded, strict=True)
        if chosen
    ]
    uses = [
        LineUse(
            line_id=line.id,
            name=line.name,
            budget=line.amount,
            allocated=sum(g.amount for g in grants if g.line_id == line.id),
            households=sum(1 for g in grants if g.line_id == line.id),
        )
        for line in budget.lines
    ]
    left_by_line = {use.line_id: use.left for use in uses}
    total_left = budget.total - sum(g.amount for g in grants)
    unfunded = list(unpayable)
    for (case, line), chosen in zip(payable, funded, strict=True):
        if not chosen:
            reason = _why_unfunded(case, line, left_by_line[line.id], total_left)
            unfunded.append(Unfunded(household_id=case.household_id, reason=reason))
    return Allocation(
        cases=cases,
        grants=tuple(grants),
        unfunded=tuple(unfunded),
        lines=tuple(uses),
        total_budget=budget.total,
        solver_status=status,
    )


def _why_unfunded(case: Case, line: BudgetLine, line_left: int, total_left: int) -> str:
    """Which money ran short for this case, in the words an office would use."""
    if line_left < case.standard:
        return (
            f"{line.name}余额{line_left}元，不足以支付标准{case.standard}元；"
            f"已按优先级先资助优先级更高的对象（本户优先级{case.priority}）"
        )
    if total_left < case.standard:
        return f"总预算余额{total_left}元，不足以支付标准{case.standard}元"
    return "求解时限内未能安排，请延长时限后重试"
