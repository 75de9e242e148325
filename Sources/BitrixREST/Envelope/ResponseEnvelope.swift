import JSON

/// The bytes of an answer: `{"result":…,"next":…,"total":…,"time":{…}}` on success, `{"error":…,"error_description":…}`
/// on failure, written straight into one buffer with the portal's key order and PHP's escaping.
public enum ResponseEnvelope {
    /// How the portal's `Json::encode` escapes (`Json::DEFAULT_OPTIONS`: the four `JSON_HEX_*` flags and
    /// `JSON_UNESCAPED_UNICODE`): `/` as `\/`, `< > & ' "` as `\u003C \u003E \u0026 \u0027 \u0022`, other
    /// non-ASCII characters as raw UTF-8.
    public static let jsonOptions: JSONWriter.Options = [.escapeSlashes, .hexTag, .hexAmp, .hexApos, .hexQuot]

    public static func success(_ result: RESTResult, time: TimeBlock) -> [UInt8] {
        var writer = JSONWriter(options: jsonOptions)
        writer.beginObject()
        writer.key("result")
        if let encoded = result.encoded {
            writer.raw(encoded)
        } else {
            writer.write(result.value)
        }
        if let next = result.next {
            writer.key("next")
            writer.int(Int64(next))
        }
        if let total = result.total {
            writer.key("total")
            writer.int(Int64(total))
        }
        writer.key("time")
        time.write(to: &writer)
        writer.endObject()
        return writer.bytes
    }

    public static func error(_ error: RESTError) -> [UInt8] {
        var writer = JSONWriter(options: jsonOptions)
        writer.beginObject()
        writer.key("error")
        writer.string(error.code)
        writer.key("error_description")
        writer.string(error.message)
        for (key, value) in error.extra {
            writer.key(key)
            writer.write(value)
        }
        writer.endObject()
        return writer.bytes
    }
}
