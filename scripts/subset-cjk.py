#!/usr/bin/env python3
"""Regenerates fonts/NotoSansCJKsc-{Regular,Bold}.otf: Noto Sans CJK SC, subset.

The full collections are 20 MB a weight. The subset keeps every character of GB 2312
(the 6,763 hanzi of everyday Simplified Chinese, with its punctuation, kana and symbols),
ASCII, Latin-1, general punctuation and CJK symbols, plus every character of the
briefings' Chinese translations, with all OpenType layout features.

Usage (Debian: apt-get install fonts-noto-cjk; pip install fonttools):
    python3 scripts/subset-cjk.py /usr/share/fonts/opentype/noto fonts
"""
import glob
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

SC_INDEX = 2  # Noto Sans CJK SC within NotoSansCJK-*.ttc


def gb2312() -> set[str]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def wanted() -> str:
    chars = gb2312()
    chars |= {chr(c) for c in range(0x20, 0x7F)}
    chars |= {chr(c) for c in range(0xA0, 0x100)}
    chars |= {chr(c) for c in range(0x2000, 0x2070)}  # general punctuation
    chars |= {chr(c) for c in range(0x3000, 0x3040)}  # CJK symbols and punctuation
    chars |= {chr(c) for c in range(0xFF00, 0xFFF0)}  # full-width forms
    for path in glob.glob("briefs/*/zh*.toml") + glob.glob("templates/labels/zh*.toml"):
        chars |= set(Path(path).read_text())
    return "".join(sorted(c for c in chars if c.isprintable() or c == "\u3000"))


def main(source: Path, out: Path) -> None:
    text = wanted()
    for weight in ("Regular", "Bold"):
        font = TTCollection(str(source / f"NotoSansCJK-{weight}.ttc")).fonts[SC_INDEX]
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        target = out / f"NotoSansCJKsc-{weight}.otf"
        font.save(str(target))
        print(f"{target}: {target.stat().st_size // 1024} KiB, {len(text)} characters")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
