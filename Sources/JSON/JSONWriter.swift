/// Writes JSON bytes directly (no intermediate `String`) the way PHP's `json_encode` does, so responses match a
/// real portal byte for byte.
///
/// Two ways in, freely mixed:
/// - ``write(_:)`` a whole ``JSONValue``;
/// - the streaming calls (``beginObject()``, ``key(_:)``, ``string(_:)``, ..., ``endObject()``), so the REST layer
///   can emit envelopes with a fixed key order (`result`, `next`, `total`, `time`) without building a tree first.
///
/// The writer places commas itself: every value (scalar, container or ``raw(_:)`` fragment) is preceded by a comma
/// unless it is the first in its container or directly follows a ``key(_:)``. It does not check that calls are
/// balanced or that objects alternate keys and values; that is the caller's contract.
///
/// With the default ``Options/php`` options the output equals `json_encode($value)` on PHP ≥ 7.1 with
/// `serialize_precision = -1`: `/` is written `\/`, non-ASCII as lowercase `\u00e9` escapes (surrogate pairs
/// above U+FFFF), control characters as `\n`-style or `\u001f` escapes, doubles as described in
/// `JSONWriter+Double.swift`. An empty ``JSONObject`` is written `{}`; where PHP would send an empty array (`[]`),
/// write an empty ``JSONValue/array(_:)``.
public struct JSONWriter: Sendable {
    /// Output flavours, named after PHP's `json_encode` flags.
    public struct Options: OptionSet, Sendable, Hashable {
        /// The raw flag bits.
        public let rawValue: UInt8

        /// Creates options from raw flag bits.
        public init(rawValue: UInt8) {
            self.rawValue = rawValue
        }

        /// `/` → `\/`. PHP's default; `JSON_UNESCAPED_SLASHES` turns it off.
        public static let escapeSlashes = Options(rawValue: 1 << 0)
        /// Non-ASCII → `\uXXXX` (lowercase hex, surrogate pairs). PHP's default; `JSON_UNESCAPED_UNICODE` turns it
        /// off, in which case U+2028 and U+2029 are still escaped, as PHP does without
        /// `JSON_UNESCAPED_LINE_TERMINATORS`.
        public static let escapeUnicode = Options(rawValue: 1 << 1)
        /// `JSON_HEX_TAG`: `<` → `\u003C`, `>` → `\u003E`.
        public static let hexTag = Options(rawValue: 1 << 2)
        /// `JSON_HEX_AMP`: `&` → `\u0026`.
        public static let hexAmp = Options(rawValue: 1 << 3)
        /// `JSON_HEX_APOS`: `'` → `\u0027`.
        public static let hexApos = Options(rawValue: 1 << 4)
        /// `JSON_HEX_QUOT`: `"` → `\u0022`.
        public static let hexQuot = Options(rawValue: 1 << 5)
        /// What `json_encode($value)` does with no flags, and what Bitrix24 sends.
        public static let php: Options = [.escapeSlashes, .escapeUnicode]
    }

    /// The output so far. Reserve capacity up front for big responses; take it when done.
    public var bytes: [UInt8]
    /// The options this writer was created with.
    public let options: Options
    /// Bytes of a string's UTF-8 that cannot be copied verbatim under `options`.
    private let escapedBytes: ByteSet
    /// Whether the next value or key must be preceded by a comma.
    private var needsComma = false

    /// Creates an empty writer.
    public init(options: Options = .php) {
        self.options = options
        self.bytes = []
        self.escapedBytes = ByteSet(escapingUnder: options)
    }

    /// Creates an empty writer whose buffer already holds `capacity` bytes, to avoid regrowth on large outputs.
    public init(options: Options = .php, reservingCapacity capacity: Int) {
        self.init(options: options)
        bytes.reserveCapacity(capacity)
    }

    /// Encodes one value into a fresh byte array.
    public static func encode(_ value: JSONValue, options: Options = .php) -> [UInt8] {
        var writer = JSONWriter(options: options)
        writer.write(value)
        return writer.bytes
    }

    /// Empties the buffer but keeps its capacity, so one writer can serve many responses.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
    }

    // MARK: - Whole values

    /// Writes `value` as one JSON value (with a leading comma when needed).
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null:
            null()
        case .bool(let bool):
            self.bool(bool)
        case .int(let integer):
            int(integer)
        case .double(let double):
            self.double(double)
        case .string(let string):
            self.string(string)
        case .array(let elements):
            beginArray()
            for element in elements {
                write(element)
            }
            endArray()
        case .object(let object):
            beginObject()
            let values = object.values
            for (position, name) in object.keys.enumerated() {
                key(name)
                write(values[position])
            }
            endObject()
        }
    }

    // MARK: - Streaming

    /// Opens an object: `{`.
    public mutating func beginObject() {
        separateValue()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Closes the innermost object: `}`.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Opens an array: `[`.
    public mutating func beginArray() {
        separateValue()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Closes the innermost array: `]`.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a member name and its colon; the next value call writes the member's value.
    public mutating func key(_ name: String) {
        if needsComma {
            bytes.append(UInt8(ascii: ","))
        }
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a string value, escaped per ``options``.
    public mutating func string(_ string: String) {
        separateValue()
        appendQuoted(string)
    }

    /// Writes an integer value in decimal.
    public mutating func int(_ integer: Int64) {
        separateValue()
        appendInteger(integer)
    }

    /// Writes an integer value in decimal (convenience for `Int`).
    public mutating func int(_ integer: Int) {
        int(Int64(integer))
    }

    /// Writes a double the way PHP does (`1.0` → `1`, `0.00001` → `1.0e-5`); NaN and ±infinity are written as `0`.
    public mutating func double(_ double: Double) {
        separateValue()
        appendPHPDouble(double)
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ bool: Bool) {
        separateValue()
        appendStatic(bool ? "true" : "false")
    }

    /// Writes `null`.
    public mutating func null() {
        separateValue()
        appendStatic("null")
    }

    /// Writes a pre-encoded JSON fragment verbatim, as one value (cached fixture bytes, a stored `time` block...).
    /// The fragment is not validated.
    public mutating func raw(_ fragment: some Sequence<UInt8>) {
        separateValue()
        bytes.append(contentsOf: fragment)
    }

    // MARK: - Bytes

    private mutating func separateValue() {
        if needsComma {
            bytes.append(UInt8(ascii: ","))
        }
        needsComma = true
    }

    private mutating func appendStatic(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends the decimal digits of `integer` (with a leading `-`), without going through `String`.
    mutating func appendInteger(_ integer: Int64) {
        if integer < 0 {
            bytes.append(UInt8(ascii: "-"))
        }
        var magnitude = integer.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude != 0
            bytes.append(contentsOf: UnsafeMutableBufferPointer(rebasing: digits[start...]))
        }
    }

    private mutating func appendQuoted(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            appendEscaped(utf8)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Copies runs of plain bytes in one go and escapes the rest.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            guard escapedBytes.contains(byte) else {
                index += 1
                continue
            }
            if runStart < index {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            }
            if byte < 0x80 {
                appendASCIIEscape(byte)
                index += 1
            } else {
                let length = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                let end = min(index + length, utf8.count)
                let scalar = Self.decodeScalar(UnsafeBufferPointer(rebasing: utf8[index..<end]))
                if options.contains(.escapeUnicode) || scalar == 0x2028 || scalar == 0x2029 {
                    appendUnicodeEscape(scalar)
                } else {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[index..<end]))
                }
                index = end
            }
            runStart = index
        }
        if runStart < utf8.count {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }

    private mutating func appendASCIIEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""):
            appendStatic(options.contains(.hexQuot) ? "\\u0022" : "\\\"")
        case UInt8(ascii: "\\"):
            appendStatic("\\\\")
        case UInt8(ascii: "/"):
            appendStatic("\\/")
        case UInt8(ascii: "<"):
            appendStatic("\\u003C")
        case UInt8(ascii: ">"):
            appendStatic("\\u003E")
        case UInt8(ascii: "&"):
            appendStatic("\\u0026")
        case UInt8(ascii: "'"):
            appendStatic("\\u0027")
        case 0x08:
            appendStatic("\\b")
        case 0x0C:
            appendStatic("\\f")
        case 0x0A:
            appendStatic("\\n")
        case 0x0D:
            appendStatic("\\r")
        case 0x09:
            appendStatic("\\t")
        default:
            appendUnicodeEscape(UInt32(byte))
        }
    }

    /// `\uXXXX` with lowercase hex, as PHP writes it; scalars above U+FFFF as a UTF-16 surrogate pair.
    private mutating func appendUnicodeEscape(_ scalar: UInt32) {
        if scalar > 0xFFFF {
            let offset = scalar - 0x10000
            appendUTF16Escape(UInt16(truncatingIfNeeded: 0xD800 + (offset >> 10)))
            appendUTF16Escape(UInt16(truncatingIfNeeded: 0xDC00 + (offset & 0x3FF)))
        } else {
            appendUTF16Escape(UInt16(truncatingIfNeeded: scalar))
        }
    }

    private mutating func appendUTF16Escape(_ unit: UInt16) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) {
            let nibble = UInt8(truncatingIfNeeded: unit >> UInt16(shift)) & 0x0F
            bytes.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10)
        }
    }

    /// Decodes one scalar from valid UTF-8 (Swift strings always are); a truncated tail decodes to what it holds.
    private static func decodeScalar(_ sequence: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let lead = sequence.first else { return 0 }
        var scalar: UInt32
        switch sequence.count {
        case 2: scalar = UInt32(lead & 0x1F)
        case 3: scalar = UInt32(lead & 0x0F)
        default: scalar = UInt32(lead & 0x07)
        }
        for continuation in sequence.dropFirst() {
            scalar = scalar << 6 | UInt32(continuation & 0x3F)
        }
        return scalar
    }
}

extension JSONWriter {
    /// A 256-bit set of byte values, checked once per byte of every string written.
    struct ByteSet: Sendable {
        private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        /// The bytes that need escaping under `options`.
        init(escapingUnder options: Options) {
            for byte in UInt8(0)..<0x20 {
                insert(byte)
            }
            insert(UInt8(ascii: "\""))
            insert(UInt8(ascii: "\\"))
            if options.contains(.escapeSlashes) {
                insert(UInt8(ascii: "/"))
            }
            if options.contains(.hexTag) {
                insert(UInt8(ascii: "<"))
                insert(UInt8(ascii: ">"))
            }
            if options.contains(.hexAmp) {
                insert(UInt8(ascii: "&"))
            }
            if options.contains(.hexApos) {
                insert(UInt8(ascii: "'"))
            }
            if options.contains(.escapeUnicode) {
                for byte in UInt8(0x80)...0xFF {
                    insert(byte)
                }
            } else {
                insert(0xE2)  // lead byte of U+2028 / U+2029, which PHP escapes even when unicode is unescaped
            }
        }

        private mutating func insert(_ byte: UInt8) {
            let bit: UInt64 = 1 << (byte & 63)
            switch byte >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }

        func contains(_ byte: UInt8) -> Bool {
            let word: UInt64
            switch byte >> 6 {
            case 0: word = words.0
            case 1: word = words.1
            case 2: word = words.2
            default: word = words.3
            }
            return word >> (byte & 63) & 1 != 0
        }
    }
}
