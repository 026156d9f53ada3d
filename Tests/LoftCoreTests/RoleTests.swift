import LoftCore
import Testing

@Suite struct RoleTests {
  @Test("a role's index is its position in allCases")
  func roleIndex() {
    for (position, role) in Role.allCases.enumerated() {
      #expect(role.index == position)
    }
  }

  @Test("statuses rank completed › failed › withdrawn › in_progress › enrolled, each its own")
  func statusRank() {
    let order: [CompletionStatus] = [.enrolled, .inProgress, .withdrawn, .failed, .completed]
    #expect(order.map(\.rank) == Array(0..<5))
    #expect(order.sorted(by: <) == order)
  }

  @Test("roles, statuses and granularities equal only themselves, and hash apart")
  func equalityByCase() {
    func check<T: Hashable & RawRepresentable>(_ cases: [T]) where T.RawValue == String {
      for a in cases {
        for b in cases {
          #expect((a == b) == (a.rawValue == b.rawValue))
          if a == b { #expect(a.hashValue == b.hashValue) }
        }
      }
      #expect(Set(cases).count == cases.count)
    }
    check(Role.allCases)
    check(CompletionStatus.allCases)
    check(PeriodGranularity.allCases)
  }
}
