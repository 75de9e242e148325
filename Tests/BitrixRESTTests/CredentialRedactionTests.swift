import BitrixREST
import Testing

@Suite struct CredentialRedactionTests {
    @Test func masksTheWebhookTokenInThePath() {
        #expect(
            CredentialRedaction.redact(target: "/rest/1/mocktokenadmin01/crm.lead.delete.json?id=123")
                == "/rest/1/************in01/crm.lead.delete.json?id=123")
    }

    @Test func masksTokenParametersInTheQuery() {
        #expect(
            CredentialRedaction.redact(target: "/rest/crm.lead.get?id=1&auth=abcdef123456&ACCESS_TOKEN=zz")
                == "/rest/crm.lead.get?id=1&auth=********3456&ACCESS_TOKEN=zz")
    }

    @Test func leavesOtherPathsAlone() {
        #expect(CredentialRedaction.redact(target: "/rest/crm.lead.delete") == "/rest/crm.lead.delete")
        #expect(CredentialRedaction.redact(target: "/_mock/health") == "/_mock/health")
    }
}
