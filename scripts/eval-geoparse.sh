#!/usr/bin/env bash
# Scores the geoparser on the public gold corpora (../shared/eval, or EVAL_DIR) with their
# own scorer: recognition P/R/F1 (exact and overlapping spans) and accuracy within 161 km.
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL_DIR=${EVAL_DIR:-../shared/eval}
out=target/eval
mkdir -p "$out"
cargo build --release --quiet --bin factmap
for corpus in lgl geowebnews; do
  python3 -c 'import json,sys
for line in sys.stdin:
    if line.strip():
        d = json.loads(line); print(json.dumps({"id": d["id"], "text": d["text"]}))' < "$EVAL_DIR/$corpus.jsonl" > "$out/$corpus.input.jsonl"
  target/release/factmap geoparse < "$out/$corpus.input.jsonl" > "$out/$corpus.pred.jsonl"
  echo "== $corpus"
  python3 "$EVAL_DIR/score.py" "$EVAL_DIR/$corpus.jsonl" "$out/$corpus.pred.jsonl"
done
