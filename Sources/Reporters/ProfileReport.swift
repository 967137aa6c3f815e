import RulePacks
import WhoSaid

/// The `--profile` table: time and matches per rule over all documents, slowest first,
/// so a slow user rule stands out; "at starts" is the time the rule takes tried only where
/// its matches start, so a rule that spends its time failing stands out too. The stages
/// of the pipeline (`stage:masking`, …) stand among them with their own time, less the
/// rules run inside them.
public enum ProfileReport {
    public static func table(_ profiles: [[String: RuleStat]]) -> String {
        var total: [String: RuleStat] = [:]
        for profile in profiles {
            for (id, stat) in profile { total[id, default: RuleStat()].merge(stat) }
        }
        let all = total.values.reduce(0) { $0 + $1.nanoseconds }
        var out = "rule                                  kind         ms      share   matches   at starts  file\n"
        for (key, stat) in total.sorted(by: { ($0.value.nanoseconds, $1.key) > ($1.value.nanoseconds, $0.key) }) {
            let ms = Double(stat.nanoseconds) / 1e6
            let share = all > 0 ? 100 * Double(stat.nanoseconds) / Double(all) : 0
            out +=
                pad(stat.id.isEmpty ? key : stat.id, 37) + " " + pad(stat.kind ?? "", 10)
                + pad(format(ms, 1), 9, left: true) + pad(format(share, 1) + "%", 10, left: true)
                + pad(String(stat.matches), 10, left: true)
                + pad(format(Double(stat.nanosecondsAtStarts) / 1e6, 1), 12, left: true) + "  " + (stat.location ?? "") + "\n"
        }
        let rules = total.values.filter { !$0.isStage }
        let inRules = rules.reduce(0) { $0 + $1.nanoseconds }
        let atStarts = rules.reduce(0) { $0 + $1.nanosecondsAtStarts }
        out += "total \(format(Double(all) / 1e6, 1)) ms over \(profiles.count) documents: "
        out += "\(format(Double(inRules) / 1e6, 1)) ms in rules (\(format(Double(atStarts) / 1e6, 1)) tried only where they match), "
        out += "\(format(Double(all - inRules) / 1e6, 1)) ms in the stages around them"
        return out
    }

    private static func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return left ? fill + s : s + fill
    }

    private static func format(_ value: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        let text = String(rounded)
        return text
    }
}
