/// Splitting and decoding of `application/x-www-form-urlencoded` data: query strings and form bodies.
///
/// Decoding never fails: malformed `%` escapes are kept literally and invalid UTF-8 becomes U+FFFD, because a
/// mock server should report what a client sent rather than refuse it.
public enum URLEncodedForm {
    /// Splits `bytes` on `&` into name/value pairs, decoding `+` as space and `%XX` escapes.
    ///
    /// The value starts after the first `=`; a pair without `=` gets the value `""`; empty pairs (`a&&b`) are
    /// skipped. Order and repeated names are kept, so `a[]=1&a[]=2` yields two pairs.
    public static func parse(_ bytes: some Collection<UInt8>) -> [(name: String, value: String)] {
        if let pairs = bytes.withContiguousStorageIfAvailable({ parse(buffer: UnsafeRawBufferPointer($0)) }) {
            return pairs
        }
        return Array(bytes).withUnsafeBytes { parse(buffer: $0) }
    }

    /// Splits a query string or form body given as a `String`; see `parse(_:)` for the rules.
    public static func parse(_ string: String) -> [(name: String, value: String)] {
        var string = string
        return string.withUTF8 { parse(buffer: UnsafeRawBufferPointer($0)) }
    }

    /// Decodes `%XX` escapes (and `+` as space if `plusAsSpace`) and interprets the result as UTF-8.
    ///
    /// Use `plusAsSpace: false` for paths, where `+` is a literal plus sign.
    public static func percentDecode(_ bytes: some Collection<UInt8>, plusAsSpace: Bool) -> String {
        if let decoded = bytes.withContiguousStorageIfAvailable({
            percentDecode(buffer: UnsafeRawBufferPointer($0), plusAsSpace: plusAsSpace)
        }) {
            return decoded
        }
        return Array(bytes).withUnsafeBytes { percentDecode(buffer: $0, plusAsSpace: plusAsSpace) }
    }

    static func parse(buffer: UnsafeRawBufferPointer) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        var start = 0
        let count = buffer.count
        while start < count {
            var end = start
            var equals = -1
            while end < count && buffer[end] != UInt8(ascii: "&") {
                if equals < 0 && buffer[end] == UInt8(ascii: "=") { equals = end }
                end += 1
            }
            if end > start {
                let nameEnd = equals >= 0 ? equals : end
                let name = percentDecode(
                    buffer: UnsafeRawBufferPointer(rebasing: buffer[start..<nameEnd]), plusAsSpace: true)
                let value =
                    equals >= 0
                    ? percentDecode(
                        buffer: UnsafeRawBufferPointer(rebasing: buffer[(equals + 1)..<end]), plusAsSpace: true)
                    : ""
                pairs.append((name, value))
            }
            start = end + 1
        }
        return pairs
    }

    static func percentDecode(buffer: UnsafeRawBufferPointer, plusAsSpace: Bool) -> String {
        let needsDecoding = buffer.contains { $0 == ASCII.percent || (plusAsSpace && $0 == ASCII.plus) }
        guard needsDecoding else {
            return String(decoding: buffer, as: UTF8.self)
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(buffer.count)
        var index = 0
        let count = buffer.count
        while index < count {
            let byte = buffer[index]
            if byte == ASCII.percent, index + 2 < count,
                let high = ASCII.hexValue(buffer[index + 1]), let low = ASCII.hexValue(buffer[index + 2])
            {
                decoded.append(UInt8(high << 4 | low))
                index += 3
                continue
            }
            decoded.append(plusAsSpace && byte == ASCII.plus ? ASCII.space : byte)
            index += 1
        }
        return String(decoding: decoded, as: UTF8.self)
    }
}
