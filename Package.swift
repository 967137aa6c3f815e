// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "WhoSaid",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "whosaid", targets: ["whosaid"]),
        .library(name: "WhoSaid", targets: ["WhoSaid"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/google/swift-benchmark", from: "0.1.2"),
    ],
    targets: [
        // The C library, seen only by the PCRE2 module.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        // libxml2's HTML parser, seen only by the HTMLText module.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // libcmark, the CommonMark parser, seen only by the MarkdownText module.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // The readable text of HTML articles.
        .target(name: "HTMLText", dependencies: ["CLibXML2"]),
        // The readable text of Markdown articles, offsets kept.
        .target(name: "MarkdownText", dependencies: ["CCmark"]),
        // Reading articles: files, folders, standard input, JSON Lines, HTML, Markdown.
        .target(name: "Inputs", dependencies: ["HTMLText", "MarkdownText"]),
        // Checked byte spans: the one place a range is built from computed bounds.
        .target(name: "Spans"),
        // Swift wrapper: compiled patterns, match iteration, structured errors.
        .target(name: "PCRE2", dependencies: ["CPCRE2", "Spans"]),
        // Rule packs: the YAML format, lexicons, strict loading, example checks.
        .target(name: "RulePacks", dependencies: ["PCRE2", "Spans", .product(name: "Yams", package: "Yams")]),
        // The pipeline: document, quotes, mentions, attribution, resolution.
        .target(name: "WhoSaid", dependencies: ["PCRE2", "RulePacks", "Spans"]),
        // CSV, Markdown, JSON and JSON Lines writers.
        .target(name: "Reporters", dependencies: ["WhoSaid"]),
        // Scoring against gold quotes, with the reference scorer's matching rules.
        .target(name: "Evaluation"),
        // The thin command.
        .executableTarget(
            name: "whosaid",
            dependencies: [
                "WhoSaid", "RulePacks", "Reporters", "Inputs", "Evaluation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer targets (make fuzz); without -DFUZZING they replay crash files.
        // Stage benchmarks: swift run -c release stage-benchmarks
        .executableTarget(
            name: "stage-benchmarks",
            dependencies: [
                "WhoSaid", "Reporters", "RulePacks", "PCRE2",
                .product(name: "Benchmark", package: "swift-benchmark"),
            ],
            path: "Benchmarks/StageBenchmarks"),
        .target(name: "FuzzSupport", path: "Fuzz/Support"),
        .executableTarget(
            name: "fuzz-pipeline", dependencies: ["WhoSaid", "Reporters", "RulePacks", "PCRE2", "FuzzSupport"],
            path: "Fuzz/Pipeline"),
        .executableTarget(
            name: "fuzz-rule-loader", dependencies: ["WhoSaid", "RulePacks", "FuzzSupport"],
            path: "Fuzz/RuleLoader"),
        .testTarget(name: "PCRE2Tests", dependencies: ["PCRE2"]),
        .testTarget(name: "RulePacksTests", dependencies: ["RulePacks"]),
        .testTarget(name: "WhoSaidTests", dependencies: ["WhoSaid", "RulePacks", "Spans"]),
        .testTarget(name: "ReportersTests", dependencies: ["Reporters", "WhoSaid"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation"]),
        .testTarget(name: "InputsTests", dependencies: ["Inputs", "HTMLText", "MarkdownText"]),
        .testTarget(name: "CommandTests", dependencies: ["whosaid"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
