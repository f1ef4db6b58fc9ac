import SluiceComponents
import SluiceCore
import Testing

@Suite struct StockTasksTests {
    @Test func everyStockTaskIsListedWithItsID() {
        #expect(StockTasks.all.map { $0.descriptor.id } == [
            "sluice.executeProcess", "sluice.fileSystem", "sluice.executeSQL", "sluice.setVariable", "sluice.expression",
        ])
    }

    @Test func everyDescriptorIsABuiltInTaskAtVersionOne() {
        for task in StockTasks.all {
            let descriptor = task.descriptor
            #expect(descriptor.kind == .task, "\(descriptor.id)")
            #expect(descriptor.library == nil, "\(descriptor.id)")
            #expect(descriptor.version == "1.0.0", "\(descriptor.id)")
            #expect(!descriptor.displayName.isEmpty && !descriptor.description.isEmpty, "\(descriptor.id)")
        }
    }

    @Test func everyPropertyIsDescribedAndNamedOnce() {
        for task in StockTasks.all {
            let names = task.descriptor.properties.map(\.name)
            #expect(Set(names).count == names.count, "\(task.descriptor.id)")
            for property in task.descriptor.properties {
                #expect(!property.description.isEmpty, "\(task.descriptor.id).\(property.name)")
                // A default must have the declared kind, or the registry would reject it.
                if let value = property.defaultValue {
                    #expect(property.kind.coerce(value) == value, "\(task.descriptor.id).\(property.name)")
                }
            }
        }
    }

    @Test func requiredPropertiesAreTheOnesTheTasksCannotDoWithout() {
        let required = Dictionary(
            uniqueKeysWithValues: StockTasks.all.map {
                ($0.descriptor.id, $0.descriptor.properties.filter(\.required).map(\.name))
            })
        #expect(required["sluice.executeProcess"] == ["executable"])
        #expect(required["sluice.fileSystem"] == ["operation"])
        #expect(required["sluice.executeSQL"] == ["connection", "statement"])
        #expect(required["sluice.setVariable"] == ["variable"])
    }

    @Test func aTaskIsCreatedThroughItsMetatype() throws {
        let type = try #require(StockTasks.all.first { $0.descriptor.id == "sluice.setVariable" })
        let task = try type.init(ResolvedProperties(["variable": .string("X"), "value": .string("1")], owner: "Set"))
        #expect(task is SetVariableTask)
    }
}
