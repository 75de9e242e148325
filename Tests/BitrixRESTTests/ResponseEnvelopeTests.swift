import BitrixREST
import CRMStore
import JSON
import Testing

@Suite struct ResponseEnvelopeTests {
    private let time = TimeBlock(
        start: 1_705_764_932.779826, finish: 1_705_764_932.856232, processing: 0.0385129451751709, operating: 0,
        operatingResetAt: 1_705_765_532, timeZone: .fixed(utcOffsetSeconds: 3 * 3600))

    @Test func successKeepsThePortalKeyOrder() {
        let body = String(decoding: ResponseEnvelope.success(RESTResult(true), time: time), as: UTF8.self)
        #expect(
            body == #"{"result":true,"time":{"start":1705764932.779826,"finish":1705764932.856232,"#
                + #""duration":\#(time.finish - time.start),"processing":0.0385129451751709,"#
                + #""date_start":"2024-01-20T18:35:32+03:00","date_finish":"2024-01-20T18:35:32+03:00","#
                + #""operating_reset_at":1705765532,"operating":0}}"#)
    }

    @Test func nextAndTotalComeBetweenResultAndTime() throws {
        let body = ResponseEnvelope.success(RESTResult([1, 2], next: 50, total: 120), time: time)
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.hasPrefix(#"{"result":[1,2],"next":50,"total":120,"time":{"#))
    }

    @Test func errorsHaveNoTimeAndEscapeLikeThePortal() {
        let body = ResponseEnvelope.error(.plain("Lead #123: <b>\"x\"</b> & 'y' / é"))
        #expect(
            String(decoding: body, as: UTF8.self)
                == #"{"error":"","error_description":"Lead #123: \u003Cb\u003E\u0022x\u0022\u003C\/b\u003E \u0026 \u0027y\u0027 \/ é"}"#
        )
    }
}
