import CRMStore
import JSON

/// The `time` object of a successful answer, every field computed for the request it describes.
public struct TimeBlock: Sendable, Equatable {
    /// When processing of the request began, Unix seconds (`microtime(true)`).
    public var start: Double
    /// When the answer was built.
    public var finish: Double
    /// The method body alone.
    public var processing: Double
    public var operating: Double
    public var operatingResetAt: Int64
    /// The portal's zone, for `date_start` and `date_finish`.
    public var timeZone: PortalTimeZone

    public init(
        start: Double, finish: Double, processing: Double, operating: Double, operatingResetAt: Int64,
        timeZone: PortalTimeZone
    ) {
        self.start = start
        self.finish = finish
        self.processing = processing
        self.operating = operating
        self.operatingResetAt = operatingResetAt
        self.timeZone = timeZone
    }

    public var duration: Double { finish - start }

    /// Writes the object with the portal's key order.
    public func write(to writer: inout JSONWriter, includingOperating: Bool = true) {
        writer.beginObject()
        writer.key("start")
        writer.double(start)
        writer.key("finish")
        writer.double(finish)
        writer.key("duration")
        writer.double(duration)
        writer.key("processing")
        writer.double(processing)
        writer.key("date_start")
        writer.string(timeZone.iso8601(CRMDateTime(secondsSince1970: Int64(start.rounded(.down)))))
        writer.key("date_finish")
        writer.string(timeZone.iso8601(CRMDateTime(secondsSince1970: Int64(finish.rounded(.down)))))
        if includingOperating {
            writer.key("operating_reset_at")
            writer.int(operatingResetAt)
            writer.key("operating")
            writer.double(operating)
        }
        writer.endObject()
    }
}
