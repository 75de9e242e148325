import BitrixREST
import Testing

@Suite struct RESTRouteTests {
    @Test(
        arguments: [
            ("/rest/crm.lead.delete", "crm.lead.delete", RESTRoute.Transport.json, nil, nil),
            ("/rest/crm.lead.delete/", "crm.lead.delete", .json, nil, nil),
            ("/rest/crm.lead.delete.json", "crm.lead.delete", .json, nil, nil),
            ("/rest/CRM.Lead.Delete.JSON", "crm.lead.delete", .json, nil, nil),
            ("/rest/crm.lead.delete.xml", "crm.lead.delete", .xml, nil, nil),
            ("/rest/1/mocktokenadmin01/crm.lead.delete", "crm.lead.delete", .json, "1", "mocktokenadmin01"),
            ("/rest/1/mocktokenadmin01/crm.lead.delete.json", "crm.lead.delete", .json, "1", "mocktokenadmin01"),
            ("/rest/1/mocktokenadmin01/crm.lead.delete.json/", "crm.lead.delete", .json, "1", "mocktokenadmin01"),
            ("/rest/profile", "profile", .json, nil, nil),
            ("/rest/1//crm.lead.get", "crm.lead.get", .json, "1", ""),
            ("/rest/Ünï/ćødé/Méthod.XML", "méthod", .xml, "Ünï", "ćødé"),
        ] as [(String, String, RESTRoute.Transport, String?, String?)])
    func readsEveryURLFormThePortalRoutes(
        path: String, method: String, transport: RESTRoute.Transport, user: String?, token: String?
    ) throws {
        let route = try #require(RESTRoute(path: path))
        #expect(route.methodName == method)
        #expect(route.transport == transport)
        #expect(route.webhook?.user == user)
        #expect(route.webhook?.token == token)
    }

    @Test(arguments: [
        "/crm.lead.delete", "/rest", "/rest/", "/rest/1/crm.lead.delete", "/rest/a/b/c/d", "/rest/.json", "/rest//",
        "/rest/1/t/m/x/",
    ])
    func rejectsShapesThePortalDoesNotRoute(path: String) {
        #expect(RESTRoute(path: path) == nil)
    }

    @Test func keepsADotSuffixThatIsNotATransport() throws {
        #expect(try #require(RESTRoute(path: "/rest/crm.lead.list")).methodName == "crm.lead.list")
    }
}
