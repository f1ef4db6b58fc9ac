import SluiceCore

/// A task built into Sluice: a ``TaskComponent`` that describes itself and is created from its
/// checked properties, so the registry can list and instantiate it like any plugin component.
///
/// ```swift
/// let task = try ExecuteProcessTask(properties)
/// try task.validate(in: context)
/// let outcome = try task.execute(in: context)
/// ```
public protocol StockTask: TaskComponent {
    /// The id, names, version and property declarations of the task.
    static var descriptor: ComponentDescriptor { get }
    /// Creates the task from properties the registry has checked against ``descriptor``.
    /// - Throws: a ``SluiceError`` when the properties are present but do not make sense together.
    init(_ properties: ResolvedProperties) throws
}

/// The stock tasks, for the component registry.
public enum StockTasks {
    /// Every stock task type, in the order they are listed to users.
    public static let all: [any StockTask.Type] = [
        ExecuteProcessTask.self, FileSystemTask.self, ExecuteSQLTask.self, SetVariableTask.self, ExpressionTask.self,
    ]
}
