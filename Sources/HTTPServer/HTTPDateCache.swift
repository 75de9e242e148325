import Glibc

/// The `Date` header value (IMF-fixdate, RFC 9110 §5.6.7), formatted at most once per second per event loop.
///
/// Every response needs it; formatting it per response would cost a `gmtime_r` and string building each time.
struct HTTPDateCache {
    private var second = -1
    /// `Sun, 06 Nov 1994 08:49:37 GMT`, always 29 bytes.
    private(set) var value: [UInt8] = Array("Thu, 01 Jan 1970 00:00:00 GMT".utf8)

    /// Refreshes `value` if the wall-clock second has changed.
    mutating func update() {
        let now = time(nil)
        guard now != second else { return }
        second = now
        value = HTTPDateCache.format(now)
    }

    /// Formats seconds since the Unix epoch as an IMF-fixdate.
    static func format(_ secondsSinceEpoch: Int) -> [UInt8] {
        var seconds = secondsSinceEpoch
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days: [StaticString] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months: [StaticString] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ]
        var bytes: [UInt8] = []
        bytes.reserveCapacity(29)
        func appendLiteral(_ literal: StaticString) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        }
        func appendTwoDigits(_ value: Int32) {
            bytes.append(UInt8(truncatingIfNeeded: 48 + value / 10 % 10))
            bytes.append(UInt8(truncatingIfNeeded: 48 + value % 10))
        }
        appendLiteral(days[Int(min(max(parts.tm_wday, 0), 6))])
        appendLiteral(", ")
        appendTwoDigits(parts.tm_mday)
        bytes.append(ASCII.space)
        appendLiteral(months[Int(min(max(parts.tm_mon, 0), 11))])
        bytes.append(ASCII.space)
        let year = parts.tm_year + 1900
        appendTwoDigits(year / 100)
        appendTwoDigits(year % 100)
        bytes.append(ASCII.space)
        appendTwoDigits(parts.tm_hour)
        bytes.append(ASCII.colon)
        appendTwoDigits(parts.tm_min)
        bytes.append(ASCII.colon)
        appendTwoDigits(parts.tm_sec)
        appendLiteral(" GMT")
        return bytes
    }
}
