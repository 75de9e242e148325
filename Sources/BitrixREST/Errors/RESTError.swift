import JSON

/// A Bitrix24 REST error as it goes on the wire: `{"error": code, "error_description": text}` with its HTTP status.
///
/// The portal's `RestException` defaults to 400 and an empty code; authentication errors come from
/// `OAuthException` (401) and a few carry their own status. Every error a method or the transport can produce is
/// one of the constants below or built from a message, so the texts live in one place.
public struct RESTError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `error` value; empty for the CRM's plain `RestException($message)`.
    public var code: String
    /// The `error_description` value.
    public var message: String
    /// The HTTP status code.
    public var status: Int
    /// Keys the portal adds beside the two (for example `argument` on `ERROR_ARGUMENT`).
    public var extra: JSONObject

    public init(code: String, message: String, status: Int = 400, extra: JSONObject = JSONObject()) {
        self.code = code
        self.message = message
        self.status = status
        self.extra = extra
    }

    public var description: String { "\(status) \(code.isEmpty ? "\"\"" : code): \(message)" }

    /// A CRM method's plain `RestException($message)`: empty code, HTTP 400.
    public static func plain(_ message: String) -> RESTError {
        RESTError(code: "", message: message)
    }

    /// An application exception caught by the REST server (`$APPLICATION->ThrowException`): `ERROR_CORE`, 400.
    public static func core(_ message: String) -> RESTError {
        RESTError(code: "ERROR_CORE", message: message)
    }

    // MARK: Transport and routing

    public static let methodNotFound = RESTError(
        code: "ERROR_METHOD_NOT_FOUND", message: "Method not found!", status: 404)
    /// The `.xml` transport, which the mock does not write yet (BITRIX24.md allows a 400 until it does).
    public static let wrongTransport = RESTError(
        code: "INTERNAL_WRONG_TRANSPORT", message: "Wrong transport!", status: 400)
    /// A database failure inside a method, as `RestException::initFromException` reports an `SqlException`.
    public static let sqlQueryFailed = RESTError(code: "ERROR_CORE", message: "SQL query error!", status: 500)

    // MARK: Authentication

    public static let noAuthFound = RESTError(
        code: "NO_AUTH_FOUND", message: "Wrong authorization data", status: 401)
    public static let invalidCredentials = RESTError(
        code: "INVALID_CREDENTIALS", message: "Invalid request credentials", status: 401)
    public static let invalidToken = RESTError(
        code: "invalid_token", message: "The access token provided is invalid", status: 401)
    public static let expiredToken = RESTError(
        code: "expired_token", message: "The access token provided has expired", status: 401)
    public static let insufficientScopeForWebhook = RESTError(
        code: "insufficient_scope",
        message: "The request requires higher privileges than provided by the webhook token", status: 403)
    public static let insufficientScopeForToken = RESTError(
        code: "insufficient_scope",
        message: "The request requires higher privileges than provided by the access token", status: 403)

    // MARK: CRM

    public static let idNotDefinedOrInvalid = RESTError.plain("ID is not defined or invalid.")
    public static let accessDenied = RESTError.plain("Access denied.")

    /// `CRM_LEAD_NO_PERMISSIONS_TO_DELETE` with the lead's id.
    public static func leadDeleteDenied(id: Int64) -> RESTError {
        .plain("Lead #\(id): insufficient permissions to delete")
    }

    // MARK: Engine controllers (crm.timeline.comment.add/delete, crm.stagehistory.list, ...)

    /// A required action argument that is missing: the binder's code 100, as a string.
    public static func missingArgument(_ name: String) -> RESTError {
        RESTError(code: "100", message: "Could not find value for parameter {\(name)}")
    }

    public static let ownerNotFound = RESTError(code: "OWNER_NOT_FOUND", message: "Owner was not found")
    public static let controllerAccessDenied = RESTError(code: "ACCESS_DENIED", message: "Access denied")
    public static let elementNotFound = RESTError(code: "NOT_FOUND", message: "Element not found")

    /// `AccessException`: HTTP 403, used by the binding methods (`crm.lead.contact.*`).
    public static let accessDeniedException = RESTError(code: "ACCESS_DENIED", message: "Access denied!", status: 403)

    /// `Parameter 'fields' must be array.` and its siblings for `params`, `order`, `filter`.
    public static func parameterMustBeArray(_ name: String) -> RESTError {
        .plain("Parameter '\(name)' must be array.")
    }
}
