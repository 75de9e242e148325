/// A portal user as `profile` and `user.current` show them.
public struct UserRecord: Sendable, Equatable {
    public var id: Int64
    public var isActive: Bool
    public var login: String
    public var name: String
    public var lastName: String
    public var secondName: String
    public var email: String
    public var workPosition: String
    public var gender: String
    public var timeZone: String
    public var isAdmin: Bool
    public var departmentID: Int64?
    public var registered: CRMDateTime
}
