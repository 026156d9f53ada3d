/// One course of the shared catalogue.
public struct Course: Sendable, Equatable {
  public var id: String
  public var title: String
  public var provider: String
  public var license: String
  /// Competence-area codes the course builds.
  public var areas: [String]
  public var minutes: Int?
  public var xapiActivityID: String

  public init(
    id: String, title: String, provider: String, license: String, areas: [String], minutes: Int?,
    xapiActivityID: String
  ) {
    self.id = id
    self.title = title
    self.provider = provider
    self.license = license
    self.areas = areas
    self.minutes = minutes
    self.xapiActivityID = xapiActivityID
  }
}

/// The course catalogue, in course-id order; a course is referred to by its index.
public struct Catalogue: Sendable, Equatable {
  public let courses: [Course]
  private let indexByID: [String: Int]
  private let indexByActivity: [String: Int]

  public init(courses: [Course]) {
    self.courses = courses.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
    var byID: [String: Int] = [:]
    var byActivity: [String: Int] = [:]
    for (position, course) in self.courses.enumerated() {
      byID[course.id] = position
      if !course.xapiActivityID.isEmpty { byActivity[course.xapiActivityID] = position }
    }
    self.indexByID = byID
    self.indexByActivity = byActivity
  }

  public func index(ofCourse id: String) -> Int? { indexByID[id] }
  public func index(ofActivity id: String) -> Int? { indexByActivity[id] }

  public static func == (lhs: Catalogue, rhs: Catalogue) -> Bool { lhs.courses == rhs.courses }
}
