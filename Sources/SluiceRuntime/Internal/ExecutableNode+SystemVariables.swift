import Foundation
import SluiceCore
import SluiceExpressions

extension ExecutableNode {
    /// The system variables that belong to the executable itself rather than to a scope
    /// ("System Variables for Tasks" and ContainerStartTime): tasks share their parent's scope,
    /// so these are answered by the node that asks. Nil for any other name.
    ///
    /// `TaskName`, `TaskID`, `CreationName` and `TaskTransactionOption` are the executable's own in tasks and containers,
    /// not in the package itself (SSIS lists them for tasks); `ContainerStartTime` everywhere.
    func ownSystemVariable(_ name: String) -> (key: String, type: DataType, read: @Sendable () -> Value)? {
        let q = QualifiedName(parsing: name)
        guard q.namespace == nil || q.namespace == Variable.systemNamespace else { return nil }
        let isPackage = path == Self.rootPath
        switch q.name {
        case "ContainerStartTime":
            return ("System::ContainerStartTime", .date, { [self] in .date(containerStartTime.withLock { $0 }) })
        case "TaskName" where !isPackage:
            let value = Value.string(model.name)
            return ("System::TaskName", .wstr, { value })
        case "TaskID" where !isPackage:
            let value = Value.string(SystemVariables.guidText(model.id))
            return ("System::TaskID", .wstr, { value })
        case "TaskTransactionOption" where !isPackage:
            // DTSTransactionOption as an Int32: NotSupported 0, Supported 1, Required 2.
            let value = Value.int(Int64(model.transactionOption.ssisValue))
            return ("System::TaskTransactionOption", .i4, { value })
        case "CreationName" where !isPackage:
            let value = Value.string(creationName)
            return ("System::CreationName", .wstr, { value })
        default:
            return nil
        }
    }

    /// What made the executable, as SSIS's CreationName: a task's component id
    /// (`sluice.expression`), SSIS's stock moniker for a container.
    private var creationName: String {
        switch model.kind {
        case .sequence: "STOCK:SEQUENCE"
        case .forLoop: "STOCK:FORLOOP"
        case .foreachLoop: "STOCK:FOREACHLOOP"
        case .task, .dataFlow: model.componentID ?? ""
        }
    }
}
