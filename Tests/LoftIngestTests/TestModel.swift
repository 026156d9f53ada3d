@testable import LoftCore
@testable import LoftIngest

/// The default model's shape, built in code so tests do not depend on YAML.
enum TestModel {
  static let model = Model(
    name: "test", version: "1",
    maturity: Model.Maturity(
      scale: .init(min: 1, max: 6),
      steps: (1...6).map { .init(value: $0, nb: "\($0)", en: "\($0)") },
      transformationFrom: 3,
      dimensions: [
        .init(code: "strategy", nb: "Strategi", en: "Strategy", aliases: ["strategi"]),
        .init(code: "technology", nb: "Teknologi", en: "Technology", aliases: ["teknologi"]),
        .init(
          code: "organisation", nb: "Organisasjon", en: "Organisation", aliases: ["organisasjon"]),
        .init(code: "leadership", nb: "Ledelse", en: "Leadership", aliases: ["ledelse"]),
      ]),
    competence: Model.Competence(
      scale: .init(min: 1, max: 8),
      steps: (1...8).map { .init(value: $0, nb: "\($0)", en: "\($0)") },
      areas: [
        .init(
          code: "transformation_leadership", nb: "T", en: "T", aliases: ["transformasjonsledelse"]),
        .init(code: "technology_data", nb: "TD", en: "TD", aliases: ["teknologi_og_data"]),
      ]))

  /// Two agencies: 974760673 (state) and 123456785 (municipality in 46).
  static let register = Register(agencies: [
    Agency(
      orgNumber: OrgNumber("974760673")!, name: "Skatteetaten", sector: .state, county: "",
      sizeClass: .large, leaderCount: 400),
    Agency(
      orgNumber: OrgNumber("123456785")!, name: "Bergen kommune", sector: .municipality,
      county: "46", sizeClass: .medium, leaderCount: 50),
  ])

  static let catalogue = Catalogue(courses: [
    Course(
      id: "C1", title: "Intro", provider: "Digdir", license: "CC BY 4.0",
      areas: ["technology_data"], minutes: 60, xapiActivityID: "https://x/c1")
  ])

  static func context(agency org: String = "974760673", asOf: String = "2026-11-30") -> RowContext {
    let index = register.index(of: OrgNumber(org)!)!
    let parts = asOf.split(separator: "-").map { Int($0)! }
    return RowContext(
      file: "974760673/a.csv", folderAgency: Int32(index), register: register, model: model,
      asOf: Day(year: parts[0], month: parts[1], day: parts[2])!)
  }
}
