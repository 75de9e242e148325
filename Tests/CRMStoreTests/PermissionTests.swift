import CRMStore
import Testing

@Suite struct PermissionTests {
    private let own = CRMPermissionCheck.ItemAttributes(assignedByID: 7, assigneeDepartmentID: 2, isOpened: false)
    private let colleagues = CRMPermissionCheck.ItemAttributes(
        assignedByID: 8, assigneeDepartmentID: 2, isOpened: false)
    private let otherDepartmentOpen = CRMPermissionCheck.ItemAttributes(
        assignedByID: 9, assigneeDepartmentID: 3, isOpened: true)

    private func check(_ level: PermissionLevel) -> CRMPermissionCheck {
        CRMPermissionCheck(
            actor: CRMActor(userID: 7, isAdmin: false, departmentID: 2, grants: ["LEAD": [.delete: level]]))
    }

    @Test func eachLevelReachesWhatThePortalReaches() {
        let cases: [(PermissionLevel, [Bool])] = [
            (.none, [false, false, false, false]),
            (.own, [true, false, false, false]),
            (.department, [true, true, false, false]),
            (.open, [true, false, true, false]),
            (.all, [true, true, true, true]),
        ]
        for (level, expected) in cases {
            let checker = check(level)
            let actual = [own, colleagues, otherDepartmentOpen, nil].map {
                checker.allows(.delete, on: .lead, item: $0)
            }
            #expect(actual == expected, "level \(level)")
        }
    }

    @Test func administratorsMayDoEverything() {
        let admin = CRMPermissionCheck(actor: CRMActor(userID: 1, isAdmin: true))
        #expect(admin.allows(.delete, on: .lead, item: nil))
        #expect(admin.allows(.write, on: .contact, item: colleagues))
    }

    @Test func otherOperationsAndEntitiesAreNotGranted() {
        #expect(!check(.all).allows(.read, on: .lead, item: own))
        #expect(!check(.all).allows(.delete, on: .contact, item: own))
    }

    @Test func fixtureNamesAndLettersBothParse() {
        #expect(PermissionLevel(fixtureName: "department") == .department)
        #expect(PermissionLevel(fixtureName: "X") == .all)
        #expect(PermissionLevel(fixtureName: "bogus") == nil)
        #expect(CRMOperation(fixtureName: "update") == .write)
    }
}
