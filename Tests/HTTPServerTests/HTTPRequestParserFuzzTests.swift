import Testing

@testable import HTTPServer

/// A tiny deterministic generator, so any failure can be replayed from its seed.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Whatever arrives, the parser must end in a definite state without trapping: this is what keeps a hostile
/// client from taking a loop down.
@Suite struct HTTPRequestParserFuzzTests {
    private static let seeds: [String] = [
        "POST /a?b=c HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nT: 1\r\n\r\n",
        "GET / HTTP/1.0\r\nConnection: keep-alive\r\nExpect: 100-continue\r\n\r\n",
    ]

    /// Parses `bytes` split into random chunks and checks the invariants that the connection relies on.
    private func parseChecked(_ bytes: [UInt8], using generator: inout SplitMix64) {
        let limits = HTTPRequestParser.Limits(maxHeaderBytes: 256, maxBodyBytes: 512)
        var parser = HTTPRequestParser(limits: limits)
        var pending: [UInt8] = []
        var offset = 0
        while offset < bytes.count {
            let size = Int.random(in: 1...max(1, min(64, bytes.count - offset)), using: &generator)
            pending += bytes[offset..<(offset + size)]
            offset += size
            feeding: while true {
                let before = pending.count
                let (consumed, event) = parser.parse(pending)
                #expect(consumed >= 0 && consumed <= before)
                pending.removeFirst(consumed)
                switch event {
                case .needMoreData:
                    break feeding
                case .headComplete:
                    continue
                case .requestComplete(let request, _):
                    #expect(request.body.count <= limits.maxBodyBytes)
                case .failed:
                    return
                }
            }
            // Unconsumed bytes are only ever an incomplete head, which is bounded by the header limit.
            #expect(pending.count <= limits.maxHeaderBytes)
        }
    }

    @Test func randomBytesNeverTrapTheParser() {
        var generator = SplitMix64(state: 42)
        for _ in 0..<2000 {
            let length = Int.random(in: 0...1200, using: &generator)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            parseChecked(bytes, using: &generator)
        }
    }

    @Test func mutatedValidRequestsNeverTrapTheParser() {
        var generator = SplitMix64(state: 7)
        let alphabet = Array("\r\n :;,0123456789abcdefABCDEF-HTTP/1.\t\u{0}%".utf8)
        for _ in 0..<3000 {
            var bytes = Array(HTTPRequestParserFuzzTests.seeds.randomElement(using: &generator)?.utf8 ?? "".utf8)
            for _ in 0..<Int.random(in: 1...6, using: &generator) where !bytes.isEmpty {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[position] = alphabet.randomElement(using: &generator) ?? 0
                case 1: bytes.insert(alphabet.randomElement(using: &generator) ?? 0, at: position)
                default: bytes.remove(at: position)
                }
            }
            // Repeat to exercise pipelining after both good and broken requests.
            parseChecked(bytes + bytes, using: &generator)
        }
    }
}
