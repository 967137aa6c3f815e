# The two commands of the README, and the helpers behind them.
SWIFT ?= swift
FIXTURE ?= Fixtures/harbour-strike.txt
BIN := .build/release/whosaid

.PHONY: run test deps build install clean screenshot test-spark test-browser fuzz test-sanitize format

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

## make install PREFIX=/usr/local: the binary in PREFIX/bin and its rule pack in
## PREFIX/share/whosaid/Patterns, where the binary finds it from any directory.
PREFIX ?= /usr/local
install: build
	install -d "$(PREFIX)/bin" "$(PREFIX)/share/whosaid"
	install -m 755 $(BIN) "$(PREFIX)/bin/whosaid"
	rm -rf "$(PREFIX)/share/whosaid/Patterns"
	cp -R Patterns "$(PREFIX)/share/whosaid/Patterns"
	@echo "installed $(PREFIX)/bin/whosaid and $(PREFIX)/share/whosaid/Patterns"

## make fuzz: build the libFuzzer targets with ASan and run each for FUZZ_SECONDS (default 600).
fuzz:
	scripts/fuzz.sh

## make test-sanitize: the test suite under AddressSanitizer, then ThreadSanitizer (the Swift
## backtracer off, so that a sanitizer names the fault itself).
test-sanitize: deps
	SWIFT_BACKTRACE=enable=no WHOSAID_QUICK_TESTS=1 LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan.supp \
		$(SWIFT) test --sanitize=address --scratch-path .build-asan
	SWIFT_BACKTRACE=enable=no WHOSAID_QUICK_TESTS=1 $(SWIFT) test --sanitize=thread --scratch-path .build-tsan

## make format: format the Swift sources with the toolchain's swift-format (.swift-format).
format:
	$(SWIFT) format -i -r Sources Tests Fuzz Benchmarks Package.swift

## make screenshot: render the fixture's HTML audit page to out/audit.png with headless Chromium.
screenshot:
	scripts/screenshot-html.sh

clean:
	rm -rf .build

## make test-spark: run the Spark recipe for real (PySpark, local mode) and compare with one process.
test-spark: build
	@command -v java >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null; } || { echo "Java 17 is missing. Run: sudo apt-get install -y openjdk-17-jre-headless"; exit 1; }
	@python3 -c "import pyspark" 2>/dev/null || python3 -m pip install -q pyspark
	python3 spark/test_spark.py

## make test-browser: the HTML audit page in headless Chromium through Selenium (legend, filters,
## links, print to PDF, review export); screenshots and PDFs in out/browser/. Not run by make test.
test-browser: build
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 \
		|| { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null; } \
		|| { echo "Run: sudo apt-get install -y chromium chromium-driver poppler-utils"; exit 1; }
	@python3 -c "import selenium" 2>/dev/null || python3 -m pip install -q selenium
	python3 scripts/test_browser.py
