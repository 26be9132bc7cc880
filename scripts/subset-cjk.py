#!/usr/bin/env python3
"""Regenerates fonts/NotoSansCJK{sc,tc}-{Regular,Bold}.otf: Noto Sans CJK SC and TC, subset.

Traditional Chinese (TC, written `tc` below): the same method, with Big5's hanzi in place
of 通用规范汉字表 and GB 2312 (levels 1 and 2, 5,401 and 7,652 hanzi, which hold the
4,808 common and 6,343 less-common characters of Taiwan's Ministry of Education, and
Big5's punctuation, bopomofo and symbols), the Traditional files (`zh-Hant`, `zh-TW`,
`zh-HK`, `zh-MO`) and the language system of Traditional Chinese ('ZHT ') in place of
'ZHS '. What is said below of SC holds for TC with these changes.

SC:

The full collections are 20 MB a weight. The subset keeps every character of
通用规范汉字表 (the Table of General Standard Chinese Characters, 2013: 8,105 hanzi,
listed in scripts/tgscc-8105.txt), every character of GB 2312 (6,763 hanzi with its
punctuation, kana and symbols), ASCII, Latin-1, general punctuation, CJK symbols and
punctuation, full-width forms, the dotted circle, and every character of the briefings'
Chinese translations and of the Chinese labels. It fails if the font lacks any character
of 通用规范汉字表, GB 2312 or the Chinese files.

Layout: the OpenType features are kept for the default language system and for
Simplified Chinese ('ZHS ') under every script, so Simplified Chinese shapes exactly as
with the full font (punctuation placement, 'locl', 'vert', 'vrt2', 'kern', 'palt',
'halt', ...). Left out, because they cannot change horizontal Simplified Chinese text:
the Japanese, Korean and Traditional Chinese language systems ('JAN ', 'KOR ', 'ZHT ',
'ZHH '), whose 'locl' forms were 6,835 of the 16,774 glyphs; and four features that no
shaper applies unasked and Chinese text does not use: 'aalt' (a menu of alternates for
design software), 'dlig' (squared ligatures such as 10月 to ㋉), 'hist' and 'ruby'.
Hinting and subroutines are kept: see fonts/README.md for the sizes measured.

Made with fontTools 4.68.0 from Debian 12's fonts-noto-cjk 1:20220127+repack1-1.
Usage, from the repository's root (its globs are relative to it):
    apt-get install fonts-noto-cjk; pip install fonttools==4.68.0
    python3 scripts/subset-cjk.py /usr/share/fonts/opentype/noto fonts [sc] [tc]
"""
import glob
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

TGSCC = Path(__file__).with_name("tgscc-8105.txt")
DROPPED_FEATURES = {"aalt", "dlig", "hist", "ruby"}


def gb2312() -> set[str]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def tgscc() -> set[str]:
    """The 8,105 characters of 通用规范汉字表."""
    lines = TGSCC.read_text(encoding="utf-8").splitlines()
    chars = [line for line in lines if line and not line.startswith("#")]
    assert len(chars) == len(set(chars)) == 8105 and all(len(c) == 1 for c in chars)
    return set(chars)


def big5() -> set[str]:
    """Big5's characters: levels 1 and 2 of hanzi (A440-C67E, C940-F9D5) and its symbols
    (A140-A3BF), of which the font lacks four (ˍ ‾ ∼ ≒)."""
    chars = set()
    for hi in range(0xA1, 0xFA):
        for lo in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            code = hi << 8 | lo
            if 0xC6A1 <= code < 0xC940:  # reserved for user-defined characters
                continue
            try:
                chars.add(bytes([hi, lo]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return chars


TRADITIONAL = ("zh-Hant", "zh-TW", "zh-HK", "zh-MO")


def is_traditional(path: str) -> bool:
    return any(Path(path).stem.startswith(tag) for tag in TRADITIONAL)


def briefings(traditional: bool) -> set[str]:
    """Every character of the briefings' Chinese translations and of the Chinese labels,
    Simplified or Traditional."""
    chars = set()
    for path in glob.glob("briefs/*/zh*.toml") + glob.glob("templates/labels/zh*.toml"):
        if is_traditional(path) == traditional:
            chars |= set(Path(path).read_text(encoding="utf-8"))
    return chars


def printable(chars: set[str]) -> set[str]:
    return {c for c in chars if c.isprintable() or c == "\u3000"}


# Per variant: the face within NotoSansCJK-*.ttc, the OpenType language system kept
# (with the default one, under every script), and the character sets it must cover.
VARIANTS = {
    "sc": (2, "ZHS", lambda: gb2312() | tgscc() | briefings(traditional=False)),
    "tc": (3, "ZHT", lambda: big5_hanzi() | briefings(traditional=True)),
}

# Characters kept as far as the font has them, beyond the required ones.
OPTIONAL = {"sc": set, "tc": lambda: big5() - big5_hanzi()}


def big5_hanzi() -> set[str]:
    return {c for c in big5() if c >= "\u3400"}


def required(variant: str) -> set[str]:
    """The characters that must have a glyph: the script fails if the font lacks one."""
    return printable(VARIANTS[variant][2]())


def wanted(variant: str) -> str:
    """The required characters and the ranges kept as far as the font covers them."""
    chars = required(variant) | OPTIONAL[variant]()
    chars |= {chr(c) for c in range(0x20, 0x7F)}
    chars |= {chr(c) for c in range(0xA0, 0x100)}
    chars |= {chr(c) for c in range(0x2000, 0x2070)}  # general punctuation
    chars |= {chr(c) for c in range(0x3000, 0x3040)}  # CJK symbols and punctuation
    chars |= {chr(c) for c in range(0xFF00, 0xFFF0)}  # full-width forms
    chars.add("\u25cc")  # dotted circle: shapers draw it under a combining mark that has no base
    return "".join(sorted(printable(chars)))


def layout(font, language: str) -> tuple[list[str], list[str]]:
    """The scripts (with their kept language systems) and features to keep."""
    scripts, features = set(), set()
    for tag in ("GSUB", "GPOS"):
        table = font[tag].table
        scripts |= {record.ScriptTag for record in table.ScriptList.ScriptRecord}
        features |= {record.FeatureTag for record in table.FeatureList.FeatureRecord}
    kept_scripts = [f"{script}.{lang}" for script in sorted(scripts) for lang in ("dflt", language)]
    return kept_scripts, sorted(features - DROPPED_FEATURES)


def main(source: Path, out: Path, variant: str) -> None:
    text = wanted(variant)
    index, language, _ = VARIANTS[variant]
    for weight in ("Regular", "Bold"):
        font = TTCollection(str(source / f"NotoSansCJK-{weight}.ttc")).fonts[index]
        options = subset.Options()
        options.layout_scripts, options.layout_features = layout(font, language)
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        cmap = font.getBestCmap()
        missing = sorted(c for c in required(variant) if ord(c) not in cmap)
        assert not missing, f"{weight}: no glyph for {''.join(missing)}"
        target = out / f"NotoSansCJK{variant}-{weight}.otf"
        font.recalcTimestamp = False  # keep the source's date: the same input gives the same bytes
        font.save(str(target))
        print(f"{target}: {target.stat().st_size} bytes, {len(font.getGlyphOrder())} glyphs, "
              f"{len(text)} characters")


if __name__ == "__main__":
    for name in sys.argv[3:] or VARIANTS:
        main(Path(sys.argv[1]), Path(sys.argv[2]), name)
