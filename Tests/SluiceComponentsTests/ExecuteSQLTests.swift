import Foundation
import SluiceComponents
import SluiceCore
import Testing

@Suite struct ExecuteSQLTests {
    let directory: TemporaryDirectory
    let database: ConnectionManager

    init() throws {
        directory = try TemporaryDirectory()
        database = ConnectionManager("Warehouse", kind: "sluice.sqlite", connectionString: directory.file("test.db"))
    }

    private func context(_ variables: [Variable] = []) -> InMemoryTaskContext {
        InMemoryTaskContext(variables: variables, connections: [database])
    }

    private func task(_ statement: String, _ extra: [String: JSONValue] = [:]) throws -> ExecuteSQLTask {
        var values: [String: JSONValue] = ["connection": .string("Warehouse"), "statement": .string(statement)]
        values.merge(extra) { $1 }
        return try ExecuteSQLTask.make(values)
    }

    /// Runs `statement` and returns its first row as text columns.
    private func row(_ statement: String, columns: Int, in context: InMemoryTaskContext) throws -> [Value] {
        let names = (1...columns).map { "User::Column\($0)" }
        let probe = InMemoryTaskContext(
            variables: names.map { Variable($0, type: .wstr) }, connections: [database])
        let select = try task(
            statement, ["resultSet": .string("singleRow"), "resultVariables": .array(names.map(JSONValue.string))])
        _ = try select.execute(in: probe)
        return try names.map { try probe.variable($0).value }
    }

    private func failure(
        sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
    ) -> SluiceError? {
        #expect(throws: SluiceError.self, sourceLocation: sourceLocation) { try body() }
    }

    @Test func theDatabaseFileIsCreatedAndRowsAffectedIsTheExecutionValue() throws {
        let context = context()
        #expect(try task("CREATE TABLE t(x INTEGER)").execute(in: context) == .success(.int(0)))
        #expect(FileManager.default.fileExists(atPath: directory.file("test.db")))
        #expect(try task("INSERT INTO t VALUES (1), (2), (3)").execute(in: context) == .success(.int(3)))
        #expect(try task("UPDATE t SET x = x + 1 WHERE x > 1").execute(in: context) == .success(.int(2)))
        #expect(try task("SELECT * FROM t").execute(in: context) == .success(.int(0)))
        #expect(try task("DELETE FROM t").execute(in: context) == .success(.int(3)))
    }

    @Test func parametersAreBoundFromVariablesWithTheirTypes() throws {
        let when = Date(timeIntervalSince1970: 1_790_000_000)
        let guid = UUID()
        let variables = [
            Variable("User::Id", type: .i4, value: .int(7)),
            Variable("User::Name", type: .wstr, value: .string("Ada")),
            Variable("User::Price", type: .decimal, value: .decimal(Decimal(string: "12.5")!)),
            Variable("User::Active", type: .bool, value: .bool(true)),
            Variable("User::Created", type: .dbTimestamp, value: .date(when)),
            Variable("User::Key", type: .guid, value: .guid(guid)),
            Variable("User::Data", type: .bytes, value: .bytes([0, 1, 255])),
            Variable("User::Note", type: .wstr, value: .null),
            Variable("User::Big", type: .ui4, value: .uint(4_000_000_000)),
            Variable("User::Ratio", type: .r8, value: .real(0.25)),
        ]
        let context = context(variables)
        _ = try task(
            "CREATE TABLE t(id, name, price, active, created, key, data, note, big, ratio)"
        ).execute(in: context)
        let insert = try task(
            "INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            ["parameters": .array(variables.map { .string($0.qualifiedName.description) })])
        #expect(try insert.execute(in: context) == .success(.int(1)))

        let types = try row(
            "SELECT typeof(id), typeof(name), typeof(price), typeof(active), typeof(created), typeof(key), "
                + "typeof(data), typeof(note), typeof(big), typeof(ratio) FROM t",
            columns: 10, in: context)
        #expect(types == ["integer", "text", "real", "integer", "text", "text", "blob", "null", "integer", "real"]
            .map(Value.string))
        let values = try row(
            "SELECT id, name, price, active, created, key, hex(data), big FROM t", columns: 8, in: context)
        #expect(values[0] == .string("7"))
        #expect(values[1] == .string("Ada"))
        #expect(values[2] == .string("12.5"))
        #expect(values[3] == .string("1"))
        #expect(values[4] == .string(Value.date(when).description))
        #expect(values[5] == .string(guid.uuidString))
        #expect(values[6] == .string("0001FF"))
        #expect(values[7] == .string("4000000000"))
    }

    @Test func aSingleRowIsReadIntoVariablesOfDifferentTypes() throws {
        let guid = UUID()
        let variables = [
            Variable("User::Id", type: .i8), Variable("User::Name", type: .wstr),
            Variable("User::Price", type: .r8), Variable("User::Active", type: .bool),
            Variable("User::Created", type: .dbTimestamp), Variable("User::Key", type: .guid),
            Variable("User::Data", type: .bytes), Variable("User::Note", type: .wstr, value: .string("before")),
        ]
        let context = context(variables)
        let select = try task(
            "SELECT 42, 'Ada', 2.5, 1, '2026-11-25T10:00:00Z', '\(guid.uuidString)', x'CAFE', NULL",
            ["resultSet": .string("singleRow"),
             "resultVariables": .array(variables.map { .string($0.qualifiedName.description) })])
        #expect(try select.execute(in: context) == .success(.int(0)))
        #expect(try context.variable("Id").value == .int(42))
        #expect(try context.variable("Name").value == .string("Ada"))
        #expect(try context.variable("Price").value == .real(2.5))
        #expect(try context.variable("Active").value == .bool(true))
        #expect(try context.variable("Created").value == .date(Date(timeIntervalSince1970: 1_795_600_800)))
        #expect(try context.variable("Key").value == .guid(guid))
        #expect(try context.variable("Data").value == .bytes([0xCA, 0xFE]))
        #expect(try context.variable("Note").value == .null)
    }

    @Test func emptyTextAndEmptyBytesStayEmptyRatherThanNull() throws {
        let context = context([
            Variable("User::Text", type: .wstr, value: .string("")),
            Variable("User::Blob", type: .bytes, value: .bytes([])),
        ])
        _ = try task("CREATE TABLE t(a, b)").execute(in: context)
        _ = try task("INSERT INTO t VALUES (?, ?)", ["parameters": list("Text", "Blob")]).execute(in: context)
        #expect(try row("SELECT typeof(a), typeof(b), length(a), length(b) FROM t", columns: 4, in: context)
            == ["text", "blob", "0", "0"].map(Value.string))
    }

    @Test func severalStatementsRunInOrderAndTheLastGivesTheResult() throws {
        let count = Variable("User::Count", type: .i4)
        let context = context([count])
        let script = """
            CREATE TABLE t(x);
            INSERT INTO t VALUES (1);
            INSERT INTO t VALUES (2), (3);
            -- a comment between statements
            SELECT count(*) FROM t;
            """
        let outcome = try task(script, ["resultSet": .string("singleRow"), "resultVariables": list("Count")])
            .execute(in: context)
        #expect(outcome == .success(.int(0)))
        #expect(try context.variable("Count").value == .int(3))
        #expect(context.informationMessages.contains { $0.contains("Ran 4 statement(s)") })
    }

    @Test func rowsAffectedComesFromTheLastStatement() throws {
        let context = context()
        let outcome = try task("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3); UPDATE t SET x = 0 WHERE x < 3")
            .execute(in: context)
        #expect(outcome == .success(.int(2)))
    }

    @Test func everyStatementWithParametersGetsThemBound() throws {
        let context = context([Variable("User::V", type: .i4, value: .int(5)), Variable("User::Sum", type: .i8)])
        let script = "CREATE TABLE t(x); INSERT INTO t VALUES (?1); INSERT INTO t VALUES (?1 * 2); SELECT sum(x) FROM t"
        let sum = try task(
            script, ["parameters": list("V"), "resultSet": .string("singleRow"), "resultVariables": list("Sum")])
        _ = try sum.execute(in: context)
        #expect(try context.variable("Sum").value == .int(15))
    }

    @Test func aBadStatementFailsWithSQLitesMessage() throws {
        let error = failure { _ = try task("SELEKT 1").execute(in: context()) }
        #expect(error?.message == .sqlFailed)
        #expect(error?.inserts["connection"] == "Warehouse")
        #expect(error?.text.contains("near \"SELEKT\": syntax error") == true)
    }

    @Test func aFailingStatementInAScriptIsNumbered() throws {
        let context = context()
        let error = failure { _ = try task("CREATE TABLE t(x); INSERT INTO nope VALUES (1)").execute(in: context) }
        #expect(error?.message == .sqlFailed)
        #expect(error?.text.contains("no such table: nope (statement 2)") == true)
        // The statement before the failing one ran.
        let tables = try row("SELECT count(*) FROM sqlite_master WHERE name = 't'", columns: 1, in: context)
        #expect(tables == [.string("1")])
    }

    @Test func aConstraintViolationFailsWithSQLitesMessage() throws {
        let context = context()
        _ = try task("CREATE TABLE t(x UNIQUE); INSERT INTO t VALUES (1)").execute(in: context)
        let error = failure { _ = try task("INSERT INTO t VALUES (1)").execute(in: context) }
        #expect(error?.message == .sqlFailed)
        #expect(error?.text.contains("UNIQUE constraint failed: t.x") == true)
    }

    @Test func aSingleRowResultWithoutARowFails() throws {
        let context = context()
        _ = try task("CREATE TABLE t(x)").execute(in: context)
        let select = try task("SELECT x FROM t", ["resultSet": .string("singleRow")])
        let error = failure { _ = try select.execute(in: context) }
        #expect(error?.message == .sqlNoRow)
    }

    @Test func moreResultVariablesThanColumnsIsAnError() throws {
        let context = context([Variable("User::A", type: .i4), Variable("User::B", type: .i4)])
        let select = try task("SELECT 1", ["resultSet": .string("singleRow"), "resultVariables": list("A", "B")])
        let error = failure { _ = try select.execute(in: context) }
        #expect(error?.message == .sqlParameterInvalid)
    }

    @Test func aColumnThatDoesNotFitItsVariableIsATypeMismatch() throws {
        let context = context([Variable("User::A", type: .i4, value: .int(1))])
        let select = try task("SELECT 'abc'", ["resultSet": .string("singleRow"), "resultVariables": list("A")])
        let error = failure { _ = try select.execute(in: context) }
        #expect(error?.message == .typeMismatch)
        #expect(try context.variable("A").value == .int(1))
    }

    @Test func tooFewParametersIsAnError() throws {
        let context = context([Variable("User::A", type: .i4, value: .int(1))])
        let error = failure { _ = try task("SELECT ?1 + ?2", ["parameters": list("A")]).execute(in: context) }
        #expect(error?.message == .sqlParameterInvalid)
    }

    @Test func unusedParametersAreWarnedAbout() throws {
        let context = context([Variable("User::A", type: .i4, value: .int(1))])
        _ = try task("SELECT 1", ["parameters": list("A")]).execute(in: context)
        #expect(context.warningMessages.contains { $0.contains("use only 0") })
    }

    @Test func anObjectCannotBeBound() throws {
        let context = context([Variable("User::O", type: .object, value: .object(ObjectValue(1)))])
        let error = failure { _ = try task("SELECT ?1", ["parameters": list("O")]).execute(in: context) }
        #expect(error?.message == .sqlParameterInvalid)
    }

    @Test func anInMemoryDatabaseWorks() throws {
        let memory = ConnectionManager("Scratch", kind: "sluice.sqlite", connectionString: ":memory:")
        let answer = Variable("User::Answer", type: .i4)
        let context = InMemoryTaskContext(variables: [answer], connections: [memory])
        let script = try ExecuteSQLTask.make([
            "connection": .string("Scratch"),
            "statement": .string("CREATE TABLE x(a); INSERT INTO x VALUES (41 + 1); SELECT a FROM x"),
            "resultSet": .string("singleRow"), "resultVariables": list("Answer"),
        ])
        _ = try script.execute(in: context)
        #expect(try context.variable("Answer").value == .int(42))
    }

    @Test func aDatabaseThatCannotBeOpenedFails() throws {
        let broken = ConnectionManager("Broken", kind: "sluice.sqlite", connectionString: "/nonexistent/dir/x.db")
        let context = InMemoryTaskContext(connections: [broken])
        let select = try ExecuteSQLTask.make(["connection": .string("Broken"), "statement": .string("SELECT 1")])
        let error = failure { _ = try select.execute(in: context) }
        #expect(error?.message == .sqlOpenFailed)
    }

    @Test func aConnectionOfAnotherKindIsRejectedDuringValidation() throws {
        let file = ConnectionManager("Warehouse", kind: "sluice.file", connectionString: "/tmp/x.csv")
        let error = failure { try task("SELECT 1").validate(in: InMemoryTaskContext(connections: [file])) }
        #expect(error?.message == .connectionKindWrong)
        #expect(error?.text.contains("sluice.file") == true)
    }

    @Test func anUnknownConnectionIsRejectedDuringValidation() throws {
        let error = failure { try task("SELECT 1").validate(in: InMemoryTaskContext()) }
        #expect(error?.message == .connectionNotFound)
    }

    @Test func resultVariablesWithoutASingleRowAreRejected() throws {
        let error = failure { _ = try task("SELECT 1", ["resultVariables": list("A")]) }
        #expect(error?.message == .packageFieldInvalid)
    }

    @Test func anUnknownResultSetIsRejected() throws {
        let error = failure { _ = try task("SELECT 1", ["resultSet": .string("full")]) }
        #expect(error?.message == .propertyType)
    }

    @Test func cancelingInterruptsALongQuery() throws {
        let context = context()
        Thread.detachNewThread {
            usleep(200_000)
            context.cancel()
        }
        // Counts to a billion: minutes of work unless the interrupt stops it.
        let query = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) "
            + "SELECT count(*) FROM c"
        #expect(try task(query).execute(in: context) == .canceled)
    }

    @Test func aRunCanceledBeforeTheTaskStartsRunsNothing() throws {
        let context = context()
        context.cancel()
        #expect(try task("CREATE TABLE t(x)").execute(in: context) == .canceled)
        #expect(!FileManager.default.fileExists(atPath: directory.file("test.db")))
    }
}

/// The Execute SQL task's PostgreSQL settings, checked at validation without a server.
@Suite struct ExecuteSQLPostgresSettingsTests {
    private func context(_ connectionString: String) -> InMemoryTaskContext {
        InMemoryTaskContext(connections: [ConnectionManager("PG", kind: "sluice.postgres", connectionString: connectionString)])
    }

    @Test func aConnectionStringThatIsNotAPostgresURLFailsValidation() throws {
        let task = try ExecuteSQLTask.make(["connection": "PG", "statement": "SELECT 1"])
        let error = try #require(throws: SluiceError.self) { try task.validate(in: context("host=db user=etl")) }
        #expect(error.code == SluiceMessage.postgresConnectionInvalid.code)
        try task.validate(in: context("postgres://etl@db:5432/dw"))  // validation does not connect
    }

    @Test func timeoutSecondsMustBeFromOneToADay() throws {
        for bad: Int64 in [0, -5, 86_401] {
            #expect(throws: SluiceError.self) {
                try ExecuteSQLTask.make(["connection": "PG", "statement": "SELECT 1", "timeoutSeconds": .int(bad)])
            }
        }
        _ = try ExecuteSQLTask.make(["connection": "PG", "statement": "SELECT 1", "timeoutSeconds": 86_400])
    }
}
