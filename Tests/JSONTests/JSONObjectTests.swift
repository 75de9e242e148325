import JSON
import Testing

@Suite struct JSONObjectTests {
    @Test func literalKeepsWrittenOrder() {
        let object: JSONObject = ["z": 1, "a": 2, "m": 3]
        #expect(object.keys == ["z", "a", "m"])
        #expect(object.values == [1, 2, 3])
        #expect(Array(object).map(\.key) == ["z", "a", "m"])
        #expect(object.count == 3)
        #expect(!object.isEmpty)
        #expect(JSONObject().isEmpty)
    }

    @Test func literalWithRepeatedKeyKeepsFirstPositionAndLastValue() {
        let object: JSONObject = ["a": 1, "b": 2, "a": 3]
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == 3)
    }

    @Test func assigningExistingKeyKeepsItsPosition() {
        var object: JSONObject = ["first": 1, "second": 2, "third": 3]
        object["second"] = "replaced"
        object["fourth"] = 4
        #expect(object.keys == ["first", "second", "third", "fourth"])
        #expect(object["second"] == "replaced")
    }

    @Test func assigningNilRemovesTheMember() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(object["b"] == nil)
        #expect(object.removeValue(forKey: "a") == 1)
        #expect(object.removeValue(forKey: "missing") == nil)
        #expect(object.keys == ["c"])
        object["a"] = 9
        #expect(object.keys == ["c", "a"])
    }

    @Test func explicitNullIsAValueNotARemoval() {
        var object = JSONObject()
        object["a"] = .null
        #expect(object.count == 1)
        #expect(object["a"] == .null)
    }

    @Test func largeObjectStaysConsistentAcrossTheIndexThreshold() {
        var object = JSONObject()
        for number in 0..<200 {
            object["key\(number)"] = .int(Int64(number))
        }
        for number in 0..<200 {
            #expect(object["key\(number)"] == .int(Int64(number)))
            #expect(object.position(of: "key\(number)") == number)
        }
        object["key100"] = "updated"
        #expect(object.position(of: "key100") == 100)
        for number in stride(from: 0, to: 200, by: 2) {
            object["key\(number)"] = nil
        }
        #expect(object.count == 100)
        #expect(object.keys.first == "key1")
        #expect(object.position(of: "key199") == 99)
        #expect(object["key100"] == nil)
        #expect(object["key101"] == 101)
        for number in stride(from: 1, to: 190, by: 2) {
            object["key\(number)"] = nil
        }
        #expect(object.keys == ["key191", "key193", "key195", "key197", "key199"])
        #expect(object["key195"] == 195)
        object["key0"] = 0
        #expect(object.position(of: "key0") == 5)
    }

    @Test func equalityAndHashingFollowMemberOrder() {
        let ab: JSONObject = ["a": 1, "b": 2]
        let ba: JSONObject = ["b": 2, "a": 1]
        var built = JSONObject()
        built["a"] = 1
        built["b"] = 2
        #expect(ab == built)
        #expect(ab.hashValue == built.hashValue)
        #expect(ab != ba)
        #expect(Set([ab, built, ba]).count == 2)
    }

    @Test func valueAccessorsReturnNilForOtherKinds() {
        let value: JSONValue = ["s": "text", "n": 5, "d": 2.5, "b": true, "z": nil, "list": [1, 2], "o": ["k": "v"]]
        #expect(value["s"]?.stringValue == "text")
        #expect(value["n"]?.intValue == 5)
        #expect(value["n"]?.doubleValue == 5)
        #expect(value["d"]?.doubleValue == 2.5)
        #expect(value["d"]?.intValue == nil)
        #expect(value["b"]?.boolValue == true)
        #expect(value["z"]?.isNull == true)
        #expect(value["missing"] == nil)
        #expect(value["list"]?[1] == 2)
        #expect(value["list"]?[2] == nil)
        #expect(value["list"]?[-1] == nil)
        #expect(value["list"]?.arrayValue?.count == 2)
        #expect(value["o"]?["k"] == "v")
        #expect(value["o"]?.objectValue?.keys == ["k"])
        #expect(value["s"]?["k"] == nil)
        #expect(value[0] == nil)
        #expect(value["s"]?.objectValue == nil)
        #expect(value["s"]?.arrayValue == nil)
        #expect(value["s"]?.boolValue == nil)
        #expect(value["s"]?.isNull == false)
    }

    @Test func literalsBuildTheExpectedCases() {
        let value: JSONValue = [nil, true, 1, 1.0, "s", [], ["k": 1]]
        let expected = JSONValue.array([
            .null, .bool(true), .int(1), .double(1), .string("s"), .array([]), .object(["k": .int(1)]),
        ])
        #expect(value == expected)
        #expect(JSONValue.int(1) != JSONValue.double(1))
    }
}
