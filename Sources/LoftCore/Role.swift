/// A leader's role, as answered in an assessment.
package enum Role: String, Sendable, CaseIterable, Comparable {
  case topLeader = "top_leader"
  case middleManager = "middle_manager"
  case teamLeader = "team_leader"
  case other

  /// The role of an English or Norwegian word, case-insensitively.
  package init?(word: String) {
    // Most deliveries write the words as listed: lowercase only the others.
    switch Role(rawValue: word) != nil ? word : word.lowercased() {
    case "top_leader", "toppleder": self = .topLeader
    case "middle_manager", "mellomleder": self = .middleManager
    case "team_leader", "teamleder": self = .teamLeader
    case "other", "annen": self = .other
    default: return nil
    }
  }

  package static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }
  // Compared and hashed by case, not by the raw value's string (RawRepresentable's defaults):
  // roles key the assessment cells.
  package static func == (lhs: Role, rhs: Role) -> Bool { lhs.index == rhs.index }
  package func hash(into hasher: inout Hasher) { hasher.combine(index) }

  /// The role's position in `allCases`, without searching it.
  package var index: Int {
    switch self {
    case .topLeader: 0
    case .middleManager: 1
    case .teamLeader: 2
    case .other: 3
    }
  }
}

/// Where a learner stands in a course, from least to most advanced.
package enum CompletionStatus: String, Sendable, CaseIterable, Comparable {
  case enrolled
  case inProgress = "in_progress"
  case withdrawn
  case failed
  case completed

  /// The status of an English or Norwegian word, case-insensitively.
  package init?(word: String) {
    // Most deliveries write the words as listed: lowercase only the others.
    if let status = CompletionStatus(rawValue: word) {
      self = status
      return
    }
    switch word.lowercased() {
    case "enrolled", "påmeldt": self = .enrolled
    case "in_progress", "pågår": self = .inProgress
    case "completed", "fullført": self = .completed
    case "failed", "ikke bestått": self = .failed
    case "withdrawn", "trukket": self = .withdrawn
    default: return nil
    }
  }

  /// completed › failed › withdrawn › in_progress › enrolled.
  package var rank: Int {
    switch self {
    case .enrolled: 0
    case .inProgress: 1
    case .withdrawn: 2
    case .failed: 3
    case .completed: 4
    }
  }

  package static func < (lhs: CompletionStatus, rhs: CompletionStatus) -> Bool {
    lhs.rank < rhs.rank
  }
  // Compared and hashed by rank, not by the raw value's string (RawRepresentable's defaults).
  package static func == (lhs: CompletionStatus, rhs: CompletionStatus) -> Bool {
    lhs.rank == rhs.rank
  }
  package func hash(into hasher: inout Hasher) { hasher.combine(rank) }
}
