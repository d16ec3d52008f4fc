#!/usr/bin/env bash
# Builds budaya-kerja.exe for Windows (x86_64, release, stripped) on Debian and packs the
# office's zip: target/dist/budaya-kerja-windows-x64-VERSION.zip with the .exe, BACA-SAYA.txt (the
# operator part of the README's Windows section), an example budaya-kerja.toml, the Task Scheduler task,
# jalankan-laporan.bat and empty input\ and output\ folders.
#
#   deploy/windows/build.sh            # install what is missing, build, pack
#   deploy/windows/build.sh --no-zip   # build only (smoke.sh uses this)
#
# Cross route (see env.sh): Debian's rustc/cargo with -Zbuild-std and MinGW-w64; target folder
# /work/target-win (WIN_TARGET_DIR to change). A cold build takes about an hour on 2 shared
# cores (polars in release); a rebuild after a change in this crate takes a few minutes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=env.sh
source "$here/env.sh"
cd "$repo"

win_install
start=$(date +%s)
CARGO_PROFILE_RELEASE_STRIP=symbols "$WIN_CARGO" build --release "${WIN_CARGO_FLAGS[@]}" --bin budaya-kerja
exe="$CARGO_TARGET_DIR/$WIN_TARGET/release/budaya-kerja.exe"
echo "budaya-kerja.exe: $(stat -c %s "$exe") byte ($(( $(stat -c %s "$exe") / 1048576 )) MiB), $(( $(date +%s) - start )) s"
[ "${1:-}" = --no-zip ] && exit 0

# The example configuration is the embedded default, printed by a Linux build of the same
# source (the .exe needs Windows or Wine to run).
linux_cargo build --quiet --bin budaya-kerja
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
dist="${DIST_DIR:-$repo/target/dist}"   # under target/: ignored by git
mkdir -p "$dist"
zip="$dist/budaya-kerja-windows-x64-$version.zip"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp "$exe" "$stage/budaya-kerja.exe"
"$repo/target/debug/budaya-kerja" config --default > "$stage/budaya-kerja.toml"
# The operator's part of the Windows README, between its markers.
sed -n '/<!-- operator:start -->/,/<!-- operator:end -->/p' "$here/../../README.md" \
  | sed '1d;$d' > "$stage/BACA-SAYA.txt"
cp "$here/jalankan-laporan.bat" "$stage/"
cp "$here/budaya-kerja-nightly.xml" "$stage/"

python3 - "$stage" "$zip" <<'PY'
import pathlib, sys, zipfile
stage, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
crlf = lambda b: b.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for p in sorted(stage.iterdir()):
        data = p.read_bytes()
        if p.suffix in (".txt", ".bat", ".toml"):
            data = crlf(data)  # Notepad and cmd.exe read CRLF
        if p.suffix == ".xml":
            # schtasks /XML and the Task Scheduler import read UTF-16 with a BOM reliably.
            text = data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
            data = b"\xff\xfe" + crlf(text.encode("utf-8")).decode("utf-8").encode("utf-16-le")
        z.writestr(p.name, data)
    for d in ("input/", "output/"):
        info = zipfile.ZipInfo(d)
        info.external_attr = (0o40755 << 16) | 0x10  # a folder, for Unix and for Windows
        z.writestr(info, b"")
PY
echo "zip: $zip ($(stat -c %s "$zip") byte)"
python3 -m zipfile -l "$zip"
