import CRMStore
import JSON

/// `crm.lead.contact.*`: the contacts a lead is linked to (`CCrmEntityBindingProxy`). A missing right is the
/// `AccessException` (HTTP 403 `Access denied!`), not the CRM's plain error. There is no `crm.lead.contact.items.add`
/// on a portal, so there is none here either.
public enum CRMLeadContactMethods {
    public static let all: [RESTMethod] = [itemsGet, itemsSet, itemsDelete, add, delete, fields]

    static let itemsGet = RESTMethod("crm.lead.contact.items.get", scope: "crm") { call throws(RESTError) in
        let id = call.parameters.entityID
        guard id > 0 else { throw .plain("The parameter ownerEntityID is invalid or not defined.") }
        return try call.read { session throws -> RESTResult in
            guard try session.allows(.read, on: lead(id), by: call.caller.actor) else {
                throw RESTError.accessDeniedException
            }
            return RESTResult(.array(try session.contacts.links(ofLead: id).map(wire)))
        }
    }

    static let itemsSet = RESTMethod("crm.lead.contact.items.set", scope: "crm") { call throws(RESTError) in
        let id = call.parameters.entityID
        guard id > 0 else { throw .plain("The parameter ownerEntityID is invalid or not defined.") }
        guard let items = call.parameters.arrayParameter("items")?.phpArrayElements else {
            throw .plain("The parameter items must be array.")
        }
        return try call.write { session throws -> RESTResult in
            try checkWrite(id, session: session, actor: call.caller.actor)
            var links: [(contactID: Int64, sort: Int64?, primary: Bool)] = []
            for case .object(let item) in items {
                let contactID = item["CONTACT_ID"].map(PHPCast.int) ?? 0
                guard contactID > 0, try session.contacts.contactExists(id: contactID) else { continue }
                links.append(
                    (contactID, item["SORT"].map(PHPCast.int), item["IS_PRIMARY"]?.scalarText?.uppercased() == "Y"))
            }
            try session.contacts.setLinks(ofLead: id, to: links)
            return RESTResult(true)
        }
    }

    static let itemsDelete = RESTMethod("crm.lead.contact.items.delete", scope: "crm") { call throws(RESTError) in
        let id = call.parameters.entityID
        guard id > 0 else { throw .plain("The parameter ownerEntityID is invalid or not defined.") }
        return try call.write { session throws -> RESTResult in
            let actor = call.caller.actor
            guard try session.allows(.read, on: lead(id), by: actor),
                try session.allows(.write, on: lead(id), by: actor)
            else { throw RESTError.accessDeniedException }
            try session.contacts.setLinks(ofLead: id, to: [])
            return RESTResult(true)
        }
    }

    static let add = RESTMethod("crm.lead.contact.add", scope: "crm") { call throws(RESTError) in
        let id = call.parameters.entityID
        guard id > 0 else { throw .plain("The parameter 'ownerEntityID' is invalid or not defined.") }
        guard case .object(let fields)? = call.parameters.arrayParameter("fields") else {
            throw .plain("The parameter 'fields' must be array.")
        }
        return try call.write { session throws -> RESTResult in
            try checkWrite(id, session: session, actor: call.caller.actor)
            let contactID = fields["CONTACT_ID"].map(PHPCast.int) ?? 0
            guard contactID > 0 else { throw RESTError.plain("The parameter 'fields' is not valid.") }
            let contact = CRMEntityReference(entityType: .contact, entityID: contactID)
            guard try session.exists(contact), try session.allows(.read, on: contact, by: call.caller.actor) else {
                throw RESTError.plain("[Contact #\(contactID)] Access denied.")
            }
            let added = try session.contacts.addLink(
                contact: contactID, toLead: id, sort: fields["SORT"].map(PHPCast.int),
                primary: fields["IS_PRIMARY"]?.scalarText?.uppercased() == "Y")
            return RESTResult(.bool(added))
        }
    }

    static let delete = RESTMethod("crm.lead.contact.delete", scope: "crm") { call throws(RESTError) in
        let id = call.parameters.entityID
        guard id > 0 else { throw .plain("The parameter 'ownerEntityID' is invalid or not defined.") }
        guard case .object(let fields)? = call.parameters.arrayParameter("fields") else {
            throw .plain("The parameter 'item' must be array.")
        }
        return try call.write { session throws -> RESTResult in
            try checkWrite(id, session: session, actor: call.caller.actor)
            let contactID = fields["CONTACT_ID"].map(PHPCast.int) ?? 0
            guard contactID > 0 else { throw RESTError.plain("The parameter 'fields' is not valid.") }
            return RESTResult(.bool(try session.contacts.removeLink(contact: contactID, fromLead: id)))
        }
    }

    static let fields = RESTMethod("crm.lead.contact.fields", scope: "crm") { _ throws(RESTError) in
        func info(_ type: String, _ title: String, required: Bool = false) -> JSONValue {
            [
                "type": .string(type), "isRequired": .bool(required), "isReadOnly": false, "isImmutable": false,
                "isMultiple": false, "isDynamic": false, "title": .string(title),
            ]
        }
        return RESTResult(
            [
                "SORT": info("integer", "Sorting"), "IS_PRIMARY": info("char", "Primary"),
                "CONTACT_ID": info("integer", "Contact", required: true),
            ])
    }

    static func lead(_ id: Int64) -> CRMEntityReference {
        CRMEntityReference(entityType: .lead, entityID: id)
    }

    /// The update right (403 without it), then the lead's existence (`Not found.`).
    static func checkWrite(_ id: Int64, session: CRMSession, actor: CRMActor) throws {
        guard try session.allows(.write, on: lead(id), by: actor) else { throw RESTError.accessDeniedException }
        guard try session.exists(lead(id)) else { throw RESTError.plain("Not found.") }
    }

    static func wire(_ link: ContactStore.LeadContactLink) -> JSONValue {
        [
            "CONTACT_ID": .int(link.contactID), "SORT": .int(link.sort), "ROLE_ID": .int(link.roleID),
            "IS_PRIMARY": .string(link.isPrimary ? "Y" : "N"),
        ]
    }
}
