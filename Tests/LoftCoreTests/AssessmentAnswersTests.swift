import Testing

@testable import LoftCore

@Suite struct AssessmentAnswersTests {
  @Test("a new store has no answers") func empty() {
    let answers = AssessmentAnswers(dimensions: 4, areas: 5)
    #expect((0..<4).map { answers[maturity: $0] } == [nil, nil, nil, nil])
    #expect((0..<5).map { answers[current: $0] } == Array(repeating: nil, count: 5))
    #expect((0..<5).map { answers[target: $0] } == Array(repeating: nil, count: 5))
  }

  @Test(
    "keeps each answer apart, inline or in an array for a larger model",
    arguments: [(4, 5), (0, 8), (10, 20), (30, 1)])
  func roundTrip(dimensions: Int, areas: Int) {
    var answers = AssessmentAnswers(dimensions: dimensions, areas: areas)
    for dimension in 0..<dimensions where dimension % 3 != 1 {
      answers[maturity: dimension] = dimension - 1000
    }
    for area in 0..<areas {
      answers[current: area] = area % 2 == 0 ? 1000 - area : nil
      answers[target: area] = area
    }
    #expect(
      (0..<dimensions).map { answers[maturity: $0] }
        == (0..<dimensions).map { $0 % 3 != 1 ? $0 - 1000 : nil })
    #expect(
      (0..<areas).map { answers[current: $0] }
        == (0..<areas).map { $0 % 2 == 0 ? 1000 - $0 : nil })
    #expect((0..<areas).map { answers[target: $0] } == Array(0..<areas))
  }

  @Test("an answer set to nil is gone, and a copy keeps its own answers", arguments: [2, 40])
  func copies(dimensions: Int) {
    var answers = AssessmentAnswers(dimensions: dimensions, areas: 1)
    answers[maturity: 1] = 3
    let copy = answers
    answers[maturity: 1] = nil
    #expect(answers[maturity: 1] == nil)
    #expect(copy[maturity: 1] == 3)
    #expect(answers == AssessmentAnswers(dimensions: dimensions, areas: 1))
    #expect(copy != answers)
  }

  @Test("answers differ by where they were given, and by model shape") func equality() {
    var current = AssessmentAnswers(dimensions: 1, areas: 1)
    current[current: 0] = 2
    var target = AssessmentAnswers(dimensions: 1, areas: 1)
    target[target: 0] = 2
    #expect(current != target)
    #expect(
      AssessmentAnswers(dimensions: 2, areas: 1) != AssessmentAnswers(dimensions: 0, areas: 2))
  }

  @Test("a record built from lists holds them in model order") func record() {
    let record = AssessmentRecord(
      agency: 1, respondent: 2, date: Day(ordinal: 3), role: .topLeader,
      maturity: [1, nil, 6], current: [nil, 4], target: [8, 5])
    #expect(record.answers.dimensions == 3)
    #expect(record.answers.areas == 2)
    #expect((0..<3).map { record.answers[maturity: $0] } == [1, nil, 6])
    #expect((0..<2).map { record.answers[current: $0] } == [nil, 4])
    #expect((0..<2).map { record.answers[target: $0] } == [8, 5])
  }
}
