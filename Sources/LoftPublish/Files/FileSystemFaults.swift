import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Failures injected into `DurableFiles`, a test seam: consulted before every `mkdir`, write,
/// `fsync`, `rename` and `symlink`, it can make an operation fail with a given errno (ENOSPC,
/// EIO, …) or kill the process there. Production code passes none.
///
/// Rules count the operations they match, so "the second summary file's fsync" or "the 17th
/// operation of the run" are deterministic. One value belongs to one run: its counts start at 0.
package final class FileSystemFaults: Sendable {
  /// Which operations a rule hits, and what happens to them.
  package struct Rule: Sendable {
    /// What a hit does.
    package enum Action: Sendable, Equatable {
      /// The operation fails with this errno, as if the system call had.
      case fail(errno: Int32)
      /// The process raises SIGKILL on itself before the operation: a crash at a known point.
      case kill
    }

    /// Only operations of this kind; nil for any.
    package var kind: FileOperation.Kind?
    /// Only operations whose path (or a rename's destination) matches this `fnmatch(3)` pattern,
    /// where `*` also matches `/`; nil for any path.
    package var pattern: String?
    /// Only the n-th matching operation (from 1); nil for every one.
    package var occurrence: Int?
    /// What happens to the operations the rule hits.
    package var action: Action

    /// A rule; by default it hits every operation.
    package init(
      kind: FileOperation.Kind? = nil, pattern: String? = nil, occurrence: Int? = nil,
      action: Action
    ) {
      self.kind = kind
      self.pattern = pattern
      self.occurrence = occurrence
      self.action = action
    }

    func matches(_ operation: FileOperation) -> Bool {
      if let kind, kind != operation.kind { return false }
      guard let pattern else { return true }
      return [operation.path, operation.destination].contains { path in
        path.map { fnmatch(pattern, $0, 0) == 0 } ?? false
      }
    }
  }

  private let rules: [Rule]
  /// Per rule, how many operations it has matched so far.
  private let matched: Mutex<[Int]>

  /// Faults from rules; an operation hit by several takes the first one's action.
  package init(_ rules: [Rule]) {
    self.rules = rules
    self.matched = Mutex(Array(repeating: 0, count: rules.count))
  }

  /// Fails the matching operations (or only the `occurrence`-th of them) with `errno`.
  package static func failing(
    _ kind: FileOperation.Kind? = nil, matching pattern: String? = nil, occurrence: Int? = nil,
    errno: Int32
  ) -> FileSystemFaults {
    FileSystemFaults([
      Rule(kind: kind, pattern: pattern, occurrence: occurrence, action: .fail(errno: errno))
    ])
  }

  /// Kills the process just before its n-th file operation (from 1).
  package static func killing(atOperation n: Int) -> FileSystemFaults {
    FileSystemFaults([Rule(occurrence: n, action: .kill)])
  }

  /// Test seam for the kill tests: in debug builds, `LOFT_KILL_AT_FILE_OP=N` in the environment
  /// makes every `DurableFiles` of the process raise SIGKILL just before the N-th file operation
  /// of the process (counted across all of them), after printing which one to stderr. Release
  /// builds ignore the variable.
  package static let environment: FileSystemFaults? = {
    #if DEBUG
      guard let text = getenv("LOFT_KILL_AT_FILE_OP"), let n = Int(String(cString: text)), n > 0
      else { return nil }
      return killing(atOperation: n)
    #else
      return nil
    #endif
  }()

  /// The errno `operation` must fail with, or nil to let it run. A `.kill` rule does not return.
  func consult(_ operation: FileOperation) -> Int32? {
    let hit: Rule.Action? = matched.withLock { counts in
      var action: Rule.Action?
      for (index, rule) in rules.enumerated() where rule.matches(operation) {
        counts[index] += 1
        if action == nil, rule.occurrence == nil || rule.occurrence == counts[index] {
          action = rule.action
        }
      }
      return action
    }
    switch hit {
    case .fail(let code): return code
    case .kill: Self.killProcess(before: operation)
    case nil: return nil
    }
  }

  private static func killProcess(before operation: FileOperation) -> Never {
    // One line on stderr first, so a test can say which point it interrupted.
    let line = Array("loft: test seam: SIGKILL before \(operation)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    kill(getpid(), SIGKILL)
    fatalError("SIGKILL did not end the process")
  }
}
