/// What `LeadStore` reads about a lead before deleting it: what the permission check needs, the title for the
/// history event, and which of the rarer dependents exist, so that a lead without them costs no statement for them.
struct DeletionProbe {
    var attributes: CRMPermissionCheck.ItemAttributes
    var title: String
    /// A converted lead hands its activities to its contact or company first.
    var isConverted: Bool
    var hasProductRows: Bool
    var hasUserFields: Bool
    var hasContacts: Bool
    var hasObservers: Bool
    /// Contacts, companies or deals have this lead in LEAD_ID.
    var hasReferrers: Bool
    var hasActivities: Bool
}
