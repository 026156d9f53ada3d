/// An error that ends a command: a stable code, a message a person can act on, and an exit code.
public struct LoftError: Error, Sendable, CustomStringConvertible {
  /// What kind of failure this is, which decides the exit code.
  public enum Kind: Sendable {
    /// Usage, pipeline definition, model, register or catalogue: exit 2, before any data is read.
    case configuration
    /// I/O, locks, a failed publish: exit 1.
    case runtime
  }

  public var kind: Kind
  /// A stable identifier, e.g. `definition.unknown_key`.
  public var code: String
  /// One line: the file (and line or key), what is wrong, and how to fix it.
  public var message: String

  public init(_ kind: Kind, code: String, _ message: String) {
    self.kind = kind
    self.code = code
    self.message = message
  }

  public var exitCode: Int32 { kind == .configuration ? 2 : 1 }
  public var description: String { message }
}
