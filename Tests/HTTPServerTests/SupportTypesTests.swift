import Glibc
import Testing

@testable import HTTPServer

@Suite struct SupportTypesTests {
    @Test func dateIsFormattedAsIMFFixdate() {
        #expect(String(decoding: HTTPDateCache.format(784_111_777), as: UTF8.self) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(String(decoding: HTTPDateCache.format(0), as: UTF8.self) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(String(decoding: HTTPDateCache.format(1_705_764_932), as: UTF8.self) == "Sat, 20 Jan 2024 15:35:32 GMT")
    }

    @Test func statusReasonPhrasesAreStandard() {
        #expect(HTTPStatus(code: 404).reasonPhrase == "Not Found")
        #expect(HTTPStatus.tooManyRequests.code == 429)
        #expect(HTTPStatus(code: 200) == .ok)
        #expect(HTTPStatus(code: 799).reasonPhrase == "")
        #expect(HTTPStatus.payloadTooLarge.description == "413 Payload Too Large")
    }

    @Test func delayedResponsesComeOutInDeadlineOrder() {
        var queue = DelayedResponseQueue()
        for (index, deadline) in [50, 10, 40, 10, 30, 20].enumerated() {
            queue.insert(.init(deadline: Int64(deadline), fd: Int32(index), connectionID: 0))
        }
        #expect(queue.nextDeadline == 10)
        #expect(queue.popDue(at: 5) == nil)
        var order: [Int64] = []
        while let entry = queue.popDue(at: 45) { order.append(entry.deadline) }
        #expect(order == [10, 10, 20, 30, 40])
        #expect(queue.nextDeadline == 50)
    }

    @Test func acceptErrorsNeverStopTheServer() {
        #expect(AcceptErrorPolicy.forError(EAGAIN) == .drained)
        #expect(AcceptErrorPolicy.forError(ECONNABORTED) == .retry)
        #expect(AcceptErrorPolicy.forError(EINTR) == .retry)
        #expect(AcceptErrorPolicy.forError(EMFILE) == .pause)
        #expect(AcceptErrorPolicy.forError(ENFILE) == .pause)
        #expect(AcceptErrorPolicy.forError(ENOBUFS) == .pause)
    }

    @Test func byteBufferCompactsGrowsAndWritesDecimals() {
        var buffer = ByteBuffer(capacity: 16)
        buffer.append("0123456789")
        buffer.moveReaderIndex(forwardBy: 8)
        buffer.reserveWritable(12)  // fits after moving "89" to the front
        #expect(buffer.capacity == 16)
        #expect(String(decoding: buffer.readableBytes, as: UTF8.self) == "89")
        buffer.append("abcdef")
        buffer.moveReaderIndex(forwardBy: 2)
        buffer.append(Array(repeating: UInt8(ascii: "x"), count: 40))  // grows, keeping only the unread bytes
        #expect(buffer.readableCount == 46)
        #expect(String(decoding: buffer.readableBytes, as: UTF8.self).hasPrefix("abcdefxx"))
        buffer.moveReaderIndex(forwardBy: 46)
        #expect(buffer.isEmpty && buffer.readerIndex == 0)
        for value in [0, 7, 10, 1_234_567_890, Int.max] {
            buffer.clear()
            buffer.appendDecimal(value)
            #expect(String(decoding: buffer.readableBytes, as: UTF8.self) == String(value))
        }
    }

    @Test func durationsConvertWithClampingAndOff() {
        #expect(MonotonicClock.nanoseconds(.milliseconds(250)) == 250_000_000)
        #expect(MonotonicClock.nanoseconds(.zero) == nil)
        #expect(MonotonicClock.nanoseconds(.seconds(-1)) == nil)
        #expect(MonotonicClock.nanoseconds(.seconds(Int64.max)) == 1 << 61)
    }

    @Test func socketErrorReadsLikeStrerror() {
        #expect(SocketError(operation: "bind", errno: EADDRINUSE).description == "bind: Address already in use (98)")
    }

    @Test func requestInitDerivesPathAndQuery() {
        let request = HTTPRequest(method: .post, target: "/a%20b/c?x=1#frag")
        #expect(request.path == "/a b/c")
        #expect(request.query == "x=1")
        #expect(HTTPRequest(target: "https://h/").path == "/")
        #expect(HTTPRequest(target: "http://h?x=2").query == "x=2")
        #expect(HTTPRequest(target: "/only").query == "")
    }

    @Test func bindAddressesAreLiteralsOnly() {
        #expect(SocketAddress.resolve(host: "127.0.0.1", port: 1) != nil)
        #expect(SocketAddress.resolve(host: "::1", port: 1) != nil)
        #expect(SocketAddress.resolve(host: "[::1]", port: 1) != nil)
        #expect(SocketAddress.resolve(host: "localhost", port: 1) != nil)
        #expect(SocketAddress.resolve(host: "example.com", port: 1) == nil)
    }
}
