import Testing

@testable import HTTPServer

@Suite struct URLEncodedFormTests {
    private func pairs(_ text: String) -> [String] {
        URLEncodedForm.parse(text).map { "\($0.name)=\($0.value)" }
    }

    @Test func splitsOnAmpersandAndFirstEquals() {
        let parsed = URLEncodedForm.parse("a=1&b=2&c=x=y")
        #expect(parsed.map(\.name) == ["a", "b", "c"])
        #expect(parsed.map(\.value) == ["1", "2", "x=y"])
    }

    @Test func semicolonIsNotASeparator() {
        #expect(pairs("a=1;b=2") == ["a=1;b=2"])
    }

    @Test func plusIsSpaceAndEscapesAreDecoded() {
        #expect(pairs("q=hello+world%21&%2B=%2b") == ["q=hello world!", "+=+"])
    }

    @Test func keyWithoutEqualsGetsEmptyValue() {
        let parsed = URLEncodedForm.parse("flag&x=1")
        #expect(parsed.map(\.name) == ["flag", "x"])
        #expect(parsed.map(\.value) == ["", "1"])
    }

    @Test func emptyPairsAreSkipped() {
        #expect(pairs("&&a=1&&b=2&") == ["a=1", "b=2"])
        #expect(URLEncodedForm.parse("").isEmpty)
        #expect(pairs("=v") == ["=v"])
    }

    @Test func invalidEscapesAreKeptLiterally() {
        #expect(pairs("a=%zz&b=%4&c=%&d=100%") == ["a=%zz", "b=%4", "c=%", "d=100%"])
        #expect(pairs("e=%2") == ["e=%2"])
        #expect(pairs("f=%%41") == ["f=%A"])
    }

    @Test func multiByteUTF8IsDecoded() {
        #expect(pairs("name=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82") == ["name=Привет"])
        #expect(pairs("raw=Привет") == ["raw=Привет"])
    }

    @Test func invalidUTF8IsReplacedNotFatal() {
        #expect(pairs("x=%FF%FE") == ["x=\u{FFFD}\u{FFFD}"])
        #expect(URLEncodedForm.parse([0x61, 0x3D, 0xC3]).first?.value == "\u{FFFD}")
    }

    @Test func phpStyleKeysAreDecodedButNotInterpreted() {
        #expect(
            pairs("fields%5BTITLE%5D=Lead&fields[PHONE][0][VALUE]=1") == [
                "fields[TITLE]=Lead", "fields[PHONE][0][VALUE]=1",
            ])
    }

    @Test func repeatedNamesKeepOrder() {
        #expect(pairs("a[]=1&a[]=2&a[]=3") == ["a[]=1", "a[]=2", "a[]=3"])
    }

    @Test func bytesAndStringOverloadsAgree() {
        let text = "a=1&b=%20+&c"
        let fromBytes = URLEncodedForm.parse(Array(text.utf8)).map { "\($0.name)=\($0.value)" }
        let fromView = URLEncodedForm.parse(text.utf8).map { "\($0.name)=\($0.value)" }
        #expect(fromBytes == pairs(text))
        #expect(fromView == pairs(text))
    }

    @Test func percentDecodeKeepsPlusUnlessAskedForForms() {
        #expect(URLEncodedForm.percentDecode(Array("a+b%2Bc%20".utf8), plusAsSpace: false) == "a+b+c ")
        #expect(URLEncodedForm.percentDecode(Array("a+b%2Bc%20".utf8), plusAsSpace: true) == "a b+c ")
        #expect(URLEncodedForm.percentDecode("%E2%82%AC".utf8, plusAsSpace: false) == "€")
    }
}
