import JSON
import SQLite

/// Everything a fixture document describes, checked and typed, ready to be written into an empty store.
///
/// `FixtureDecoder` builds it from JSON (the format is documented in the README); `FixtureLoader` writes it. Keeping
/// the two apart means a bad file is rejected before anything is written.
public struct FixtureSet: Sendable {
    public var users: [User] = []
    public var roles: [Role] = []
    public var webhooks: [Webhook] = []
    public var applications: [Application] = []
    /// Lead user fields (`UF_CRM_*`); fields used by leads but not defined here are defined from their values.
    public var userFields: [UserFieldDefinition] = []
    public var contacts: [Contact] = []
    public var companies: [Company] = []
    public var deals: [Deal] = []
    public var leads: [Lead] = []

    public init() {}

    /// Adds another document's content (a fixtures directory holds several files).
    public mutating func append(_ other: FixtureSet) {
        users += other.users
        roles += other.roles
        webhooks += other.webhooks
        userFields += other.userFields
        applications += other.applications
        contacts += other.contacts
        companies += other.companies
        deals += other.deals
        leads += other.leads
    }

    public struct User: Sendable, Equatable {
        public var id: Int64
        public var login = ""
        public var name = ""
        public var lastName = ""
        public var secondName = ""
        public var email = ""
        public var workPosition = ""
        public var gender = ""
        public var timeZone = ""
        public var isAdmin = false
        public var isActive = true
        public var departmentID: Int64?
    }

    public struct Role: Sendable, Equatable {
        public var id: Int64
        public var name: String
        /// Entity (`LEAD`) → operation → level.
        public var permissions: [String: [CRMOperation: PermissionLevel]]
        public var userIDs: [Int64]
    }

    /// An OAuth application with the tokens it has already issued.
    public struct Application: Sendable, Equatable {
        public var clientID: String
        public var clientSecret: String
        public var title: String
        public var scopes: [String]
        public var tokens: [Token]
    }

    /// An issued token pair; `expiresIn` is counted from start-up (negative: already expired).
    public struct Token: Sendable, Equatable {
        public var userID: Int64
        public var accessToken: String
        public var refreshToken: String
        public var expiresIn: Int64
        public var scopes: [String]?
    }

    public struct Webhook: Sendable, Equatable {
        public var userID: Int64
        public var token: String
        public var scopes: [String]
        public var title: String
    }

    public struct MultiField: Sendable, Equatable {
        /// `PHONE`, `EMAIL`, `WEB`, `IM` or `LINK`.
        public var typeID: String
        public var valueType: String
        public var value: String

        public init(typeID: String, valueType: String, value: String) {
            self.typeID = typeID
            self.valueType = valueType
            self.value = value
        }
    }

    public struct Contact: Sendable, Equatable {
        public var id: Int64
        public var columns: [ColumnValue]
        public var multiFields: [MultiField]
    }

    public struct Company: Sendable, Equatable {
        public var id: Int64
        public var columns: [ColumnValue]
        public var multiFields: [MultiField]
    }

    public struct Deal: Sendable, Equatable {
        public var id: Int64
        public var columns: [ColumnValue]
    }

    public struct StatusChange: Sendable, Equatable {
        public var statusID: String
        public var createdTime: CRMDateTime?
        public var responsibleID: Int64?
    }

    public struct ProductRow: Sendable, Equatable {
        public var productID: Int64
        public var productName: String
        public var price: Double
        public var quantity: Double
    }

    public struct HistoryEntry: Sendable, Equatable {
        public var name: String
        public var textBefore: String?
        public var textAfter: String?
        public var createdByID: Int64?
        public var date: CRMDateTime?
    }

    /// Another entity a timeline entry or activity is also bound to, besides the lead that holds it.
    public typealias Binding = CRMEntityReference

    public struct TimelineEntry: Sendable, Equatable {
        /// `b_crm_timeline.TYPE_ID`: 7 for a comment.
        public var typeID: Int64
        public var comment: String?
        public var authorID: Int64?
        public var created: CRMDateTime?
        public var alsoBoundTo: [Binding]
    }

    public struct Activity: Sendable, Equatable {
        public var typeID: Int64
        public var subject: String
        public var description: String
        public var isCompleted: Bool
        public var direction: Int64
        public var priority: Int64
        public var responsibleID: Int64?
        public var startTime: CRMDateTime?
        public var endTime: CRMDateTime?
        public var deadline: CRMDateTime?
        public var created: CRMDateTime?
        public var communications: [MultiField]
        public var alsoBoundTo: [Binding]
    }

    public struct Lead: Sendable, Equatable {
        public var id: Int64
        public var columns: [ColumnValue]
        /// UF_CRM_* values, as given.
        public var userFields: [(name: String, value: JSONValue)]
        public var multiFields: [MultiField]
        public var contactIDs: [Int64]
        public var observerIDs: [Int64]
        /// `nil`: write the first row from STATUS_ID, as the portal does on add.
        public var statusHistory: [StatusChange]?
        public var productRows: [ProductRow]
        /// `nil`: write the "created" event, as the portal does on add.
        public var history: [HistoryEntry]?
        /// `nil`: write the "created" timeline entry, as the portal does on add.
        public var timeline: [TimelineEntry]?
        public var activities: [Activity]

        public static func == (lhs: Lead, rhs: Lead) -> Bool {
            lhs.id == rhs.id && lhs.columns == rhs.columns
                && lhs.userFields.map(\.name) == rhs.userFields.map(\.name)
                && lhs.userFields.map(\.value) == rhs.userFields.map(\.value)
                && lhs.multiFields == rhs.multiFields && lhs.contactIDs == rhs.contactIDs
                && lhs.observerIDs == rhs.observerIDs && lhs.statusHistory == rhs.statusHistory
                && lhs.productRows == rhs.productRows && lhs.history == rhs.history && lhs.timeline == rhs.timeline
                && lhs.activities == rhs.activities
        }

        /// The value of a column, if the fixture set it.
        public func column(_ name: String) -> SQLiteValue? {
            columns.first { $0.name == name }?.value
        }
    }
}
