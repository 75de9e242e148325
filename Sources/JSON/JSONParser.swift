/// Strict RFC 8259 JSON parsing into ``JSONValue``, with PHP `json_decode` semantics where RFC 8259 leaves a choice.
///
/// It parses request bodies on the hot path and multi-megabyte fixture files, so it works on raw UTF-8 bytes: no
/// per-character `String` building, one `String` per JSON string (straight from the input bytes when the string has
/// no escapes). What it accepts and rejects:
/// - any top-level value, surrounded by optional whitespace; anything after it is an error;
/// - no comments, no trailing commas, no leading zeros, no `NaN`/`Infinity`, no unescaped control characters;
/// - invalid UTF-8 and unpaired `\u` surrogates are errors (PHP: `JSON_ERROR_UTF8`, `JSON_ERROR_UTF16`);
/// - an integer literal that fits `Int64` is ``JSONValue/int(_:)``; any other number is ``JSONValue/double(_:)``
///   (PHP turns big integers into floats too); numbers beyond the `Double` range become ±infinity, as in PHP;
/// - a duplicate object key keeps its first position and takes the last value (PHP arrays);
/// - documents deeper than `maxDepth` are an error, with depth counted exactly like `json_decode`'s `$depth`: a
///   scalar is depth 1 and each enclosing array or object adds one, empty or not (`[]` is 2, `[[1]]` and `[[]]` are
///   3), so the default 512 accepts 511 nested containers, as PHP does.
public enum JSONParser {
    /// PHP's default `json_decode` depth.
    public static let defaultMaxDepth = 512

    /// Parses one JSON document from UTF-8 bytes (`[UInt8]`, `ArraySlice<UInt8>`, `Data`, a `String.UTF8View`...).
    ///
    /// Contiguous collections are parsed in place; others are copied into an array first.
    /// - Parameter maxDepth: the greatest document depth accepted, counted as PHP does (see above). The parser
    ///   recurses once per level, so keep this modest (the default 512 is far below any thread's stack limit).
    /// - Throws: ``JSONParseError`` with the reason and the position of the first offending byte.
    public static func parse(
        _ bytes: some Collection<UInt8>,
        maxDepth: Int = defaultMaxDepth
    ) throws(JSONParseError) -> JSONValue {
        let inPlace = bytes.withContiguousStorageIfAvailable { buffer in
            parse(buffer: buffer, maxDepth: maxDepth)
        }
        if let inPlace {
            return try inPlace.get()
        }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { buffer in
            parse(buffer: buffer, maxDepth: maxDepth)
        }.get()
    }

    /// Parses one JSON document from a string (its UTF-8 bytes, without copying when the string is native).
    /// - Throws: ``JSONParseError`` with the reason and the position of the first offending byte.
    public static func parse(_ string: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        var string = string
        return try string.withUTF8 { buffer in
            parse(buffer: buffer, maxDepth: maxDepth)
        }.get()
    }

    /// The shared entry point; returns a `Result` because the `withUnsafe...` closures above do not carry typed throws.
    static func parse(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, JSONParseError> {
        var parser = JSONByteParser(input: buffer, maxDepth: maxDepth)
        do {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }
}
