/// Reads the text fields of a `multipart/form-data` body, the other form PHP fills `$_POST` from.
///
/// Parts with a `filename` are files, which PHP puts in `$_FILES`, not in the parameters; they are skipped. A body
/// that is not well-formed yields the fields read before the damage, never an error: PHP is as forgiving.
enum MultipartFormDecoder {
    /// The `boundary` parameter of a Content-Type value, unquoted.
    static func boundary(fromContentType contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    static func fields(of body: [UInt8], boundary: String) -> [(name: String, value: String)] {
        let delimiter = Array(("--" + boundary).utf8)
        var fields: [(name: String, value: String)] = []
        guard var position = find(delimiter, in: body, from: 0) else { return fields }
        while true {
            position += delimiter.count
            // "--" after a delimiter closes the body.
            if position + 1 < body.count, body[position] == UInt8(ascii: "-"), body[position + 1] == UInt8(ascii: "-") {
                break
            }
            guard let headersEnd = find(Array("\r\n\r\n".utf8), in: body, from: position) else { break }
            let headerText = String(decoding: body[position..<headersEnd], as: UTF8.self)
            let contentStart = headersEnd + 4
            guard let next = find(Array("\r\n".utf8) + delimiter, in: body, from: contentStart) else { break }
            if let disposition = headerText.split(separator: "\r\n").first(where: {
                $0.lowercased().hasPrefix("content-disposition:")
            }), let name = attribute("name", in: disposition), attribute("filename", in: disposition) == nil {
                fields.append((name, String(decoding: body[contentStart..<next], as: UTF8.self)))
            }
            position = next + 2
        }
        return fields
    }

    private static func attribute(_ key: String, in header: Substring) -> String? {
        for parameter in header.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else {
            return nil
        }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
