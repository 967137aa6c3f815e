import WhoSaid

/// A self-contained HTML audit page, a workspace for a fact-checker: each article with its
/// quotes highlighted in their speaker's colour and labelled with the speaker's name (so a
/// printout or a screenshot says who said what), a legend of speakers with their counts,
/// filters by speaker, type, how the speaker was found and anonymous source, links both
/// ways between a quote and its row, an index when there are several articles, print
/// styles, and a review mode: each row can be marked right or wrong and its speaker
/// corrected, and "Export corrections" downloads them as CSV. The page keeps its state in
/// the browser; no network, no external assets; every piece of article text is escaped.
public enum HTMLReporter {
    /// Background colours for speakers, in order of first appearance: twelve that differ;
    /// after the twelfth, colours come back with an outline style of their own.
    static let palette = [
        "#ffe08a", "#a8e6cf", "#ffb3ba", "#bae1ff", "#d7b8f3", "#ffd3a5", "#c8f0a0",
        "#f6c6ea", "#9fd8df", "#e2cfc4", "#fdfd96", "#c9c9ff",
    ]
    /// Outline styles that tell apart speakers who share a colour.
    static let outlines = ["none", "2px solid #555", "2px dashed #555", "2px dotted #555"]

    public static func page(_ documents: [(id: String, text: String, quotes: [Quote])]) -> String {
        var body = ""
        if documents.count > 1 {
            body += "<nav class=\"index\" aria-label=\"Articles\"><h2>Articles</h2><ol>\n"
            for (n, doc) in documents.enumerated() {
                body +=
                    "<li><a href=\"#d\(n + 1)\">\(escape(doc.id))</a> — \(doc.quotes.count) quote\(doc.quotes.count == 1 ? "" : "s")</li>\n"
            }
            body += "</ol></nav>\n"
        }
        for (n, doc) in documents.enumerated() {
            body += article(doc.id, Document(id: doc.id, text: doc.text), doc.quotes, prefix: "d\(n + 1)")
        }
        let title = documents.count == 1 ? "WhoSaid — \(documents[0].id)" : "WhoSaid — \(documents.count) articles"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>\(escape(title))</h1>
            <div class="review-bar no-print">
            <label><input type="checkbox" id="review-mode"> Review mode</label>
            <button type="button" id="export">Export corrections</button>
            <span id="review-count"></span>
            </div>
            \(body)<script>\(script)</script>
            </body>
            </html>

            """
    }

    /// The colour and outline of each speaker, in order of first appearance.
    static func looks(_ quotes: [Quote]) -> [String: (colour: String, outline: String)] {
        var looks: [String: (String, String)] = [:]
        for q in quotes {
            guard let s = q.speaker, looks[s] == nil else { continue }
            let n = looks.count
            looks[s] = (palette[n % palette.count], outlines[(n / palette.count) % outlines.count])
        }
        return looks
    }

    private static func article(_ id: String, _ document: Document, _ quotes: [Quote], prefix: String) -> String {
        let looks = looks(quotes)
        // Non-overlapping highlights in text order; an overlapping one is only in the table.
        var shown: [Quote] = []
        for q in quotes.sorted(by: { $0.byteStart < $1.byteStart })
        where shown.last.map({ $0.byteEnd <= q.byteStart }) ?? true {
            shown.append(q)
        }
        var out = "<section class=\"doc\" id=\"\(prefix)\" data-doc=\"\(escape(id))\">\n<h2>\(escape(id))</h2>\n"
        out += legend(quotes, looks: looks, prefix: prefix)
        out += "<article>\n"
        for paragraph in document.paragraphs {
            out += "<p>"
            var cursor = paragraph.lowerBound
            for q in shown where q.byteEnd > paragraph.lowerBound && q.byteStart < paragraph.upperBound {
                let start = max(q.byteStart, paragraph.lowerBound), end = min(q.byteEnd, paragraph.upperBound)
                out += escape(document.string(cursor..<start))
                let first = q.byteStart >= paragraph.lowerBound
                let anchor = first ? " id=\"\(prefix)-\(q.id)\"" : ""
                let look = q.speaker.flatMap { looks[$0] }
                let style = look.map { " style=\"background:\($0.colour);outline:\($0.outline)\"" } ?? ""
                out +=
                    "<a class=\"hl\" href=\"#\(prefix)-row-\(q.id)\"><mark\(anchor) class=\"\(classes(q))\"\(attributes(q))\(style) title=\"\(escape(tip(q)))\">"
                out += escape(document.string(start..<end))
                out += "</mark></a>"
                // The speaker's name after the quote's last piece, so print carries it.
                if end == q.byteEnd {
                    out +=
                        "<sup class=\"who\(q.via == .explicit ? "" : " inferred")\"\(attributes(q))>\(escape(q.speaker ?? "no speaker"))\(q.via == .explicit || q.speaker == nil ? "" : "?")</sup>"
                }
                cursor = end
            }
            out += escape(document.string(cursor..<paragraph.upperBound)) + "</p>\n"
        }
        out +=
            "</article>\n<div class=\"scroll\"><table>\n<thead><tr><th>#</th><th>type</th><th>quote</th><th>speaker</th>"
        out +=
            "<th>role</th><th>cue</th><th>via</th><th>rule</th><th>¶</th><th class=\"review\">review</th></tr></thead>\n<tbody>\n"
        for q in quotes {
            let swatch =
                q.speaker.flatMap { looks[$0] }.map {
                    "<span class=\"swatch\" style=\"background:\($0.colour);outline:\($0.outline)\"></span>"
                } ?? ""
            out +=
                "<tr id=\"\(prefix)-row-\(q.id)\"\(attributes(q)) data-id=\"\(q.id)\" data-start=\"\(q.start)\" data-end=\"\(q.end)\">"
            out +=
                "<td><a href=\"#\(prefix)-\(q.id)\">\(q.id)</a></td><td>\(q.type.rawValue)</td><td>\(escape(q.text))</td>"
            out +=
                "<td>\(swatch)\(escape(q.speaker ?? "—"))\(q.anonymous ? " (anonymous)" : "")</td><td>\(escape(q.role ?? ""))</td>"
            out +=
                "<td>\(escape(q.cue ?? ""))</td><td>\(q.via.rawValue)</td><td>\(escape(q.rule))</td><td>\(q.paragraph)</td>"
            out +=
                "<td class=\"review\"><label><input type=\"radio\" name=\"\(prefix)-\(q.id)\" value=\"right\"> right</label> "
            out += "<label><input type=\"radio\" name=\"\(prefix)-\(q.id)\" value=\"wrong\"> wrong</label> "
            out +=
                "<input type=\"text\" class=\"fix\" placeholder=\"correct speaker\" aria-label=\"correct speaker of \(q.id)\"></td></tr>\n"
        }
        return out + "</tbody></table></div>\n</section>\n"
    }

    /// The legend of speakers (with counts, colours and a filter each) and the other filters.
    private static func legend(_ quotes: [Quote], looks: [String: (colour: String, outline: String)], prefix: String)
        -> String
    {
        var counts: [(String?, Int)] = []
        for q in quotes {
            if let i = counts.firstIndex(where: { $0.0 == q.speaker }) {
                counts[i].1 += 1
            } else {
                counts.append((q.speaker, 1))
            }
        }
        var out = "<div class=\"filters\"><fieldset class=\"legend\"><legend>Speakers</legend>\n"
        for (speaker, count) in counts {
            let look = speaker.flatMap { looks[$0] }
            let swatch =
                "<span class=\"swatch\" style=\"background:\(look?.colour ?? "#e4e4e4");outline:\(look?.outline ?? "1px dashed #999")\"></span>"
            out +=
                "<label class=\"speaker\"><input type=\"checkbox\" checked data-filter=\"speaker\" value=\"\(escape(speaker ?? ""))\"> \(swatch)\(escape(speaker ?? "no speaker")) <span class=\"count\">\(count)</span></label>\n"
        }
        out += "</fieldset>\n<fieldset><legend>Type</legend>"
        for type in ["direct", "mixed", "indirect"] {
            out += "<label><input type=\"checkbox\" checked data-filter=\"type\" value=\"\(type)\"> \(type)</label> "
        }
        out += "</fieldset>\n<fieldset><legend>Speaker found</legend>"
        for via in ["explicit", "alias", "role", "pronoun", "continuation", "none"] {
            out += "<label><input type=\"checkbox\" checked data-filter=\"via\" value=\"\(via)\"> \(via)</label> "
        }
        out += "</fieldset>\n<fieldset><legend>Source</legend>"
        out += "<label><input type=\"checkbox\" data-filter=\"anonymous\" value=\"only\"> anonymous only</label>"
        return out + "</fieldset></div>\n"
    }

    private static func classes(_ q: Quote) -> String {
        (q.speaker == nil ? "none" : "q") + " \(q.type.rawValue)" + (q.via == .explicit ? "" : " inferred")
    }

    /// What the filters read.
    private static func attributes(_ q: Quote) -> String {
        " data-speaker=\"\(escape(q.speaker ?? ""))\" data-type=\"\(q.type.rawValue)\" data-via=\"\(q.via.rawValue)\" data-anonymous=\"\(q.anonymous)\""
    }

    static func tip(_ q: Quote) -> String {
        var parts = ["\(q.id): \(q.speaker ?? "no speaker")"]
        if let role = q.role { parts.append(role) }
        if let affiliation = q.affiliation { parts.append(affiliation) }
        parts.append("cue: \(q.cue ?? "—")")
        parts.append("\(q.type.rawValue), via \(q.via.rawValue)")
        parts.append("rule \(q.rule)")
        return parts.joined(separator: " · ")
    }

    /// Escapes text for HTML element content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static let style = """

        body { font: 16px/1.6 Georgia, serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
        h1, h2, table, .filters, .index, .review-bar, sup.who { font-family: system-ui, sans-serif; }
        h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
        article p { margin: 0 0 .9rem; }
        a.hl { color: inherit; text-decoration: none; }
        mark { border-radius: 3px; padding: 0 2px; color: inherit; }
        mark.none { background: #e4e4e4; outline: 1px dashed #999; }
        mark.mixed { text-decoration: underline dotted #555; text-underline-offset: 3px; }
        mark.indirect { background-image: linear-gradient(rgba(255,255,255,.45), rgba(255,255,255,.45)); font-style: italic; }
        mark:target, tr:target { box-shadow: 0 0 0 3px #1a73e8; }
        sup.who { font-size: 11px; background: #333; color: #fff; border-radius: 3px; padding: 0 3px; margin: 0 2px; }
        sup.who.inferred { background: #777; font-style: italic; }
        .off mark, mark.off { background: none !important; outline: none !important; text-decoration: none; font-style: normal; }
        sup.off, tr.off { display: none; }
        .filters { display: flex; flex-wrap: wrap; gap: .5rem; font-size: 13px; margin: .5rem 0 1rem; }
        fieldset { border: 1px solid #ddd; border-radius: 4px; padding: .2rem .5rem; }
        .legend label { display: inline-block; margin-right: .6rem; }
        .count { color: #666; }
        .swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .3em; vertical-align: -1px; }
        .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 1rem 0 3rem; }
        th, td { border: 1px solid #ddd; padding: .3rem .45rem; text-align: left; vertical-align: top; }
        th { background: #f4f4f4; }
        .review { display: none; }
        body.reviewing .review { display: table-cell; }
        tr.right { background: #e8f6e8; } tr.wrong { background: #fbe9e9; }
        .review-bar { font: 13px system-ui, sans-serif; margin-bottom: 1rem; }
        .index ol { columns: 2; font-size: 14px; }
        @media print {
          .no-print, .filters, .review, .index { display: none !important; }
          thead { display: table-header-group; }
          tr, p { break-inside: avoid; }
          a.hl { color: inherit; }
          mark, .swatch, sup.who { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }

        """

    static let script = """

        (function () {
          var key = 'whosaid-review:' + document.title;
          var state = {};
          try { state = JSON.parse(localStorage.getItem(key) || '{}'); } catch (e) { state = {}; }
          function save() { try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) {} }
          document.querySelectorAll('section.doc').forEach(function (section) {
            function apply() {
              var on = {};
              section.querySelectorAll('input[data-filter]').forEach(function (box) {
                var f = box.getAttribute('data-filter');
                on[f] = on[f] || {};
                if (box.checked) on[f][box.value] = true;
              });
              var anonymousOnly = !!(on.anonymous && on.anonymous.only);
              section.querySelectorAll('[data-type]').forEach(function (el) {
                var show = on.speaker[el.getAttribute('data-speaker')] && on.type[el.getAttribute('data-type')]
                  && on.via[el.getAttribute('data-via')] && (!anonymousOnly || el.getAttribute('data-anonymous') === 'true');
                el.classList.toggle('off', !show);
              });
            }
            section.querySelectorAll('input[data-filter]').forEach(function (box) { box.addEventListener('change', apply); });
            section.querySelectorAll('tbody tr').forEach(function (row) {
              var id = row.id;
              var saved = state[id] || {};
              row.querySelectorAll('input[type=radio]').forEach(function (radio) {
                if (saved.verdict === radio.value) { radio.checked = true; row.classList.add(radio.value); }
                radio.addEventListener('change', function () {
                  row.classList.remove('right', 'wrong'); row.classList.add(radio.value);
                  state[id] = state[id] || {}; state[id].verdict = radio.value; save(); count();
                });
              });
              var fix = row.querySelector('input.fix');
              if (saved.speaker) fix.value = saved.speaker;
              fix.addEventListener('input', function () {
                state[id] = state[id] || {}; state[id].speaker = fix.value; save(); count();
              });
            });
          });
          function cell(v) { v = String(v == null ? '' : v); return /[",\\r\\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; }
          function rows() {
            var out = [];
            document.querySelectorAll('section.doc').forEach(function (section) {
              section.querySelectorAll('tbody tr').forEach(function (row) {
                var s = state[row.id];
                if (!s || (!s.verdict && !s.speaker)) return;
                out.push([section.getAttribute('data-doc'), row.getAttribute('data-id'), row.getAttribute('data-start'),
                  row.getAttribute('data-end'), s.verdict || '', s.speaker || ''].map(cell).join(','));
              });
            });
            return out;
          }
          function count() { document.getElementById('review-count').textContent = rows().length + ' reviewed'; }
          window.whosaidCorrections = function () {
            return ['document,id,start,end,verdict,corrected_speaker'].concat(rows()).join('\\r\\n') + '\\r\\n';
          };
          document.getElementById('review-mode').addEventListener('change', function (e) {
            document.body.classList.toggle('reviewing', e.target.checked);
          });
          document.getElementById('export').addEventListener('click', function () {
            var blob = new Blob([window.whosaidCorrections()], { type: 'text/csv' });
            var a = document.createElement('a');
            a.href = URL.createObjectURL(blob);
            a.download = 'corrections.csv';
            document.body.appendChild(a); a.click(); a.remove();
          });
          count();
        })();

        """
}
