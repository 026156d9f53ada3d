/// An error that ends a command: a stable code, a message a person can act on, and an exit code.
package struct LoftError: Error, Sendable, CustomStringConvertible {
  /// What kind of failure this is, which decides the exit code.
  package enum Kind: Sendable {
    /// Usage, pipeline definition, model, register or catalogue: exit 2, before any data is read.
    case configuration
    /// I/O, locks, a failed publish: exit 1.
    case runtime
  }

  package var kind: Kind
  /// A stable identifier, e.g. `definition.unknown_key`.
  package var code: String
  /// One line: the file (and line or key), what is wrong, and how to fix it.
  package var message: String

  package init(_ kind: Kind, code: String, _ message: String) {
    self.kind = kind
    self.code = code
    self.message = message
  }

  package var exitCode: Int32 { kind == .configuration ? 2 : 1 }
  package var description: String { message }
}
