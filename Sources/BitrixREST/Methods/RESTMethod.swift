/// One REST method: its name, the scope a credential needs for it, and its body.
///
/// A method family is one file in `Methods/` that lists its methods; `MethodRegistry.standard` collects the families.
public struct RESTMethod: Sendable {
    /// The method name in lower case (`crm.lead.delete`).
    public var name: String
    /// The scope a webhook or token must grant (`crm`, `user`, ...).
    public var scope: String
    /// Whether `batch` may run it (`batch` itself may not run inside a batch).
    public var isBatchable: Bool
    public var body: @Sendable (RESTCall) throws(RESTError) -> RESTResult

    public init(
        _ name: String, scope: String, isBatchable: Bool = true,
        body: @escaping @Sendable (RESTCall) throws(RESTError) -> RESTResult
    ) {
        self.name = name.lowercased()
        self.scope = scope
        self.isBatchable = isBatchable
        self.body = body
    }
}
