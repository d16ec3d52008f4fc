# Sourced by build.sh, smoke.sh and .ci/run: the Windows cross toolchain on Debian.
#
# The rustup toolchain on these machines has no Windows standard library and cannot fetch one,
# so std is built from source (-Zbuild-std) with Debian's rustc/cargo (packages rustc-web,
# cargo-web, rust-web-src; 1.96) and linked with MinGW-w64. Debian installs them as
# /usr/bin/rustc and /usr/bin/cargo, beside (and shadowed on PATH by) the rustup ones, so they
# are always called by full path. RUSTC_BOOTSTRAP=1 unlocks -Zbuild-std on a stable compiler.
# Separate target folder (outside git): the Linux build in target/ is never touched.

WIN_TARGET=x86_64-pc-windows-gnu
export CARGO_TARGET_DIR="${WIN_TARGET_DIR:-/work/target-win}"
export RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
WIN_CARGO=/usr/bin/cargo
WIN_CARGO_FLAGS=(-Zbuild-std=std,panic_abort --target "$WIN_TARGET")

# cargo for the Linux build (the rustup toolchain and target/), unaffected by the above.
linux_cargo() { env -u RUSTC -u RUSTC_BOOTSTRAP -u CARGO_TARGET_DIR cargo "$@"; }

# Installs the cross toolchain (and, with "wine", Wine for the smoke test) when missing.
win_install() {
  local pkgs=(rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64)
  [ "${1:-}" = wine ] && pkgs+=(wine64)
  local missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "memasang: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # Debian's rustc must be the one at /usr/bin (the package's), not rustup's.
  "$RUSTC" --version | grep -q 'built from a source tarball' || {
    echo "GAGAL: $RUSTC bukan rustc Debian (rustc-web)" >&2; return 1; }
}
