#!/usr/bin/env python3
"""Regenerates data/numbers.json, data/quotes.json and data/territories.json from CLDR.

Usage (the version is that of the CLDR data ICU4X's compiled data is made from):
    for p in cldr-core cldr-numbers-full cldr-misc-full cldr-localenames-full; do
        npm pack $p@48 && mkdir -p $p && tar xzf $p-48*.tgz -C $p
    done
    python3 scripts/cldr-data.py . data

Every locale of every language with modern or moderate coverage in CLDR
(`coverageLevels.json`) is kept. A regional or script locale (`es-MX`, `zh-Hant-HK`) holds
only what differs from the locale less its last subtag (`es`, `zh-Hant`), its parents
in CLDR (`parentLocales.json`: `es-419`) applied; a locale with a script other than its
language's likely one, such as `zh-Hant` or `sr-Latn`, is whole. `brief` walks ICU4X's
fallback chain (`zh-TW` → `zh-Hant-TW` → `zh-Hant`), which holds those shorter forms.

- numbers.json: per locale, CLDR's default and native numbering systems
  (`defaultNumberingSystem`, `otherNumberingSystems.native`), and for each of those and
  `latn` the standard percent pattern (`#,##0 %`) and percent sign (`٪` in Persian
  digits). `brief` formats the digits with ICU4X and puts them in the pattern.
- quotes.json: per locale, CLDR's quotation marks (`delimiters`): open, close, and the
  alternate pair for a quotation inside a quotation.
- territories.json: per locale, the names of ISO 3166 alpha-2 countries. Only two-letter
  codes are kept (States, not regions), and CLDR's default name, not the short variant:
  the default is what UN documents use in most languages.
"""
import json
import sys
from pathlib import Path

KEPT_COVERAGE = ("modern", "moderate")
NOT_STATES = ("EU", "EZ", "UN", "QO", "XA", "XB", "ZZ")


def load(path: Path):
    return json.loads(path.read_text())


class Cldr:
    """The packages, unpacked under one folder."""

    def __init__(self, root: Path):
        self.root = root
        core = root / "cldr-core" / "package"
        self.coverage = load(core / "coverageLevels.json")["coverageLevels"]
        self.parents = load(core / "supplemental" / "parentLocales.json")["supplemental"]["parentLocales"][
            "parentLocale"
        ]
        self.likely = load(core / "supplemental" / "likelySubtags.json")["supplemental"]["likelySubtags"]
        self.version = load(core / "package.json")["version"]

    def locales(self, package: str):
        """The locales of `package` whose language CLDR covers well enough."""
        main = self.root / package / "package" / "main"
        for folder in sorted(main.iterdir()):
            if self.kept(folder.name):
                yield folder.name, folder

    def kept(self, locale: str) -> bool:
        parts = locale.split("-")
        for n in range(len(parts), 0, -1):
            level = self.coverage.get("-".join(parts[:n]))
            if level is not None:
                return level in KEPT_COVERAGE
        return False

    def parent(self, locale: str, explicit: bool = True):
        """CLDR's parent of `locale`, or None for the root; without `explicit`, the
        locale less its last subtag, but for those CLDR has inherit from the root."""
        named = self.parents.get(locale)
        if named in ("root", "und"):
            return None
        if named is not None and explicit:
            return named
        parts = locale.split("-")
        if len(parts) == 1:
            return None
        if len(parts) == 2 and len(parts[1]) == 4:
            # A script: the language's likely one inherits from it, any other from the root.
            likely = self.likely.get(parts[0], "").split("-")
            return parts[0] if parts[1] in likely else None
        return "-".join(parts[:-1])


def diffed(cldr: Cldr, tables: dict) -> dict:
    """Each locale's table as CLDR resolves it (through its parents, `es-MX` through
    `es-419`), less what its shorter form (`es`) has the same: ICU4X's fallback chain
    always holds the shorter forms, but not every parent CLDR names (`zh-Hant-MO` →
    `zh-Hant-HK`)."""
    def resolved(locale):
        merged, chain = {}, []
        while locale is not None:
            chain.append(locale)
            locale = cldr.parent(locale)
        for ancestor in reversed(chain):
            merged.update(tables.get(ancestor, {}))
        return merged

    out = {}
    for locale in tables:
        shorter = cldr.parent(locale, explicit=False)
        base = resolved(shorter) if shorter else {}
        own = {k: v for k, v in resolved(locale).items() if base.get(k) != v}
        if own:
            out[locale] = own
    return out


def numbers(cldr: Cldr) -> dict:
    tables = {}
    for locale, folder in cldr.locales("cldr-numbers-full"):
        data = load(folder / "numbers.json")["main"][locale]["numbers"]
        default = data["defaultNumberingSystem"]
        native = data.get("otherNumberingSystems", {}).get("native", default)
        table = {"default": default, "native": native}
        for system in sorted({default, native, "latn"}):
            formats = data.get(f"percentFormats-numberSystem-{system}")
            symbols = data.get(f"symbols-numberSystem-{system}")
            if formats and symbols:
                pattern = formats["standard"].split(";")[0]
                table[system] = {"pattern": pattern, "sign": symbols["percentSign"]}
        tables[locale] = table
    return tables


def quotes(cldr: Cldr) -> dict:
    tables = {}
    for locale, folder in cldr.locales("cldr-misc-full"):
        d = load(folder / "delimiters.json")["main"][locale]["delimiters"]
        tables[locale] = {
            "open": d["quotationStart"],
            "close": d["quotationEnd"],
            "alternate-open": d["alternateQuotationStart"],
            "alternate-close": d["alternateQuotationEnd"],
        }
    return tables


def territories(cldr: Cldr) -> dict:
    tables = {}
    for locale, folder in cldr.locales("cldr-localenames-full"):
        path = folder / "territories.json"
        if not path.exists():
            continue
        names = load(path)["main"][locale]["localeDisplayNames"]["territories"]
        tables[locale] = {
            code: name
            for code, name in sorted(names.items())
            if len(code) == 2 and code.isalpha() and code not in NOT_STATES
        }
    return tables


def write(path: Path, version: str, key: str, tables: dict) -> None:
    out = {"cldr-version": version, key: tables}
    text = json.dumps(out, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.write_text(text + "\n")


def main(root: Path, out: Path) -> None:
    cldr = Cldr(root)
    write(out / "numbers.json", cldr.version, "locales", diffed(cldr, numbers(cldr)))
    write(out / "quotes.json", cldr.version, "locales", diffed(cldr, quotes(cldr)))
    write(out / "territories.json", cldr.version, "names", diffed(cldr, territories(cldr)))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
