#!/usr/bin/env python3
"""Regenerates data/percent.json: how each language writes a percentage, from CLDR.

Usage:
    npm pack cldr-numbers-modern@45 && tar xzf cldr-numbers-modern-*.tgz
    python3 scripts/cldr-percent.py package > data/percent.json

For every locale of the package: the standard percent pattern with Western digits
(`percentFormats-numberSystem-latn`, e.g. `#,##0 %` with a no-break space in French,
`%#,##0` in Turkish) and the percent sign (`symbols-numberSystem-latn`, e.g. `%` wrapped
in left-to-right marks in Arabic). `brief` formats the number itself with ICU4X and puts
it in the pattern's place.
"""
import json
import sys
from pathlib import Path


def main(package: Path) -> None:
    patterns = {}
    version = None
    for folder in sorted((package / "main").iterdir()):
        lang = folder.name
        data = json.loads((folder / "numbers.json").read_text())["main"][lang]
        version = data["identity"]["version"]["_cldrVersion"]
        numbers = data["numbers"]
        pattern = numbers["percentFormats-numberSystem-latn"]["standard"].split(";")[0]
        sign = numbers["symbols-numberSystem-latn"]["percentSign"]
        patterns[lang] = {"pattern": pattern, "sign": sign}
    out = {"cldr-version": version, "patterns": patterns}
    json.dump(out, sys.stdout, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
