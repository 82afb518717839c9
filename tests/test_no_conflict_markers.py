"""No merge left its conflict markers in a source, template, script or document (one did,
inside a docstring, where nothing else would notice)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXT = {".py", ".html", ".js", ".css", ".md", ".toml", ".txt", ".po", ".json", ".yml", ".cfg"}
MARKERS = ("<<<<<<< ", ">>>>>>> ", "=======\n")


def test_no_conflict_markers_in_the_tree():
    found = []
    for folder in ("src", "tests", "docs", "benchmarks", "scripts", ".ci"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in TEXT or not path.is_file() or ".venv" in path.parts:
                continue
            for number, line in enumerate(path.read_text(errors="replace").splitlines(True), 1):
                if line.startswith(MARKERS):
                    found.append(f"{path.relative_to(ROOT)}:{number}")
    for name in ("Makefile", "README.md", "pyproject.toml"):
        text = (ROOT / name).read_text()
        if any(line.startswith(MARKERS) for line in text.splitlines(True)):
            found.append(name)
    assert not found, "conflict markers: " + ", ".join(found)
