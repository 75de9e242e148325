/// The recursive-descent parser behind ``JSONParser``: one pass over a UTF-8 buffer, one frame per nesting level.
///
/// Kept separate from the public enum so that the state (position, depth, the reusable buffers) lives in one value.
/// All reads are guarded by explicit `position < count` checks, so malformed input ends in a ``JSONParseError``,
/// never in an out-of-bounds read.
struct JSONByteParser {
    private let input: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private var position = 0
    private var depth = 0
    /// Reused for strings that contain escapes; unescaped strings are built straight from `input`.
    private var scratch: [UInt8] = []
    /// Members and elements of the containers being parsed, innermost last. A container collects its children here
    /// and copies them out once, at its end, into an array of exactly the right size: no regrowth per container.
    private var valueStack: [JSONValue] = []
    /// Member names of the objects being parsed, innermost last (parallel to their part of `valueStack`).
    private var keyStack: [String] = []

    init(input: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.input = input
        self.maxDepth = maxDepth
    }

    /// Parses the whole buffer as one value surrounded by optional whitespace.
    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        guard maxDepth >= 1 else {
            throw error("Maximum nesting depth of \(maxDepth) exceeded", at: 0)
        }
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if position < input.count {
            throw unexpected(expecting: "end of input")
        }
        return value
    }

    // MARK: - Values

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard position < input.count else {
            throw unexpected(expecting: "a value")
        }
        switch input[position] {
        case Byte.openBrace:
            return try parseObject()
        case Byte.openBracket:
            return try parseArray()
        case Byte.quote:
            return .string(try parseString())
        case Byte.minus, Byte.zero...Byte.nine:
            return try parseNumber()
        case Byte.lowerT:
            try expectLiteral("true")
            return .bool(true)
        case Byte.lowerF:
            try expectLiteral("false")
            return .bool(false)
        case Byte.lowerN:
            try expectLiteral("null")
            return .null
        default:
            throw unexpected(expecting: "a value")
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1  // {
        skipWhitespace()
        if position < input.count, input[position] == Byte.closeBrace {
            position += 1
            depth -= 1
            return .object(JSONObject())
        }
        let keyBase = keyStack.count
        let valueBase = valueStack.count
        var index: [String: Int]? = nil
        while true {
            guard position < input.count, input[position] == Byte.quote else {
                throw unexpected(expecting: "'\"' to begin a member name")
            }
            let key = try parseString()
            skipWhitespace()
            guard position < input.count, input[position] == Byte.colon else {
                throw unexpected(expecting: "':' after a member name")
            }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            if let existing = memberPosition(of: key, keyBase: keyBase, index: index) {
                valueStack[valueBase + existing] = value  // PHP: the later value wins, the first position stays
            } else {
                keyStack.append(key)
                valueStack.append(value)
                let count = keyStack.count - keyBase
                if index != nil {
                    index?[key] = count - 1
                } else if count > JSONObject.indexThreshold {
                    index = Self.makeIndex(keyStack[keyBase...])
                }
            }
            skipWhitespace()
            guard position < input.count else {
                throw unexpected(expecting: "',' or '}'")
            }
            let separator = input[position]
            if separator == Byte.comma {
                position += 1
                skipWhitespace()
            } else if separator == Byte.closeBrace {
                position += 1
                depth -= 1
                let object = JSONObject(
                    uniqueKeys: Array(keyStack[keyBase...]), values: Array(valueStack[valueBase...]), index: index)
                keyStack.removeSubrange(keyBase...)
                valueStack.removeSubrange(valueBase...)
                return .object(object)
            } else {
                throw unexpected(expecting: "',' or '}'")
            }
        }
    }

    /// Where `key` already sits among the members parsed so far: a linear scan for small objects (cheaper than
    /// hashing), the hash index once the object is large.
    private func memberPosition(of key: String, keyBase: Int, index: [String: Int]?) -> Int? {
        if let index {
            return index[key]
        }
        var position = keyBase
        while position < keyStack.count {
            if keyStack[position] == key {
                return position - keyBase
            }
            position += 1
        }
        return nil
    }

    private static func makeIndex(_ keys: ArraySlice<String>) -> [String: Int] {
        var index = [String: Int](minimumCapacity: keys.count * 2)
        for (offset, key) in keys.enumerated() {
            index[key] = offset
        }
        return index
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1  // [
        skipWhitespace()
        if position < input.count, input[position] == Byte.closeBracket {
            position += 1
            depth -= 1
            return .array([])
        }
        let valueBase = valueStack.count
        while true {
            let element = try parseValue()
            valueStack.append(element)
            skipWhitespace()
            guard position < input.count else {
                throw unexpected(expecting: "',' or ']'")
            }
            let separator = input[position]
            if separator == Byte.comma {
                position += 1
                skipWhitespace()
            } else if separator == Byte.closeBracket {
                position += 1
                depth -= 1
                let elements = Array(valueStack[valueBase...])
                valueStack.removeSubrange(valueBase...)
                return .array(elements)
            } else {
                throw unexpected(expecting: "',' or ']'")
            }
        }
    }

    /// Counts one more level of nesting. PHP counts the values inside a container as one level deeper than the
    /// container (even when it is empty), so `n` nested containers need a depth of `n + 1`.
    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth >= maxDepth {
            throw error("Maximum nesting depth of \(maxDepth) exceeded", at: position)
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let length = literal.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: length)
        for offset in 0..<length {
            guard position < input.count, input[position] == expected[offset] else {
                throw unexpected(expecting: "'\(literal)'")
            }
            position += 1
        }
    }

    private mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case Byte.space, Byte.newline, Byte.carriageReturn, Byte.tab:
                position += 1
            default:
                return
            }
        }
    }

    // MARK: - Strings

    /// Parses the string starting at the opening quote and returns its unescaped contents.
    private mutating func parseString() throws(JSONParseError) -> String {
        let openingQuote = position
        position += 1
        var runStart = position
        var hasEscapes = false
        while true {
            skipPlainStringBytes()
            guard position < input.count else {
                throw error("Unterminated string", at: openingQuote)
            }
            let byte = input[position]
            if byte == Byte.quote {
                let run = UnsafeBufferPointer(rebasing: input[runStart..<position])
                position += 1
                if !hasEscapes {
                    return String(decoding: run, as: UTF8.self)
                }
                scratch.append(contentsOf: run)
                return String(decoding: scratch, as: UTF8.self)
            } else if byte == Byte.backslash {
                if !hasEscapes {
                    hasEscapes = true
                    scratch.removeAll(keepingCapacity: true)
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<position]))
                try appendEscape(openingQuote: openingQuote)
                runStart = position
            } else if byte < 0x20 {
                throw error(
                    "Control character \(Self.scalarName(UInt32(byte))) must be escaped in a string", at: position)
            } else if byte >= 0x80 {
                try skipUTF8Sequence()
            } else {
                position += 1
            }
        }
    }

    /// Skips 8 bytes at a time while none of them is a quote, a backslash, a control character or non-ASCII.
    private mutating func skipPlainStringBytes() {
        guard let base = input.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        while position + 8 <= input.count {
            let word = raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            if Self.containsSpecialStringByte(word) {
                return
            }
            position += 8
        }
    }

    /// SWAR test for "some byte of `word` is `"`, `\`, < 0x20 or >= 0x80". May report false positives after a
    /// true one (borrows propagate), never false negatives; callers fall back to byte-wise checks anyway.
    private static func containsSpecialStringByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ 0x2222_2222_2222_2222
        let backslashes = word ^ 0x5C5C_5C5C_5C5C_5C5C
        var found = word & highBits
        found |= (word &- 0x2020_2020_2020_2020) & ~word & highBits
        found |= (quotes &- ones) & ~quotes & highBits
        found |= (backslashes &- ones) & ~backslashes & highBits
        return found != 0
    }

    /// Decodes the escape at `position` (a backslash) into `scratch` and moves past it.
    private mutating func appendEscape(openingQuote: Int) throws(JSONParseError) {
        let escapeStart = position
        guard position + 1 < input.count else {
            throw error("Unterminated string", at: openingQuote)
        }
        let code = input[position + 1]
        position += 2
        switch code {
        case Byte.quote, Byte.backslash, Byte.slash:
            scratch.append(code)
        case Byte.lowerB:
            scratch.append(0x08)
        case Byte.lowerF:
            scratch.append(0x0C)
        case Byte.lowerN:
            scratch.append(0x0A)
        case Byte.lowerR:
            scratch.append(0x0D)
        case Byte.lowerT:
            scratch.append(0x09)
        case Byte.lowerU:
            let unit = try readHex4(escapeStart: escapeStart)
            switch unit {
            case 0xD800...0xDBFF:
                guard position + 1 < input.count, input[position] == Byte.backslash,
                    input[position + 1] == Byte.lowerU
                else {
                    throw error("Unpaired UTF-16 surrogate in \\u escape", at: escapeStart)
                }
                let lowStart = position
                position += 2
                let low = try readHex4(escapeStart: lowStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("Unpaired UTF-16 surrogate in \\u escape", at: escapeStart)
                }
                appendUTF8(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            case 0xDC00...0xDFFF:
                throw error("Unpaired UTF-16 surrogate in \\u escape", at: escapeStart)
            default:
                appendUTF8(unit)
            }
        default:
            throw error("Invalid escape character \(Self.describe(code)) after '\\'", at: escapeStart)
        }
    }

    /// Reads the four hex digits after `\u` at `position`.
    private mutating func readHex4(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard position < input.count, let digit = Self.hexValue(input[position]) else {
                throw error("Invalid \\u escape: expected 4 hexadecimal digits", at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case Byte.zero...Byte.nine: return byte - Byte.zero
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Validates one multi-byte UTF-8 sequence at `position` (Unicode Table 3-7: no overlongs, no surrogates,
    /// nothing above U+10FFFF) and moves past it.
    private mutating func skipUTF8Sequence() throws(JSONParseError) {
        let lead = input[position]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF:
            length = 2
        case 0xE0:
            length = 3
            secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF:
            length = 3
        case 0xED:
            length = 3
            secondRange = 0x80...0x9F
        case 0xF0:
            length = 4
            secondRange = 0x90...0xBF
        case 0xF1...0xF3:
            length = 4
        case 0xF4:
            length = 4
            secondRange = 0x80...0x8F
        default:
            throw error("Malformed UTF-8", at: position)
        }
        guard position + length <= input.count, secondRange.contains(input[position + 1]) else {
            throw error("Malformed UTF-8", at: position)
        }
        var offset = 2
        while offset < length {
            guard input[position + offset] & 0xC0 == 0x80 else {
                throw error("Malformed UTF-8", at: position)
            }
            offset += 1
        }
        position += length
    }

    // MARK: - Numbers

    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Parses a number per the RFC 8259 grammar. Integers that fit `Int64` become `.int`; everything else `.double`,
    /// computed exactly by Clinger's fast path when the digits allow it and by the standard library otherwise.
    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = position
        let negative = input[position] == Byte.minus
        if negative {
            position += 1
        }
        guard position < input.count, Self.isDigit(input[position]) else {
            throw unexpected(expecting: "a digit")
        }
        var mantissa: UInt64 = 0
        var mantissaIsExact = true
        var exponent = 0
        if input[position] == Byte.zero {
            position += 1
            if position < input.count, Self.isDigit(input[position]) {
                throw error("Leading zeros are not allowed in numbers", at: position - 1)
            }
        } else {
            while position < input.count, Self.isDigit(input[position]) {
                let digit = UInt64(input[position] - Byte.zero)
                if mantissa < 1_000_000_000_000_000_000 {
                    mantissa = mantissa * 10 + digit
                } else {
                    mantissaIsExact = false
                    exponent += 1
                }
                position += 1
            }
        }
        var isInteger = true
        if position < input.count, input[position] == Byte.dot {
            isInteger = false
            position += 1
            guard position < input.count, Self.isDigit(input[position]) else {
                throw unexpected(expecting: "a digit after the decimal point")
            }
            while position < input.count, Self.isDigit(input[position]) {
                let digit = UInt64(input[position] - Byte.zero)
                if mantissa < 1_000_000_000_000_000_000 {
                    mantissa = mantissa * 10 + digit
                    exponent -= 1
                } else {
                    mantissaIsExact = false
                }
                position += 1
            }
        }
        if position < input.count, input[position] | 0x20 == Byte.lowerE {
            isInteger = false
            position += 1
            var exponentIsNegative = false
            if position < input.count, input[position] == Byte.minus || input[position] == Byte.plus {
                exponentIsNegative = input[position] == Byte.minus
                position += 1
            }
            guard position < input.count, Self.isDigit(input[position]) else {
                throw unexpected(expecting: "a digit in the exponent")
            }
            var written = 0
            while position < input.count, Self.isDigit(input[position]) {
                if written < 100_000 {
                    written = written * 10 + Int(input[position] - Byte.zero)
                }
                position += 1
            }
            exponent += exponentIsNegative ? -written : written
        }

        if isInteger, mantissaIsExact {
            if !negative, mantissa <= UInt64(Int64.max) {
                return .int(Int64(mantissa))
            }
            if negative, mantissa <= Int64.min.magnitude {
                return .int(Int64(truncatingIfNeeded: 0 &- mantissa))
            }
        }
        if mantissaIsExact, mantissa <= 1 << 53, (-22...22).contains(exponent) {
            var value = Double(mantissa)
            if exponent < 0 {
                value /= Self.exactPowersOfTen[-exponent]
            } else {
                value *= Self.exactPowersOfTen[exponent]
            }
            return .double(negative ? -value : value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<position]), as: UTF8.self)
        guard let value = Double(text) else {
            throw error("Number out of range", at: start)
        }
        return .double(value)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- Byte.zero < 10
    }

    // MARK: - Errors

    private func unexpected(expecting expected: String) -> JSONParseError {
        guard position < input.count else {
            return error("Unexpected end of input, expected \(expected)", at: position)
        }
        let byte = input[position]
        let found = byte < 0x80 ? "character \(Self.describe(byte))" : "byte 0x\(Self.hex(byte, digits: 2))"
        return error("Unexpected \(found), expected \(expected)", at: position)
    }

    /// Builds an error at `offset`, computing the 1-based line and the 1-based column in Unicode scalars.
    private func error(_ message: String, at offset: Int) -> JSONParseError {
        var line = 1
        var column = 1
        var index = 0
        while index < offset, index < input.count {
            let byte = input[index]
            if byte == Byte.newline {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return JSONParseError(message: message, offset: offset, line: line, column: column)
    }

    /// `'x'` for printable ASCII, `U+000A` for control characters.
    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x20, byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        return scalarName(UInt32(byte))
    }

    private static func scalarName(_ scalar: UInt32) -> String {
        "U+" + hex(scalar, digits: 4)
    }

    private static func hex(_ value: some BinaryInteger, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

/// The ASCII bytes the grammar cares about, named so the parser reads like the RFC.
private enum Byte {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote = UInt8(ascii: "\"")
    static let plus = UInt8(ascii: "+")
    static let comma = UInt8(ascii: ",")
    static let minus = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let slash = UInt8(ascii: "/")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let colon = UInt8(ascii: ":")
    static let openBracket = UInt8(ascii: "[")
    static let backslash = UInt8(ascii: "\\")
    static let closeBracket = UInt8(ascii: "]")
    static let lowerB = UInt8(ascii: "b")
    static let lowerE = UInt8(ascii: "e")
    static let lowerF = UInt8(ascii: "f")
    static let lowerN = UInt8(ascii: "n")
    static let lowerR = UInt8(ascii: "r")
    static let lowerT = UInt8(ascii: "t")
    static let lowerU = UInt8(ascii: "u")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
}
