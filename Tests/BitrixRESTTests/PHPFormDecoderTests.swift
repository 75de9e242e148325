import BitrixREST
import JSON
import Testing

@Suite struct PHPFormDecoderTests {
    private func decode(_ pairs: [(String, String)]) -> JSONValue {
        .object(PHPFormDecoder.decode(pairs.map { (name: $0.0, value: $0.1) }))
    }

    @Test func nestsBracketedKeys() throws {
        let value = decode([("fields[TITLE]", "x"), ("fields[FM][PHONE][0][VALUE]", "1"), ("id", "5")])
        #expect(value == ["fields": ["TITLE": "x", "FM": ["PHONE": [["VALUE": "1"]]]], "id": "5"])
    }

    @Test func appendsWithEmptyBrackets() {
        #expect(decode([("a[]", "1"), ("a[]", "2")]) == ["a": ["1", "2"]])
    }

    @Test func continuesNumberingAfterExplicitIndexes() {
        #expect(decode([("a[5]", "x"), ("a[]", "y")]) == ["a": ["5": "x", "6": "y"]])
    }

    @Test func laterValuesReplaceEarlierOnes() {
        #expect(decode([("id", "1"), ("id", "2")]) == ["id": "2"])
        #expect(decode([("a[b]", "1"), ("a", "2")]) == ["a": "2"])
        #expect(decode([("a", "2"), ("a[b]", "1")]) == ["a": ["b": "1"]])
    }

    @Test func convertsDotsAndSpacesInTheTopLevelName() {
        #expect(
            decode([("a.b", "1"), ("c d[e.f]", "2"), (" lead", "3")]) == ["a_b": "1", "c_d": ["e.f": "2"], "lead": "3"])
    }

    @Test func keepsAnUnclosedBracketAsUnderscore() {
        #expect(decode([("a[b", "1")]) == ["a_b": "1"])
    }

    @Test func ignoresNamesWithoutABase() {
        #expect(decode([("[x]", "1"), ("", "2")]) == [:])
    }

    @Test func sequentialKeysBecomeAList() {
        #expect(decode([("select[0]", "ID"), ("select[1]", "TITLE")]) == ["select": ["ID", "TITLE"]])
        #expect(decode([("select[1]", "ID"), ("select[0]", "TITLE")]) == ["select": ["1": "ID", "0": "TITLE"]])
    }
}
