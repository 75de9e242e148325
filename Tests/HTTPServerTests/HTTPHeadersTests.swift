import Testing

@testable import HTTPServer

@Suite struct HTTPHeadersTests {
    @Test func lookupIgnoresCase() {
        let headers: HTTPHeaders = [("Content-Type", "application/json"), ("X-Thing", "1")]
        #expect(headers["content-type"] == "application/json")
        #expect(headers["CONTENT-TYPE"] == "application/json")
        #expect(headers.contains("x-thing"))
        #expect(!headers.contains("x-thin"))
        #expect(headers["missing"] == nil)
    }

    @Test func caseFoldingIsASCIIOnlyAndExact() {
        // '^' and '~' differ by the 0x20 bit like letters do; they must not match each other.
        let headers: HTTPHeaders = [("X-^", "caret")]
        #expect(headers["x-^"] == "caret")
        #expect(headers["X-~"] == nil)
    }

    @Test func repeatedNamesKeepOrder() {
        var headers = HTTPHeaders()
        headers.add(name: "Set-Cookie", value: "a=1")
        headers.add(name: "Other", value: "x")
        headers.add(name: "set-cookie", value: "b=2")
        #expect(headers.values(for: "SET-COOKIE") == ["a=1", "b=2"])
        #expect(headers["Set-Cookie"] == "a=1")
        #expect(Array(headers).map(\.name) == ["Set-Cookie", "Other", "set-cookie"])
    }

    @Test func replaceOrAddReplacesAllAtTheFirstPosition() {
        var headers: HTTPHeaders = [("A", "1"), ("B", "2"), ("a", "3")]
        headers.replaceOrAdd(name: "A", value: "new")
        #expect(Array(headers).map { "\($0.name)=\($0.value)" } == ["A=new", "B=2"])
        headers.replaceOrAdd(name: "C", value: "added")
        #expect(headers["c"] == "added")
        #expect(headers.count == 3)
    }

    @Test func removeDropsEveryMatch() {
        var headers: HTTPHeaders = [("A", "1"), ("B", "2"), ("a", "3")]
        headers.remove(name: "a")
        #expect(headers.count == 1)
        #expect(headers["B"] == "2")
        headers.remove(name: "B")
        #expect(headers.isEmpty)
    }

    @Test func addNeutralisesResponseSplitting() {
        var headers = HTTPHeaders()
        headers.add(name: "X-Bad\r\nInjected", value: "a\r\nSet-Cookie: evil\u{0}")
        let field = Array(headers)[0]
        #expect(!field.name.contains("\r") && !field.name.contains("\n"))
        #expect(field.value == "a  Set-Cookie: evil ")
    }

    @Test func literalsAndEquality() {
        let fromDictionary: HTTPHeaders = ["A": "1"]
        let fromArray: HTTPHeaders = [("A", "1")]
        #expect(fromDictionary == fromArray)
        #expect(fromArray != [("a", "1")])
        #expect(fromArray != [("A", "2")])
        #expect(fromArray != [("A", "1"), ("A", "1")])
        #expect(HTTPHeaders([("X", "y")]).description == "X: y")
    }
}
