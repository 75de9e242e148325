import JSON

/// PHP's scalar casts, applied to parameters exactly as the portal's code applies them.
///
/// `(int)"12abc"` is 12, `(int)"abc"` is 0, `(int)"1e3"` is 1000, `(int)1.9` is 1: clients rely on these without
/// knowing it (an id sent as a string, a float from JavaScript), so the mock casts the same way.
public enum PHPCast {
    /// `(int)$value`.
    public static func int(_ value: JSONValue) -> Int64 {
        switch value {
        case .null: return 0
        case .bool(let flag): return flag ? 1 : 0
        case .int(let number): return number
        case .double(let number): return doubleToInt(number)
        case .string(let text): return int(text)
        case .array(let array): return array.isEmpty ? 0 : 1
        case .object(let object): return object.isEmpty ? 0 : 1
        }
    }

    /// `(int)"..."`: leading whitespace, then the longest numeric prefix (integer, decimal or exponent form); a string
    /// with no numeric prefix is 0.
    public static func int(_ text: String) -> Int64 {
        guard let (literal, isInteger) = numericPrefix(of: text) else { return 0 }
        if isInteger, let number = Int64(literal) {
            return number
        }
        // Integer overflow or float syntax: PHP reads it as a float, then converts.
        return Double(literal).map(doubleToInt) ?? 0
    }

    /// `(float)"..."`: the longest numeric prefix after leading whitespace, or 0.
    public static func double(_ text: String) -> Double {
        guard let (literal, _) = numericPrefix(of: text) else { return 0 }
        return Double(literal) ?? 0
    }

    /// The numeric prefix PHP's `is_numeric_string` reads with errors allowed, and whether it is integer syntax.
    /// One pass over the bytes, so a hostile multi-megabyte string costs no more than reading it.
    private static func numericPrefix(of text: String) -> (String, Bool)? {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C].contains(bytes[index]) {
            index += 1
        }
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            index += 1
        }
        let digitsStart = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        var isInteger = true
        var hasDigits = index > digitsStart
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            var fraction = index + 1
            while fraction < bytes.count, isDigit(bytes[fraction]) { fraction += 1 }
            if fraction > index + 1 {
                hasDigits = true
                isInteger = false
                index = fraction
            }
        }
        guard hasDigits else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            var exponent = index + 1
            if exponent < bytes.count, bytes[exponent] == UInt8(ascii: "+") || bytes[exponent] == UInt8(ascii: "-") {
                exponent += 1
            }
            let exponentDigits = exponent
            while exponent < bytes.count, isDigit(bytes[exponent]) { exponent += 1 }
            if exponent > exponentDigits {
                isInteger = false
                index = exponent
            }
        }
        return (String(decoding: bytes[start..<index], as: UTF8.self), isInteger)
    }

    /// PHP 8's float-to-int conversion for casts: truncation toward zero; NaN, infinities and values beyond the
    /// integer range become 0 on 64-bit builds.
    public static func doubleToInt(_ number: Double) -> Int64 {
        guard number.isFinite, number >= -9.223_372_036_854_775_808e18, number < 9.223_372_036_854_775_808e18 else {
            return 0
        }
        return Int64(number.rounded(.towardZero))
    }

    /// `(float)$value`: numbers as they are, numeric prefixes of strings, 0 for anything else.
    public static func double(_ value: JSONValue) -> Double {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        case .bool(let flag): flag ? 1 : 0
        case .string(let text): double(text)
        default: 0
        }
    }

    /// PHP truthiness, as `if ($value)` reads it: `0`, `"0"`, `""`, `false`, `null` and empty arrays are false.
    public static func bool(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .bool(let flag): flag
        case .int(let number): number != 0
        case .double(let number): number != 0
        case .string(let text): !(text.isEmpty || text == "0")
        case .array(let array): !array.isEmpty
        case .object(let object): !object.isEmpty
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
