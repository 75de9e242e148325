/// Splits a request-target (RFC 9112 §3.2) into the decoded path and the raw query.
///
/// Origin-form (`/a/b?x=1`) is the normal case. Absolute-form (`http://host/a?x=1`, sent to proxies) is accepted by
/// taking its path; asterisk-form (`*`, for `OPTIONS`) yields the path `*`. A fragment, which clients should not
/// send, is dropped.
enum RequestTarget {
    /// The percent-decoded path (`+` kept) and the query after the first `?`, undecoded.
    static func pathAndQuery(of target: String) -> (path: String, query: String) {
        var target = target
        return target.withUTF8 { split(UnsafeRawBufferPointer($0)) }
    }

    /// `pathAndQuery(of:)` on raw bytes.
    static func split(_ bytes: UnsafeRawBufferPointer) -> (path: String, query: String) {
        var end = bytes.count
        if let fragment = bytes.firstIndex(of: ASCII.numberSign) {
            end = fragment
        }
        let pathStart = absoluteFormPathStart(bytes, end: end) ?? 0
        var queryStart = end
        var index = pathStart
        while index < end {
            if bytes[index] == ASCII.questionMark {
                queryStart = index
                break
            }
            index += 1
        }
        let pathBytes = UnsafeRawBufferPointer(rebasing: bytes[pathStart..<queryStart])
        let path = pathBytes.isEmpty ? "/" : URLEncodedForm.percentDecode(buffer: pathBytes, plusAsSpace: false)
        let query =
            queryStart < end
            ? String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(queryStart + 1)..<end]), as: UTF8.self) : ""
        return (path, query)
    }

    /// For `scheme://authority/path`, the index of the path's `/` (or of `?`, or the end); `nil` for other forms.
    private static func absoluteFormPathStart(_ bytes: UnsafeRawBufferPointer, end: Int) -> Int? {
        guard end > 0, bytes[0] != ASCII.slash else { return nil }
        var index = 0
        while index < end {
            let byte = bytes[index]
            if byte == ASCII.colon {
                break
            }
            guard ASCII.isSchemeChar(byte, isFirst: index == 0) else { return nil }
            index += 1
        }
        guard index > 0, index + 2 < end, bytes[index + 1] == ASCII.slash, bytes[index + 2] == ASCII.slash else {
            return nil
        }
        var pathStart = index + 3
        while pathStart < end && bytes[pathStart] != ASCII.slash && bytes[pathStart] != ASCII.questionMark {
            pathStart += 1
        }
        return pathStart
    }
}
