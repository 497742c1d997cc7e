#!/usr/bin/python3
"""Checks deploy/*.yaml offline (see README.md here). Prints one line per problem; exit 0 = all good,
1 = problems, 2 = cannot run (resource specification not installed)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cfncheck import check  # noqa: E402


def main(argv):
    root = Path(__file__).resolve().parents[2]
    paths = [Path(a) for a in argv[1:]] or sorted((root / "deploy").glob("*.yaml"))
    try:
        check.spec()
    except FileNotFoundError as err:
        print("check_templates: %s" % err, file=sys.stderr)
        return 2
    bad = 0
    for path in paths:
        errors = check.check_file(path)
        for e in errors:
            print("%s: %s" % (path.name, e))
        print("%s: %s" % (path.name, "ok" if not errors else "%d problem(s)" % len(errors)), file=sys.stderr)
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
