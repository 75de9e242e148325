/// One entry of an entity's history (`b_crm_event`), as the portal writes them on its own.
public struct HistoryEvent: Sendable, Equatable {
    /// The kinds of events the mock writes by itself.
    public enum Kind: Sendable, Equatable {
        case created
        case deleted
        /// A change of a field, named by its code and its title.
        case fieldChanged(field: String, title: String)
        /// A free entry with the given name (fixtures bring their own history).
        case message(name: String)
    }

    public var kind: Kind
    public var entityTitle: String
    public var textBefore: String?
    public var textAfter: String?

    public init(kind: Kind, entityTitle: String, textBefore: String? = nil, textAfter: String? = nil) {
        self.kind = kind
        self.entityTitle = entityTitle
        self.textBefore = textBefore
        self.textAfter = textAfter
    }

    /// `EVENT_TYPE`: 0 a message written by a user, 1 a change made by the system.
    var eventType: Int64 {
        if case .message = kind { return 0 }
        return 1
    }

    /// `EVENT_NAME` as the portal's English interface shows it.
    var eventName: String {
        switch kind {
        case .created: "Created"
        case .deleted: "Deleted"
        case .fieldChanged(_, let title): "Field \"\(title)\" changed"
        case .message(let name): name
        }
    }

    /// The field a change event is about (`b_crm_event_relations.ENTITY_FIELD`).
    var entityField: String? {
        if case .fieldChanged(let field, _) = kind { return field }
        return nil
    }
}
