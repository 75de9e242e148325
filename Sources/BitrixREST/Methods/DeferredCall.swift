/// A call of a grouped method (``RESTMethod/groupBody``) waiting, checked and ready, for the end of its event loop's
/// pass, when `RESTService` runs it with the others of the pass.
struct DeferredCall: Sendable {
    var method: RESTMethod
    var call: RESTCall
    /// When the request arrived, for its `time` block.
    var start: Double
}
