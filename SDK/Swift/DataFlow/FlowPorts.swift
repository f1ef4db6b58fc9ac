/// One input of a data flow component (`sluice_input_def`).
public struct FlowInput: Hashable, Sendable {
    /// Unique among the component's inputs: letters, digits, space, `_` and `-`; at most 128 bytes.
    public var name: String

    public init(_ name: String) { self.name = name }
}

/// One output of a data flow component (`sluice_output_def`).
public struct FlowOutput: Hashable, Sendable {
    /// Unique among the component's outputs (rules as for inputs).
    public var name: String
    /// The index of the input whose rows this output passes on, one batch out (at most) per
    /// batch in, emitted during that batch's call; nil for an asynchronous output (new rows).
    public var synchronousInput: Int?
    /// 0, or a positive number shared by outputs among which each input row goes to at most one.
    public var exclusionGroup: Int
    /// An error output: its schema is the data's columns followed by the int32 columns
    /// `ErrorCode` and `ErrorColumn`.
    public var isErrorOutput: Bool

    public init(_ name: String, synchronousInput: Int? = nil, exclusionGroup: Int = 0, isErrorOutput: Bool = false) {
        self.name = name
        self.synchronousInput = synchronousInput
        self.exclusionGroup = exclusionGroup
        self.isErrorOutput = isErrorOutput
    }
}
