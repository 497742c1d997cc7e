#!/usr/bin/python3
"""Checks that no module under src/ includes a higher one: docs/ARCHITECTURE.md's "Layers" table says, per
module, which modules it may use; every `#include "MODULE/..."` in src/<module>/ must name itself or one of
those. Includes of folders that are not modules (tests/standins helpers in unit tests) are not judged.

  check_layers.py SOURCE_DIR             exit 0 when every include is allowed, 1 listing each that is not
  check_layers.py SOURCE_DIR --selftest  the checker itself: an upward include planted in memory must be caught
"""
import pathlib
import re
import sys

ROW = re.compile(r"^\|\s*`([a-z_]+)/`\s*\|.*\|\s*([^|]*)\|\s*$")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/', re.M)


def allowed_table(architecture_md):
    """{module: set of modules it may use}, in the table's order (lowest first)."""
    table = {}
    for line in architecture_md.splitlines():
        m = ROW.match(line)
        if not m:
            continue
        module, may_use = m.group(1), m.group(2)
        if "every module above" in may_use:
            uses = set(table)
        else:
            uses = {w for w in re.findall(r"`?([a-z_]+)`?", may_use) if w in table}
        table[module] = uses
    return table


def violations(source_dir, table, extra=None):
    found = []
    files = sorted(p for p in (source_dir / "src").rglob("*") if p.suffix in (".h", ".cc"))
    contents = {p: p.read_text(errors="replace") for p in files}
    if extra:
        contents.update(extra)
    for path, text in contents.items():
        module = path.relative_to(source_dir / "src").parts[0]
        if module not in table:
            continue  # src/lambda_link: C shims, not a module
        for used in INCLUDE.findall(text):
            if used == module or used not in table:
                continue
            if used not in table[module]:
                found.append("%s: includes %s/ but %s/ may use only %s (docs/ARCHITECTURE.md)" % (
                    path.relative_to(source_dir), used, module, ", ".join(sorted(table[module])) or "nothing"))
    return found


def main():
    source_dir = pathlib.Path(sys.argv[1]).resolve()
    table = allowed_table((source_dir / "docs" / "ARCHITECTURE.md").read_text())
    if len(table) < 10 or "base" not in table or "cli" not in table:
        print("check_layers: could not read the Layers table from docs/ARCHITECTURE.md (%d rows)" % len(table))
        return 1
    if "--selftest" in sys.argv[2:]:
        planted = {source_dir / "src" / "state" / "planted.h": '#include "app/pipeline.h"\n'}
        found = violations(source_dir, table, planted)
        if not any("planted.h: includes app/" in v for v in found):
            print("check_layers selftest: an upward include (state -> app) was not caught")
            return 1
        print("check_layers selftest: the planted upward include was caught")
        return 0
    found = violations(source_dir, table)
    for v in found:
        print(v)
    print("check_layers: %d modules, %d upward includes" % (len(table), len(found)))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
