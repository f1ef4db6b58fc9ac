import SluiceCore

/// Masks the run's sensitive texts in each event's message before passing it on: the run's
/// sink, so that events raised outside ``Run/raise(_:at:)`` (a failing log provider's warning,
/// a failed handler's) pass the same redactor. Masking twice changes nothing.
struct RedactingEventSink: EventSink {
    let base: any EventSink
    let secrets: SensitiveTexts

    init(_ base: any EventSink, _ secrets: SensitiveTexts) {
        self.base = base
        self.secrets = secrets
    }

    func receive(_ event: RuntimeEvent) {
        var event = event
        event.message = secrets.redact(event.message)
        base.receive(event)
    }
}
