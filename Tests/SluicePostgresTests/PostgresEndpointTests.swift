import SluiceCore
import Testing

@testable import SluicePostgres

@Suite struct PostgresEndpointTests {
    @Test func readsEveryPartOfAURL() throws {
        let e = try PostgresEndpoint(connection: "W", connectionString: "postgres://etl:s3cret@db.example:6543/dw")
        #expect(e.host == "db.example")
        #expect(e.port == 6543)
        #expect(e.user == "etl")
        #expect(e.password == "s3cret")
        #expect(e.database == "dw")
        #expect(!e.description.contains("s3cret"))
    }

    @Test func propertiesWinOverTheURL() throws {
        let e = try PostgresEndpoint(
            connection: "W", connectionString: "postgres://etl@db/dw",
            properties: JSONObject([("host", .string("other")), ("port", .int(5433)), ("password", .string("p"))]))
        #expect(e.host == "other")
        #expect(e.port == 5433)
        #expect(e.password == "p")
    }

    @Test func refusesAnythingButAPostgresURLWithItsCode() {
        #expect(throws: SluiceError.self) { try PostgresEndpoint(connection: "W", connectionString: "mysql://x/y") }
        do {
            _ = try PostgresEndpoint(connection: "W", connectionString: "", properties: JSONObject([("port", .int(70000))]))
            Issue.record("accepted port 70000")
        } catch let e as SluiceError {
            #expect(e.message.code == 70621)
            #expect(e.description.contains("\"W\""))
        } catch { Issue.record("\(error)") }
    }
}
