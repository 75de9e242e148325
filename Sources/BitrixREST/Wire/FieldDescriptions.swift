import CRMStore
import JSON

/// The `*.fields` answers: `{type, isRequired, isReadOnly, isImmutable, isMultiple, isDynamic, title}` per field, as
/// `CCrmRestHelper::prepareFieldInfos` writes them.
enum FieldDescriptions {
    /// `crm.lead.fields`: the standard part never changes, so it is encoded once; user fields follow.
    static func lead(userFields: [UserFieldDefinition]) -> [UInt8] {
        guard !userFields.isEmpty else { return standardLeadFields + [UInt8(ascii: "}")] }
        var writer = JSONWriter(options: ResponseEnvelope.jsonOptions)
        writer.write(.object(userFieldDescriptions(userFields)))
        // Splice: the standard object without its "}", a comma, the user fields without their "{".
        return standardLeadFields + [UInt8(ascii: ",")] + writer.bytes.dropFirst()
    }

    /// The standard fields' object, encoded, without its closing brace.
    private static let standardLeadFields: [UInt8] = {
        var writer = JSONWriter(options: ResponseEnvelope.jsonOptions)
        writer.write(.object(standardLeadFieldDescriptions()))
        return Array(writer.bytes.dropLast())
    }()

    private static func standardLeadFieldDescriptions() -> JSONObject {
        var result = JSONObject()
        for field in LeadField.all {
            var info: JSONObject = [
                "type": .string(field.wireType), "isRequired": .bool(field.isRequired),
                "isReadOnly": .bool(field.isReadOnly), "isImmutable": .bool(field.isImmutable),
                "isMultiple": .bool(field.isMultiple), "isDynamic": false,
            ]
            if field.isDeprecated { info["isDeprecated"] = true }
            if let statusType = field.statusType { info["statusType"] = .string(statusType) }
            info["title"] = .string(field.title)
            if let settings = field.settings { info["settings"] = .object(settings) }
            result[field.name] = .object(info)
        }
        return result
    }

    private static func userFieldDescriptions(_ userFields: [UserFieldDefinition]) -> JSONObject {
        var result = JSONObject()
        for field in userFields {
            var info: JSONObject = [
                "type": .string(field.typeID), "isRequired": .bool(field.isMandatory), "isReadOnly": false,
                "isImmutable": false, "isMultiple": .bool(field.isMultiple), "isDynamic": true,
                "title": .string(field.fieldName), "listLabel": .string(field.label), "formLabel": .string(field.label),
                "filterLabel": .string(field.label),
            ]
            info["settings"] = field.settings.isEmpty ? .array([]) : .object(field.settings)
            result[field.fieldName] = .object(info)
        }
        return result
    }
}
