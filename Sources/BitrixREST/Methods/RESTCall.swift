import CRMStore

/// What a method run from inside another (a `batch` command) produced.
public enum SubcallOutcome: Sendable {
    case success(RESTResult, TimeBlock)
    case failure(RESTError)
}

/// Everything a method body may use: its parameters, the caller, and the store.
public struct RESTCall: Sendable {
    public var methodName: String
    public var parameters: RESTParameters
    public var caller: RESTCaller
    public var store: CRMStore
    public var timeZone: PortalTimeZone
    /// The time of the call from the service's clock, for reading dates sent without an offset.
    public var now: CRMDateTime
    /// Runs another method as the same caller, as `batch` does for each command; `nil` when calls cannot nest.
    public var subcall: (@Sendable (_ method: String, _ parameters: RESTParameters) -> SubcallOutcome)?

    /// Runs a read against the store; a database failure becomes the portal's `SQL query error!`.
    public func read<T: Sendable>(_ body: (CRMSession) throws -> T) throws(RESTError) -> T {
        do {
            return try store.read(body)
        } catch let error as RESTError {
            throw error
        } catch {
            throw .sqlQueryFailed
        }
    }

    /// The lead user fields, as every lead method needs them; cached by the store.
    public func leadUserFields() throws(RESTError) -> [UserFieldDefinition] {
        do {
            return try store.leadUserFields()
        } catch {
            throw .sqlQueryFailed
        }
    }

    /// Runs a write in one transaction; a thrown `RESTError` or database failure rolls it back.
    public func write<T: Sendable>(_ body: (CRMSession) throws -> T) throws(RESTError) -> T {
        do {
            return try store.write(body)
        } catch let error as RESTError {
            throw error
        } catch {
            throw .sqlQueryFailed
        }
    }
}
