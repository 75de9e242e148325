import BitrixREST
import JSON
import Testing

@Suite struct PHPCastTests {
    @Test(
        arguments: [
            ("123", 123), ("12abc", 12), ("abc", 0), ("", 0), ("  42", 42), ("-5", -5), ("+7", 7), ("1e3", 1000),
            ("1.9", 1), ("-1.9", -1), (".5", 0), ("12.", 12), ("0x1A", 0),
            ("9223372036854775807", 9_223_372_036_854_775_807),
            ("99999999999999999999", 0), ("1e400", 0), ("\n 8", 8),
        ] as [(String, Int64)])
    func castsStringsLikePHP(text: String, expected: Int64) {
        #expect(PHPCast.int(.string(text)) == expected)
    }

    @Test func castsOtherValuesLikePHP() {
        #expect(PHPCast.int(.int(77)) == 77)
        #expect(PHPCast.int(.double(3.99)) == 3)
        #expect(PHPCast.int(.bool(true)) == 1)
        #expect(PHPCast.int(.null) == 0)
        #expect(PHPCast.int(.array([])) == 0)
        #expect(PHPCast.int(.array([1])) == 1)
        #expect(PHPCast.int(.double(.nan)) == 0)
    }

    @Test func truthinessFollowsPHP() {
        let falsy: [JSONValue] = [.null, false, 0, 0.0, "", "0", [], .object([:])]
        let truthy: [JSONValue] = [true, 1, "1", "false", "0.0", " ", [0]]
        #expect(falsy.allSatisfy { !PHPCast.bool($0) })
        #expect(truthy.allSatisfy { PHPCast.bool($0) })
    }

    @Test func entityIDPrefersUpperCaseUnlessNull() {
        #expect(RESTParameters(["ID": "5", "id": "6"]).entityID == 5)
        #expect(RESTParameters(["ID": .null, "id": "6"]).entityID == 6)
        #expect(RESTParameters(["id": 7]).entityID == 7)
        #expect(RESTParameters([:]).entityID == 0)
    }
}
