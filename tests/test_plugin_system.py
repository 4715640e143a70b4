"""The road plugin authors take: entry points, `songnuan plugins`, --disable-plugin, failures.

Plugins here are installed the way a unit installs one: the example package under `examples/`
with pip into a temporary folder, and small broken plugins as a folder with a module and its
`.dist-info` (the entry point); either folder is on `sys.path` for its test only.
"""

from __future__ import annotations

import csv
import importlib
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.cli import main

REPO = Path(__file__).resolve().parent.parent
TINY = REPO / "tests" / "data" / "tiny"
EXAMPLE = REPO / "examples" / "songnuan-service-years"
BUILT_INS = ("union", "city_leaders", "school", "bureau", "town")


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, list(arguments))


@contextmanager
def on_path(folder: Path, *modules: str) -> Iterator[None]:
    """`folder` importable, and its entry points visible, for the duration of a block."""
    sys.path.insert(0, str(folder))
    importlib.invalidate_caches()
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        for module in modules:
            sys.modules.pop(module, None)
        importlib.invalidate_caches()


def entry_point_plugin(folder: Path, name: str, source: str, attribute: str = "") -> Path:
    """A one-module plugin `name` installed in `folder` with its `songnuan` entry point (the
    module, or `module:attribute` when an attribute is given)."""
    module = f"test_plugin_{name}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{module}.py").write_text(source, encoding="utf-8")
    info = folder / f"{module}-0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0\n")
    target = f"{module}:{attribute}" if attribute else module
    (info / "entry_points.txt").write_text(f"[songnuan]\n{name} = {target}\n")
    return folder


def tiny_with(tmp_path: Path, *plugins: str, households: str | None = None) -> Path:
    """A copy of the tiny scenario that also names `plugins` (and other households)."""
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    yaml = folder / "scenario.yaml"
    names = ", ".join(("union", *plugins))
    text = yaml.read_text(encoding="utf-8").replace("plugins: [union]", f"plugins: [{names}]")
    yaml.write_text(text, encoding="utf-8")
    if households is not None:
        (folder / "households.csv").write_text(households, encoding="utf-8")
    return folder


def test_plugins_lists_every_built_in_with_its_hooks() -> None:
    """`songnuan plugins` names each built-in organisation plugin and the hooks it implements."""
    result = run("plugins")
    assert result.exit_code == 0, result.output
    for name in BUILT_INS:
        assert name in result.output
    assert "songnuan_check" in result.output and "songnuan_rule_options" in result.output


def test_disable_plugin_leaves_it_out_of_plugins_and_plan(tmp_path: Path) -> None:
    """--disable-plugin NAME: not listed, and without the union no category of tiny is known."""
    listed = run("plugins", "--disable-plugin", "town")
    assert listed.exit_code == 0 and "town" not in listed.output and "union" in listed.output
    out = tmp_path / "out"
    planned = run("plan", str(TINY), "--out", str(out), "--disable-plugin", "union")
    assert planned.exit_code == 2
    assert (
        "不认识的类别" in planned.output and "没有插件登记任何类别" in planned.output
    )
    assert not out.exists()


BROKEN = {
    "raises": (
        "from planner import hookimpl\n\n@hookimpl\n"
        "def songnuan_priority(household):\n    raise KeyError('职级')\n",
        "plugin 'raises', hook songnuan_priority: raised KeyError",
    ),
    "wrong_type": (
        "from planner import hookimpl\n\n@hookimpl(tryfirst=True)\n"
        "def songnuan_standard_amount(household):\n    return '500元'\n",
        "plugin 'wrong_type', hook songnuan_standard_amount: returned str, expected int",
    ),
    "bad_finding": (
        "from planner import hookimpl\n\n@hookimpl\ndef songnuan_check(cases):\n"
        "    return ['迟报']\n",
        "plugin 'bad_finding', hook songnuan_check: returned str, expected Finding",
    ),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_failing_plugin_exits_2_naming_plugin_and_hook(tmp_path: Path, name: str) -> None:
    """Raising or returning the wrong type: exit 2, plugin and hook named, nothing written."""
    source, message = BROKEN[name]
    site = entry_point_plugin(tmp_path / "site", name, source)
    out = tmp_path / "out"
    with on_path(site, f"test_plugin_{name}"):
        result = run("plan", str(tiny_with(tmp_path, name)), "--out", str(out), "--time-limit", "1")
    assert result.exit_code == 2, result.output
    assert message in result.output and "未写入任何文件" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_an_entry_point_may_name_an_object_in_its_module(tmp_path: Path) -> None:
    """`name = module:attribute` loads that object as the plugin, as `EntryPoint.load()` does:
    here an instance whose method decides every standard amount."""
    source = (
        "from planner import hookimpl\n\n"
        "class Flat:\n"
        "    @hookimpl(tryfirst=True)\n"
        "    def songnuan_standard_amount(self):\n"
        "        return 321\n\n"
        "RULES = Flat()\n"
    )
    site = entry_point_plugin(tmp_path / "site", "flat", source, attribute="RULES")
    with on_path(site, "test_plugin_flat"):
        listed = run("plugins")
        out = tmp_path / "out"
        result = run(
            "plan", str(tiny_with(tmp_path, "flat")), "--out", str(out), "--time-limit", "1"
        )
    assert "flat" in listed.output and "songnuan_standard_amount" in listed.output
    assert result.exit_code == 0, result.output
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert plan["grants"] and {grant["amount"] for grant in plan["grants"]} == {321}


@pytest.fixture(scope="module")
def service_years(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The example package pip-installed into a temporary folder (not into this environment)."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(EXAMPLE)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    with on_path(target, "songnuan_service_years"):
        yield target


def test_third_party_package_is_found_and_both_hooks_are_used(
    service_years: Path, tmp_path: Path
) -> None:
    """The example's entry point is listed; its rule excludes a worker, its form is written."""
    listed = run("plugins")
    assert "service_years" in listed.output and "songnuan_register_writers" in listed.output
    lines = (TINY / "households.csv").read_text(encoding="utf-8").splitlines()
    rows = [lines[0] + ",工龄"] + [
        line + (",0.5" if i == 0 else ",12") for i, line in enumerate(lines[1:])
    ]
    folder = tiny_with(tmp_path, "service_years", households="\n".join(rows) + "\n")
    out = tmp_path / "out"
    result = run("plan", str(folder), "--out", str(out), "--time-limit", "1")
    assert result.exit_code == 0, result.output
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    first = next(case for case in plan["cases"] if case["household_id"] == "h01")
    assert not first["eligible"] and "reasons" not in first
    why = run("explain", str(folder), "h01", "--plan", str(out / "plan.json"))
    assert why.exit_code == 0 and "工龄不足1年，本年度暂不慰问" in why.output
    with (out / "送温暖统计表.csv").open(encoding="utf-8-sig") as handle:
        table = list(csv.reader(handle))
    assert table[0] == ["单位", "名单户数", "慰问户数", "慰问金额（元）"]
    assert table[-1][0] == "合计" and int(table[-1][1]) == len(rows) - 1
