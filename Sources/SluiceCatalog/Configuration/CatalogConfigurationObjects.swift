import Foundation
import SluiceCore

// The configuration objects as a store returns and takes them: plain values, the same for
// every backend.

/// A parameter of a project's current version with its server value (SSISDB
/// `catalog.object_parameters`).
public struct CatalogParameter: Sendable, Hashable {
    /// Whose parameter it is (SSISDB object type 20 project, 30 package).
    public enum Scope: String, Sendable, Hashable {
        case project, package
    }

    public var scope: Scope
    /// The package's name, for a package parameter.
    public var package: String?
    public var name: String
    public var type: DataType
    public var required: Bool
    public var sensitive: Bool
    public var description: String
    /// The value in the deployed file as text; nil for a sensitive parameter or a NULL one.
    public var designValue: String?
    /// The server value, nil when none is set.
    public var serverValue: CatalogServerValue?

    /// A server value is set (literal or referenced).
    public var valueSet: Bool { serverValue != nil }
}

/// A server value as a list shows it.
public enum CatalogServerValue: Sendable, Hashable {
    /// A literal value as text; nil for a sensitive parameter's, which is never shown.
    case literal(String?)
    /// The name of an environment variable, resolved at run time through the references.
    case referenced(variable: String)
}

/// A server value to set (`ParameterValueRequest`).
public enum CatalogParameterValue: Sendable, Hashable {
    /// A value as text, converted to the parameter's type (`ValueText`).
    case literal(String)
    /// An environment variable's name (the parameter-name rule).
    case referenced(variable: String)
}

/// An environment of a folder (SSISDB `catalog.environments`).
public struct CatalogEnvironment: Sendable, Hashable {
    public var id: UUID
    public var folder: String
    public var name: String
    public var description: String
    public var createdBy: String
    public var createdAt: Date
}

/// A variable of an environment (SSISDB `catalog.environment_variables`).
public struct CatalogEnvironmentVariable: Sendable, Hashable {
    public var name: String
    public var type: DataType
    public var sensitive: Bool
    /// The value as text; nil when the variable is sensitive.
    public var value: String?
    public var description: String
    /// Always true: a variable is made with its value.
    public var valueSet: Bool { true }
}

/// A variable's definition, to create or replace it (`EnvironmentVariableRequest`).
public struct CatalogVariableDefinition: Sendable, Hashable {
    public var type: DataType
    public var value: String
    public var sensitive: Bool
    public var description: String

    public init(type: DataType, value: String, sensitive: Bool = false, description: String = "") {
        self.type = type
        self.value = value
        self.sensitive = sensitive
        self.description = description
    }
}

/// The fields of a variable to change; nil ones stay (`EnvironmentVariableUpdate`).
public struct CatalogVariableUpdate: Sendable, Hashable {
    public var sensitive: Bool?
    public var value: String?
    public var description: String?

    public init(sensitive: Bool? = nil, value: String? = nil, description: String? = nil) {
        self.sensitive = sensitive
        self.value = value
        self.description = description
    }
}

/// Which environment a reference names (SSISDB `reference_type`).
public enum CatalogReferenceTarget: Sendable, Hashable {
    /// An environment of the project's own folder ('R'), whichever folder that is at run time.
    case relative(environment: String)
    /// An environment of the named folder ('A').
    case absolute(environment: String, folder: String)
}

/// A project's reference to an environment (SSISDB `catalog.environment_references`).
public struct CatalogEnvironmentReference: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case relative, absolute
    }

    public var id: UUID
    public var kind: Kind
    public var environment: String
    /// The folder an absolute reference names; nil for a relative one.
    public var folder: String?
}
