import SQLite

/// Product rows of a lead or deal (`b_crm_product_row`).
public struct ProductRowStore {
    let database: Database

    /// Adds a row at the end of an owner's rows; returns its id.
    @discardableResult
    public func add(
        productID: Int64, name: String, price: Double, quantity: Double, to owner: CRMEntityType, id ownerID: Int64,
        sort: Int64
    ) throws -> Int64 {
        try database.insert(
            into: "b_crm_product_row",
            columns: ["OWNER_TYPE", "OWNER_ID", "PRODUCT_ID", "PRODUCT_NAME", "PRICE", "QUANTITY", "SORT"],
            values: [
                .text(owner.productRowOwnerType), .integer(ownerID), .integer(productID), .text(name), .real(price),
                .real(quantity), .integer(sort),
            ])
    }
}
