import CRMStore
import JSON

/// `crm.lead.*`: the lead methods, answering as `CCrmLeadRestProxy` does.
public enum CRMLeadMethods {
    public static let all: [RESTMethod] = [delete]

    /// `crm.lead.delete`: `id`/`ID` cast to int; the permission check comes before the existence check.
    static let delete = RESTMethod("crm.lead.delete", scope: "crm") { call throws(RESTError) in
        let id = call.parameters.entityID
        guard id > 0 else { throw .idNotDefinedOrInvalid }
        let outcome = try call.write { try $0.leads.delete(id: id, by: call.caller.actor) }
        switch outcome {
        case .deleted:
            return RESTResult(true)
        case .accessDenied:
            throw .leadDeleteDenied(id: id)
        case .notFound:
            throw .core("Not found")
        }
    }
}
