/// Which members of a JSON value to keep, as a tree of keys from the top-level value: a member
/// is kept when its key path is in the tree. `JSONValueBuilder` drops the rest as it reads, so a
/// statement costs the memory of the few values validation looks at, whatever else it holds.
///
/// A kept member whose path ends in the tree keeps its value's kind but not its contents: an
/// object or array there is kept empty. Array elements are never kept below the top level.
package struct JSONKeyTree: Sendable, Equatable {
  /// The kept keys of an object at this place, each with what to keep of its value.
  package var children: [String: JSONKeyTree]

  /// The tree of the given key paths, e.g. `[["actor", "account", "name"], ["id"]]`.
  package init(paths: [[String]]) {
    children = [:]
    for path in paths where !path.isEmpty {
      children[path[0], default: JSONKeyTree(paths: [])].add(path.dropFirst())
    }
  }

  private mutating func add(_ path: ArraySlice<String>) {
    guard let first = path.first else { return }
    children[first, default: JSONKeyTree(paths: [])].add(path.dropFirst())
  }
}
