import CRMStore
import JSON

/// `crm.lead.*`: the lead methods, answering as `CCrmLeadRestProxy` does.
public enum CRMLeadMethods {
    public static let all: [RESTMethod] = [add, get, update, list, fields, delete]

    /// `crm.lead.add`: `fields` (missing means empty; not an array is an error) and `params`; the new id as an integer.
    static let add = RESTMethod("crm.lead.add", scope: "crm") { call throws(RESTError) in
        let fields = try call.parameters.arrayObject("fields")
        let params = try call.parameters.arrayObject("params")
        let definitions = try call.leadUserFields()
        var input = try LeadFieldsReader(timeZone: call.timeZone, userFields: definitions, now: call.now).read(fields)
        input.registersHistory = params["REGISTER_HISTORY_EVENT"].map { $0.scalarText?.uppercased() == "Y" } ?? true
        switch try call.write({ try $0.leads.add(input, by: call.caller.actor) }) {
        case .added(let id): return RESTResult(.int(id))
        default: throw .accessDenied
        }
    }

    /// `crm.lead.get`: permission before existence; the lead with every field.
    ///
    /// Calls arriving together run as one group: one read of each distinct lead under one lock, and one encoding of
    /// it however many callers asked for it.
    static let get = RESTMethod("crm.lead.get", scope: "crm") { calls in
        eachLead(of: calls) { requests in
            guard let call = calls.first else { return [] }
            let lookups: [LeadLookup]
            let definitions: [UserFieldDefinition]
            do throws(RESTError) {
                definitions = try call.leadUserFields()
                lookups = try call.read { try $0.leads.get(requests) }
            } catch {
                return requests.map { _ in .failure(error) }
            }
            var encoded: [Int64: RESTResult] = [:]
            return lookups.map { lookup in
                switch lookup {
                case .found(let record):
                    if let result = encoded[record.id] { return .success(result) }
                    var writer = JSONWriter(options: ResponseEnvelope.jsonOptions)
                    LeadWireFormat(timeZone: call.timeZone).writeFull(record, userFields: definitions, into: &writer)
                    let result = RESTResult(encoded: writer.bytes)
                    encoded[record.id] = result
                    return .success(result)
                case .accessDenied: return .failure(.accessDenied)
                case .notFound: return .failure(.plain("Not found"))
                }
            }
        }
    }

    /// `crm.lead.update`: `fields` and `params` are checked before the id, as on the portal.
    static let update = RESTMethod("crm.lead.update", scope: "crm") { call throws(RESTError) in
        let id = call.parameters.entityID
        let fields = try call.parameters.arrayObject("fields")
        let params = try call.parameters.arrayObject("params")
        guard id > 0 else { throw .idNotDefinedOrInvalid }
        let definitions = try call.leadUserFields()
        var input = try LeadFieldsReader(timeZone: call.timeZone, userFields: definitions, now: call.now).read(fields)
        input.registersHistory = params["REGISTER_HISTORY_EVENT"].map { $0.scalarText?.uppercased() == "Y" } ?? true
        switch try call.write({ try $0.leads.update(id: id, with: input, by: call.caller.actor) }) {
        case .accessDenied: throw .accessDenied
        case .notFound: throw .plain("Lead is not found")
        default: return RESTResult(true)
        }
    }

    /// `crm.lead.list`: 50 a page, `start` floored to a page, a negative `start` skips counting.
    ///
    /// Calls arriving together run as one group, and identical calls by one user (same parameters, same rights) share
    /// one run: they would see the same data, since nothing is written while the group runs.
    static let list = RESTMethod("crm.lead.list", scope: "crm") { calls in
        var shared: [SharedCall: (actor: CRMActor, outcome: Result<RESTResult, RESTError>)] = [:]
        return calls.map { call in
            let key = SharedCall(userID: call.caller.actor.userID, parameters: call.parameters.values)
            if let earlier = shared[key], earlier.actor == call.caller.actor { return earlier.outcome }
            let outcome = Result { () throws(RESTError) in try listPage(call) }
            shared[key] = (call.caller.actor, outcome)
            return outcome
        }
    }

    /// Two calls that must give the same answer.
    private struct SharedCall: Hashable {
        var userID: Int64
        var parameters: JSONObject
    }

    /// One `crm.lead.list` call: a page of the selected fields.
    private static func listPage(_ call: RESTCall) throws(RESTError) -> RESTResult {
        let order = try call.parameters.arrayObject("order")
        let filter = try call.parameters.arrayObject("filter")
        let definitions = try call.leadUserFields()
        let reader = LeadListReader(timeZone: call.timeZone, userFields: definitions, now: call.now)
        let selection = reader.selection(from: call.parameters.arrayParameter("select"))
        var request = LeadStore.ListRequest()
        request.conditions = reader.conditions(from: filter)
        request.order = reader.order(from: order)
        request.start = call.parameters.start
        request.userFields = Set(selection.userFields)
        let selectedColumns = Set(selection.standard.map(\.name))
        request.columns = selectedColumns
        // HAS_PHONE, HAS_EMAIL and HAS_IMOL are worked out from the multi-fields, selected or not.
        request.multiFieldTypes = Set(selection.multiFieldTypes).union(
            [("HAS_PHONE", "PHONE"), ("HAS_EMAIL", "EMAIL"), ("HAS_IMOL", "IM")].compactMap { flag, type in
                selectedColumns.contains(flag) ? type : nil
            })
        guard let page = try call.read({ try $0.leads.list(request, by: call.caller.actor) }) else {
            throw .accessDenied
        }
        let format = LeadWireFormat(timeZone: call.timeZone)
        let columns = LeadWireFormat.Columns(selection.standard)
        var writer = JSONWriter(options: ResponseEnvelope.jsonOptions)
        writer.beginArray()
        for record in page.records {
            format.writeItem(record, columns: columns, selection: selection, into: &writer)
        }
        writer.endArray()
        return RESTResult(encoded: writer.bytes, next: page.next, total: page.total ?? 0)
    }

    /// `crm.lead.fields`: the standard fields, then the user fields.
    static let fields = RESTMethod("crm.lead.fields", scope: "crm") { call throws(RESTError) in
        let definitions = try call.read { try $0.userFields.leadFields(withSettings: true) }
        return RESTResult(encoded: FieldDescriptions.lead(userFields: definitions))
    }

    /// `crm.lead.delete`: `id`/`ID` cast to int; the permission check comes before the existence check.
    ///
    /// Calls arriving together run as one group: one store transaction for all of them, each with the outcome it
    /// would have had alone. If the group's transaction fails, nothing of it is kept and each call is retried on its
    /// own, so one failing lead answers `SQL query error!` without taking the others with it.
    static let delete = RESTMethod("crm.lead.delete", scope: "crm") { calls in
        eachLead(of: calls) { requests in
            guard let store = calls.first?.store else { return [] }
            let deletions: [Result<LeadDeletion, RESTError>]
            do {
                deletions = try store.write { try $0.leads.delete(requests) }.map { .success($0) }
            } catch {
                // A group of one has nothing to separate: it failed on its own.
                deletions =
                    requests.count == 1
                    ? [.failure(.sqlQueryFailed)]
                    : requests.map { request in
                        Result { () throws(RESTError) in
                            do {
                                return try store.write { try $0.leads.delete(id: request.id, by: request.actor) }
                            } catch {
                                throw .sqlQueryFailed
                            }
                        }
                    }
            }
            return zip(requests, deletions).map { request, deletion in
                deletion.flatMap { outcome in
                    switch outcome {
                    case .deleted: .success(RESTResult(true))
                    case .accessDenied: .failure(.leadDeleteDenied(id: request.id))
                    case .notFound: .failure(.core("Not found"))
                    }
                }
            }
        }
    }

    /// Runs a grouped method over the calls' `id`/`ID` (cast to int): a missing or invalid id fails its own call with
    /// `ID is not defined or invalid.`; `body` gets the rest, in order, and answers one outcome each.
    private static func eachLead(
        of calls: [RESTCall], _ body: ([LeadRequest]) -> [Result<RESTResult, RESTError>]
    ) -> [Result<RESTResult, RESTError>] {
        var outcomes = [Result<RESTResult, RESTError>?](repeating: nil, count: calls.count)
        var requests: [LeadRequest] = []
        var positions: [Int] = []
        for (index, call) in calls.enumerated() {
            let id = call.parameters.entityID
            guard id > 0 else {
                outcomes[index] = .failure(.idNotDefinedOrInvalid)
                continue
            }
            requests.append(LeadRequest(id: id, actor: call.caller.actor))
            positions.append(index)
        }
        if !requests.isEmpty {
            for (position, outcome) in zip(positions, body(requests)) {
                outcomes[position] = outcome
            }
        }
        return outcomes.map { $0 ?? .failure(.sqlQueryFailed) }
    }
}
