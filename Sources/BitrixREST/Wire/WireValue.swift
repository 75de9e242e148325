import CRMStore
import JSON
import SQLite

/// How the portal prints stored values: every column as a string or null, money with two decimals, dates as
/// ISO 8601 in the portal's zone and empty dates as `""`.
public enum WireValue {
    /// A raw column value: ids and numbers as strings (`"123"`), text as is, NULL as `null`.
    public static func string(_ value: SQLiteValue) -> JSONValue {
        switch value {
        case .null, .blob: .null
        case .integer(let number): .string(String(number))
        case .real(let number): .string(plainDecimal(number))
        case .text(let text): .string(text)
        }
    }

    /// A DECIMAL(18,2) column: `"15000.00"`.
    public static func money(_ value: SQLiteValue) -> JSONValue {
        guard let number = value.doubleValue else { return .null }
        return .string(twoDecimals(number))
    }

    /// A datetime column: ISO 8601 with the portal's offset; empty (`""`) when not set, as `CRestUtil::ConvertDateTime`.
    public static func dateTime(_ value: SQLiteValue, in zone: PortalTimeZone) -> JSONValue {
        guard let text = value.textValue, let date = CRMDateTime(sqlText: text) else { return .string("") }
        return .string(zone.iso8601(date))
    }

    /// A date column (BIRTHDATE): the portal prints midnight shifted by its own UTC offset
    /// (`date('c', MakeTimeStamp($d) + date("Z"))`), so +02:00 gives `2001-11-11T02:00:00+02:00`.
    public static func date(_ value: SQLiteValue, in zone: PortalTimeZone) -> JSONValue {
        guard let text = value.textValue, let midnightUTC = CRMDateTime(clientText: text, portalUTCOffsetSeconds: 0)
        else { return .string("") }
        let offset = zone.utcOffsetSeconds(at: midnightUTC.secondsSince1970)
        return .string(midnightUTC.iso8601(utcOffsetSeconds: offset))
    }

    /// A value by its field's storage.
    public static func field(_ value: SQLiteValue, storage: FieldStorage, in zone: PortalTimeZone) -> JSONValue {
        switch storage {
        case .money: money(value)
        case .dateTime: dateTime(value, in: zone)
        case .date: date(value, in: zone)
        default: string(value)
        }
    }

    /// A PHP array on the wire: `[]` when empty, a list when its keys are exactly 0…n-1, an object otherwise.
    public static func phpArray(_ object: JSONObject) -> JSONValue {
        let isList = object.keys.enumerated().allSatisfy { String($0.offset) == $0.element }
        return isList ? .array(object.values) : .object(object)
    }

    static func twoDecimals(_ number: Double) -> String {
        let cents = Int64((abs(number) * 100).rounded())
        let fraction = cents % 100
        return (number < 0 && cents > 0 ? "-" : "") + "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    private static func plainDecimal(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }
}
