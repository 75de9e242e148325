import JSON

/// A custom field (`UF_CRM_*`) of an entity, as the portal's user-field manager defines it (`b_user_field`).
public struct UserFieldDefinition: Sendable, Equatable {
    public var fieldName: String
    /// `string`, `double`, `integer`, `boolean`, `date`, `datetime`, `enumeration`, `url`, `money`, ...
    public var typeID: String
    public var isMultiple: Bool
    public var isMandatory: Bool
    public var sort: Int64
    /// The label shown in lists, forms and filters.
    public var label: String
    public var settings: JSONObject

    public init(
        fieldName: String, typeID: String, isMultiple: Bool = false, isMandatory: Bool = false, sort: Int64 = 100,
        label: String = "", settings: JSONObject = JSONObject()
    ) {
        self.fieldName = fieldName
        self.typeID = typeID
        self.isMultiple = isMultiple
        self.isMandatory = isMandatory
        self.sort = sort
        self.label = label
        self.settings = settings
    }

    /// The type a fixture value implies when the fixture does not define its field: booleans are `boolean`,
    /// numbers `double`, lists make the field multiple, anything else is a `string`.
    public static func inferred(fieldName: String, from value: JSONValue) -> UserFieldDefinition {
        var sample = value
        var isMultiple = false
        if case .array(let items) = value {
            isMultiple = true
            sample = items.first ?? .string("")
        }
        let type: String
        switch sample {
        case .bool: type = "boolean"
        case .int, .double: type = "double"
        default: type = "string"
        }
        return UserFieldDefinition(fieldName: fieldName, typeID: type, isMultiple: isMultiple)
    }
}
