#!/usr/bin/env bash
# Cross-builds thidua for Windows, runs `thidua.exe check` under Wine and compares it
# with the Linux build, then starts the app under Wine in a virtual display and saves
# screenshots of the start screen and of the scoring grid (sample cluster).
#
#   scripts/windows-smoke.sh [OUT_DIR]        (default: target/windows-smoke)
#
# Installs what it needs from Debian (mingw-w64, wine64, xvfb, xdotool, imagemagick)
# and the x86_64-pc-windows-gnu Rust target. Debian's Wine 8 lacks
# bcryptprimitives.dll (Rust's std calls ProcessPrng from it), so a tiny stand-in that
# forwards to RtlGenRandom goes into a private Wine prefix; real Windows has the DLL.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/windows-smoke}"
mkdir -p "$out"
need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v wine >/dev/null || need+=(wine64)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v import >/dev/null || need+=(imagemagick)
if ((${#need[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
rustup target list --installed | grep -q x86_64-pc-windows-gnu || rustup target add x86_64-pc-windows-gnu
cargo build --release --target x86_64-pc-windows-gnu
cargo build --release
exe="target/x86_64-pc-windows-gnu/release/thidua.exe"

export WINEPREFIX="${WINEPREFIX:-${TMPDIR:-/tmp}/thidua-wine}" WINEDEBUG="${WINEDEBUG:--all}"
if [ ! -f "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" ]; then
  wineboot -i >/dev/null 2>&1 || true
  src=$(mktemp --suffix=.c)
  cat >"$src" <<'C'
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID, ULONG);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  while (len) { ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
    if (!SystemFunction036(data, n)) return FALSE; data += n; len -= n; }
  return TRUE;
}
C
  x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" "$src" -ladvapi32
fi

echo "== thidua.exe check (Wine) against thidua check (Linux)"
config=sample-data/ha-noi-cum-1-2024/cluster.json
wine "$exe" --lang en check "$config" 2>/dev/null | tr -d '\r' >"$out/check-windows.txt" || true
target/release/thidua --lang en check "$config" >"$out/check-linux.txt"
if diff -u "$out/check-linux.txt" "$out/check-windows.txt"; then
  echo "same summary:"; cat "$out/check-linux.txt"
else
  echo "the summaries differ" >&2; exit 1
fi

echo "== a meeting file with Vietnamese letters in its name, made by thidua.exe"
home=$(mktemp -d)
meeting="$home/hội nghị thử.thidua"
wine "$exe" new "$config" -o "$meeting" --date 2024-12-20 --place "Hội trường" 2>/dev/null | tr -d '\r'
wine "$exe" import "$meeting" sample-data/ha-noi-cum-1-2024/sheets/hoang-mai.json 2>/dev/null | tr -d '\r'
wine "$exe" verify "$meeting" 2>/dev/null | tr -d '\r' | head -1
target/release/thidua verify "$meeting" | head -1

echo "== the app under Wine"
display=:93
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
cleanup() { [ -n "${app:-}" ] && kill "$app" 2>/dev/null; wineserver -k 2>/dev/null; kill "$xvfb" 2>/dev/null; rm -rf "$home"; true; }
trap cleanup EXIT
sleep 1
export DISPLAY="$display"
shoot() { # name, then the program's arguments
  local name="$1"; shift
  wine "$exe" "$@" >"$out/$name.log" 2>&1 &
  app=$!
  sleep "${WAIT:-25}"
  import -window root "$out/$name.png"
  kill "$app" 2>/dev/null; wineserver -k 2>/dev/null || true
  sleep 2
}
shoot start
shoot grid "$meeting"
echo "screenshots: $out/start.png $out/grid.png"
