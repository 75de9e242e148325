import JSON

/// The parameters of one REST call, merged from the query string and the body, as the portal's
/// `CRestUtil::getRequestData` hands them to a method.
///
/// The values keep PHP's shape: nested objects, lists, and strings from form encoding or typed values from JSON.
/// Accessors apply the portal's own lookups (`ID` before `id`, case variants of `fields`).
public struct RESTParameters: Sendable, Equatable {
    public var values: JSONObject

    public init(_ values: JSONObject = JSONObject()) {
        self.values = values
    }

    public subscript(key: String) -> JSONValue? {
        get { values[key] }
        set { values[key] = newValue }
    }

    /// `CCrmRestHelper::resolveEntityID`: `ID` if set (not null), else `id`, cast with PHP's `(int)`; 0 when neither.
    public var entityID: Int64 {
        if let id = values["ID"], !id.isNull { return PHPCast.int(id) }
        if let id = values["id"], !id.isNull { return PHPCast.int(id) }
        return 0
    }

    /// `CCrmRestHelper::resolveArrayParam`: the first of `name`, `NAME`, `Name`, `arName` that is present.
    public func arrayParameter(_ name: String) -> JSONValue? {
        let capitalized = name.prefix(1).uppercased() + name.dropFirst()
        for key in [name, name.uppercased(), capitalized, "ar" + capitalized] {
            if let value = values[key] { return value }
        }
        return nil
    }

    /// An array parameter as `CCrmRestProxyBase::resolveArrayParam` reads it: missing (or null) is empty, a PHP
    /// array is its entries (a list keyed by position), anything else is `Parameter 'name' must be array.`.
    public func arrayObject(_ name: String) throws(RESTError) -> JSONObject {
        guard let value = arrayParameter(name), !value.isNull else { return JSONObject() }
        switch value {
        case .object(let object):
            return object
        case .array(let items):
            var object = JSONObject()
            for (index, item) in items.enumerated() {
                object[String(index)] = item
            }
            return object
        default:
            throw .parameterMustBeArray(name)
        }
    }

    /// `start` as `CRestServer::processCall` reads it: only the lower-case key, through `intval`.
    public var start: Int {
        values["start"].map { Int(clamping: PHPCast.int($0)) } ?? 0
    }

    /// Removes and returns a parameter (auth parameters are taken out before the method sees the rest).
    public mutating func remove(_ key: String) -> JSONValue? {
        let value = values[key]
        values[key] = nil
        return value
    }
}
