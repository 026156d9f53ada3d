import Testing

@testable import LoftAggregate
@testable import LoftCore

/// Hand-computed cases for every table of SPEC §4.
@Suite struct StatisticsBuilderTests {
  static let model = Model(
    name: "t", version: "1",
    maturity: .init(
      scale: .init(min: 1, max: 6), steps: [], transformationFrom: 3,
      dimensions: [
        .init(code: "strategy", nb: "S", en: "S", aliases: []),
        .init(code: "technology", nb: "T", en: "T", aliases: []),
      ]),
    competence: .init(
      scale: .init(min: 1, max: 8), steps: [],
      areas: [.init(code: "technology_data", nb: "TD", en: "TD", aliases: [])]))

  /// A (state, 400 leaders, no county), B (municipality in 46, 50), C (municipality in 46, 10).
  static let register = Register(agencies: [
    Agency(
      orgNumber: OrgNumber("974760673")!, name: "A", sector: .state, county: "", sizeClass: .large,
      leaderCount: 400),
    Agency(
      orgNumber: OrgNumber("123456785")!, name: "B", sector: .municipality, county: "46",
      sizeClass: .medium, leaderCount: 50),
    Agency(
      orgNumber: OrgNumber("988077917")!, name: "C", sector: .municipality, county: "46",
      sizeClass: .small, leaderCount: 10),
  ])
  /// Register indices (the register is kept in org-number order).
  static let a = Int32(register.index(of: OrgNumber("974760673")!)!)
  static let b = Int32(register.index(of: OrgNumber("123456785")!)!)
  static let c = Int32(register.index(of: OrgNumber("988077917")!)!)

  static let catalogue = Catalogue(courses: [
    Course(
      id: "K1", title: "K1", provider: "p", license: "l", areas: [], minutes: nil,
      xapiActivityID: "x1")
  ])

  static func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }

  /// `label` names the respondent for the reader; aggregation never sees who answered.
  static func answer(
    _ agency: Int32, _ label: String, _ date: Day, _ role: Role, _ maturity: [Int?],
    _ current: Int? = nil, _ target: Int? = nil
  ) -> AssessmentRecord {
    AssessmentRecord(
      agency: agency, respondent: 0, date: date, role: role, maturity: maturity,
      current: [current], target: [target])
  }

  /// The tables, built with one thread and checked equal to those built with three.
  func tables(_ records: [AgencyRecords]) -> StatisticTables {
    let state = Aggregator.aggregate(records, model: Self.model, granularity: .year, threads: 2)
    let builder = StatisticsBuilder(
      register: Self.register, catalogue: Self.catalogue, model: Self.model)
    let tables = builder.build(state, threads: 1)
    #expect(builder.build(state, threads: 3) == tables)
    return tables
  }

  func row(
    _ tables: StatisticTables, _ grouping: Grouping, _ key: String, _ dimension: String,
    period: String = "2025"
  ) -> MaturityRow? {
    tables.maturity.first {
      $0.cell.grouping == grouping && $0.cell.groupKey == key && $0.dimension == dimension
        && $0.cell.period.description == period
    }
  }

  @Test("the periods' parts are put one after the other, in order")
  func concatenatesParts() {
    #expect(StatisticsBuilder.concatenated([[1, 2], [], [3], [4, 5]]) == [1, 2, 3, 4, 5])
    #expect(StatisticsBuilder.concatenated([[String]]()).isEmpty)
  }

  @Test("n = 1: no sd or interval; the quantiles are the value") func single() throws {
    let t = tables([
      AgencyRecords(
        agency: Self.a,
        assessments: [Self.answer(Self.a, "a", Self.day(2025, 3, 1), .topLeader, [4, nil])],
        enrolments: [])
    ])
    let strategy = try #require(row(t, .national, "", "strategy"))
    #expect(strategy.n == 1)
    #expect(strategy.mean == 4)
    #expect(strategy.sd == nil && strategy.ci95Low == nil && strategy.ci95High == nil)
    #expect(strategy.p25 == 4 && strategy.median == 4 && strategy.p75 == 4)
    #expect(strategy.shareTransforming == 1)
    // technology unanswered by everyone: no row.
    #expect(row(t, .national, "", "technology") == nil)
    // overall is the mean of the answered dimensions: 4.
    #expect(row(t, .national, "", "overall")?.mean == 4)
    // weighted_mean: one agency, so its mean; NULL for role and agency rows.
    #expect(strategy.weightedMean == 4)
    #expect(row(t, .role, "top_leader", "strategy")?.weightedMean == nil)
    #expect(row(t, .agency, "974760673", "strategy")?.weightedMean == nil)
  }

  @Test("n = 2: sample sd, t interval with df 1, type-7 quantiles") func two() throws {
    let t = tables([
      AgencyRecords(
        agency: Self.b,
        assessments: [
          Self.answer(Self.b, "a", Self.day(2025, 3, 1), .middleManager, [2, 1]),
          Self.answer(Self.b, "b", Self.day(2025, 3, 2), .middleManager, [5, 2]),
        ], enrolments: [])
    ])
    let strategy = try #require(row(t, .sector, "municipality", "strategy"))
    #expect(strategy.n == 2)
    #expect(strategy.mean == 3.5)
    let sd = (4.5 as Double).squareRoot()
    #expect(strategy.sd == sd)
    let half = 12.706204736174707 * sd / (2 as Double).squareRoot()
    #expect(abs(strategy.ci95Low! - (3.5 - half)) < 1e-9)
    #expect(abs(strategy.ci95High! - (3.5 + half)) < 1e-9)
    #expect(strategy.p25 == 2.75 && strategy.median == 3.5 && strategy.p75 == 4.25)
    #expect(strategy.shareTransforming == 0.5)
    // overall: a = (2+1)/2 = 1.5, b = (5+2)/2 = 3.5 → mean 2.5, none ≥ 3 but b.
    let overall = try #require(row(t, .national, "", "overall"))
    #expect(overall.mean == 2.5)
    #expect(overall.median == 2.5)
    #expect(overall.shareTransforming == 0.5)
    // maturity_stage: one row per stage, zeros included.
    let stages = t.maturityStage.filter {
      $0.cell.grouping == .national && $0.dimension == "strategy"
    }
    #expect(stages.map(\.stage) == [1, 2, 3, 4, 5, 6])
    #expect(stages.map(\.count) == [0, 1, 0, 0, 1, 0])
    #expect(stages.map(\.share) == [0, 0.5, 0, 0, 0.5, 0])
    #expect(!t.maturityStage.contains { $0.dimension == "overall" })
  }

  @Test("all answers equal: sd 0 and a zero-width interval") func allEqual() throws {
    let records = (0..<5).map {
      Self.answer(Self.c, "r\($0)", Self.day(2025, 5, 1), .teamLeader, [3, 3])
    }
    let t = tables([AgencyRecords(agency: Self.c, assessments: records, enrolments: [])])
    let strategy = try #require(row(t, .county, "46", "strategy"))
    #expect(strategy.sd == 0)
    #expect(strategy.ci95Low == 3 && strategy.ci95High == 3)
    #expect(strategy.p25 == 3 && strategy.p75 == 3)
  }

  @Test("weighted_mean is the mean of agency means weighted by leader count") func weighted() throws
  {
    let t = tables([
      AgencyRecords(
        agency: Self.b,
        assessments: [
          Self.answer(Self.b, "a", Self.day(2025, 3, 1), .middleManager, [2, nil]),
          Self.answer(Self.b, "b", Self.day(2025, 3, 1), .middleManager, [4, nil]),
        ], enrolments: []),
      AgencyRecords(
        agency: Self.c,
        assessments: [Self.answer(Self.c, "c", Self.day(2025, 3, 1), .middleManager, [6, nil])],
        enrolments: []),
    ])
    // B: mean 3, weight 50; C: mean 6, weight 10 → (150 + 60) / 60 = 3.5; plain mean 4.
    let county = try #require(row(t, .county, "46", "strategy"))
    #expect(county.mean == 4)
    #expect(county.weightedMean == 3.5)
  }

  @Test("competence gap: both levels needed; gap is target − current") func gap() throws {
    let t = tables([
      AgencyRecords(
        agency: Self.a,
        assessments: [
          Self.answer(Self.a, "a", Self.day(2025, 3, 1), .other, [1, nil], 2, 5),
          Self.answer(Self.a, "b", Self.day(2025, 3, 1), .other, [1, nil], 4, 4),
          Self.answer(Self.a, "c", Self.day(2025, 3, 1), .other, [1, nil], 3, nil),
        ], enrolments: [])
    ])
    let row = try #require(t.competenceGap.first { $0.cell.grouping == .national })
    #expect(row.n == 2)
    #expect(row.meanCurrent == 3 && row.meanTarget == 4.5 && row.meanGap == 1.5)
    #expect(row.shareBelowTarget == 0.5)
  }

  @Test("course completion, reach and coverage from enrolments") func completions() throws {
    func enrolment(
      _ learner: Int32, _ status: CompletionStatus, _ enrolled: Day, _ completed: Day?,
      _ minutes: Int?
    ) -> Enrolment {
      Enrolment(
        agency: Self.c, learner: learner, course: 0, status: status, enrolledOn: enrolled,
        completedOn: completed, minutes: minutes)
    }
    let t = tables([
      AgencyRecords(
        agency: Self.c, assessments: [],
        enrolments: [
          // l1 has two enrolments in the period: counts once, completed because one is.
          enrolment(1, .failed, Self.day(2025, 1, 1), nil, 10),
          enrolment(1, .completed, Self.day(2025, 2, 1), Self.day(2025, 2, 5), 20),
          enrolment(2, .completed, Self.day(2025, 3, 1), Self.day(2025, 3, 11), nil),
          enrolment(3, .enrolled, Self.day(2025, 4, 1), nil, 5),
          enrolment(4, .completed, Self.day(2025, 4, 1), Self.day(2025, 4, 3), nil),
          enrolment(5, .withdrawn, Self.day(2025, 4, 1), nil, nil),
        ])
    ])
    let course = try #require(t.courseCompletion.first { $0.cell.grouping == .agency })
    #expect(course.learners == 5 && course.completed == 3)
    #expect(course.completionRate == 0.6)
    // Days over every completed enrolment: 4, 10, 2 → median 4.
    #expect(course.medianDaysToComplete == 4)
    #expect(course.minutesTotal == 35)
    // Wilson 3/5, z = 1.959964.
    let z = 1.959964
    let n = 5.0
    let p = 0.6
    let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    let half = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / (1 + z * z / n)
    #expect(abs(course.ci95Low! - (centre - half)) < 1e-12)
    #expect(abs(course.ci95High! - (centre + half)) < 1e-12)
    // Reach: C has 10 leaders, 3 completers → 0.3; no `role` rows.
    let reach = try #require(t.reach.first { $0.cell.grouping == .national })
    #expect(
      reach.leaders == 10 && reach.learners == 5 && reach.completers == 3 && reach.reach == 0.3)
    #expect(!t.reach.contains { $0.cell.grouping == .role })
    // Coverage: a row for every group of the register, zeros included, in the completion-only period.
    #expect(t.periods.map(\.description) == ["2025"])
    let national = try #require(t.coverage.first { $0.cell.grouping == .national })
    #expect(
      national.agenciesRegistered == 3 && national.agenciesDelivered == 0
        && national.respondents == 0)
    #expect(national.leaders == 460 && national.responseRate == 0)
    #expect(t.coverage.filter { $0.cell.grouping == .agency }.count == 3)
    #expect(t.coverage.contains { $0.cell.grouping == .county && $0.cell.groupKey == "" })
  }

  @Test("periods are built apart and put in order: rows sorted by period, any thread count")
  func periods() throws {
    // Assessments in 2023 and 2025, completions in 2024 and 2025: a period may lack a kind.
    let records = [
      AgencyRecords(
        agency: Self.c,
        assessments: [
          Self.answer(Self.c, "a", Self.day(2025, 3, 1), .topLeader, [3, 4], 2, 5),
          Self.answer(Self.c, "b", Self.day(2023, 6, 1), .other, [1, nil]),
        ],
        enrolments: [2024, 2025].map { year in
          Enrolment(
            agency: Self.c, learner: 1, course: 0, status: .completed,
            enrolledOn: Self.day(year, 1, 1), completedOn: Self.day(year, 1, 3), minutes: 7)
        }),
      AgencyRecords(
        agency: Self.a,
        assessments: [
          Self.answer(Self.a, "c", Self.day(2024, 2, 1), .middleManager, [5, 5])
        ], enrolments: []),
    ]
    let t = tables(records)  // also checks threads 1 == threads 3
    #expect(t.periods.map(\.description) == ["2023", "2024", "2025"])
    func periods<Row>(_ rows: [Row], _ cell: (Row) -> CellKey) -> [String] {
      rows.map { cell($0).period.description }
    }
    for order in [
      periods(t.maturity, \.cell), periods(t.maturityStage, \.cell),
      periods(t.competenceGap, \.cell), periods(t.courseCompletion, \.cell),
      periods(t.reach, \.cell), periods(t.coverage, \.cell),
    ] {
      #expect(order == order.sorted())
    }
    #expect(Set(periods(t.maturity, \.cell)) == ["2023", "2024", "2025"])
    #expect(Set(periods(t.courseCompletion, \.cell)) == ["2024", "2025"])
    // Coverage has every period, completion-only 2024 included.
    #expect(Set(periods(t.coverage, \.cell)) == ["2023", "2024", "2025"])
    #expect(t.maturity.map(\.cell) == t.maturity.map(\.cell).sorted())
  }

  @Test("keeping groupings drops the other rows of every table but agency_benchmark")
  func keeping() throws {
    var t = tables([
      AgencyRecords(
        agency: Self.c,
        assessments: [Self.answer(Self.c, "a", Self.day(2025, 3, 1), .topLeader, [3, 4], 2, 5)],
        enrolments: [
          Enrolment(
            agency: Self.c, learner: 1, course: 0, status: .completed,
            enrolledOn: Self.day(2025, 1, 1), completedOn: Self.day(2025, 1, 3), minutes: 7)
        ])
    ])
    t.agencyBenchmark = AgencyBenchmarkBuilder.build(maturity: t.maturity, register: Self.register)
    let kept = t.keeping([.national, .sector])
    let shown: Set<Grouping> = [.national, .sector]
    #expect(kept.maturity == t.maturity.filter { shown.contains($0.cell.grouping) })
    #expect(kept.maturityStage == t.maturityStage.filter { shown.contains($0.cell.grouping) })
    #expect(kept.competenceGap == t.competenceGap.filter { shown.contains($0.cell.grouping) })
    #expect(
      kept.courseCompletion == t.courseCompletion.filter { shown.contains($0.cell.grouping) })
    #expect(kept.reach == t.reach.filter { shown.contains($0.cell.grouping) })
    #expect(kept.coverage == t.coverage.filter { shown.contains($0.cell.grouping) })
    #expect(kept.agencyBenchmark == t.agencyBenchmark && !t.agencyBenchmark.isEmpty)
    #expect(!kept.maturity.isEmpty && kept.maturity.count < t.maturity.count)
  }

  @Test("reach is capped at 1") func reachCap() throws {
    let enrolments = (0..<12).map {
      Enrolment(
        agency: Self.c, learner: Int32($0), course: 0, status: .completed,
        enrolledOn: Self.day(2025, 1, 1), completedOn: Self.day(2025, 1, 2), minutes: nil)
    }
    let t = tables([AgencyRecords(agency: Self.c, assessments: [], enrolments: enrolments)])
    #expect(t.reach.first { $0.cell.grouping == .national }?.reach == 1)
  }

  @Test("agency benchmark: percentile among published agencies of the sector") func benchmark()
    throws
  {
    let t = tables([
      AgencyRecords(
        agency: Self.b,
        assessments: (0..<5).map {
          Self.answer(Self.b, "b\($0)", Self.day(2025, 3, 1), .middleManager, [2, nil])
        }, enrolments: []),
      AgencyRecords(
        agency: Self.c,
        assessments: (0..<5).map {
          Self.answer(Self.c, "c\($0)", Self.day(2025, 3, 1), .middleManager, [4, nil])
        }, enrolments: []),
    ])
    let rows = AgencyBenchmarkBuilder.build(maturity: t.maturity, register: Self.register)
    let strategy = rows.filter { $0.dimension == "strategy" }
    // Two municipalities: B lower (0 + 1/2)/2 = 25, C (1 + 1/2)/2 = 75.
    #expect(strategy.map(\.orgNumber) == ["123456785", "988077917"])
    #expect(strategy.map(\.percentileInSector) == [25, 75])
    #expect(rows.contains { $0.dimension == "overall" })
  }

  @Test(
    "agency benchmark: equal means share a percentile; unpublished rows and other sectors are not peers"
  )
  func benchmarkTies() throws {
    let orgs = ["974760673", "123456785", "988077917", "811018767", "984226098", "984531664"]
    let register = Register(
      agencies: orgs.enumerated().map { index, digits in
        Agency(
          orgNumber: OrgNumber(digits)!, name: "agency \(index)",
          sector: index == 0 ? .state : .municipality, county: "46", sizeClass: .medium,
          leaderCount: 50)
      })
    // Means as sum / n, scale 1: 2/1 = 4/2 (equal), 3/1, 6/2 = 3/1 (equal), 9/2; the state
    // agency is alone in its sector, and the suppressed row of the last one is no peer.
    let means: [(sum: Int, n: Int, suppressed: Bool)] = [
      (5, 1, false), (2, 1, false), (4, 2, false), (3, 1, false), (6, 2, false), (9, 2, true),
    ]
    let period = Period(containing: Self.day(2025, 3, 1), granularity: .year)
    let maturity = zip(orgs, means).map { digits, mean in
      MaturityRow(
        cell: CellKey(period: period, grouping: .agency, groupKey: digits), dimension: "strategy",
        n: mean.n, mean: Double(mean.sum) / Double(mean.n), sd: nil, ci95Low: nil,
        ci95High: nil, p25: nil, median: nil, p75: nil, shareTransforming: nil,
        weightedMean: nil, suppressed: mean.suppressed ? .primary : nil,
        scaledSum: mean.sum, scale: 1)
    }
    let rows = AgencyBenchmarkBuilder.build(maturity: maturity, register: register)
    let percentile = Dictionary(
      uniqueKeysWithValues: rows.map { ($0.orgNumber, $0.percentileInSector) })
    // Four published municipalities: 2 and 4/2 share (0 + 2/2)/4; 3 and 6/2, (2 + 2/2)/4.
    #expect(
      percentile == [
        "974760673": 50, "123456785": 25, "988077917": 25, "811018767": 75, "984226098": 75,
      ])
    #expect(rows.map(\.orgNumber) == rows.map(\.orgNumber).sorted())
  }
}
