"""Beyond one machine: the parts of a split campaign routed on a Dask cluster give the plan a
local run of the same parts gives, from the library and from `plan` / `replan --cluster`; a
cluster that cannot be used is a clear Chinese error, exit 2, nothing written."""

from __future__ import annotations

import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from route.tiny import TinyCampaign

from planner.cli import main
from planner.route import Settings, route

distributed = pytest.importorskip("distributed")

TINY = Path(__file__).resolve().parent / "data" / "tiny"
FAST = ["--split", "district", "--solutions", "50", "--time-limit", "20"]
"""Cut by district, each part stopping after 50 solutions (the clock is only the safety net)."""
NOBODY = "tcp://127.0.0.1:9"
"""An address where no Dask scheduler listens."""


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    """Two worker processes of one thread each, as `dask worker --nthreads 1` starts them:
    what they are sent must pickle, as on machines of their own."""
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as started:
        yield started


@pytest.fixture(scope="module")
def districts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny scenario with the county team kept to 东镇 and the union team to 西乡, so that
    `--split district` cuts it into two parts."""
    folder = tmp_path_factory.mktemp("districts") / "tiny"
    shutil.copytree(TINY, folder)
    path = folder / "scenario.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    depot: depot\n", "    depot: depot\n    district: 东镇\n", 1)
    text = text.replace("depot: depot\n    hours", "depot: depot\n    district: 西乡\n    hours")
    assert text.count("district:") == 2
    path.write_text(text, encoding="utf-8")
    return folder


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, list(arguments))


def three_districts() -> TinyCampaign:
    """Nine households in two districts, each with a team of its own, and a roaming team."""
    campaign = TinyCampaign()
    campaign.team("east", district="东镇", max_visits=3)
    campaign.team("west", district="西镇")
    campaign.team("county")
    for k, place in enumerate("abcab"):
        campaign.home(f"e{k}", place, district="东镇", visit="must" if k == 0 else "may")
    for k, place in enumerate("bcdc"):
        campaign.home(f"w{k}", place, district="西镇")
    return campaign


def test_parts_on_a_cluster_give_the_local_plan(cluster: distributed.LocalCluster) -> None:
    """The same campaign and settings give the same plan on two local processes and on the
    cluster's two workers, each worker routing one district, then the leftover pass; the
    progress says where the parts went and each part as it comes back."""
    campaign = three_districts()
    settings = Settings(time_limit=20, solutions=50, split="district", workers=2)
    local = route(campaign.allocation(), settings)
    lines: list[str] = []
    address = cluster.scheduler_address
    on_cluster = Settings(time_limit=20, solutions=50, split="district", cluster=address)
    with distributed.Client(cluster) as client, distributed.get_task_stream(client) as tasks:
        remote = route(campaign.allocation(), on_cluster, progress=lines.append)
        workers = set(client.nthreads())
    assert remote == local
    teams = {visit.household_id: day.team_id for day in remote.routes for visit in day.visits}
    assert len(teams) == 9  # east makes 3; the leftover pass, here, gives the county team 2
    assert sorted(teams[f"e{k}"] for k in range(5)) == ["county"] * 2 + ["east"] * 3
    ran = [task for task in tasks.data if task["key"].startswith("_route_shift")]
    assert len(ran) == 2 and {task["worker"] for task in ran} == workers
    said = "\n".join(lines)
    assert f"route: 2 parts on 2 processes of the Dask cluster at {address}" in said
    assert {line.split(":")[1].strip() for line in lines if "dropped" in line} >= {"东镇", "西镇"}


def test_plan_on_a_cluster_writes_the_local_files(
    cluster: distributed.LocalCluster, districts: Path, tmp_path: Path
) -> None:
    """`plan --cluster` writes plan.json byte for byte as `plan` does here."""
    here, there = tmp_path / "here", tmp_path / "there"
    assert run("plan", str(districts), "--out", str(here), *FAST).exit_code == 0
    result = run(
        "plan", str(districts), "--out", str(there), *FAST, "--cluster", cluster.scheduler_address
    )
    assert result.exit_code == 0, result.output
    assert (there / "plan.json").read_bytes() == (here / "plan.json").read_bytes()


def test_replan_on_a_cluster_writes_the_local_files(
    cluster: distributed.LocalCluster, districts: Path, tmp_path: Path
) -> None:
    """`replan --cluster` after a cancelled team-day gives the local re-plan's plan.json and
    list of changes."""
    first = tmp_path / "first"
    assert run("plan", str(districts), "--out", str(first), *FAST).exit_code == 0
    common = ["--previous", str(first / "plan.json"), "--today", "2027-01-31"]
    common += ["--unavailable", "县领导组@2027-02-02", *FAST]
    here, there = tmp_path / "here", tmp_path / "there"
    assert run("replan", str(districts), *common, "--out", str(here)).exit_code == 0
    address = cluster.scheduler_address
    result = run("replan", str(districts), *common, "--out", str(there), "--cluster", address)
    assert result.exit_code == 0, result.output
    for name in ("plan.json", "changes.csv"):
        assert (there / name).read_bytes() == (here / name).read_bytes(), name


HELD = threading.Event()
"""Keeps the only worker of an in-process cluster busy until it is set."""


def hold_the_worker() -> bool:
    return HELD.wait(60)


def test_a_busy_cluster_does_not_keep_the_run_past_its_limit(
    districts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When no worker takes the parts (its one thread busy with other work), the run gives up
    once the time limit and `GRACE` have passed instead of waiting: exit 2, a Chinese message,
    nothing written."""
    monkeypatch.setattr("planner.route.decompose.GRACE", 0.0)
    out = tmp_path / "out"
    with (
        distributed.LocalCluster(
            n_workers=1, processes=False, threads_per_worker=1, dashboard_address=":0"
        ) as busy,
        distributed.Client(busy) as client,
    ):
        held = client.submit(hold_the_worker, pure=False)
        options = [*FAST[:4], "--time-limit", "1", "--cluster", busy.scheduler_address]
        result = run("plan", str(districts), "--out", str(out), *options)
        HELD.set()
        assert held.result()
    assert result.exit_code == 2, result.output
    assert f"Dask 集群 {busy.scheduler_address} 在 1 秒内没有交回全部结果" in result.output
    assert "Traceback" not in result.output and not out.exists()


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("scheduler", f"无法连接 Dask 调度器 {NOBODY}（1 秒内无应答）"),
        ("dask", "--cluster 需要 dask.distributed：请安装 pip install 'songnuan[cluster]'"),
    ],
)
def test_a_cluster_that_cannot_be_used_exits_2(
    districts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, missing: str, message: str
) -> None:
    """No scheduler at the address, or dask.distributed not installed here: a Chinese message
    that says what is missing, no traceback, nothing written."""
    monkeypatch.setattr("planner.cluster.CONNECT_TIMEOUT", 1.0)
    if missing == "dask":
        monkeypatch.setitem(sys.modules, "distributed", None)
    out = tmp_path / "out"
    result = run("plan", str(districts), "--out", str(out), *FAST, "--cluster", NOBODY)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output and not out.exists()
