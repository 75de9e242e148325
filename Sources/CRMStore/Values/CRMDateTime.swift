#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A point in time with one-second precision, as the portal's DATETIME columns hold it.
///
/// The store keeps every date as UTC text (`2024-01-20 15:35:32`) so that SQLite sorts and compares it correctly; the
/// REST layer shows it in the portal's time zone as ISO 8601 with an offset (`2024-01-20T18:35:32+03:00`), which is
/// what `date('c')` prints on a portal. Conversions use the C library only, so no Foundation calendar is loaded.
public struct CRMDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since the Unix epoch.
    public var secondsSince1970: Int64

    public init(secondsSince1970: Int64) {
        self.secondsSince1970 = secondsSince1970
    }

    /// The current time, read from the system clock.
    public static func now() -> CRMDateTime {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return CRMDateTime(secondsSince1970: Int64(spec.tv_sec))
    }

    public static func < (lhs: CRMDateTime, rhs: CRMDateTime) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }

    public var description: String { sqlText }

    /// The UTC text stored in the database, `YYYY-MM-DD HH:MM:SS`.
    public var sqlText: String {
        Self.text(CivilTime(secondsSince1970: secondsSince1970), separator: " ", offset: nil)
    }

    /// ISO 8601 with the given UTC offset, the way a portal prints dates: `2024-01-20T18:35:32+03:00`.
    public func iso8601(utcOffsetSeconds offset: Int) -> String {
        Self.text(CivilTime(secondsSince1970: secondsSince1970 + Int64(offset)), separator: "T", offset: offset)
    }

    /// Writes the digits straight into the string's 25 bytes: this runs for every date of every answer (both dates of
    /// each `time` block too) and for every history row, and string interpolation made it a visible cost.
    private static func text(_ parts: CivilTime, separator: Character, offset: Int?) -> String {
        String(unsafeUninitializedCapacity: 25) { buffer in
            var index = 0
            func put(_ value: Int, _ width: Int) {
                var value = value
                for position in stride(from: index + width - 1, through: index, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value % 10)
                    value /= 10
                }
                index += width
            }
            func put(_ character: Character) {
                buffer[index] = character.asciiValue ?? UInt8(ascii: "?")
                index += 1
            }
            put(min(max(parts.year, 0), 9999), 4)
            put("-")
            put(parts.month, 2)
            put("-")
            put(parts.day, 2)
            put(separator)
            put(parts.hour, 2)
            put(":")
            put(parts.minute, 2)
            put(":")
            put(parts.second, 2)
            if let offset {
                let magnitude = abs(offset)
                put(offset < 0 ? "-" : "+")
                put(min(magnitude / 3600, 99), 2)
                put(":")
                put((magnitude % 3600) / 60, 2)
            }
            return index
        }
    }

    /// Reads the stored UTC text back; `nil` when the text is not in that form.
    public init?(sqlText: String) {
        guard let parsed = CRMDateTime.parse(Array(sqlText.utf8), defaultOffset: 0) else { return nil }
        self = parsed
    }

    /// Reads a date as clients send it: ISO 8601 with or without an offset (`2024-01-20T18:35:32+03:00`,
    /// `2024-01-20T15:35:32Z`, `2024-01-20 18:35:32`), or a date alone (`2024-01-20`). Text without an offset is taken
    /// to be in the portal's time zone, as the portal does.
    public init?(clientText: String, portalUTCOffsetSeconds: Int) {
        guard let parsed = CRMDateTime.parse(Array(clientText.utf8), defaultOffset: portalUTCOffsetSeconds) else {
            return nil
        }
        self = parsed
    }

    private static func parse(_ bytes: [UInt8], defaultOffset: Int) -> CRMDateTime? {
        var reader = DigitReader(bytes: bytes)
        guard let year = reader.number(digits: 4), reader.skip("-"),
            let month = reader.number(digits: 2), reader.skip("-"),
            let day = reader.number(digits: 2)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var offset = defaultOffset
        if reader.skip("T") || reader.skip(" ") {
            guard let h = reader.number(digits: 2), reader.skip(":"), let m = reader.number(digits: 2) else {
                return nil
            }
            hour = h
            minute = m
            if reader.skip(":") {
                guard let s = reader.number(digits: 2) else { return nil }
                second = s
                if reader.skip(".") {
                    reader.skipDigits()
                }
            }
            if reader.skip("Z") {
                offset = 0
            } else if let sign = reader.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                reader.advance()
                guard let oh = reader.number(digits: 2) else { return nil }
                _ = reader.skip(":")
                let om = reader.number(digits: 2) ?? 0
                offset = (oh * 3600 + om * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            }
        }
        guard reader.isAtEnd, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        let days = CivilTime.daysSince1970(year: year, month: month, day: day)
        let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return CRMDateTime(secondsSince1970: local - Int64(offset))
    }

}

/// Year, month, day and time of day for a count of seconds, by Howard Hinnant's civil-from-days algorithm, so the
/// conversion is exact for any year and needs no time-zone database.
struct CivilTime {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int

    init(secondsSince1970: Int64) {
        let days = Int(secondsSince1970 >= 0 ? secondsSince1970 / 86_400 : (secondsSince1970 - 86_399) / 86_400)
        let secondOfDay = Int(secondsSince1970 - Int64(days) * 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        hour = secondOfDay / 3600
        minute = (secondOfDay % 3600) / 60
        second = secondOfDay % 60
    }

    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// Reads fixed-width decimal numbers and separators from ASCII bytes.
private struct DigitReader {
    let bytes: [UInt8]
    var index = 0

    var isAtEnd: Bool { index == bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func advance() { index += 1 }

    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<digits {
            let byte = bytes[index + offset]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        index += digits
        return value
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard let byte = peek, byte == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func skipDigits() {
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            index += 1
        }
    }
}
