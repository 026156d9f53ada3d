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
}
