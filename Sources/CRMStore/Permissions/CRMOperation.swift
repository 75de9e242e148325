/// The operations a CRM role grants per entity, named as the portal's `b_crm_role_perms.PERM_TYPE` names them.
///
/// `WRITE` is the portal's name for update.
public enum CRMOperation: String, Sendable, CaseIterable {
    case add = "ADD"
    case read = "READ"
    case write = "WRITE"
    case delete = "DELETE"

    /// Reads the operation as fixture files spell it: the portal name or `UPDATE` for `WRITE`.
    public init?(fixtureName: String) {
        let upper = fixtureName.uppercased()
        if upper == "UPDATE" {
            self = .write
        } else if let match = CRMOperation(rawValue: upper) {
            self = match
        } else {
            return nil
        }
    }
}
