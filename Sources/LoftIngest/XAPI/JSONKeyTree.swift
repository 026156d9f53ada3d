/// Which members of a JSON value to keep, as a tree of keys from the top-level value: a member
/// is kept when its key path is in the tree. `JSONValueBuilder` drops the rest as it reads, so a
/// statement costs the memory of the few values validation looks at, whatever else it holds.
///
/// A kept member whose path ends in the tree keeps its value's kind but not its contents: an
/// object or array there is kept empty. Array elements are never kept below the top level.
package struct JSONKeyTree: Sendable, Equatable {
  /// A kept key, with what to keep of its value.
  package struct Child: Sendable, Equatable {
    package var key: String
    package var tree: JSONKeyTree
  }

  /// The kept keys of an object at this place, in the order first named. A handful: found by
  /// comparing, which costs less than hashing the key of every member read.
  package private(set) var children: [Child] = []

  /// The tree of the given key paths, e.g. `[["actor", "account", "name"], ["id"]]`.
  package init(paths: [[String]]) {
    for path in paths { add(path[...]) }
  }

  /// What to keep of the value of member `key`, or nil when it is not kept.
  package func child(_ key: String) -> JSONKeyTree? {
    children.first { $0.key == key }?.tree
  }

  private mutating func add(_ path: ArraySlice<String>) {
    guard let first = path.first else { return }
    if let index = children.firstIndex(where: { $0.key == first }) {
      children[index].tree.add(path.dropFirst())
    } else {
      var tree = JSONKeyTree(paths: [])
      tree.add(path.dropFirst())
      children.append(Child(key: first, tree: tree))
    }
  }
}
