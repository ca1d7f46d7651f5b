# Terbuka — the two set-up commands are `make run` and `make test`.
GO ?= go
BIN := bin/terbuka
GOFLAGS_TEST := -race -count=1

.PHONY: run build test vet bench cluster fuzz clean stop-db screenshots

## run: start the private PostgreSQL cluster, migrate, load demo data, serve on http://localhost:8080
run: build
	./$(BIN) serve --demo

## build: compile the terbuka binary into bin/
build:
	$(GO) build -o $(BIN) ./cmd/terbuka

## test: vet, then the whole suite with the race detector against one throwaway PostgreSQL cluster
test: vet
	$(GO) run ./cmd/withpg -- $(GO) test $(GOFLAGS_TEST) ./...

vet:
	$(GO) vet ./...

## bench: calendar micro-benchmarks, the HTTP load generator, and the deadline-watch benchmark
bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./internal/calendar/ ./internal/deadline/
	$(GO) run ./cmd/withpg -durable -- $(GO) run ./cmd/loadgen
	$(GO) run ./cmd/withpg -durable -- $(GO) run ./cmd/jobbench
	$(GO) run ./cmd/withpg -durable -- $(GO) run ./cmd/searchbench
	$(GO) run ./cmd/withpg -durable -- $(GO) run ./cmd/queuebench
	$(GO) run ./cmd/blobbench -mb 20,100

## cluster: on this machine, a deployment's shape — PostgreSQL primary + replica, 3 instances, 2 workers, a
## round-robin proxy, an SMTP sink — loaded through the proxy, with one instance and one worker killed (BENCHMARKS.md)
CLUSTER_ARGS ?=
cluster:
	$(GO) run ./cmd/cluster $(CLUSTER_ARGS)

## fuzz: run each fuzz test for FUZZTIME (the seed corpora also run in `make test`)
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzAddWorkingDays$$' -fuzztime=$(FUZZTIME) ./internal/calendar/
	$(GO) test -run='^$$' -fuzz='^FuzzParseCSV$$' -fuzztime=$(FUZZTIME) ./internal/registerimport/
	$(GO) test -run='^$$' -fuzz='^FuzzScan$$' -fuzztime=$(FUZZTIME) ./internal/pii/
	$(GO) test -run='^$$' -fuzz='^FuzzExtract$$' -fuzztime=$(FUZZTIME) ./internal/textextract/
	$(GO) test -run='^$$' -fuzz='^FuzzExtractPDF$$' -fuzztime=$(FUZZTIME) ./internal/textextract/
	$(GO) test -run='^$$' -fuzz='^FuzzExtractOffice$$' -fuzztime=$(FUZZTIME) ./internal/textextract/
	$(GO) test -run='^$$' -fuzz='^FuzzExtractHTML$$' -fuzztime=$(FUZZTIME) ./internal/textextract/
	$(GO) test -run='^$$' -fuzz='^FuzzExtractPlain$$' -fuzztime=$(FUZZTIME) ./internal/textextract/
	$(GO) run ./cmd/withpg -- $(GO) test -run='^$$' -fuzz='^FuzzSubmitRequestBody$$' -fuzztime=$(FUZZTIME) ./internal/web/

## screenshots: the README's pictures of the public pages on the demo office, desktop and phone, into docs/screenshots (needs Chromium)
screenshots:
	$(GO) run ./cmd/withpg -- env TERBUKA_SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -count=1 -run '^TestScreenshots$$' -v ./internal/e2e/

## stop-db: stop the private cluster if a crashed run left it up
stop-db:
	@pg_ctl=$$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)/pg_ctl; \
	if [ "$$(id -u)" = 0 ]; then runuser -u postgres -- $$pg_ctl stop -D var/postgres -m fast; else $$pg_ctl stop -D var/postgres -m fast; fi

clean:
	rm -rf bin
