/// The responses the server sends on its own (400, 405, 408, 413, 431, 503, 505): JSON bodies of the form
/// `{"error":"<CODE>","error_description":"<text>"}`, the shape Bitrix24 clients already parse.
enum ServerErrorResponse {
    /// A JSON error response for `status` explaining `description`.
    static func make(_ status: HTTPStatus, description: String) -> HTTPResponse {
        var body: [UInt8] = []
        body.reserveCapacity(64 + description.utf8.count)
        body.append(contentsOf: #"{"error":""#.utf8)
        body.append(contentsOf: code(for: status).utf8)
        body.append(contentsOf: #"","error_description":""#.utf8)
        appendJSONEscaped(description, to: &body)
        body.append(contentsOf: #""}"#.utf8)
        return .json(status, body: body)
    }

    /// The machine-readable error code: the reason phrase in upper snake case, e.g. `PAYLOAD_TOO_LARGE`.
    static func code(for status: HTTPStatus) -> String {
        let phrase = status.reasonPhrase.isEmpty ? "HTTP_\(status.code)" : status.reasonPhrase
        return String(
            phrase.uppercased().map { character -> Character in
                character.isLetter || character.isNumber ? character : "_"
            }
        )
    }

    /// Appends `text` as the inside of a JSON string literal.
    static func appendJSONEscaped(_ text: String, to bytes: inout [UInt8]) {
        let hexDigits = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case ASCII.lf: bytes.append(contentsOf: #"\n"#.utf8)
            case ASCII.cr: bytes.append(contentsOf: #"\r"#.utf8)
            case ASCII.tab: bytes.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
    }
}
