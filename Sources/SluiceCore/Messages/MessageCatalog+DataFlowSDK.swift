// MARK: - 3031x Checking data flow transforms and destinations with host-made batches (30310-30339)

extension MessageCatalog {
    /// `sluice plugins check` on a transform or destination: the Arrow release rules of the
    /// batches it is given and the batches it emits.
    static let dataFlowSDKMessages: [SluiceMessage] = [
        .checkEmitReleased, .checkInputNotReleased, .checkInputReleasedTwice, .checkEmitAfterEnd,
    ]
}

extension SluiceMessage {
    public static let checkEmitReleased = SluiceMessage(
        30310, "SLUICE_E_CHECK_EMIT_RELEASED",
        "{component}: in {step}, it emitted an Arrow array whose release callback is NULL: expected {expected}; got {actual}.")
    public static let checkInputNotReleased = SluiceMessage(
        30311, "SLUICE_E_CHECK_INPUT_NOT_RELEASED",
        "{component}: a batch it was given was never released after {step}: expected {expected}; got {actual}.")
    public static let checkInputReleasedTwice = SluiceMessage(
        30312, "SLUICE_E_CHECK_INPUT_RELEASED_TWICE",
        "{component}: a batch it was given was released more than once in {step}: expected {expected}; got {actual}.")
    public static let checkEmitAfterEnd = SluiceMessage(
        30313, "SLUICE_E_CHECK_EMIT_AFTER_END",
        "{component}: it emitted after the end of its inputs, in {step}: expected {expected}; got {actual}.")
}
