#!/bin/sh
# Rebuilds the Latin-only Noto Sans subsets embedded in the PDF report (src/render/pdf).
#
# Why a subset: printpdf without its `text_layout` feature embeds the whole font program,
# so the PDF carries whatever this file contains. Basic Latin, Latin-1 Supplement, Latin
# Extended-A and the usual typographic punctuation cover Indonesian names and the report's
# own text; any other character is replaced by `?` at render time.
#
# Why Noto Sans: open-licensed (SIL OFL 1.1) *without* a Reserved Font Name, so a subset
# may keep its name; clean and legible at table sizes. Source: Debian `fonts-noto-core`.
# Requires fonttools (`pip install fonttools`).
set -eu
SRC=${NOTO_DIR:-/usr/share/fonts/truetype/noto}
OUT=$(dirname "$0")
UNICODES="U+0020-007E,U+00A0-00FF,U+0100-017F,U+2010-2027,U+2030,U+2039-203A,U+20AC,U+2122,U+FFFD"
for style in Regular Bold; do
  pyftsubset "$SRC/NotoSans-$style.ttf" \
    --unicodes="$UNICODES" \
    --layout-features='' \
    --no-hinting \
    --notdef-outline \
    --name-IDs='*' \
    --name-languages='*' \
    --output-file="$OUT/NotoSans-$style.subset.ttf"
done
