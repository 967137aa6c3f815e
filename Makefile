# The two commands of the README, and the helpers behind them.
SWIFT ?= swift
FIXTURE ?= Fixtures/harbour-strike.txt
BIN := .build/release/whosaid

.PHONY: run test deps build clean screenshot

## make run: install what is missing, build in release mode, print the fixture's quotes.
run: build
	$(BIN) extract $(FIXTURE)

## make test: install what is missing and run the whole test suite.
test: deps
	$(SWIFT) test

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build -c release --product whosaid

## make screenshot: render the fixture's HTML audit page to out/audit.png with headless Chromium.
screenshot:
	scripts/screenshot-html.sh

clean:
	rm -rf .build
