/// Byte-level character classes and comparisons used by the parser and by header lookup.
///
/// Everything works on raw bytes so that the hot path never builds a `String` just to compare it.
enum ASCII {
    static let cr: UInt8 = 13
    static let lf: UInt8 = 10
    static let space: UInt8 = 32
    static let tab: UInt8 = 9
    static let colon: UInt8 = 58
    static let comma: UInt8 = 44
    static let semicolon: UInt8 = 59
    static let percent: UInt8 = 37
    static let plus: UInt8 = 43
    static let questionMark: UInt8 = 63
    static let slash: UInt8 = 47
    static let numberSign: UInt8 = 35

    /// Whether `byte` is a `tchar` (RFC 9110 §5.6.2), the characters of methods and header names.
    @inline(__always)
    static func isTokenChar(_ byte: UInt8) -> Bool {
        // Bit masks of the tchar set: bytes 0...63 and 64...127; nothing at or above 128 is a tchar.
        if byte < 64 {
            return (0x03ff_6cfa_0000_0000 as UInt64) >> UInt64(byte) & 1 == 1
        } else if byte < 128 {
            return (0x57ff_ffff_c7ff_fffe as UInt64) >> UInt64(byte &- 64) & 1 == 1
        }
        return false
    }

    /// Whether `byte` may appear in a request-target: visible ASCII, or any non-ASCII byte (sent raw by some clients).
    @inline(__always)
    static func isTargetChar(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte != 0x7F
    }

    /// Whether `byte` may appear in a header value: anything but control characters other than tab.
    @inline(__always)
    static func isFieldValueChar(_ byte: UInt8) -> Bool {
        byte >= 0x20 ? byte != 0x7F : byte == tab
    }

    /// Whether `byte` may appear in a URI scheme (RFC 3986 §3.1): a letter first, then letters, digits, `+-.`.
    static func isSchemeChar(_ byte: UInt8, isFirst: Bool) -> Bool {
        let lower = lowercased(byte)
        if lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") { return true }
        if isFirst { return false }
        return (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == plus || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// Whether `byte` is optional whitespace (space or tab).
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// The ASCII lowercase of `byte`; other bytes are returned unchanged.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- 65 < 26 ? byte | 0x20 : byte
    }

    /// The value of a hexadecimal digit, or `nil`.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 48...57: Int(byte &- 48)
        case 65...70: Int(byte &- 55)
        case 97...102: Int(byte &- 87)
        default: nil
        }
    }

    /// Compares two byte ranges, ignoring ASCII case.
    static func equalsIgnoringCase(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for index in 0..<lhs.count where lowercased(lhs[index]) != lowercased(rhs[index]) {
            return false
        }
        return true
    }

    /// Compares a byte range with a lowercase ASCII literal, ignoring the case of the bytes.
    static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, lowercase literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count == count else { return false }
        let expected = literal.utf8Start
        for index in 0..<count where lowercased(bytes[index]) != expected[index] {
            return false
        }
        return true
    }

    /// Trims optional whitespace from both ends of `range` within `bytes`.
    static func trimmingWhitespace(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && isWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower && isWhitespace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// Calls `body` with each comma-separated element of `bytes[range]`, whitespace-trimmed, empty ones included.
    ///
    /// Returns `false` as soon as `body` does, so callers can stop at the first bad element.
    static func forEachListElement(
        _ bytes: UnsafeRawBufferPointer,
        _ range: Range<Int>,
        _ body: (Range<Int>) -> Bool
    ) -> Bool {
        var start = range.lowerBound
        var index = range.lowerBound
        while index <= range.upperBound {
            if index == range.upperBound || bytes[index] == comma {
                if !body(trimmingWhitespace(bytes, start..<index)) { return false }
                start = index + 1
            }
            index += 1
        }
        return true
    }
}
