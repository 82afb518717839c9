"""The type checker's configuration (pyproject.toml [tool.mypy]): every services and selectors
module and every pure rule module is checked strictly, so a new one cannot slip out.

mypy's module globs match whole module names (`vangnet.*.services` covers every services.py
at any depth), not parts of names, so `*_services.py` and `*_selectors.py` modules are listed
by name; this test names the ones that are missing. The options are read with mypy's own
parser and resolved the way mypy resolves them for each module.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from mypy.config_parser import parse_config_file
from mypy.options import Options

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "vangnet"
RULE_MODULES = ("phases.py", "route.py", "suppression.py", "staffing.py", "forecast.py")
STRICT_FLAGS = (
    "disallow_untyped_defs",
    "disallow_incomplete_defs",
    "disallow_untyped_calls",
    "disallow_any_generics",
    "check_untyped_defs",
    "warn_return_any",
    "strict_equality",
)


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT / "src").with_suffix("").parts)


def strict_candidates() -> list[str]:
    """Every module that must be strict, found by its file name."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        name = path.name
        if name in ("services.py", "selectors.py") or name in RULE_MODULES:
            found.add(_module(path))
        elif name.endswith(("_services.py", "_selectors.py")):
            found.add(_module(path))
    return sorted(found)


@pytest.fixture(scope="module")
def options() -> Options:
    options = Options()
    parse_config_file(
        options, lambda: None, str(ROOT / "pyproject.toml"), io.StringIO(), io.StringIO()
    )
    return options


def test_the_candidates_are_found():
    modules = strict_candidates()
    assert "vangnet.networks.sessions.services" in modules
    assert "vangnet.participants.followup_selectors" in modules
    assert "vangnet.reports.suppression" in modules


def test_every_services_selectors_and_rule_module_is_strict(options):
    loose = [
        module
        for module in strict_candidates()
        if not all(getattr(options.clone_for_module(module), flag) for flag in STRICT_FLAGS)
    ]
    assert not loose, (
        "Add these modules to the strict [[tool.mypy.overrides]] in pyproject.toml "
        f"(mypy globs do not match parts of names): {loose}"
    )


def test_views_stay_lenient_to_begin_with(options):
    """The rest is checked as far as it is annotated (see docs/architecture.md, Types)."""
    assert not options.clone_for_module("vangnet.networks.views").disallow_untyped_defs
    assert options.clone_for_module("vangnet.networks.services").disallow_untyped_defs
    assert options.clone_for_module("vangnet.networks.sessions.selectors").disallow_untyped_defs
