import CRMStore
import JSON

/// The `*.fields` answers: `{type, isRequired, isReadOnly, isImmutable, isMultiple, isDynamic, title}` per field, as
/// `CCrmRestHelper::prepareFieldInfos` writes them.
enum FieldDescriptions {
    static func lead(userFields: [UserFieldDefinition]) -> JSONObject {
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
