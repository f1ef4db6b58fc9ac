import Foundation

extension EventRecord {
    /// The record as one line of compact JSON, without the line break: keys in a fixed order,
    /// absent values left out.
    public var jsonLine: String { JSONWriter.compact(.object(jsonObject)) }

    public var jsonObject: JSONObject {
        var o = JSONObject()
        o["version"] = .int(Int64(version))
        o["event"] = .string(event.rawValue)
        o["time"] = .string(EventTime.text(timeMicroseconds))
        if let executionID { o["executionId"] = .string(executionID.uuidString) }
        if let source {
            var s = JSONObject()
            s["name"] = .string(source.name)
            s["path"] = .string(source.path)
            s["id"] = .string(source.id.uuidString)
            s["kind"] = .string(source.kind.rawValue)
            if let component = source.component { s["component"] = .string(component) }
            o["source"] = .object(s)
        }
        if let code { o["code"] = .int(Int64(code)) }
        if let name { o["name"] = .string(name) }
        if let pluginCode { o["pluginCode"] = .int(Int64(pluginCode)) }
        if !message.isEmpty { o["message"] = .string(message) }
        if let result { o["result"] = .string(result.rawValue) }
        if let durationMicroseconds { o["durationMicroseconds"] = .int(durationMicroseconds) }
        if let percent { o["percent"] = .int(Int64(percent)) }
        if let customEvent { o["customEvent"] = .string(customEvent) }
        if let status { o["status"] = .string(status.name) }
        if inHandler { o["inHandler"] = true }
        return o
    }

    /// Reads one line written by ``jsonLine`` (or by a later Sluice of the same version).
    /// - Throws: `SLUICE_E_EVENT_RECORD_INVALID` naming the field, `SLUICE_E_EVENT_FORMAT_NEWER`.
    public init(jsonLine: String) throws {
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(jsonLine.utf8))
        } catch {
            throw SluiceError(.eventRecordInvalid, ["reason": "\(error)"], cause: error)
        }
        guard let object = value.objectValue else {
            throw SluiceError(.eventRecordInvalid, ["reason": "the line is \(value.typeName), not an object"])
        }
        try self.init(json: object)
    }

    /// Reads a record from its JSON object.
    /// - Throws: as ``init(jsonLine:)``.
    public init(json o: JSONObject) throws {
        let r = RecordReader(o, prefix: "")
        let version = try r.required("version") { $0.intValue }
        guard version >= 1 else { throw r.invalid("version", "must be 1 or more") }
        guard version <= Int64(Self.formatVersion) else {
            throw SluiceError(.eventFormatNewer, ["version": String(version), "supported": String(Self.formatVersion)])
        }
        let event = try r.required("event") { $0.stringValue.flatMap(EventKind.init(rawValue:)) }
        let micros = try r.required("time") { $0.stringValue.flatMap(EventTime.parse) }
        self.init(event, time: EventTime.date(micros))
        self.version = Int(version)
        timeMicroseconds = micros
        executionID = try r.optional("executionId") { $0.stringValue.flatMap(UUID.init(uuidString:)) }
        if let s = o["source"] {
            guard let fields = s.objectValue else { throw r.invalid("source", "must be an object") }
            let sr = RecordReader(fields, prefix: "source.")
            source = EventSource(
                name: try sr.required("name") { $0.stringValue }, id: try sr.required("id") { $0.stringValue.flatMap(UUID.init(uuidString:)) },
                path: try sr.required("path") { $0.stringValue },
                kind: try sr.required("kind") { $0.stringValue.flatMap(EventSourceKind.init(rawValue:)) },
                component: try sr.optional("component") { $0.stringValue })
        }
        code = try r.optional("code") { $0.intValue.flatMap(Int32.init(exactly:)) }
        name = try r.optional("name") { $0.stringValue }
        pluginCode = try r.optional("pluginCode") { $0.intValue.flatMap(Int32.init(exactly:)) }
        message = try r.optional("message") { $0.stringValue } ?? ""
        result = try r.optional("result") { $0.stringValue.flatMap(ExecutionResult.init(rawValue:)) }
        durationMicroseconds = try r.optional("durationMicroseconds") { $0.intValue.flatMap { $0 >= 0 ? $0 : nil } }
        percent = try r.optional("percent") { $0.intValue.flatMap { (0...100).contains($0) ? Int($0) : nil } }
        customEvent = try r.optional("customEvent") { $0.stringValue }
        status = try r.optional("status") { $0.stringValue.flatMap(ExecutionStatus.init(name:)) }
        inHandler = try r.optional("inHandler") { $0.boolValue } ?? false
    }
}

/// Reads the fields of one object, naming the field that is wrong.
private struct RecordReader {
    let object: JSONObject
    let prefix: String

    init(_ object: JSONObject, prefix: String) {
        self.object = object
        self.prefix = prefix
    }

    func required<T>(_ key: String, _ read: (JSONValue) -> T?) throws -> T {
        guard let value = try optional(key, read) else { throw invalid(key, "is missing") }
        return value
    }

    /// Nil when the field is absent; an error when it is there but not a `T` (null included).
    func optional<T>(_ key: String, _ read: (JSONValue) -> T?) throws -> T? {
        guard let value = object[key] else { return nil }
        guard let typed = read(value) else { throw invalid(key, "has an unusable value \(JSONWriter.compact(value).prefix(80))") }
        return typed
    }

    func invalid(_ key: String, _ problem: String) -> SluiceError {
        SluiceError(.eventRecordInvalid, ["reason": "field \"\(prefix)\(key)\" \(problem)"])
    }
}
