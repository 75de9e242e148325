import SQLite
import Testing

@Suite struct SQLiteValueTests {
    @Test func literalsPickTheStorageClass() {
        let values: [SQLiteValue] = [nil, 1, 2.5, "text", true, false]
        #expect(values == [.null, .integer(1), .real(2.5), .text("text"), .integer(1), .integer(0)])
        #expect(SQLiteValue.null.isNull)
        #expect(!SQLiteValue.integer(0).isNull)
    }

    @Test func convertsSwiftValuesIncludingOptionals() {
        let missing: Int? = nil
        let present: String? = "x"
        #expect(SQLiteValue(7) == .integer(7))
        #expect(SQLiteValue(Int64(-3)) == .integer(-3))
        #expect(SQLiteValue(Int32(5)) == .integer(5))
        #expect(SQLiteValue(1.5) == .real(1.5))
        #expect(SQLiteValue("s") == .text("s"))
        #expect(SQLiteValue("substring".prefix(3)) == .text("sub"))
        #expect(SQLiteValue(true) == .integer(1))
        #expect(SQLiteValue(false) == .integer(0))
        #expect(SQLiteValue([UInt8]([1, 2])) == .blob([1, 2]))
        #expect(SQLiteValue(missing) == .null)
        #expect(SQLiteValue(present) == .text("x"))
        #expect(SQLiteValue(SQLiteValue.real(2)) == .real(2))
    }

    @Test func rowLooksUpColumnsByNameAndIndex() {
        let row = Row(
            columnNames: ["id", "title", "amount", "flag", "data", "none"],
            values: [.integer(12), .text("15000.00"), .real(2.0), .text("7"), .blob([1]), .null]
        )
        #expect(row.count == 6)
        #expect(row["id"] == .integer(12))
        #expect(row["missing"] == .null)
        #expect(row[1] == .text("15000.00"))
        #expect(row[99] == .null)
        #expect(row[-1] == .null)
        #expect(row.int("id") == 12)
        #expect(row.int("amount") == 2)
        #expect(row.int("flag") == 7)
        #expect(row.int("title") == nil)
        #expect(row.int("data") == nil)
        #expect(row.int("none") == nil)
        #expect(row.string("id") == "12")
        #expect(row.string("title") == "15000.00")
        #expect(row.string("data") == nil)
        #expect(row.string("missing") == nil)
        #expect(row.double("title") == 15000)
        #expect(row.double("id") == 12)
        #expect(row.double("none") == nil)
    }
}
