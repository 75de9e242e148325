import BitrixREST
import CRMStore
import HTTPServer
import SQLite

/// A whole mock portal: the store, the fixtures, the REST service and the HTTP server, started and stopped as one.
///
/// The executable is a thin shell around this type; Swift test suites can start one in-process on port 0:
///
/// ```swift
/// var options = MockOptions()
/// options.port = 0
/// let server = try MockServer(options: options)
/// try server.start()
/// // talk to server.baseURL, e.g. "http://127.0.0.1:41234"
/// server.shutdown()
/// ```
public final class MockServer: Sendable {
    public let options: MockOptions
    public let store: CRMStore
    public let service: RESTService
    public let logger: Logger
    private let http: HTTPServer

    /// Why a server could not start, with the exit code the executable uses.
    public enum StartError: Error, Sendable, CustomStringConvertible {
        case fixtures(FixtureError)
        case database(String)
        case listen(SocketError)

        public var description: String {
            switch self {
            case .fixtures(let error): "invalid fixtures: \(error)"
            case .database(let message): "cannot open the database: \(message)"
            case .listen(let error): "cannot listen: \(error)"
            }
        }
    }

    /// Opens the store and loads fixtures into it if it is empty; does not listen yet.
    public init(options: MockOptions, timeZone: PortalTimeZone = .system, clock: any RESTClock = SystemClock())
        throws(StartError)
    {
        self.options = options
        let logger = Logger(level: options.logLevel, format: options.logFormat)
        self.logger = logger
        let location: Database.Location = options.database == ":memory:" ? .inMemory : .file(path: options.database)
        let store: CRMStore
        do {
            store = try CRMStore(
                location: location, clock: { CRMDateTime(secondsSince1970: Int64(clock.now().rounded(.down))) })
        } catch {
            throw .database("\(error)")
        }
        self.store = store
        try Self.loadFixtures(options: options, store: store, timeZone: timeZone, logger: logger)

        let service = RESTService(
            store: store, authenticator: Authenticator(mode: options.authMode), clock: clock, timeZone: timeZone)
        self.service = service
        var configuration = HTTPServerConfiguration()
        configuration.host = options.host
        configuration.port = options.port
        configuration.maxBodyBytes = options.maxBodyBytes
        if let loops = options.eventLoops { configuration.eventLoopCount = loops }
        configuration.defaultHeaders = RESTService.standardHeaders
        configuration.onEvent = { event in Self.log(event, logger) }
        self.http = HTTPServer(
            configuration: configuration,
            handler: MockRouter(rest: service, oauth: OAuthTokenEndpoint(store: store, clock: clock)))
    }

    /// Starts listening; returns once connections are accepted.
    public func start() throws(StartError) {
        do {
            try http.start()
        } catch {
            throw .listen(error)
        }
    }

    /// The port actually bound (the real one when `port` was 0).
    public var port: Int { http.localPort }

    /// `http://127.0.0.1:8024`, or with brackets for IPv6: `http://[::1]:8024`.
    public var baseURL: String {
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        return "http://\(host):\(port)"
    }

    /// The line scripts wait for on stdout.
    public var readyLine: String { "bitrix24-mock listening on \(baseURL)" }

    /// Stops accepting, finishes requests in flight, and closes the database.
    public func shutdown() {
        http.shutdown()
        store.close()
    }

    private static func loadFixtures(options: MockOptions, store: CRMStore, timeZone: PortalTimeZone, logger: Logger)
        throws(StartError)
    {
        let source: FixtureSource = options.fixtures.map(FixtureSource.path) ?? .embeddedDefault
        do {
            let isEmpty = try store.read { try $0.fixtures.storeIsEmpty() }
            guard isEmpty else {
                logger.log(.info, "database already holds data; fixtures not loaded", ["db": .text(options.database)])
                return
            }
        } catch {
            throw .database("\(error)")
        }
        let set: FixtureSet
        do {
            let offset = timeZone.utcOffsetSeconds(at: CRMDateTime.now().secondsSince1970)
            let documents = try source.documents().map { document throws(FixtureError) in
                try FixtureDecoder.Document(source: document.source, bytes: document.bytes)
            }
            set = try FixtureDecoder(portalUTCOffsetSeconds: offset).decode(documents)
        } catch {
            throw .fixtures(error)
        }
        var toLoad = set
        if options.generateLeads != nil {
            // Generated leads replace the fixture leads and what points at them.
            toLoad.leads = []
            toLoad.contacts = []
            toLoad.companies = []
            toLoad.deals = []
        }
        do {
            let summary = try store.write { try $0.fixtures.load(toLoad) }
            logger.log(
                .info, "fixtures loaded",
                [
                    "users": .integer(summary.users), "webhooks": .integer(summary.webhooks),
                    "leads": .integer(summary.leads), "contacts": .integer(summary.contacts),
                ])
            if let count = options.generateLeads {
                try generate(count, users: set.users.filter(\.isActive).map(\.id), store: store, logger: logger)
            }
        } catch {
            throw .database("loading fixtures failed: \(error)")
        }
    }

    /// Writes N synthetic leads in one transaction, reporting progress on stderr for long loads.
    private static func generate(_ count: Int, users: [Int64], store: CRMStore, logger: Logger) throws {
        let start = ContinuousClock.now
        try store.write { session in
            try session.leadGenerator.generate(count: count, userIDs: users) { written in
                if count > LeadGenerator.chunkSize {
                    logger.log(.info, "generating leads", ["written": .integer(written), "of": .integer(count)])
                }
            }
        }
        let elapsed = start.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.log(.info, "leads generated", ["count": .integer(count), "ms": .number(milliseconds.rounded())])
    }

    private static func log(_ event: HTTPServerEvent, _ logger: Logger) {
        switch event {
        case .requestCompleted(let entry):
            guard logger.level <= .info else { return }
            logger.request(
                method: entry.method.rawValue, target: CredentialRedaction.redact(target: entry.target),
                status: entry.statusCode,
                milliseconds: Double(entry.duration.components.attoseconds) / 1e15
                    + Double(entry.duration.components.seconds) * 1000,
                bytes: entry.responseBodyBytes, remote: entry.remoteAddress)
        case .protocolError(let status, let reason, let remote):
            logger.log(
                .warn, "bad request", ["status": .integer(status), "reason": .text(reason), "remote": .text(remote)])
        case .connectionRejected(let remote):
            logger.log(.warn, "connection rejected: too many connections", ["remote": .text(remote)])
        case .internalError(let message):
            logger.log(.error, message)
        }
    }
}
