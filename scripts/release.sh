#!/usr/bin/env bash
# Builds the release archives in one command:
#   target/release-archives/thidua-<version>-windows-x86_64.zip   (thidua.exe)
#   target/release-archives/thidua-<version>-linux-x86_64.tar.gz  (thidua)
# Each holds the program (smallest build: the `dist` profile), README.md, the
# licence of the bundled fonts, and the sample clusters.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
dest=target/release-archives
rm -rf "$dest" && mkdir -p "$dest"
command -v x86_64-w64-mingw32-gcc >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc-mingw-w64-x86-64 >/dev/null
}
rustup target list --installed | grep -q x86_64-pc-windows-gnu || rustup target add x86_64-pc-windows-gnu
cargo build --profile dist
cargo build --profile dist --target x86_64-pc-windows-gnu

stage() { # name, binary
  local dir="$dest/$1"
  mkdir -p "$dir/fonts-licence"
  cp "$2" "$dir/"
  cp README.md "$dir/"
  cp assets/fonts/OFL.txt "$dir/fonts-licence/OFL.txt"
  cp -r sample-data "$dir/sample-data"
  rm -f "$dir"/sample-data/*/expected-tally.json
}
win="thidua-$version-windows-x86_64"
lin="thidua-$version-linux-x86_64"
stage "$win" target/x86_64-pc-windows-gnu/dist/thidua.exe
stage "$lin" target/dist/thidua
(cd "$dest" && python3 -m zipfile -c "$win.zip" "$win" && tar -czf "$lin.tar.gz" "$lin")
rm -rf "${dest:?}/$win" "${dest:?}/$lin"
ls -l "$dest"
