import CRMStore
import JSON

/// `crm.timeline.comment.*`: comments on a CRM item's timeline. `add` and `delete` are the portal's engine
/// controller (errors with codes such as `OWNER_NOT_FOUND`); `list` and `get` are the legacy proxy (errors with an
/// empty code).
public enum CRMTimelineCommentMethods {
    public static let all: [RESTMethod] = [add, list, get, delete]

    static let pageSize = 50

    /// `crm.timeline.comment.add`: the author is always the caller; the owner's existence is not checked, only the
    /// right to update it.
    static let add = RESTMethod("crm.timeline.comment.add", scope: "crm") { call throws(RESTError) in
        guard case .object(let fields)? = call.parameters["fields"] else {
            throw .missingArgument("fields")
        }
        guard let owner = owner(type: fields["ENTITY_TYPE_ID"], name: fields["ENTITY_TYPE"], id: fields["ENTITY_ID"])
        else { throw .ownerNotFound }
        let comment = (fields["COMMENT"]?.scalarText ?? "").trimmingSpaces
        return try call.write { session throws -> RESTResult in
            guard try session.allows(.write, on: owner, by: call.caller.actor) else {
                throw RESTError.controllerAccessDenied
            }
            guard !comment.isEmpty else {
                throw RESTError(code: "INVALID_ARG_VALUE", message: "Empty comment message")
            }
            let id = try session.timeline.addComment(
                comment, on: owner.entityType, id: owner.entityID, by: call.caller.userID, at: session.now)
            return RESTResult(.int(id))
        }
    }

    /// `crm.timeline.comment.list`: `filter` takes ENTITY_ID and ENTITY_TYPE only; the caller needs read access to that
    /// item (a missing item has none unless the caller may read every item).
    static let list = RESTMethod("crm.timeline.comment.list", scope: "crm") { call throws(RESTError) in
        let filter = try call.parameters.arrayObject("filter")
        let order = try call.parameters.arrayObject("order")
        let owner = owner(type: nil, name: filter["ENTITY_TYPE"], id: filter["ENTITY_ID"])
        let (column, ascending) =
            order.keys.first.map { ($0.uppercased(), order[$0]?.scalarText?.uppercased() != "DESC") } ?? ("ID", true)
        let start = max(call.parameters.start, 0) / pageSize * pageSize
        return try call.read { session throws -> RESTResult in
            guard let owner, try session.allows(.read, on: owner, by: call.caller.actor) else {
                throw RESTError.accessDenied
            }
            let (entries, total) = try session.timeline.comments(
                on: owner.entityType, id: owner.entityID, orderBy: column, ascending: ascending, offset: start,
                limit: pageSize)
            let items = entries.map { item($0, shownOn: owner, zone: call.timeZone) }
            return RESTResult(.array(items), next: start + pageSize < total ? start + pageSize : nil, total: total)
        }
    }

    /// `crm.timeline.comment.get`: any timeline entry by id, shown as bound to the first item the caller may read.
    static let get = RESTMethod("crm.timeline.comment.get", scope: "crm") { call throws(RESTError) in
        let id = call.parameters.entityID
        guard id > 0 else { throw .idNotDefinedOrInvalid }
        return try call.read { session throws -> RESTResult in
            guard let entry = try session.timeline.entry(id: id) else { throw RESTError.plain("Not found.") }
            for binding in entry.bindings where try session.allows(.read, on: binding, by: call.caller.actor) {
                return RESTResult(item(entry, shownOn: binding, zone: call.timeZone))
            }
            throw RESTError.accessDenied
        }
    }

    /// `crm.timeline.comment.delete`: from one owner (`ownerTypeId`, `ownerId`) or, when the comment has a single
    /// binding, from that; only the author or an administrator with update rights may. The answer is `null`.
    static let delete = RESTMethod("crm.timeline.comment.delete", scope: "crm") { call throws(RESTError) in
        let id = call.parameters.entityID
        return try call.write { session throws -> RESTResult in
            guard id > 0, let entry = try session.timeline.entry(id: id), entry.typeID == 7, !entry.bindings.isEmpty
            else { throw RESTError.elementNotFound }
            let givenOwner = owner(
                type: call.parameters["ownerTypeId"], name: nil, id: call.parameters["ownerId"])
            let target: CRMEntityReference
            if call.parameters["ownerTypeId"] != nil || call.parameters["ownerId"] != nil {
                guard let givenOwner else { throw RESTError.ownerNotFound }
                target = givenOwner
            } else {
                guard entry.bindings.count == 1, let only = entry.bindings.first else {
                    throw RESTError(code: "MULTIPLE_BINDINGS", message: "Entity has multiple bindings")
                }
                target = only
            }
            let actor = call.caller.actor
            guard try session.allows(.write, on: target, by: actor), actor.isAdmin || entry.authorID == actor.userID
            else { throw RESTError.controllerAccessDenied }
            guard entry.bindings.contains(target) else { throw RESTError.elementNotFound }
            try session.timeline.unbind(entry: id, from: target.entityType, id: target.entityID)
            return RESTResult(.null)
        }
    }

    /// The owner an `ENTITY_TYPE_ID`/`ENTITY_TYPE` and `ENTITY_ID` name; `nil` when either is unusable.
    static func owner(type: JSONValue?, name: JSONValue?, id: JSONValue?) -> CRMEntityReference? {
        let entityID = id.map(PHPCast.int) ?? 0
        let entityType =
            type.flatMap { CRMEntityType(rawValue: PHPCast.int($0)) }
            ?? name.flatMap(\.scalarText).flatMap(CRMEntityType.init(name:))
        guard let entityType, entityID > 0 else { return nil }
        return CRMEntityReference(entityType: entityType, entityID: entityID)
    }

    /// One comment as `list` and `get` print it.
    static func item(_ entry: TimelineEntryRecord, shownOn owner: CRMEntityReference, zone: PortalTimeZone) -> JSONValue
    {
        [
            "ID": .string(String(entry.id)), "ENTITY_ID": .string(String(owner.entityID)),
            "ENTITY_TYPE": .string(owner.entityType.timelineName), "CREATED": .string(zone.iso8601(entry.created)),
            "COMMENT": entry.comment.map(JSONValue.string) ?? .null,
            "AUTHOR_ID": entry.authorID.map { .string(String($0)) } ?? .null,
        ]
    }
}
