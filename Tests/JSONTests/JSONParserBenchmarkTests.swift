import Foundation
import JSON
import Testing

/// Parse speed on a ~5 MB document shaped like Bitrix24 data, against Foundation's JSONSerialization.
///
/// Off by default (it only measures); run it in release mode:
/// `JSON_BENCHMARK=1 swift test -c release --filter JSONParserBenchmarkTests`
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["JSON_BENCHMARK"] != nil))
struct JSONParserBenchmarkTests {
    @Test(arguments: [JSONWriter.Options.php, []])
    func parseSpeedAgainstJSONSerialization(options: JSONWriter.Options) throws {
        let document = Self.makeDocument(targetBytes: 5_000_000, options: options)
        let data = Data(document)
        let rounds = 10

        var ours = Duration.seconds(1_000)
        var foundation = Duration.seconds(1_000)
        var oursWrite = Duration.seconds(1_000)
        var foundationWrite = Duration.seconds(1_000)
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            let value = try JSONParser.parse(document)
            ours = min(ours, ContinuousClock.now - start)
            #expect(value.arrayValue?.isEmpty == false)

            let foundationStart = ContinuousClock.now
            let object = try JSONSerialization.jsonObject(with: data)
            foundation = min(foundation, ContinuousClock.now - foundationStart)
            #expect(object is [Any])

            let writeStart = ContinuousClock.now
            let written = JSONWriter.encode(value, options: options)
            oursWrite = min(oursWrite, ContinuousClock.now - writeStart)
            #expect(written == document)

            let foundationWriteStart = ContinuousClock.now
            let serialized = try JSONSerialization.data(withJSONObject: object)
            foundationWrite = min(foundationWrite, ContinuousClock.now - foundationWriteStart)
            #expect(!serialized.isEmpty)
        }
        let megabytes = Double(document.count) / 1_000_000
        let oursSpeed = megabytes / Self.seconds(ours)
        let foundationSpeed = megabytes / Self.seconds(foundation)
        let oursWriteSpeed = megabytes / Self.seconds(oursWrite)
        let foundationWriteSpeed = megabytes / Self.seconds(foundationWrite)
        let label = options.contains(.escapeUnicode) ? "\\u-escaped non-ASCII" : "raw UTF-8"
        print(
            "JSON write benchmark (\(label)): JSONWriter \(Self.format(oursWriteSpeed)) MB/s, JSONSerialization "
                + "\(Self.format(foundationWriteSpeed)) MB/s, "
                + "ratio \(Self.format(oursWriteSpeed / foundationWriteSpeed))x"
        )
        print(
            "JSON benchmark (\(label), \(document.count) bytes, best of \(rounds)): "
                + "JSONParser \(Self.format(oursSpeed)) MB/s, JSONSerialization \(Self.format(foundationSpeed)) MB/s, "
                + "ratio \(Self.format(oursSpeed / foundationSpeed))x"
        )
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    /// Leads as crm.lead.list returns them: string ids and amounts, Cyrillic titles, multi-fields, a few numbers.
    static func makeDocument(targetBytes: Int, options: JSONWriter.Options) -> [UInt8] {
        var generator = SplitMix64(seed: 2024)
        var writer = JSONWriter(options: options, reservingCapacity: targetBytes + 4096)
        let titles = [
            "Заявка с сайта", "Call back", "Оптовый заказ №", "Website form: \"pricing\"", "Партнёр / reseller",
        ]
        let names = ["Иван", "Maria", "Алексей", "John", "Ольга", "Chen"]
        writer.beginArray()
        var id = 1
        while writer.bytes.count < targetBytes {
            writer.beginObject()
            writer.key("ID")
            writer.string(String(id))
            writer.key("TITLE")
            writer.string("\(titles[id % titles.count]) \(id)")
            writer.key("NAME")
            writer.string(names[id % names.count])
            writer.key("STATUS_ID")
            writer.string(id % 3 == 0 ? "NEW" : "IN_PROCESS")
            writer.key("OPPORTUNITY")
            writer.string(String(format: "%.2f", Double(Int.random(in: 0...10_000_000, using: &generator)) / 100))
            writer.key("CURRENCY_ID")
            writer.string("RUB")
            writer.key("ASSIGNED_BY_ID")
            writer.int(Int64.random(in: 1...500, using: &generator))
            writer.key("PROBABILITY")
            writer.double(Double.random(in: 0...1, using: &generator))
            writer.key("OPENED")
            writer.bool(id % 2 == 0)
            writer.key("COMMENTS")
            if id % 4 == 0 {
                writer.null()
            } else {
                writer.string("Клиент просит перезвонить после 18:00.\nПредпочтительно по WhatsApp / Telegram.")
            }
            writer.key("DATE_CREATE")
            writer.string("2024-01-20T18:35:32+03:00")
            writer.key("PHONE")
            writer.beginArray()
            for index in 0..<(id % 3) {
                writer.beginObject()
                writer.key("ID")
                writer.string(String(id * 10 + index))
                writer.key("VALUE_TYPE")
                writer.string("WORK")
                writer.key("VALUE")
                writer.string("+7 (495) 123-45-\(10 + index)")
                writer.key("TYPE_ID")
                writer.string("PHONE")
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
            id += 1
        }
        writer.endArray()
        return writer.bytes
    }
}
