/// The methods the mock answers, by lower-case name.
public struct MethodRegistry: Sendable {
    private var methods: [String: RESTMethod] = [:]

    public init(_ families: [[RESTMethod]] = []) {
        for family in families {
            for method in family {
                register(method)
            }
        }
    }

    /// Every method family the mock implements.
    public static var standard: MethodRegistry {
        MethodRegistry([
            CRMLeadMethods.all, BatchMethod.all, CRMTimelineCommentMethods.all, CRMActivityMethods.all,
            CRMStageHistoryMethods.all, CRMLeadContactMethods.all, CRMContactMethods.all, UserMethods.all,
        ])
    }

    public mutating func register(_ method: RESTMethod) {
        methods[method.name] = method
    }

    /// The method for a requested name, case-insensitively.
    public func method(named name: String) -> RESTMethod? {
        methods[name.lowercased()]
    }

    public var names: [String] { methods.keys.sorted() }
}
