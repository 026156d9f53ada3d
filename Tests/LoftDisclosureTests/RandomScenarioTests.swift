import Testing

@testable import LoftAggregate
@testable import LoftAudit
@testable import LoftCore
@testable import LoftDisclosure

/// SplitMix64: a small seeded generator, so every run sees the same scenarios.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite struct RandomScenarioTests {
  @Test("on random registers and answers, the audit finds nothing exposed", arguments: 1...12)
  func randomScenarios(seed: UInt64) {
    var random = SplitMix64(state: seed)
    let sectors: [Sector] = [.state, .municipality, .countyMunicipality, .other]
    let counties = ["", "03", "46", "50"]
    var scenario = Scenario(
      agencies: (0..<5).map { _ in
        let sector = sectors.randomElement(using: &random)!
        return (
          sector,
          sector == .state || sector == .other
            ? "" : counties[Int.random(in: 1...3, using: &random)],
          Int.random(in: 5...150, using: &random)
        )
      })
    for org in Scenario.orgs {
      for role in Role.allCases where Bool.random(using: &random) {
        let count = Int.random(in: 1...9, using: &random)
        scenario.answer(
          org: org, role: role,
          values: (0..<count).map { _ in Int.random(in: 1...6, using: &random) })
      }
      for course in [Int32(0), 1] where Bool.random(using: &random) {
        let learners = Int.random(in: 1...9, using: &random)
        scenario.enrol(
          org: org, course: course, learners: learners,
          completed: Int.random(in: 0...learners, using: &random))
      }
    }
    let tables = scenario.tables(secondary: true)
    let audit = scenario.audit(tables)
    #expect(audit.exposures == [], "seed \(seed)")
    #expect(audit.problems > 0)
  }

  @Test("the same inputs give the same pattern, whatever the thread count")
  func deterministic() {
    var random = SplitMix64(state: 99)
    var scenario = Scenario(agencies: [
      (.municipality, "46", 40), (.municipality, "50", 12), (.state, "", 300), (.other, "", 8),
      (.countyMunicipality, "46", 60),
    ])
    for org in Scenario.orgs {
      for role in Role.allCases {
        scenario.answer(
          org: org, role: role,
          values: (0..<Int.random(in: 1...8, using: &random)).map { _ in
            Int.random(in: 1...6, using: &random)
          })
      }
    }
    let first = scenario.tables(secondary: true)
    for _ in 0..<3 { #expect(scenario.tables(secondary: true) == first) }
  }
}
