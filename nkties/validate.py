"""Command line: `python -m nkties.validate [DATA_DIR]` lists every problem in the data."""

from __future__ import annotations

import sys

from nkties import schema
from nkties.data import validate


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = schema.data_dir(args[0] if args else None)
    problems = validate(folder)
    for p in problems:
        print(p)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        print(f"{len(errors)} problem(s) in {folder}", file=sys.stderr)
        return 1
    warned = f", with {len(problems)} warning(s) to look at" if problems else ""
    print(f"{folder}: all {len(schema.resource_names())} datasets are valid{warned}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
