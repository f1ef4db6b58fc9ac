import Foundation
import SluiceCore
import Testing

/// The one wire format of events (docs/events.md): what is written reads back the same, and
/// what is not a record is refused with a code naming the field.
@Suite struct EventRecordTests {
    private let taskID = UUID(uuidString: "6F1C2A10-0000-4000-8000-000000000001")!
    private let runID = UUID(uuidString: "6F1C2A10-0000-4000-8000-0000000000FF")!

    private func date(_ text: String) throws -> Date {
        try #require(try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
    }

    private func full() throws -> EventRecord {
        var r = EventRecord(
            .custom, time: try date("2026-01-31T12:34:56.789Z"), executionID: runID,
            source: EventSource(name: "Copy, \"all\"", id: taskID, path: "\\Package\\Load\\Copy, \"all\"", kind: .task, component: "acme.copy"),
            code: SluiceMessage.pluginCallFailed.code, pluginCode: 100_404, message: "line one\nline two: é ✓ \u{0}",
            result: .failure, durationMicroseconds: 1_234_567, percent: 42, customEvent: "RowsCopied", inHandler: true)
        r.timeMicroseconds += 250  // a clock's microseconds, not only milliseconds
        return r
    }

    @Test func everyFieldSurvivesARoundTrip() throws {
        let record = try full()
        let line = record.jsonLine
        let back = try EventRecord(jsonLine: line)
        #expect(back == record)
        #expect(back.jsonLine == line)
        #expect(!line.contains("\n"), "one record, one line")
        #expect(back.name == "SLUICE_E_PLUGIN_CALL_FAILED")
        #expect(back.source?.component == "acme.copy")
        #expect(back.message.hasSuffix("\u{0}"))
    }

    @Test func everyKindAndResultSurvivesARoundTrip() throws {
        for kind in EventKind.allCases {
            for result in ExecutionResult.allCases {
                for sourceKind in EventSourceKind.allCases {
                    let source = EventSource(name: "X", id: taskID, path: "\\Package\\X", kind: sourceKind)
                    let record = EventRecord(kind, time: Date(), source: source, result: result)
                    #expect(try EventRecord(jsonLine: record.jsonLine) == record)
                }
            }
        }
    }

    @Test func fieldsComeInAFixedOrderAndAbsentOnesAreLeftOut() throws {
        let minimal = EventRecord(.preExecute, time: try date("2026-01-31T00:00:00Z"))
        #expect(minimal.jsonLine == #"{"version": 1, "event": "OnPreExecute", "time": "2026-01-31T00:00:00.000000Z"}"#)
        let keys = try full().jsonObject.entries.map(\.key)
        #expect(keys == [
            "version", "event", "time", "executionId", "source", "code", "name", "pluginCode", "message", "result",
            "durationMicroseconds", "percent", "customEvent", "inHandler",
        ])
        let sourceKeys = try full().jsonObject["source"]?.objectValue?.entries.map(\.key)
        #expect(sourceKeys == ["name", "path", "id", "kind", "component"])
    }

    @Test func timeIsUTCWithSixFractionDigits() throws {
        let cases: [(Date, String)] = [
            (try date("2026-01-31T12:34:56.789Z"), "2026-01-31T12:34:56.789000Z"),
            (Date(timeIntervalSince1970: 0.000_25), "1970-01-01T00:00:00.000250Z"),
            (Date(timeIntervalSince1970: -0.000_001), "1969-12-31T23:59:59.999999Z"),
            (try date("2024-02-29T23:59:59Z"), "2024-02-29T23:59:59.000000Z"),
        ]
        for (date, text) in cases {
            let record = EventRecord(.information, time: date)
            #expect(record.jsonObject["time"]?.stringValue == text)
            #expect(try EventRecord(jsonLine: record.jsonLine).timeMicroseconds == record.timeMicroseconds)
        }
    }

    @Test func timesNoTextHoldsAreKeptAtTheEdgeOfYears1To9999() {
        for (date, text) in [
            (Date(timeIntervalSince1970: 1e13), "9999-12-31T23:59:59.999999Z"),
            (Date(timeIntervalSince1970: -1e13), "0001-01-01T00:00:00.000000Z"),
            (Date(timeIntervalSinceReferenceDate: .infinity), "9999-12-31T23:59:59.999999Z"),
            (Date(timeIntervalSinceReferenceDate: .nan), "9999-12-31T23:59:59.999999Z"),
        ] {
            #expect(EventRecord(.information, time: date).jsonObject["time"]?.stringValue == text)
        }
    }

    @Test func fieldsThisVersionDoesNotKnowAreIgnored() throws {
        let line = #"{"version":1,"event":"OnWarning","time":"2026-01-31T00:00:00.000001Z","later":{"x":[1,2]},"message":"m"}"#
        let record = try EventRecord(jsonLine: line)
        #expect(record.event == .warning)
        #expect(record.message == "m")
        #expect(record.timeMicroseconds % 1_000_000 == 1)
    }

    @Test func aNewerVersionIsRefusedWithItsCode() {
        let line = #"{"version":2,"event":"OnWarning","time":"2026-01-31T00:00:00.000000Z"}"#
        #expect(throws: SluiceError.self) { try EventRecord(jsonLine: line) }
        do {
            _ = try EventRecord(jsonLine: line)
        } catch let e as SluiceError {
            #expect(e.message == .eventFormatNewer)
            #expect(e.text.contains("version 2"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func whatIsNotARecordIsRefusedNamingTheField() {
        let time = #""time":"2026-01-31T00:00:00.000000Z""#
        let head = #"{"version":1,"event":"OnError","# + time
        let source = #""source":{"name":"A","path":"\\Package\\A","id":"6F1C2A10-0000-4000-8000-000000000001","kind":"task""#
        let cases: [(String, String)] = [
            ("{not json", "line"),
            ("[1,2]", "an array"),
            (#"{"event":"OnError","# + time + "}", #""version" is missing"#),
            (#"{"version":0,"event":"OnError","# + time + "}", #""version" must be"#),
            (#"{"version":"1","event":"OnError","# + time + "}", #""version" has an unusable"#),
            (#"{"version":1,"# + time + "}", #""event" is missing"#),
            (#"{"version":1,"event":"OnLunch","# + time + "}", #""event" has an unusable"#),
            (#"{"version":1,"event":"OnError","time":"2026-02-30T00:00:00.000000Z"}"#, #""time""#),
            (#"{"version":1,"event":"OnError","time":"2026-01-31T00:00:00Z"}"#, #""time""#),
            (#"{"version":1,"event":"OnError","time":"2026-01-31T24:00:00.000000Z"}"#, #""time""#),
            (#"{"version":1,"event":"OnError","time":"+026-01-31T00:00:00.000000Z"}"#, #""time""#),
            (head + #","code":"20001"}"#, #""code""#),
            (head + #","code":2147483648}"#, #""code""#),
            (head + #","code":1.5}"#, #""code""#),
            (head + #","pluginCode":-9223372036854775809}"#, #""pluginCode""#),
            (head + #","percent":101}"#, #""percent""#),
            (head + #","durationMicroseconds":-1}"#, #""durationMicroseconds""#),
            (head + #","message":null}"#, #""message""#),
            (head + #","inHandler":"yes"}"#, #""inHandler""#),
            (head + #","executionId":"not-a-uuid"}"#, #""executionId""#),
            (head + #","result":"Fine"}"#, #""result""#),
            (head + #","source":"\\Package"}"#, #""source" must be an object"#),
            (head + "," + source + "}}", "no error"),
            (head + "," + source.replacingOccurrences(of: #""path":"\\Package\\A","#, with: "") + "}}", #""source.path" is missing"#),
            (head + "," + source.replacingOccurrences(of: #""kind":"task""#, with: #""kind":"pipeline""#) + "}}", #""source.kind""#),
        ]
        for (line, expected) in cases {
            do {
                _ = try EventRecord(jsonLine: line)
                #expect(expected == "no error", "accepted \(line)")
            } catch let e as SluiceError {
                #expect(e.message == .eventRecordInvalid, "\(line): \(e)")
                #expect(e.text.contains(expected), "\(line): \(e.text)")
            } catch {
                Issue.record("\(line): not a SluiceError: \(error)")
            }
        }
    }

    @Test func aCodeFromTheReferenceCarriesItsName() {
        #expect(EventRecord(.error, time: Date(), code: SluiceMessage.taskFailed.code).name == "SLUICE_E_TASK_FAILED")
        #expect(EventRecord(.error, time: Date(), code: 99).name == nil)
        #expect(EventRecord(.error, time: Date()).name == nil)
    }

    @Test func theLoggedNameOfACustomEventIsItsOwn() {
        #expect(EventRecord(.custom, time: Date(), customEvent: "RowsCopied").eventName == "RowsCopied")
        #expect(EventRecord(.postExecute, time: Date()).eventName == "OnPostExecute")
    }
}
