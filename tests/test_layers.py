"""The areas import in one direction only: each from the areas below it (docs/architecture.md). The order is
the import-linter contract in pyproject.toml; an import that runs back up fails here, in the normal suite."""

from pathlib import Path

from importlinter.cli import lint_imports

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def test_no_area_imports_an_area_above_it(capsys):
    exit_code = lint_imports(config_filename=str(PYPROJECT), no_cache=True, show_timings=False)

    assert exit_code == 0, capsys.readouterr().out
