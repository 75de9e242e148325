import Foundation
import JSON
import Testing

/// A document that must parse, and what it must parse to.
struct ValidCase: Sendable, CustomTestStringConvertible {
    let text: String
    let expected: JSONValue
    init(_ text: String, _ expected: JSONValue) {
        self.text = text
        self.expected = expected
    }
    var testDescription: String { text.debugDescription }
}

/// A document that must be rejected, with the message prefix and the position of the offending byte.
struct InvalidCase: Sendable, CustomTestStringConvertible {
    let bytes: [UInt8]
    let message: String
    let offset: Int
    let line: Int
    let column: Int
    init(_ text: String, _ message: String, offset: Int, line: Int = 1, column: Int? = nil) {
        self.init(bytes: Array(text.utf8), message, offset: offset, line: line, column: column)
    }
    init(bytes: [UInt8], _ message: String, offset: Int, line: Int = 1, column: Int? = nil) {
        self.bytes = bytes
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column ?? offset + 1
    }
    var testDescription: String { String(decoding: bytes, as: UTF8.self).debugDescription }
}

@Suite struct JSONParserTests {
    static let validCases: [ValidCase] = [
        // Literals and whitespace around any top-level value.
        ValidCase("null", .null),
        ValidCase("true", true),
        ValidCase("false", false),
        ValidCase(" \t\r\n null \n", .null),
        ValidCase("\"top-level string\"", "top-level string"),
        // Integers: Int64 range stays .int, beyond it becomes .double (PHP json_decode without JSON_BIGINT_AS_STRING).
        ValidCase("0", .int(0)),
        ValidCase("-0", .int(0)),
        ValidCase("123", .int(123)),
        ValidCase("-42", .int(-42)),
        ValidCase("1705764932", .int(1_705_764_932)),
        ValidCase("9223372036854775807", .int(.max)),
        ValidCase("-9223372036854775808", .int(.min)),
        ValidCase("9223372036854775808", .double(9_223_372_036_854_775_808.0)),
        ValidCase("-9223372036854775809", .double(-9_223_372_036_854_775_809.0)),
        ValidCase("99999999999999999999", .double(1e20)),
        ValidCase("123456789012345678901234567890", .double(1.2345678901234568e29)),
        // Anything with a fraction or exponent is a double, even when integral.
        ValidCase("1.0", .double(1)),
        ValidCase("1e2", .double(100)),
        ValidCase("1E+2", .double(100)),
        ValidCase("1e-2", .double(0.01)),
        ValidCase("-1.5", .double(-1.5)),
        ValidCase("0.1", .double(0.1)),
        ValidCase("98.6", .double(98.6)),
        ValidCase("-9876.543210", .double(-9876.54321)),
        ValidCase("123456789.12345", .double(123_456_789.12345)),
        ValidCase("0.123456789e-12", .double(1.23456789e-13)),
        ValidCase("1.234567890E+34", .double(1.23456789e34)),
        ValidCase("4E12", .double(4e12)),
        ValidCase("1.7976931348623157e308", .double(.greatestFiniteMagnitude)),
        ValidCase("2.2250738585072014e-308", .double(2.2250738585072014e-308)),
        ValidCase("5e-324", .double(.leastNonzeroMagnitude)),
        ValidCase("3.141592653589793238462643383279", .double(.pi)),
        ValidCase("0.30000000000000004", .double(0.1 + 0.2)),
        ValidCase("9007199254740993", .int(9_007_199_254_740_993)),
        ValidCase("9007199254740993.0", .double(9_007_199_254_740_992)),
        // Out of Double range: ±infinity or 0, as PHP (json_decode gives float(INF)).
        ValidCase("23456789012E666", .double(.infinity)),
        ValidCase("-1e400", .double(-.infinity)),
        ValidCase("1e-400", .double(0)),
        // Strings and escapes.
        ValidCase("\"\"", ""),
        ValidCase(#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
        ValidCase(#""\u00e9\u00E9""#, "éé"),
        ValidCase(#""\u0000""#, "\u{0}"),
        ValidCase(#""\u30d7\u30ec\u30b9""#, "プレス"),
        ValidCase(#""\ud83d\ude00""#, "😀"),
        ValidCase(#""\uD83D\uDE00 ok""#, "😀 ok"),
        ValidCase("\"привет, мир\"", "привет, мир"),
        ValidCase("\"😀 raw\"", "😀 raw"),
        ValidCase("\"\u{7F}\"", "\u{7F}"),
        ValidCase(
            #""a long string without escapes that crosses several 8-byte words""#,
            "a long string without escapes that crosses several 8-byte words"),
        ValidCase(
            #""a long string with one escape at the very end of it, past the words\n""#,
            "a long string with one escape at the very end of it, past the words\n"),
        // Containers.
        ValidCase("[]", []),
        ValidCase("{}", .object([:])),
        ValidCase(" [ 1 , 2 ,3 ] ", [1, 2, 3]),
        ValidCase(#"{"a":[{"b":null}],"c":{}}"#, ["a": [["b": nil]], "c": .object([:])]),
        ValidCase(#"[[],{},[[]]]"#, [[], .object([:]), [[]]]),
        ValidCase(#"{"":1}"#, ["": 1]),
    ]

    @Test(arguments: validCases)
    func parsesValidDocument(_ testCase: ValidCase) throws {
        let value = try JSONParser.parse(testCase.text)
        #expect(value == testCase.expected)
    }

    @Test func negativeZeroKeepsItsSignAsDouble() throws {
        let value = try JSONParser.parse("-0.0")
        let double = try #require(value.doubleValue)
        #expect(double == 0 && double.sign == .minus)
    }

    static let invalidCases: [InvalidCase] = [
        InvalidCase("", "Unexpected end of input, expected a value", offset: 0),
        InvalidCase("   ", "Unexpected end of input, expected a value", offset: 3),
        InvalidCase("[", "Unexpected end of input, expected a value", offset: 1),
        InvalidCase(#"{"a":1"#, "Unexpected end of input, expected ',' or '}'", offset: 6),
        InvalidCase("[1,]", "Unexpected character ']', expected a value", offset: 3),
        InvalidCase(#"{"a":1,}"#, "Unexpected character '}', expected '\"' to begin a member name", offset: 7),
        InvalidCase("[1 2]", "Unexpected character '2', expected ',' or ']'", offset: 3),
        InvalidCase(#"{"a" 1}"#, "Unexpected character '1', expected ':' after a member name", offset: 5),
        InvalidCase("{a:1}", "Unexpected character 'a', expected '\"' to begin a member name", offset: 1),
        InvalidCase("{'a':1}", "Unexpected character ''', expected '\"' to begin a member name", offset: 1),
        InvalidCase("1 2", "Unexpected character '2', expected end of input", offset: 2),
        InvalidCase("[1]x", "Unexpected character 'x', expected end of input", offset: 3),
        InvalidCase("// comment\n1", "Unexpected character '/', expected a value", offset: 0),
        InvalidCase("[1,\n  2,\n  ]", "Unexpected character ']', expected a value", offset: 11, line: 3, column: 3),
        InvalidCase("\"é\" x", "Unexpected character 'x', expected end of input", offset: 5, column: 5),
        // Numbers.
        InvalidCase("01", "Leading zeros are not allowed in numbers", offset: 0),
        InvalidCase("-01", "Leading zeros are not allowed in numbers", offset: 1),
        InvalidCase("1.", "Unexpected end of input, expected a digit after the decimal point", offset: 2),
        InvalidCase("1.e5", "Unexpected character 'e', expected a digit after the decimal point", offset: 2),
        InvalidCase("1e", "Unexpected end of input, expected a digit in the exponent", offset: 2),
        InvalidCase("1e+", "Unexpected end of input, expected a digit in the exponent", offset: 3),
        InvalidCase("-", "Unexpected end of input, expected a digit", offset: 1),
        InvalidCase("+1", "Unexpected character '+', expected a value", offset: 0),
        InvalidCase(".5", "Unexpected character '.', expected a value", offset: 0),
        InvalidCase("0x10", "Unexpected character 'x', expected end of input", offset: 1),
        InvalidCase("NaN", "Unexpected character 'N', expected a value", offset: 0),
        InvalidCase("Infinity", "Unexpected character 'I', expected a value", offset: 0),
        InvalidCase("-Infinity", "Unexpected character 'I', expected a digit", offset: 1),
        // Literals.
        InvalidCase("tru", "Unexpected end of input, expected 'true'", offset: 3),
        InvalidCase("nul l", "Unexpected character ' ', expected 'null'", offset: 3),
        InvalidCase("True", "Unexpected character 'T', expected a value", offset: 0),
        // Strings.
        InvalidCase("\"abc", "Unterminated string", offset: 0),
        InvalidCase("[\"abc\\", "Unterminated string", offset: 1),
        InvalidCase("\"a\nb\"", "Control character U+000A must be escaped in a string", offset: 2),
        InvalidCase("\"\t\"", "Control character U+0009 must be escaped in a string", offset: 1),
        InvalidCase(#""\x""#, "Invalid escape character 'x' after '\\'", offset: 1),
        InvalidCase(#""\'""#, "Invalid escape character ''' after '\\'", offset: 1),
        InvalidCase(#""\u12""#, "Invalid \\u escape: expected 4 hexadecimal digits", offset: 1),
        InvalidCase(#""\u12G4""#, "Invalid \\u escape: expected 4 hexadecimal digits", offset: 1),
        InvalidCase(#""\ud800""#, "Unpaired UTF-16 surrogate in \\u escape", offset: 1),
        InvalidCase(#""x\ud800\u0041""#, "Unpaired UTF-16 surrogate in \\u escape", offset: 2),
        InvalidCase(#""\udc00\ud800""#, "Unpaired UTF-16 surrogate in \\u escape", offset: 1),
        // UTF-8 validation (PHP: JSON_ERROR_UTF8).
        InvalidCase(bytes: [0x22, 0xC3, 0x28, 0x22], "Malformed UTF-8", offset: 1),
        InvalidCase(bytes: [0x22, 0x80, 0x22], "Malformed UTF-8", offset: 1),
        InvalidCase(bytes: [0x22, 0xC0, 0xAF, 0x22], "Malformed UTF-8", offset: 1),
        InvalidCase(bytes: [0x22, 0xE0, 0x80, 0xAF, 0x22], "Malformed UTF-8", offset: 1),
        InvalidCase(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], "Malformed UTF-8", offset: 1),
        InvalidCase(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "Malformed UTF-8", offset: 1),
        InvalidCase(bytes: [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], "Malformed UTF-8", offset: 1),
        InvalidCase(bytes: [0x22, 0x61, 0xE2, 0x82], "Malformed UTF-8", offset: 2),
        InvalidCase(bytes: [0x22, 0xFF, 0x22], "Malformed UTF-8", offset: 1),
        InvalidCase(bytes: Array("\"12345678".utf8) + [0xC3, 0x22], "Malformed UTF-8", offset: 9),
        InvalidCase(bytes: [0xEF, 0xBB, 0xBF, 0x31], "Unexpected byte 0xEF, expected a value", offset: 0),
    ]

    @Test(arguments: invalidCases)
    func rejectsInvalidDocumentAtTheRightPosition(_ testCase: InvalidCase) {
        #expect {
            try JSONParser.parse(testCase.bytes)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.message == testCase.message && error.offset == testCase.offset
                && error.line == testCase.line && error.column == testCase.column
        }
    }

    @Test func errorDescriptionNamesThePosition() {
        let error = JSONParseError(message: "Unterminated string", offset: 7, line: 2, column: 3)
        #expect(error.description == "Unterminated string at line 2, column 3 (offset 7)")
    }

    // MARK: - Objects

    @Test func objectKeepsKeyOrder() throws {
        let value = try JSONParser.parse(#"{"z":1,"a":2,"m":3,"b":{"y":1,"x":2}}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m", "b"])
        #expect(value["b"]?.objectValue?.keys == ["y", "x"])
    }

    @Test func duplicateKeyKeepsFirstPositionAndLastValue() throws {
        let value = try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == 3)
    }

    @Test func duplicateKeyInLargeIndexedObjectKeepsFirstPosition() throws {
        let members = (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        let value = try JSONParser.parse("{\(members),\"k0\":\"last\",\"k39\":true}")
        let object = try #require(value.objectValue)
        #expect(object.count == 40)
        #expect(object.keys.first == "k0")
        #expect(object.keys.last == "k39")
        #expect(object["k0"] == "last")
        #expect(object["k39"] == true)
        #expect(object["k20"] == 20)
    }

    // MARK: - Depth

    /// PHP 8.2: json_decode accepts 511 nested arrays with the default depth 512 and rejects 512
    /// ("Maximum stack depth exceeded"); `[1]` and `[]` need depth 2, `[[1]]` depth 3, a scalar depth 1.
    @Test func acceptsNestingUpToPHPsDefaultDepth() throws {
        let text = String(repeating: "[", count: 511) + String(repeating: "]", count: 511)
        var value = try JSONParser.parse(text)
        var depth = 0
        while case .array(let elements) = value {
            depth += 1
            value = elements.first ?? .null
        }
        #expect(depth == 511)
    }

    @Test func rejectsNestingBeyondPHPsDefaultDepth() {
        let text = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        let expected = JSONParseError(
            message: "Maximum nesting depth of 512 exceeded", offset: 511, line: 1, column: 512)
        #expect(throws: expected) {
            try JSONParser.parse(text)
        }
    }

    @Test func depthCountsLikePHP() throws {
        #expect(try JSONParser.parse("1", maxDepth: 1) == 1)
        #expect(try JSONParser.parse("[1]", maxDepth: 2) == [1])
        #expect(try JSONParser.parse("[[1]]", maxDepth: 3) == [[1]])
        #expect(try JSONParser.parse(#"{"a":1}"#, maxDepth: 2) == ["a": 1])
        #expect(throws: JSONParseError.self) { try JSONParser.parse("1", maxDepth: 0) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse("[]", maxDepth: 1) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse("[1]", maxDepth: 1) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse("[[]]", maxDepth: 2) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse("[[1]]", maxDepth: 2) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#"{"a":{"b":1}}"#, maxDepth: 2) }
    }

    @Test func hugeNestingFailsFastWithoutExhaustingTheStack() {
        let text = String(repeating: "[", count: 1_000_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    // MARK: - Inputs

    @Test func parsesEveryKindOfByteCollection() throws {
        let text = #"{"list":[1,2.5,"three"]}"#
        let expected: JSONValue = ["list": [1, 2.5, "three"]]
        let bytes = Array(text.utf8)
        #expect(try JSONParser.parse(bytes) == expected)
        #expect(try JSONParser.parse(Array("xx\(text)yy".utf8)[2..<(bytes.count + 2)]) == expected)
        #expect(try JSONParser.parse(Data(text.utf8)) == expected)
        #expect(try JSONParser.parse(text.utf8) == expected)
        #expect(try JSONParser.parse(bytes.lazy.map { $0 }) == expected)  // not contiguous: copied first
    }

    @Test func agreesWithFoundationOnDoubles() throws {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<5_000 {
            let double = Double(bitPattern: generator.next() & 0xFFEF_FFFF_FFFF_FFFF)
            for text in [double.description, String(format: "%.17g", double), String(format: "%.5e", double)] {
                let parsed = try JSONParser.parse(text)
                let expected = try #require(Double(text))
                let isSame = parsed.doubleValue.map { $0.bitPattern == expected.bitPattern } ?? false
                #expect(isSame || parsed == .int(Int64(expected)), "\(text)")
            }
        }
    }
}
