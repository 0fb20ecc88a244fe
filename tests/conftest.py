"""Shared fixtures: a writable copy of the shipped data, and helpers to break one file."""

import functools
import os
import shutil
from pathlib import Path

import pytest

try:  # Streamlit 1.5x and later
    from streamlit.components.v2 import manifest_scanner
except ImportError:  # pragma: no cover
    manifest_scanner = None

# Every new AppTest scans every installed package's metadata for Streamlit components (0.24 s on the
# CI machine, several hundred AppTests a run). The installed packages do not change during a test
# session, so the scan is made once.
if manifest_scanner is not None and hasattr(manifest_scanner, "scan_component_manifests"):
    manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# The five seed articles live beside the project (../shared/seeds), outside the repository: a clone made
# elsewhere on this machine finds them at /work/shared/seeds, or wherever NKTIES_SEEDS points.
SEEDS = next((p for p in (Path(os.environ.get("NKTIES_SEEDS", "/nonexistent")), ROOT.parent / "shared" / "seeds",
                          Path("/work/shared/seeds")) if p.is_dir()), ROOT.parent / "shared" / "seeds")


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of the shipped data folder that a test may break."""
    dst = tmp_path / "data"
    shutil.copytree(DATA, dst)
    return dst


def edit_line(path: Path, line: int, old: str, new: str) -> None:
    """Replace text in one 1-based line of a CSV, failing loudly if it is not there."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], f"{old!r} not in line {line} of {path.name}: {lines[line - 1]!r}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
