#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The portal's time zone: the offset every date is shown with, and the zone of dates sent without one.
///
/// A portal prints dates with PHP's `date('c')` in its own zone. The mock uses the process's zone (the `TZ`
/// environment variable or `/etc/localtime`; UTC in the Docker image) unless a fixed offset is given.
public struct PortalTimeZone: Sendable, Equatable {
    private enum Kind: Sendable, Equatable {
        case system
        case fixed(Int)
    }

    private let kind: Kind

    /// The zone of the process, with its daylight-saving rules.
    public static let system = PortalTimeZone(kind: .system)

    /// A zone with a constant offset east of UTC, in seconds (tests use this).
    public static func fixed(utcOffsetSeconds: Int) -> PortalTimeZone {
        PortalTimeZone(kind: .fixed(utcOffsetSeconds))
    }

    /// The offset from UTC in force at a moment.
    public func utcOffsetSeconds(at secondsSince1970: Int64) -> Int {
        switch kind {
        case .fixed(let offset):
            return offset
        case .system:
            var time = time_t(secondsSince1970)
            var parts = tm()
            guard localtime_r(&time, &parts) != nil else { return 0 }
            return Int(parts.tm_gmtoff)
        }
    }

    /// ISO 8601 with this zone's offset at that moment: `2024-01-20T18:35:32+03:00`.
    public func iso8601(_ date: CRMDateTime) -> String {
        date.iso8601(utcOffsetSeconds: utcOffsetSeconds(at: date.secondsSince1970))
    }
}
