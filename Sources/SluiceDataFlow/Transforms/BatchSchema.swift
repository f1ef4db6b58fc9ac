import SluiceCore
import SluiceExpressions

extension ColumnBatch {
    /// The batch's columns as an expression sees them (by name, with type and decimal scale).
    var expressionSchema: [String: ExpressionType] {
        var schema: [String: ExpressionType] = [:]
        for (name, column) in zip(names, columns) {
            let isDecimal = column.dataType.decimalPrecisionAndScale != nil
            schema[name] = ExpressionType(column.dataType, scale: isDecimal ? column.decimalScale : nil)
        }
        return schema
    }

    /// The column named `name`, or `SLUICE_E_DATAFLOW_COLUMN_NOT_FOUND` naming the component.
    func column(_ name: String, for component: String) throws -> Column {
        guard let column = self[name] else { throw SluiceError(.dataFlowColumnNotFound, ["component": component, "column": name]) }
        return column
    }
}
