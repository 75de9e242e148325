import JSON

/// `$result[key][FIELD]` references in batch commands (`CRestUtil::processBatchElement`).
///
/// The portal matches `/\$(result|next|total|time|error)([^\s]*)/i` in each parsed parameter value and walks the
/// bracketed keys through the earlier results, stopping at the first key that is missing and keeping the container
/// reached. A value that is exactly a reference takes the resolved value with its type; a reference inside a longer
/// text is replaced only by a scalar, and left as written otherwise.
enum BatchReference {
    static let kinds = ["result", "next", "total", "time", "error"]

    static func substitute(in value: JSONValue, root: JSONValue) -> JSONValue {
        switch value {
        case .string(let text):
            return substitute(in: text, root: root)
        case .array(let items):
            return .array(items.map { substitute(in: $0, root: root) })
        case .object(let object):
            var result = JSONObject()
            for (key, item) in object {
                result[key] = substitute(in: item, root: root)
            }
            return .object(result)
        default:
            return value
        }
    }

    private static func substitute(in text: String, root: JSONValue) -> JSONValue {
        let matches = references(in: text)
        guard !matches.isEmpty else { return .string(text) }
        if matches.count == 1, matches[0].range == text.startIndex..<text.endIndex {
            return resolve(matches[0].path, root: root)
        }
        var output = ""
        var cursor = text.startIndex
        for match in matches {
            output += text[cursor..<match.range.lowerBound]
            switch resolve(match.path, root: root) {
            case .string(let value): output += value
            case .int(let number): output += String(number)
            case .double(let number): output += String(number)
            case .bool(let flag): output += flag ? "1" : ""
            default: output += text[match.range]
            }
            cursor = match.range.upperBound
        }
        output += text[cursor...]
        return .string(output)
    }

    /// Each `$kind[...]...` in the text up to the next whitespace, with its path: the kind as written, then each
    /// bracketed key.
    private static func references(in text: String) -> [(range: Range<String.Index>, path: [String])] {
        var found: [(Range<String.Index>, [String])] = []
        var index = text.startIndex
        while let dollar = text[index...].firstIndex(of: "$") {
            let afterDollar = text.index(after: dollar)
            guard let kind = kinds.first(where: { text[afterDollar...].lowercased().hasPrefix($0) }) else {
                index = afterDollar
                continue
            }
            let kindEnd = text.index(afterDollar, offsetBy: kind.count)
            let end = text[kindEnd...].firstIndex(where: { $0.isWhitespace }) ?? text.endIndex
            var path = [String(text[afterDollar..<kindEnd])]
            var cursor = kindEnd
            while cursor < end, text[cursor] == "[", let close = text[cursor..<end].firstIndex(of: "]") {
                path.append(String(text[text.index(after: cursor)..<close]))
                cursor = text.index(after: close)
            }
            found.append((dollar..<end, path))
            index = end
        }
        return found
    }

    private static func resolve(_ path: [String], root: JSONValue) -> JSONValue {
        var current = root
        for key in path {
            switch current {
            case .object(let object):
                guard let next = object[key] else { return current }
                current = next
            case .array(let items):
                guard let position = Int(key), items.indices.contains(position) else { return current }
                current = items[position]
            default:
                return current
            }
        }
        return current
    }
}
