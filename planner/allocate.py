"""Stage 3, allocate: choose the grants under the budget lines with OR-Tools CP-SAT.

Hard constraints: a grant is the case's standard amount, paid from the one line that serves its
category; no line and not the total is ever exceeded; must-fund cases are funded. Objectives, in
strict order (each solved to its best, then held while the next is improved):

1. priority first — for each priority level from the highest down, fund as many cases as the
   money allows;
2. fairness — among allocations equal on every level, raise the lowest district's share of its
   eligible households that are funded.

Why the model counts classes, not households: every constraint and objective above sees a case
only through its line, standard, priority, district and must-fund mark, so cases alike in all
five are interchangeable. The model has one integer per such class (`planner.grant_classes`)
— how many of its cases are funded — and a fixed rule then takes that many in the order of the
households table. The optimum of every objective is therefore the one a model with a boolean per
household has; only which of several alike households gets the money is settled by the table
order rather than by the solver. The class count does not grow with the households (the county
example has 90 classes at 400 households and at 100,000), so 100,000 households are solved in
milliseconds where a boolean per household took over 10 s per step and gave up. A greedy fill
was not chosen: cheapest-first per level is optimal for one level alone, but it can spend money
a lower level or the fairness step needed, and proving when it is optimal is harder than letting
CP-SAT prove it on a model this small.

Same scenario, same grants: CP-SAT runs one worker with the scenario's seed, and each step stops
on a measure of work (`WORK_LIMIT`, CP-SAT's deterministic time), not on the clock; with one
worker the search does the same steps on any machine, whereas several workers share solutions in
whatever order the load lets them. The wall-clock `time_limit` is only a safety net. A step that
ends without a proof keeps the best allocation found (at worst the previous step's, which still
satisfies everything), and the allocation says it is not proven best (`Allocation.proven_best`,
`solver_status` FEASIBLE) instead of reporting that no allocation exists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.allocation import Allocation, Grant, LineUse, Unfunded
from planner.cases import Case, Cases
from planner.grant_classes import GrantClass, Payable, classes_of, households_taken
from planner.problems import InfeasibleError
from planner.reasons import Reason, template
from planner.scenario import Budget, BudgetLine

Progress = Callable[[str], None]
PERMILLE = 1000

NO_LINE = template(
    "allocate.no_line", zh="没有资金渠道支付“{category}”", en="no budget line pays “{category}”"
)
LINE_SHORT = template(
    "allocate.line_short",
    zh="{line}余额{left}元，不足以支付标准{standard}元；"
    "已按优先级先资助优先级更高的对象（本户优先级{priority}）",
    en="{line} had {left} yuan left, less than the standard {standard} yuan; households of "
    "higher priority were funded first (this household: priority {priority})",
)
TOTAL_SHORT = template(
    "allocate.total_short",
    zh="总预算余额{left}元，不足以支付标准{standard}元",
    en="the total budget had {left} yuan left, less than the standard {standard} yuan",
)
NOT_PROVEN = template(
    "allocate.not_proven",
    zh="求解时限内未能安排，请延长时限后重试",
    en="not placed within the solver's time limit; try again with more time",
)
"""Why an eligible household gets no grant, as reasons (`planner.reasons`), kept as data in
`Unfunded.reason` and rendered in either language at the edge."""
WORK_LIMIT = 5.0
"""CP-SAT's deterministic time per step (its measure of work, roughly seconds on one core): far
more than the class model needs — the county example replicated to 100,000 households (90
classes) proves every step optimal in 0.0002 — so a step stops here only on a model of
thousands of classes, and then the same way on every machine. It is set well below the
wall-clock `time_limit` so that the work limit, not the clock, ends a hard step unless the
machine is very busy."""


def allocate(
    cases: Cases, *, time_limit: float = 10.0, progress: Progress | None = None
) -> Allocation:
    """Grants for the eligible cases; the unfunded ones with the reason money did not reach them."""
    budget = cases.scenario.budget
    payable, unpayable = _split_by_line(cases.cases, budget)
    _check_must_fund(payable, budget)
    solver = _solver(cases.scenario.campaign.seed, time_limit)
    model = _ClassModel(classes_of(payable), budget, solver)
    for level in sorted({case.priority for case, _ in payable}, reverse=True):
        if progress:
            progress(f"allocate: priority {level}")
        model.maximise_and_hold(model.funded_at_level(level))
    if progress:
        progress("allocate: fairness across districts")
    model.maximise_and_hold(model.lowest_district_share())
    funded = households_taken(model.classes, model.counts)
    return _allocation(cases, payable, unpayable, funded, proven=model.proven)


def _split_by_line(cases: Sequence[Case], budget: Budget) -> tuple[list[Payable], list[Unfunded]]:
    """Eligible cases with the line that pays them, and those that no line can pay."""
    payable, unpayable = [], []
    lines = {category: budget.line_for(category) for category in {c.category for c in cases}}
    for case in cases:
        if not case.eligible or case.standard == 0:
            continue
        line = lines[case.category]
        if line is None:
            cause = Reason.of(NO_LINE, category=case.category)
            unpayable.append(_unfunded(case, cause))
        else:
            payable.append((case, line))
    return payable, unpayable


def _check_must_fund(payable: Sequence[Payable], budget: Budget) -> None:
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
    """One worker, the scenario's seed, a work limit; the clock only as a safety net."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = WORK_LIMIT
    solver.parameters.max_time_in_seconds = time_limit
    return solver


class _ClassModel:
    """The CP-SAT model: how many cases of each class are funded, one small method per rule.

    `counts` always holds an allocation that satisfies every constraint and every objective
    held so far: none but the must-funds before the first step (`_check_must_fund` has made
    sure they fit), then the best each step found.
    """

    def __init__(self, classes: Sequence[GrantClass], budget: Budget, solver: cp_model.CpSolver):
        self.classes = classes
        self.budget = budget
        self.solver = solver
        self.model = cp_model.CpModel()
        self.funded = [
            self.model.new_int_var(
                grant_class.size if grant_class.must_fund else 0, grant_class.size, f"class{i}"
            )
            for i, grant_class in enumerate(classes)
        ]
        self.counts = [c.size if c.must_fund else 0 for c in classes]
        self.proven = True
        self._lines_never_exceeded()
        self._total_never_exceeded()

    def _lines_never_exceeded(self) -> None:
        """Hard constraint: the grants paid from a line add up to at most its amount."""
        for line in self.budget.lines:
            self.model.add(self._spent(line.id) <= line.amount)

    def _total_never_exceeded(self) -> None:
        """Hard constraint: all grants together stay within the total budget."""
        self.model.add(self._spent(None) <= self.budget.total)

    def _spent(self, line_id: str | None) -> cp_model.LinearExprT:
        """Yuan granted from one line, or from all lines when `line_id` is None."""
        paid = [i for i, c in enumerate(self.classes) if line_id in (None, c.line_id)]
        return cp_model.LinearExpr.weighted_sum(
            [self.funded[i] for i in paid], [self.classes[i].standard for i in paid]
        )

    def funded_at_level(self, level: int) -> _Objective:
        """Soft objective: the number of funded cases of one priority level."""
        members = [i for i, c in enumerate(self.classes) if c.priority == level]
        return _Objective(
            cp_model.LinearExpr.sum([self.funded[i] for i in members]),
            lambda counts: sum(counts[i] for i in members),
        )

    def lowest_district_share(self) -> _Objective:
        """Soft objective: the smallest funded share (‰) of a district's payable cases."""
        share = self.model.new_int_var(0, PERMILLE, "lowest_district_share")
        districts: dict[str, list[int]] = {}
        for i, grant_class in enumerate(self.classes):
            districts.setdefault(grant_class.district, []).append(i)
        sizes = [sum(self.classes[i].size for i in members) for members in districts.values()]
        for members, size in zip(districts.values(), sizes, strict=True):
            funded = cp_model.LinearExpr.sum([self.funded[i] for i in members])
            self.model.add(PERMILLE * funded >= size * share)

        def lowest(counts: Sequence[int]) -> int:
            return min(
                (
                    PERMILLE * sum(counts[i] for i in members) // size
                    for members, size in zip(districts.values(), sizes, strict=True)
                ),
                default=PERMILLE,
            )

        self.model.add_hint(share, lowest(self.counts))
        return _Objective(share, lowest)

    def maximise_and_hold(self, objective: _Objective) -> None:
        """Solve for the best `objective`, then keep it at least that good for later objectives.

        The search starts from `counts`; when it stops without a better allocation, `counts`
        stays and the objective is held at the value it gives there.
        """
        self.model.maximize(objective.expression)
        for var, count in zip(self.funded, self.counts, strict=True):
            self.model.add_hint(var, count)
        status = self.solver.solve(self.model)
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self.counts = [int(self.solver.value(var)) for var in self.funded]
        self.proven = self.proven and status == cp_model.OPTIMAL
        self.model.add(objective.expression >= objective.value(self.counts))


@dataclass(frozen=True)
class _Objective:
    """A soft objective as CP-SAT sees it, and its value at given class counts."""

    expression: cp_model.LinearExprT
    value: Callable[[Sequence[int]], int]


def _allocation(
    cases: Cases,
    payable: Sequence[Payable],
    unpayable: list[Unfunded],
    funded: set[str],
    *,
    proven: bool,
) -> Allocation:
    """Turn the chosen households into grants, line use, and the reasons of the unfunded."""
    budget = cases.scenario.budget
    grants = [
        Grant(household_id=case.household_id, amount=case.standard, line_id=line.id)
        for case, line in payable
        if case.household_id in funded
    ]
    spent: dict[str, list[int]] = {line.id: [] for line in budget.lines}
    for grant in grants:
        spent[grant.line_id].append(grant.amount)
    uses = [
        LineUse(
            line_id=line.id,
            name=line.name,
            budget=line.amount,
            allocated=sum(spent[line.id]),
            households=len(spent[line.id]),
        )
        for line in budget.lines
    ]
    left_by_line = {use.line_id: use.left for use in uses}
    total_left = budget.total - sum(use.allocated for use in uses)
    unfunded = list(unpayable)
    for case, line in payable:
        if case.household_id not in funded:
            cause = _why_unfunded(case, line, left_by_line[line.id], total_left)
            unfunded.append(_unfunded(case, cause))
    return Allocation(
        cases=cases,
        grants=tuple(grants),
        unfunded=tuple(unfunded),
        lines=tuple(uses),
        total_budget=budget.total,
        solver_status="OPTIMAL" if proven else "FEASIBLE",
        proven_best=proven,
    )


def _why_unfunded(case: Case, line: BudgetLine, line_left: int, total_left: int) -> Reason:
    """Which money ran short for this case, in the words an office would use."""
    if line_left < case.standard:
        return Reason.of(
            LINE_SHORT,
            line=line.name,
            left=line_left,
            standard=case.standard,
            priority=case.priority,
        )
    if total_left < case.standard:
        return Reason.of(TOTAL_SHORT, left=total_left, standard=case.standard)
    return Reason.of(NOT_PROVEN)


def _unfunded(case: Case, cause: Reason) -> Unfunded:
    return Unfunded(household_id=case.household_id, reason=cause)
