import SQLite

/// The store as seen from inside one `read` or `write`: a connection that is held, and the time the call began.
///
/// The entity stores it hands out are cheap views on the same connection; they must not escape the closure.
public struct CRMSession {
    let database: Database
    /// The time of this call, written into DATE_MODIFY and history rows.
    public let now: CRMDateTime

    init(database: Database, now: CRMDateTime) {
        self.database = database
        self.now = now
    }

    public var leads: LeadStore { LeadStore(database: database, now: now) }
    public var users: UserStore { UserStore(database: database) }
    public var fixtures: FixtureLoader { FixtureLoader(database: database, now: now) }
    public var userFields: UserFieldStore { UserFieldStore(database: database) }
    public var multiFields: MultiFieldStore { MultiFieldStore(database: database) }
    public var timeline: TimelineStore { TimelineStore(database: database) }
    public var activities: ActivityStore { ActivityStore(database: database) }
    public var statusHistory: StatusHistoryStore { StatusHistoryStore(database: database) }
    public var contacts: ContactStore { ContactStore(database: database, now: now) }
    public var history: HistoryStore { HistoryStore(database: database, now: now) }
    public var oauth: OAuthStore { OAuthStore(database: database) }
    public var leadGenerator: LeadGenerator { LeadGenerator(database: database, now: now) }
}
