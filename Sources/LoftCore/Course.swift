/// One course of the shared catalogue.
package struct Course: Sendable, Equatable {
  package var id: String
  package var title: String
  package var provider: String
  package var license: String
  /// Competence-area codes the course builds.
  package var areas: [String]
  package var minutes: Int?
  package var xapiActivityID: String

  package init(
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
package struct Catalogue: Sendable, Equatable {
  package let courses: [Course]
  private let indexByID: [String: Int]
  private let indexByActivity: [String: Int]

  package init(courses: [Course]) {
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

  package func index(ofCourse id: String) -> Int? { indexByID[id] }
  package func index(ofActivity id: String) -> Int? { indexByActivity[id] }

  package static func == (lhs: Catalogue, rhs: Catalogue) -> Bool { lhs.courses == rhs.courses }
}
