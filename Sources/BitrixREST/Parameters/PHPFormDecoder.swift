import JSON

/// Builds nested parameters from decoded form pairs the way PHP's `parse_str` and `$_GET`/`$_POST` do:
/// `fields[TITLE]=x` → `{"fields":{"TITLE":"x"}}`, `a[]=1&a[]=2` → `{"a":["1","2"]}`,
/// `fields[FM][PHONE][0][VALUE]=1` → four levels deep.
///
/// PHP quirks kept on purpose, because a portal sees the same: in the top-level name, spaces and dots become
/// underscores (`a.b=1` → `a_b`); a later value for the same key replaces the earlier one; a `[` without its `]`
/// ends the nesting and becomes `_`; an array whose keys are exactly 0…n-1 in order is a JSON list.
public enum PHPFormDecoder {
    /// PHP's default `max_input_nesting_level`: deeper keys are dropped, as PHP drops them.
    static let maximumNesting = 64

    public static func decode(_ pairs: [(name: String, value: String)]) -> JSONObject {
        var root = PHPArray()
        for (name, value) in pairs {
            guard let path = keyPath(of: name) else { continue }
            root.assign(value, at: path[...])
        }
        return root.objectValue
    }

    /// The base name and bracketed keys of a form name; `nil` for names PHP ignores (empty base).
    static func keyPath(of name: String) -> [String?]? {
        // PHP drops leading spaces of a variable name before reading it.
        let characters = Array(name.drop(while: { $0 == " " }))
        var index = 0
        var base = ""
        while index < characters.count, characters[index] != "[" {
            let character = characters[index]
            base.append(character == " " || character == "." ? "_" : character)
            index += 1
        }
        guard !base.isEmpty else { return nil }
        var path: [String?] = [base]
        while index < characters.count, characters[index] == "[" {
            guard let close = characters[(index + 1)...].firstIndex(of: "]") else {
                // An unclosed bracket: PHP keeps it in the base name as "_" followed by the rest, literally.
                if path.count == 1 {
                    path[0] = base + "_" + String(characters[(index + 1)...])
                }
                return path
            }
            let key = String(characters[(index + 1)..<close])
            path.append(key.isEmpty ? nil : key)
            index = close + 1
            if path.count > maximumNesting { return nil }
        }
        return path
    }
}

/// A PHP array under construction: ordered keys, and the next integer key for `[]` appends.
private struct PHPArray {
    private var entries = JSONObject()
    private var nextIndex: Int64 = 0
    private var children: [String: PHPArray] = [:]

    mutating func assign(_ value: String, at path: ArraySlice<String?>) {
        guard let first = path.first else { return }
        let key: String
        if let explicit = first {
            key = explicit
            if let number = Int64(explicit), String(number) == explicit, number >= nextIndex {
                nextIndex = number + 1
            }
        } else {
            key = String(nextIndex)
            nextIndex += 1
        }
        let rest = path.dropFirst()
        if rest.isEmpty {
            children[key] = nil
            entries[key] = .string(value)
        } else {
            var child = children[key] ?? PHPArray()
            child.assign(value, at: rest)
            children[key] = child
            entries[key] = .null  // placeholder that keeps the key's position
        }
    }

    /// The finished value: nested arrays resolved, sequential keys turned into lists.
    var objectValue: JSONObject {
        var result = JSONObject()
        for (key, value) in entries {
            if let child = children[key] {
                result[key] = child.jsonValue
            } else {
                result[key] = value
            }
        }
        return result
    }

    var jsonValue: JSONValue {
        let object = objectValue
        let isList = object.keys.enumerated().allSatisfy { String($0.offset) == $0.element }
        return isList ? .array(object.map(\.value)) : .object(object)
    }
}
