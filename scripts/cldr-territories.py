#!/usr/bin/env python3
"""Regenerates data/territories.json: the names of ISO 3166 countries per language, from CLDR.

Usage:
    npm pack cldr-localenames-modern && tar xzf cldr-localenames-modern-*.tgz
    python3 scripts/cldr-territories.py package > data/territories.json

Only two-letter codes are kept (States, not regions), and the short, official-sounding
variant is not used: CLDR's default name is what UN documents use in most languages.
"""
import json
import sys
from pathlib import Path

LANGUAGES = ["en", "fr", "es", "ru", "ar", "zh", "de", "it", "pt", "uk", "tr", "fa", "ja", "ko", "hi"]


def main(package: Path) -> None:
    names = {}
    version = None
    for lang in LANGUAGES:
        data = json.loads((package / "main" / lang / "territories.json").read_text())["main"][lang]
        version = data["identity"]["version"]["_cldrVersion"]
        territories = data["localeDisplayNames"]["territories"]
        names[lang] = {
            code: name
            for code, name in sorted(territories.items())
            if len(code) == 2 and code.isalpha() and code not in ("EU", "EZ", "UN", "QO", "XA", "XB", "ZZ")
        }
    out = {"cldr-version": version, "names": names}
    json.dump(out, sys.stdout, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
