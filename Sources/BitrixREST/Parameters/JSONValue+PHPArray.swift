import JSON

extension JSONValue {
    /// The entries of a PHP array, whichever way it arrived: a JSON list, or an object (form keys such as
    /// `a[0]=x&a[5]=y`, or a JSON object with numeric keys) read in order; `nil` for a scalar.
    var phpArrayElements: [JSONValue]? {
        switch self {
        case .array(let items): items
        case .object(let object): object.values
        default: nil
        }
    }
}
