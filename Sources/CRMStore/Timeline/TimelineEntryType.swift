/// `b_crm_timeline.TYPE_ID`: what kind of entry a timeline row is (`Crm\Timeline\TimelineType`).
public enum TimelineEntryType: Int64, Sendable {
    case activity = 1
    case creation = 2
    case modification = 3
    case link = 4
    case unlink = 5
    case comment = 7
}
