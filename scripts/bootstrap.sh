#!/usr/bin/env bash
# Installs what building and testing factmap needs, each tool only when it is missing or at
# another version than the one pinned here (a rebuild of trunk takes ~20 minutes).
#
#   scripts/bootstrap.sh           wasm32 target, trunk, wasm-bindgen-cli, npm tools (wasm-opt)
#   scripts/bootstrap.sh --browser the same, plus Debian's chromium and chromedriver for tests
#   scripts/bootstrap.sh --measure the same as --browser, plus lighthouse (npm, its own
#                                  package in scripts/lighthouse) for `make measure`
#
# Cargo tools go to cargo's own bin folder (~/.cargo/bin); npm tools stay in ./node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must match the wasm-bindgen the app links, which Cargo.lock pins.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf '\033[1mbootstrap:\033[0m %s\n' "$*"; }

version_of() { "$1" --version 2>/dev/null | head -n1 | awk '{ print $2 }' || true; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(version_of trunk)" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 20 minutes on two cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(version_of wasm-bindgen)" != "$WASM_BINDGEN_VERSION" ] || [ "$(version_of wasm-bindgen-test-runner)" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 10 minutes)"
  # Not --locked: the registry here lacks one of its locked dependencies.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# npm tools (binaryen's wasm-opt, terser and csso, playwright-core) are pinned in
# package-lock.json; reinstall only when the lock file changed since the last install.
LOCK_STAMP=node_modules/.factmap-lock.sha256
if [ ! -x node_modules/.bin/wasm-opt ] || ! sha256sum --status -c "$LOCK_STAMP" 2>/dev/null; then
  say "installing npm tools (binaryen, terser, csso, playwright-core) into node_modules"
  npm ci --no-audit --no-fund --loglevel=error
  sha256sum package-lock.json > "$LOCK_STAMP"
fi

# Lighthouse (some 200 MB) only for `make measure`: building and testing the site never needs
# it. It is a package of its own (scripts/lighthouse, its own lock file), not an optional
# dependency of the one above: npm silently skips an optional dependency whose engines the
# running Node.js does not meet, whatever --force says, and Lighthouse 13 declares Node.js
# >= 22.19 (it runs on 20, with an engine warning).
MEASURE=""
[ "${1:-}" = "--measure" ] && MEASURE=1
LIGHTHOUSE=scripts/lighthouse
if [ -n "$MEASURE" ] && { [ ! -f "$LIGHTHOUSE/node_modules/lighthouse/cli/index.js" ] || ! (cd "$LIGHTHOUSE" && sha256sum --status -c node_modules/.factmap-lock.sha256 2>/dev/null); }; then
  say "installing lighthouse into $LIGHTHOUSE/node_modules"
  (cd "$LIGHTHOUSE" && npm ci --no-audit --no-fund --loglevel=error && sha256sum package-lock.json > node_modules/.factmap-lock.sha256)
fi

if [ "${1:-}" = "--browser" ] || [ -n "$MEASURE" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing chromium and chromedriver from Debian"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi

say "tools ready: trunk $(version_of trunk), wasm-bindgen $(version_of wasm-bindgen), wasm-opt $(node_modules/.bin/wasm-opt --version | awk '{print $3}')"
