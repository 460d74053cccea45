# dealwatch — build, test, lint. `make test` is what CI runs.
GO          ?= go
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
# Packages whose tests accept -update (they own golden files).
GOLDEN_PKGS ?= $(shell grep -l 'flag.Bool."update"' $$(find . -name '*_test.go') 2>/dev/null | xargs -r -n1 dirname | sort -u)

.PHONY: all build test bench bench-scale lint golden deps-check fuzz run man clean

all: build test

build:
	$(GO) build -o dealwatch ./cmd/dealwatch

test:
	$(GO) test -race -count=1 ./...

# Benchmarks: one core, as the targets in CONTRIBUTING.md are stated.
bench:
	$(GO) test -run='^$$' -bench=. -benchmem -cpu=1 ./...

# The real binary on generated corpora of 1k and 10k articles (add 50k
# with BENCH_SCALE="1000 10000 50000": about half an hour); prints a table
# of run, re-run, nightly and read times, peak RSS and store size.
BENCH_SCALE ?= 1000 10000
bench-scale: build
	cmd/benchcorpus/bench-scale.sh ./dealwatch $(BENCH_SCALE)

lint: deps-check
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) run $(STATICCHECK) ./...

# Rewrite golden files from the current output; review the diff before committing.
golden:
	@for p in $(GOLDEN_PKGS); do echo "== $$p"; $(GO) test -count=1 $$p -update || exit 1; done

# extract (with reconcile), sources and store must not link lingua-go or go-openai (see CONTRIBUTING.md, "Layout").
deps-check:
	@deps=$$($(GO) list -deps ./extract ./extract/figures ./extract/reconcile ./extract/rules ./sources ./store) || exit 1; \
	  bad=$$(echo "$$deps" | grep -E 'lingua-go|go-openai' || true); \
	  if [ -n "$$bad" ]; then echo "deps-check: extract/sources/store link heavy dependencies:"; echo "$$bad"; exit 1; fi; \
	  echo "deps-check: ok"

fuzz:
	$(GO) test -run='^$$' -fuzz=FuzzParse -fuzztime=60s ./extract/figures/

# The main job on the bundled corpus with the embedded default backend.
run:
	$(GO) run ./cmd/dealwatch run testdata/corpus

# Man pages of dealwatch and every command, from the CLI's own help.
man:
	$(GO) run ./cmd/dealwatch man man/

clean:
	rm -rf dealwatch dealwatch.db man/
