/// One lead and who asks for it, for the store's grouped operations (``LeadStore/delete(_:)``,
/// ``LeadStore/get(_:)``), which answer many such requests in one go.
public struct LeadRequest: Sendable, Equatable {
    public var id: Int64
    public var actor: CRMActor

    public init(id: Int64, actor: CRMActor) {
        self.id = id
        self.actor = actor
    }
}
