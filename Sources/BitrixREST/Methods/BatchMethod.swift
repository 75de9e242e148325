import CRMStore
import HTTPServer
import JSON

/// `batch`: up to 50 commands in one call (`CRestProvider::methodsBatch`), later ones able to use earlier results
/// through `$result[key][FIELD]` references. Always HTTP 200; each command's error goes to `result_error`.
public enum BatchMethod {
    public static let all: [RESTMethod] = [batch]

    static let maximumCommands = 50
    static let forbiddenInBatch: Set<String> = ["batch", "download", "upload"]

    static let batch = RESTMethod("batch", scope: RESTCaller.globalScope, isBatchable: false) {
        call throws(RESTError) in
        // The portal upper-cases the top-level keys: cmd, CMD and Cmd all work.
        var commands = JSONObject()
        var halt = false
        for (key, value) in call.parameters.values {
            switch key.uppercased() {
            case "CMD":
                if case .object(let object) = value { commands = object }
                if case .array(let items) = value {
                    for (index, item) in items.enumerated() { commands[String(index)] = item }
                }
            case "HALT":
                halt = PHPCast.bool(value)
            default:
                break
            }
        }
        var state = BatchState()
        for (index, (key, command)) in commands.enumerated() {
            if index >= maximumCommands {
                state.errors[key] = .object(
                    errorBody(
                        RESTError(
                            code: "ERROR_BATCH_LENGTH_EXCEEDED", message: "Max batch length exceeded")))
                if halt { break }
                continue
            }
            guard case .string(let text) = command else { continue }
            let outcome = run(text, state: state, call: call)
            switch outcome {
            case .success(let result, let time):
                state.results[key] = result.jsonValue
                if let total = result.total { state.totals[key] = .int(Int64(total)) }
                if let next = result.next { state.nexts[key] = .int(Int64(next)) }
                var writer = JSONWriter(options: [])
                time.write(to: &writer)
                state.times[key] = (try? JSONParser.parse(writer.bytes)) ?? .null
            case .failure(let error):
                state.errors[key] = .object(errorBody(error))
            }
            // With halt, nothing after the first error runs or appears anywhere.
            if case .failure = outcome, halt { break }
        }
        return RESTResult(
            [
                "result": WireValue.phpArray(state.results), "result_error": WireValue.phpArray(state.errors),
                "result_total": WireValue.phpArray(state.totals), "result_next": WireValue.phpArray(state.nexts),
                "result_time": WireValue.phpArray(state.times),
            ])
    }

    /// The maps a batch fills as it goes; references read them.
    struct BatchState {
        var results = JSONObject()
        var errors = JSONObject()
        var totals = JSONObject()
        var nexts = JSONObject()
        var times = JSONObject()

        /// `$arResult` as references see it: `result`, `next`, `total`, `time`, `error`.
        var root: JSONValue {
            [
                "result": .object(results), "next": .object(nexts), "total": .object(totals), "time": .object(times),
                "error": .object(errors),
            ]
        }
    }

    /// One command: `method?query`, its references resolved, run as the batch's caller.
    static func run(_ command: String, state: BatchState, call: RESTCall) -> SubcallOutcome {
        let parts = command.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let method = String(parts.first ?? "").lowercased()
        guard !forbiddenInBatch.contains(method) else {
            return .failure(
                RESTError(
                    code: "ERROR_BATCH_METHOD_NOT_ALLOWED", message: "Method is not allowed for batch usage",
                    status: 405))
        }
        let query = parts.count > 1 ? String(parts[1]) : ""
        var parameters = PHPFormDecoder.decode(URLEncodedForm.parse(query))
        let root = state.root
        for (key, value) in parameters {
            parameters[key] = BatchReference.substitute(in: value, root: root)
        }
        guard let subcall = call.subcall else { return .failure(.methodNotFound) }
        switch subcall(method, RESTParameters(parameters)) {
        case .failure(let error) where error.code == "insufficient_scope":
            // Inside a batch the scope error comes without a description (`CRestServerBatchItem::checkAuth`).
            return .failure(RESTError(code: error.code, message: "", status: error.status))
        case let outcome:
            return outcome
        }
    }

    static func errorBody(_ error: RESTError) -> JSONObject {
        var body: JSONObject = ["error": .string(error.code), "error_description": .string(error.message)]
        for (key, value) in error.extra {
            body[key] = value
        }
        return body
    }
}
