import JSON
import Testing

/// A value and the exact bytes PHP's json_encode produces for it.
struct EncodingCase: Sendable, CustomTestStringConvertible {
    let value: JSONValue
    let expected: String
    init(_ value: JSONValue, _ expected: String) {
        self.value = value
        self.expected = expected
    }
    var testDescription: String { expected }
}

@Suite struct JSONWriterTests {
    private func encode(_ value: JSONValue, options: JSONWriter.Options = .php) -> String {
        String(decoding: JSONWriter.encode(value, options: options), as: UTF8.self)
    }

    // MARK: - Scalars and strings

    static let phpDefaultCases: [EncodingCase] = [
        EncodingCase(nil, "null"),
        EncodingCase(true, "true"),
        EncodingCase(false, "false"),
        EncodingCase(0, "0"),
        EncodingCase(-1, "-1"),
        EncodingCase(.int(.max), "9223372036854775807"),
        EncodingCase(.int(.min), "-9223372036854775808"),
        EncodingCase("", #""""#),
        EncodingCase("plain ascii", #""plain ascii""#),
        // PHP escapes "/" by default (ext/json/tests/pass001.1.phpt: "url":"http:\/\/www.JSON.org\/").
        EncodingCase("http://www.JSON.org/", #""http:\/\/www.JSON.org\/""#),
        EncodingCase("\"quoted\" \\ back", #""\"quoted\" \\ back""#),
        EncodingCase("\u{8}\u{C}\n\r\t", #""\b\f\n\r\t""#),
        // Other control characters as \u00XX with lowercase hex (php_json_escape_string uses "0123456789abcdef").
        EncodingCase("\u{0}\u{1}\u{1F}\u{1B}", #""\u0000\u0001\u001f\u001b""#),
        EncodingCase("\u{7F}", "\"\u{7F}\""),
        // Non-ASCII as lowercase \u escapes (pass001.1.phpt: "hex":"\u0123\u4567\u89ab\ucdef\uabcd\uef4a").
        EncodingCase("\u{0123}\u{4567}\u{89AB}\u{CDEF}\u{ABCD}\u{EF4A}", #""\u0123\u4567\u89ab\ucdef\uabcd\uef4a""#),
        EncodingCase("é", #""\u00e9""#),
        EncodingCase("привет", #""\u043f\u0440\u0438\u0432\u0435\u0442""#),
        EncodingCase("😀", #""\ud83d\ude00""#),
        EncodingCase("a\u{2028}b", #""a\u2028b""#),
        EncodingCase("<a href='x'>&", #""<a href='x'>&""#),
        EncodingCase([], "[]"),
        EncodingCase(.object([:]), "{}"),
        EncodingCase([1, "two", nil, [true]], #"[1,"two",null,[true]]"#),
        EncodingCase(["z": 1, "a": ["y": [], "x": .object([:])]], #"{"z":1,"a":{"y":[],"x":{}}}"#),
        EncodingCase(
            ["ключ/key": "значение"],
            #"{"\u043a\u043b\u044e\u0447\/key":"\u0437\u043d\u0430\u0447\u0435\u043d\u0438\u0435"}"#),
    ]

    @Test(arguments: phpDefaultCases)
    func writesLikePHPJSONEncode(_ testCase: EncodingCase) {
        #expect(encode(testCase.value) == testCase.expected)
    }

    @Test func unescapedOptionsWriteRawUTF8AndSlashesButStillEscapeLineTerminators() {
        // JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE: PHP still escapes U+2028/U+2029 unless
        // JSON_UNESCAPED_LINE_TERMINATORS is given (PHP >= 7.1).
        #expect(encode("a/b é 😀", options: []) == "\"a/b é 😀\"")
        #expect(encode("x\u{2028}y\u{2029}z", options: []) == #""x\u2028y\u2029z""#)
        #expect(encode("→ ∑ \u{E2}", options: []) == "\"→ ∑ \u{E2}\"")
        #expect(encode("\"\\\n", options: []) == #""\"\\\n""#)
    }

    @Test func hexOptionsEscapeHTMLSensitiveCharactersLikePHP() {
        let all: JSONWriter.Options = [.php, .hexTag, .hexAmp, .hexApos, .hexQuot]
        #expect(
            encode(#"<a href='x'>&"</a>"#, options: all)
                == #""\u003Ca href=\u0027x\u0027\u003E\u0026\u0022\u003C\/a\u003E""#)
        #expect(encode("<>", options: [.hexTag]) == #""\u003C\u003E""#)
        #expect(encode("&'\"", options: [.hexAmp]) == #""\u0026'\"""#)
        #expect(encode("'", options: [.hexApos]) == #""\u0027""#)
        #expect(encode("\"", options: [.hexQuot]) == #""\u0022""#)
    }

    // MARK: - Doubles

    /// PHP >= 7.1 json_encode outputs with serialize_precision = -1, all checked against PHP 8.2's json_encode.
    /// Sources: php-src ext/json/tests/pass001.1.phpt and pass001.1_64bit.phpt ("real":-9876.54321,
    /// "e":1.23456789e-13, "E":1.23456789e+34, "E no .":4000000000000, 0.5, 98.6, 99.44, INF written as 0 under
    /// JSON_PARTIAL_OUTPUT_ON_ERROR), ext/json/tests/bug41567.phpt (123456789.12345), the
    /// json_preserve_fractional_part RFC (json_encode(10.0) is "10"), and the zend_gcvt layout rule (exponent when
    /// decpt < -3 or > 17, mantissa "1.0" for one digit, exponent without padding), also visible in
    /// ext/standard/tests/serialize/bug24063.phpt ("0.0001", then "1.0E-5").
    static let doubleCases: [EncodingCase] = [
        EncodingCase(.double(-9876.54321), "-9876.54321"),
        EncodingCase(.double(1.23456789e-13), "1.23456789e-13"),
        EncodingCase(.double(1.23456789e34), "1.23456789e+34"),
        EncodingCase(.double(4e12), "4000000000000"),
        EncodingCase(.double(0.5), "0.5"),
        EncodingCase(.double(98.6), "98.6"),
        EncodingCase(.double(99.44), "99.44"),
        EncodingCase(.double(.infinity), "0"),
        EncodingCase(.double(-.infinity), "0"),
        EncodingCase(.double(.nan), "0"),
        EncodingCase(.double(123_456_789.12345), "123456789.12345"),
        EncodingCase(.double(10.0), "10"),
        EncodingCase(.double(1.0), "1"),
        EncodingCase(.double(1_705_764_932.0), "1705764932"),
        EncodingCase(.double(1_705_764_932.25), "1705764932.25"),
        EncodingCase(.double(15000.0), "15000"),
        EncodingCase(.double(0.0), "0"),
        EncodingCase(.double(-0.0), "-0"),
        EncodingCase(.double(0.1), "0.1"),
        EncodingCase(.double(0.1 + 0.2), "0.30000000000000004"),
        EncodingCase(.double(0.001), "0.001"),
        EncodingCase(.double(0.0001), "0.0001"),
        EncodingCase(.double(0.00012), "0.00012"),
        EncodingCase(.double(0.00001), "1.0e-5"),
        EncodingCase(.double(-1.5e-5), "-1.5e-5"),
        EncodingCase(.double(1.5e-7), "1.5e-7"),
        EncodingCase(.double(1e15), "1000000000000000"),
        EncodingCase(.double(1e16), "10000000000000000"),
        EncodingCase(.double(12_345_678_901_234_567.0), "12345678901234568"),
        EncodingCase(.double(1e17), "1.0e+17"),
        EncodingCase(.double(123_456_789_012_345_678.0), "1.2345678901234568e+17"),
        EncodingCase(.double(1e20), "1.0e+20"),
        EncodingCase(.double(123_456_789_012_345_680_000.0), "1.2345678901234568e+20"),
        EncodingCase(.double(1e22), "1.0e+22"),
        EncodingCase(.double(-2.5e100), "-2.5e+100"),
        EncodingCase(.double(.greatestFiniteMagnitude), "1.7976931348623157e+308"),
        EncodingCase(.double(.leastNonzeroMagnitude), "5.0e-324"),
        EncodingCase(.double(9.999e-5), "9.999e-5"),
        EncodingCase(.double(1.5e17), "1.5e+17"),
        EncodingCase(.double(2.2250738585072014e-308), "2.2250738585072014e-308"),
    ]

    @Test(arguments: doubleCases)
    func writesDoublesLikePHP(_ testCase: EncodingCase) {
        #expect(encode(testCase.value) == testCase.expected)
    }

    // MARK: - Streaming

    @Test func streamingEnvelopeGetsCommasAndFixedKeyOrder() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("result")
        writer.beginArray()
        writer.int(1)
        writer.int(Int64(2))
        writer.beginObject()
        writer.endObject()
        writer.endArray()
        writer.key("next")
        writer.int(50)
        writer.key("total")
        writer.int(120)
        writer.key("time")
        writer.beginObject()
        writer.key("start")
        writer.double(1_705_764_932.5)
        writer.key("date_start")
        writer.string("2024-01-20T18:35:32+03:00")
        writer.key("ok")
        writer.bool(true)
        writer.key("none")
        writer.null()
        writer.endObject()
        writer.endObject()
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(
            text == #"{"result":[1,2,{}],"next":50,"total":120,"time":{"start":1705764932.5,"#
                + #""date_start":"2024-01-20T18:35:32+03:00","ok":true,"none":null}}"#
        )
    }

    @Test func streamingNestedEmptyContainersAndRawFragments() {
        var writer = JSONWriter()
        writer.beginArray()
        writer.beginArray()
        writer.endArray()
        writer.beginObject()
        writer.endObject()
        writer.raw(#"{"a":1}"#.utf8)
        writer.raw([UInt8(ascii: "2")])
        writer.beginArray()
        writer.beginArray()
        writer.endArray()
        writer.endArray()
        writer.write(["k": [1, 2]])
        writer.string("/")
        writer.endArray()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"[[],{},{"a":1},2,[[]],{"k":[1,2]},"\/"]"#)
    }

    @Test func streamingMixesWithWholeValues() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("result")
        writer.write(["ID": "1", "TITLE": "Lead"])
        writer.key("list")
        writer.write([1, 2])
        writer.key("raw")
        writer.raw("[]".utf8)
        writer.endObject()
        #expect(
            String(decoding: writer.bytes, as: UTF8.self)
                == #"{"result":{"ID":"1","TITLE":"Lead"},"list":[1,2],"raw":[]}"#)
    }

    @Test func resetStartsAFreshDocumentKeepingCapacity() {
        var writer = JSONWriter(options: .php, reservingCapacity: 1024)
        writer.write([1, 2, 3])
        writer.reset()
        #expect(writer.bytes.isEmpty)
        #expect(writer.bytes.capacity >= 1024)
        writer.int(7)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "7")
    }

    // MARK: - The php-src pass001 document

    @Test func reproducesPHPsEncodingOfThePass001Document() throws {
        let value = try JSONParser.parse(Self.pass001Input)
        #expect(encode(value) == Self.pass001Expected)
    }

    /// The input of php-src ext/json/tests/pass001.1.phpt (JSON_checker's pass1.json, modified by PHP).
    static let pass001Input = ##"""
        [
            "JSON Test Pattern pass1",
            {"object with 1 member":["array with 1 element"]},
            {},
            [],
            -42,
            true,
            false,
            null,
            {
                "integer": 1234567890,
                "real": -9876.543210,
                "e": 0.123456789e-12,
                "E": 1.234567890E+34,
                "":  23456789012E666,
                "E no .":  4E12,
                "zero": 0,
                "one": 1,
                "space": " ",
                "quote": "\"",
                "backslash": "\\",
                "controls": "\b\f\n\r\t",
                "slash": "/ & \/",
                "alpha": "abcdefghijklmnopqrstuvwyz",
                "ALPHA": "ABCDEFGHIJKLMNOPQRSTUVWYZ",
                "digit": "0123456789",
                "special": "`1~!@#$%^&*()_+-={':[,]}|;.</>?",
                "hex": "\u0123\u4567\u89AB\uCDEF\uabcd\uef4A",
                "unicode": "\u30d7\u30ec\u30b9\u30ad\u30c3\u30c8",
                "プレスキット": "プレスキット",
                "empty_string": "",
                "true": true,
                "false": false,
                "null": null,
                "array":[  ],
                "object":{  },
                "123":{"456":{"abc":{"789":"def","012":[1,2,"5",500],"ghi":[1,2,"five",50,"sixty"]}}},
                "address": "50 St. James Street",
                "url": "http://www.JSON.org/",
                "comment": "// /* <!-- --",
                "# -- --> */": " ",
                " s p a c e d " :[1,2 , 3

        ,

        4 , 5        ,          6           ,7        ],
                "compact": [1,2,3,4,5,6,7],
                "jsontext": "{\"object with 1 member\":[\"array with 1 element\"]}",
                "quotes": "&#34; \u0022 %22 0x22 034 &#x22;",
                "\/\\\"\uCAFE\uBABE\uAB98\uFCDE\ubcda\uef4A\b\f\n\r\t`1~!@#$%^&*()_+-=[]{}|;:',./<>?"
        : "A key can be any string"
            },
            0.5 ,98.6
        ,
        99.44
        ,

        1066


        ,"rosebud"]
        """##

    /// The "ENCODE: FROM OBJECT" line that pass001.1.phpt expects from json_encode (with
    /// JSON_PARTIAL_OUTPUT_ON_ERROR, which turns the INF member into 0).
    static let pass001Expected =
        ##"["JSON Test Pattern pass1",{"object with 1 member":["array with 1 element"]},{},[],-42,true,false,null,"##
        + ##"{"integer":1234567890,"real":-9876.54321,"e":1.23456789e-13,"E":1.23456789e+34,"":0,"##
        + ##""E no .":4000000000000,"zero":0,"one":1,"space":" ","quote":"\"","backslash":"\\","##
        + ##""controls":"\b\f\n\r\t","slash":"\/ & \/","alpha":"abcdefghijklmnopqrstuvwyz","##
        + ##""ALPHA":"ABCDEFGHIJKLMNOPQRSTUVWYZ","digit":"0123456789","special":"`1~!@#$%^&*()_+-={':[,]}|;.<\/>?","##
        + ##""hex":"\u0123\u4567\u89ab\ucdef\uabcd\uef4a","unicode":"\u30d7\u30ec\u30b9\u30ad\u30c3\u30c8","##
        + ##""\u30d7\u30ec\u30b9\u30ad\u30c3\u30c8":"\u30d7\u30ec\u30b9\u30ad\u30c3\u30c8","empty_string":"","##
        + ##""true":true,"false":false,"null":null,"array":[],"object":{},"##
        + ##""123":{"456":{"abc":{"789":"def","012":[1,2,"5",500],"ghi":[1,2,"five",50,"sixty"]}}},"##
        + ##""address":"50 St. James Street","url":"http:\/\/www.JSON.org\/","comment":"\/\/ \/* <!-- --","##
        + ##""# -- --> *\/":" "," s p a c e d ":[1,2,3,4,5,6,7],"compact":[1,2,3,4,5,6,7],"##
        + ##""jsontext":"{\"object with 1 member\":[\"array with 1 element\"]}","##
        + ##""quotes":"&#34; \" %22 0x22 034 &#x22;","##
        + ##""\/\\\"\ucafe\ubabe\uab98\ufcde\ubcda\uef4a\b\f\n\r\t`1~!@#$%^&*()_+-=[]{}|;:',.\/<>?":"##
        + ##""A key can be any string"},0.5,98.6,99.44,1066,"rosebud"]"##
}
