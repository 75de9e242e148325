import JSON
import Testing

/// Generates random documents and checks that parsing what the writer wrote gives the document back.
@Suite struct JSONRoundTripTests {
    static let optionSets: [JSONWriter.Options] = [
        .php, [], [.php, .hexTag, .hexAmp, .hexApos, .hexQuot], [.escapeUnicode], [.escapeSlashes],
    ]

    @Test(arguments: optionSets)
    func parsingWrittenDocumentsGivesThemBack(options: JSONWriter.Options) throws {
        var generator = SplitMix64(seed: UInt64(options.rawValue) + 1)
        for _ in 0..<300 {
            let value = Self.randomValue(depth: 0, using: &generator)
            let bytes = JSONWriter.encode(value, options: options)
            let parsed = try JSONParser.parse(bytes)
            #expect(parsed == Self.phpNormalized(value))
        }
    }

    @Test func nonIntegralDoublesSurviveBitForBit() throws {
        var generator = SplitMix64(seed: 7)
        var checked = 0
        while checked < 20_000 {
            let double = Double(bitPattern: generator.next() & 0xFFEF_FFFF_FFFF_FFFF)
            guard double.rounded(.towardZero) != double else { continue }
            let parsed = try JSONParser.parse(JSONWriter.encode(.double(double)))
            #expect(parsed.doubleValue?.bitPattern == double.bitPattern, "\(double)")
            checked += 1
        }
    }

    @Test func decimalLookingDoublesSurviveBitForBit() throws {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<20_000 {
            let cents = Double(Int64.random(in: -10_000_000_000...10_000_000_000, using: &generator)) / 100
            let parsed = try JSONParser.parse(JSONWriter.encode(.double(cents)))
            #expect(parsed.doubleValue == cents, "\(cents)")
        }
    }

    /// What PHP's own json_decode(json_encode(x)) gives: integral doubles below 1e17 are written without a fraction
    /// or exponent (json_encode(10.0) is "10") and come back as ints, -0.0 included ("-0" decodes to int 0);
    /// NaN and infinities are written as 0.
    static func phpNormalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .double(let double) where double.rounded(.towardZero) == double && double.magnitude < 1e17:
            return .int(shortestDigitsInteger(double))
        case .double(let double) where !double.isFinite:
            return .int(0)
        case .array(let elements):
            return .array(elements.map(phpNormalized))
        case .object(let object):
            var normalized = JSONObject()
            for (key, member) in object {
                normalized[key] = phpNormalized(member)
            }
            return .object(normalized)
        default:
            return value
        }
    }

    /// The integer PHP prints for an integral double: its shortest round-trip digits, zero-padded (so
    /// 44469473738103264.0, whose shortest digits are 4446947373810326, prints as 44469473738103260).
    static func shortestDigitsInteger(_ double: Double) -> Int64 {
        let parts = double.magnitude.description.split(separator: "e")
        let mantissa = parts.first ?? "0"
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let pieces = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = pieces.count > 1 ? String(pieces[1]) : ""
        var digits = String(pieces[0]) + fraction
        var scale = exponent - fraction.count
        while scale < 0, digits.hasSuffix("0") {
            digits.removeLast()
            scale += 1
        }
        let value = (Int64(digits) ?? 0) * Int64(pow10: max(scale, 0))
        return double < 0 ? -value : value
    }

    static func randomValue(depth: Int, using generator: inout SplitMix64) -> JSONValue {
        let kind = Int.random(in: 0..<(depth < 4 ? 9 : 6), using: &generator)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .int(Int64(bitPattern: generator.next()) >> Int64.random(in: 0...63, using: &generator))
        case 3: return .double(randomDouble(using: &generator))
        case 4, 5: return .string(randomString(using: &generator))
        case 6, 7:
            let count = Int.random(in: 0...6, using: &generator)
            return .array((0..<count).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...20, using: &generator) {
                object[randomString(using: &generator)] = randomValue(depth: depth + 1, using: &generator)
            }
            return .object(object)
        }
    }

    static func randomDouble(using generator: inout SplitMix64) -> Double {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: return Double(bitPattern: generator.next() & 0xFFEF_FFFF_FFFF_FFFF)
        case 1: return Double(Int.random(in: -1_000_000...1_000_000, using: &generator)) / 1000
        case 2:
            return [0.0, -0.0, .infinity, -.infinity, .nan, 1e17, 1e-5, 0.0001].randomElement(using: &generator) ?? 0
        default: return Double.random(in: -1e6...1e6, using: &generator)
        }
    }

    /// Strings mixing ASCII, escapes, controls, U+2028, Cyrillic, CJK and astral scalars.
    static func randomString(using generator: inout SplitMix64) -> String {
        let pool: [Unicode.Scalar] = [
            "a", "Z", "0", " ", "\"", "\\", "/", "<", ">", "&", "'", "\u{0}", "\u{1}", "\u{8}", "\t", "\n", "\u{C}",
            "\r", "\u{1F}", "\u{7F}", "\u{80}", "é", "ж", "Я", "\u{2028}", "\u{2029}", "€", "プ", "\u{FFFF}", "😀",
            "\u{10FFFF}",
        ]
        let length = Int.random(in: 0...24, using: &generator)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length {
            scalars.append(pool.randomElement(using: &generator) ?? "a")
        }
        return String(scalars)
    }
}

extension Int64 {
    fileprivate init(pow10 exponent: Int) {
        self = (0..<exponent).reduce(1) { value, _ in value * 10 }
    }
}
