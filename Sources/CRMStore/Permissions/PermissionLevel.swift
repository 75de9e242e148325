/// How far a CRM role lets a user reach for one operation, as the portal's role editor offers it.
///
/// The raw values are the portal's permission letters stored in `b_crm_role_perms.ATTR`: an empty string for none,
/// `A` for the user's own items (ASSIGNED_BY_ID is the user), `D` for items of the user's department, `O` for all open
/// items (OPENED = Y) plus the user's own, and `X` for every item.
public enum PermissionLevel: String, Sendable, Comparable, CaseIterable {
    case none = ""
    case own = "A"
    case department = "D"
    case open = "O"
    case all = "X"

    /// Reads a level as fixture files spell it: the readable word (`NONE`, `OWN`, `DEPARTMENT`, `OPEN`, `ALL`) or the
    /// portal letter.
    public init?(fixtureName: String) {
        switch fixtureName.uppercased() {
        case "NONE", "": self = .none
        case "OWN", "A": self = .own
        case "DEPARTMENT", "D": self = .department
        case "OPEN", "O": self = .open
        case "ALL", "X": self = .all
        default: return nil
        }
    }

    public static func < (lhs: PermissionLevel, rhs: PermissionLevel) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .none: 0
        case .own: 1
        case .department: 2
        case .open: 3
        case .all: 4
        }
    }
}
