#!/usr/bin/env python3
"""Regenerates fonts/NotoSansCJKsc-{Regular,Bold}.otf: Noto Sans CJK SC, subset.

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
    python3 scripts/subset-cjk.py /usr/share/fonts/opentype/noto fonts
"""
import glob
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

SC_INDEX = 2  # Noto Sans CJK SC within NotoSansCJK-*.ttc
TGSCC = Path(__file__).with_name("tgscc-8105.txt")
LANGUAGES = ("dflt", "ZHS")  # OpenType language systems kept, under every script
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


def briefings() -> set[str]:
    """Every character of the briefings' Chinese translations and of the Chinese labels."""
    chars = set()
    for path in glob.glob("briefs/*/zh*.toml") + glob.glob("templates/labels/zh*.toml"):
        chars |= set(Path(path).read_text(encoding="utf-8"))
    return chars


def printable(chars: set[str]) -> set[str]:
    return {c for c in chars if c.isprintable() or c == "\u3000"}


def required() -> set[str]:
    """The characters that must have a glyph: the script fails if the font lacks one."""
    return printable(gb2312() | tgscc() | briefings())


def wanted() -> str:
    """The required characters and the ranges kept as far as the font covers them."""
    chars = required()
    chars |= {chr(c) for c in range(0x20, 0x7F)}
    chars |= {chr(c) for c in range(0xA0, 0x100)}
    chars |= {chr(c) for c in range(0x2000, 0x2070)}  # general punctuation
    chars |= {chr(c) for c in range(0x3000, 0x3040)}  # CJK symbols and punctuation
    chars |= {chr(c) for c in range(0xFF00, 0xFFF0)}  # full-width forms
    chars.add("\u25cc")  # dotted circle: shapers draw it under a combining mark that has no base
    return "".join(sorted(printable(chars)))


def layout(font) -> tuple[list[str], list[str]]:
    """The scripts (with their kept language systems) and features to keep."""
    scripts, features = set(), set()
    for tag in ("GSUB", "GPOS"):
        table = font[tag].table
        scripts |= {record.ScriptTag for record in table.ScriptList.ScriptRecord}
        features |= {record.FeatureTag for record in table.FeatureList.FeatureRecord}
    kept_scripts = [f"{script}.{lang}" for script in sorted(scripts) for lang in LANGUAGES]
    return kept_scripts, sorted(features - DROPPED_FEATURES)


def main(source: Path, out: Path) -> None:
    text = wanted()
    for weight in ("Regular", "Bold"):
        font = TTCollection(str(source / f"NotoSansCJK-{weight}.ttc")).fonts[SC_INDEX]
        options = subset.Options()
        options.layout_scripts, options.layout_features = layout(font)
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        cmap = font.getBestCmap()
        missing = sorted(c for c in required() if ord(c) not in cmap)
        assert not missing, f"{weight}: no glyph for {''.join(missing)}"
        target = out / f"NotoSansCJKsc-{weight}.otf"
        font.recalcTimestamp = False  # keep the source's date: the same input gives the same bytes
        font.save(str(target))
        print(f"{target}: {target.stat().st_size} bytes, {len(font.getGlyphOrder())} glyphs, "
              f"{len(text)} characters")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
