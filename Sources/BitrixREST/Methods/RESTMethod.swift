/// One REST method: its name, the scope a credential needs for it, and its body.
///
/// A method family is one file in `Methods/` that lists its methods; `MethodRegistry.standard` collects the families.
public struct RESTMethod: Sendable {
    /// Several calls of one method, run together; one outcome per call, in the same order.
    public typealias GroupBody = @Sendable ([RESTCall]) -> [Result<RESTResult, RESTError>]

    /// The method name in lower case (`crm.lead.delete`).
    public var name: String
    /// The scope a webhook or token must grant (`crm`, `user`, ...).
    public var scope: String
    /// Whether `batch` may run it (`batch` itself may not run inside a batch).
    public var isBatchable: Bool
    public var body: @Sendable (RESTCall) throws(RESTError) -> RESTResult
    /// For a method that many clients call at the same moment (deletes in a load test): runs several calls in one
    /// go, each with the outcome it would have had alone, in order. `RESTService` then defers each call over HTTP
    /// to the end of its event loop's pass and runs all those of the pass together, so their store work shares one
    /// transaction. `nil` for methods run one call at a time.
    public var groupBody: GroupBody?

    public init(
        _ name: String, scope: String, isBatchable: Bool = true,
        body: @escaping @Sendable (RESTCall) throws(RESTError) -> RESTResult
    ) {
        self.name = name.lowercased()
        self.scope = scope
        self.isBatchable = isBatchable
        self.body = body
        self.groupBody = nil
    }

    /// A method whose calls can run in groups; a single call (a `batch` command) is a group of one.
    public init(_ name: String, scope: String, isBatchable: Bool = true, group: @escaping GroupBody) {
        self.name = name.lowercased()
        self.scope = scope
        self.isBatchable = isBatchable
        self.groupBody = group
        self.body = { call throws(RESTError) in
            guard let outcome = group([call]).first else { throw .sqlQueryFailed }
            return try outcome.get()
        }
    }
}
