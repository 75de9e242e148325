import CRMStore
import HTTPServer
import JSON

/// The Bitrix24 REST endpoint: takes a parsed HTTP request and answers it as a portal would.
///
/// The steps, in the portal's order (`CRestServer::process`): route the URL, find the method (an unknown method is
/// answered 404 before credentials are looked at), decode the parameters, authenticate, check the scope and the
/// operating-time limit, run the method, and wrap its result in the envelope with a `time` block.
public final class RESTService: HTTPRequestHandler {
    public let store: CRMStore
    public let registry: MethodRegistry
    public let authenticator: Authenticator
    public let ledger: OperatingTimeLedger
    public let clock: any RESTClock
    public let timeZone: PortalTimeZone

    public init(
        store: CRMStore, registry: MethodRegistry = .standard, authenticator: Authenticator,
        ledger: OperatingTimeLedger = OperatingTimeLedger(), clock: any RESTClock = SystemClock(),
        timeZone: PortalTimeZone = .system
    ) {
        self.store = store
        self.registry = registry
        self.authenticator = authenticator
        self.ledger = ledger
        self.clock = clock
        self.timeZone = timeZone
    }

    /// The headers a portal sends with every REST answer (`CRestUtil::sendHeaders`); the HTTP server adds them to
    /// its own error answers too.
    public static let standardHeaders: HTTPHeaders = [
        ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Allow-Headers", "origin, content-type, accept"),
        ("X-Content-Type-Options", "nosniff"),
    ]

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let start = clock.now()
        if request.method == .options {
            return HTTPResponse(status: .ok, headers: [("Access-Control-Allow-Methods", "GET, POST, OPTIONS")])
        }
        guard request.path.hasPrefix(RESTRoute.prefix) else {
            return Self.notFound(path: request.path)
        }
        guard let route = RESTRoute(path: request.path) else {
            return Self.errorResponse(.methodNotFound)
        }
        guard route.transport == .json else {
            return Self.errorResponse(.wrongTransport)
        }
        guard let method = registry.method(named: route.methodName) else {
            return Self.errorResponse(.methodNotFound)
        }
        var parameters = RequestDecoder.parameters(of: request)
        do throws(RESTError) {
            let caller = try authenticator.authenticate(
                route: route, request: request, parameters: &parameters, store: store, now: start)
            let call = try prepareCall(method, parameters: parameters, caller: caller, start: start)
            if method.groupBody != nil {
                return .deferred(DeferredCall(method: method, call: call, start: start))
            }
            let (result, time) = try run(method, call, start: start)
            return .json(.ok, body: ResponseEnvelope.success(result, time: time))
        } catch {
            return Self.errorResponse(error)
        }
    }

    /// Runs the calls deferred during one pass of an event loop: those of one method as one group
    /// (``RESTMethod/groupBody``), so that, say, sixty deletes share one store transaction. Each call is accounted
    /// and answered as a call of its own, with its share of the group's processing time.
    public func respond(toDeferred work: [any Sendable]) -> [HTTPResponse] {
        var responses = [HTTPResponse?](repeating: nil, count: work.count)
        var groups: [String: [(index: Int, call: DeferredCall)]] = [:]
        var order: [String] = []
        for (index, item) in work.enumerated() {
            guard let deferred = item as? DeferredCall else { continue }
            if groups[deferred.method.name] == nil { order.append(deferred.method.name) }
            groups[deferred.method.name, default: []].append((index, deferred))
        }
        for name in order {
            guard let members = groups[name], let groupBody = members.first?.call.method.groupBody else { continue }
            let processingStart = clock.now()
            let outcomes = groupBody(members.map(\.call.call))
            let finish = clock.now()
            let share = (finish - processingStart) / Double(members.count)
            for (position, member) in members.enumerated() {
                let time = account(
                    member.call.method, caller: member.call.call.caller, start: member.call.start,
                    processing: share, finish: finish)
                switch position < outcomes.count ? outcomes[position] : .failure(.sqlQueryFailed) {
                case .success(let result):
                    responses[member.index] = .json(.ok, body: ResponseEnvelope.success(result, time: time))
                case .failure(let error):
                    responses[member.index] = Self.errorResponse(error)
                }
            }
        }
        return responses.map { $0 ?? Self.errorResponse(.sqlQueryFailed) }
    }

    /// Runs one method for an authenticated caller: scope, operating-time limit, the body, and the accounting.
    ///
    /// `batch` runs its commands through here too, so each command is checked and accounted like a call of its own.
    public func invoke(_ method: RESTMethod, parameters: RESTParameters, caller: RESTCaller, start: Double)
        throws(RESTError) -> (RESTResult, TimeBlock)
    {
        try run(method, prepareCall(method, parameters: parameters, caller: caller, start: start), start: start)
    }

    /// The checks before a method runs (scope, operating-time limit) and the call its body gets.
    private func prepareCall(_ method: RESTMethod, parameters: RESTParameters, caller: RESTCaller, start: Double)
        throws(RESTError) -> RESTCall
    {
        guard caller.allows(scope: method.scope) else {
            throw isWebhook(caller) ? .insufficientScopeForWebhook : .insufficientScopeForToken
        }
        guard !ledger.isBlocked(caller: caller.ledgerKey, method: method.name, at: start) else {
            throw RESTError(
                code: "OPERATION_TIME_LIMIT", message: "Method is blocked due to operation time limit.", status: 429)
        }
        return RESTCall(
            methodName: method.name, parameters: parameters, caller: caller, store: store, timeZone: timeZone,
            now: CRMDateTime(secondsSince1970: Int64(start)),
            subcall: { [self] name, parameters in
                guard let nested = registry.method(named: name) else { return .failure(.methodNotFound) }
                do throws(RESTError) {
                    let (result, time) = try invoke(nested, parameters: parameters, caller: caller, start: clock.now())
                    return .success(result, time)
                } catch {
                    return .failure(error)
                }
            })
    }

    /// Runs a prepared call's body and accounts for it.
    private func run(_ method: RESTMethod, _ call: RESTCall, start: Double) throws(RESTError) -> (RESTResult, TimeBlock)
    {
        let processingStart = clock.now()
        let result = try method.body(call)
        let finish = clock.now()
        let time = account(
            method, caller: call.caller, start: start, processing: finish - processingStart, finish: finish)
        return (result, time)
    }

    /// Records a call's processing time in the operating-time ledger and makes its `time` block.
    private func account(_ method: RESTMethod, caller: RESTCaller, start: Double, processing: Double, finish: Double)
        -> TimeBlock
    {
        let reading = ledger.record(
            caller: caller.ledgerKey, method: method.name, seconds: processing, callStart: start, at: finish)
        return TimeBlock(
            start: start, finish: finish, processing: processing, operating: reading.operating,
            operatingResetAt: reading.resetAt, timeZone: timeZone)
    }

    private func isWebhook(_ caller: RESTCaller) -> Bool {
        if case .webhook = caller.credential { return true }
        return false
    }

    static func errorResponse(_ error: RESTError) -> HTTPResponse {
        .json(HTTPStatus(code: error.status), body: ResponseEnvelope.error(error))
    }

    private static func notFound(path: String) -> HTTPResponse {
        errorResponse(
            RESTError(
                code: "NOT_FOUND", message: "No REST endpoint at \(path); methods live under /rest/", status: 404))
    }
}
