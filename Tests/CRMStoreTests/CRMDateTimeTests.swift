import CRMStore
import Testing

@Suite struct CRMDateTimeTests {
    @Test func formatsLikePHPDateC() {
        let date = CRMDateTime(secondsSince1970: 1_705_764_932)
        #expect(date.iso8601(utcOffsetSeconds: 3 * 3600) == "2024-01-20T18:35:32+03:00")
        #expect(date.iso8601(utcOffsetSeconds: -(5 * 3600 + 30 * 60)) == "2024-01-20T10:05:32-05:30")
        #expect(date.iso8601(utcOffsetSeconds: 0) == "2024-01-20T15:35:32+00:00")
        #expect(date.sqlText == "2024-01-20 15:35:32")
    }

    @Test(arguments: [
        ("2024-01-20T18:35:32+03:00", 1_705_764_932),
        ("2024-01-20T15:35:32Z", 1_705_764_932),
        ("2024-01-20T15:35:32.250Z", 1_705_764_932),
        ("2024-01-20T18:35:32+0300", 1_705_764_932),
        ("2024-01-20 15:35:32", 1_705_764_932),
        ("2024-01-20", 1_705_708_800),
        ("1969-12-31T23:59:59Z", -1),
        ("2000-02-29T00:00:00Z", 951_782_400),
    ])
    func parsesClientForms(text: String, seconds: Int64) {
        #expect(CRMDateTime(clientText: text, portalUTCOffsetSeconds: 0)?.secondsSince1970 == seconds)
    }

    @Test(arguments: ["", "2024-13-01", "2024-01-20T25:00:00", "20240120", "2024-01-20T10", "2024-01-20Tx"])
    func rejectsMalformedDates(text: String) {
        #expect(CRMDateTime(clientText: text, portalUTCOffsetSeconds: 0) == nil)
    }

    @Test func roundTripsThroughStorage() {
        for seconds: Int64 in [-86_401, 0, 951_782_400, 1_705_764_932, 4_102_444_800] {
            let date = CRMDateTime(secondsSince1970: seconds)
            #expect(CRMDateTime(sqlText: date.sqlText) == date)
        }
    }
}
