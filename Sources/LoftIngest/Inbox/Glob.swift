/// A file-name pattern on a path below the agency folder, matched case-insensitively.
///
/// `*` matches within one folder name, `?` one character, `[abc]`/`[a-z]`/`[!a]` one of a set,
/// and `**/` zero or more whole folders; a trailing `**` matches everything below.
package struct Glob: Sendable, Equatable, CustomStringConvertible {
  /// The pattern as written.
  package let pattern: String
  private let tokens: [Token]

  private enum Token: Equatable {
    case literal(Character)
    case anyCharacter
    case star
    case folders
    case set([ClosedRange<Character>], negated: Bool)
  }

  /// Why a pattern cannot be used.
  package struct SyntaxError: Error, Equatable {
    package var message: String
  }

  /// Compiles a pattern; fails on an empty pattern or an unclosed `[`.
  package init(_ pattern: String) throws(SyntaxError) {
    guard !pattern.isEmpty else { throw SyntaxError(message: "the glob is empty") }
    self.pattern = pattern
    let characters = Array(pattern.lowercased())
    var tokens: [Token] = []
    var index = 0
    while index < characters.count {
      let character = characters[index]
      switch character {
      case "*":
        if index + 1 < characters.count, characters[index + 1] == "*" {
          let atFolderStart = index == 0 || characters[index - 1] == "/"
          let next = index + 2
          guard atFolderStart, next == characters.count || characters[next] == "/" else {
            throw SyntaxError(message: "`**` must stand alone as a folder name, as in `**/name`")
          }
          tokens.append(.folders)
          index = next == characters.count ? next : next + 1
          if next == characters.count { tokens.append(.star) }
          continue
        }
        tokens.append(.star)
      case "?":
        tokens.append(.anyCharacter)
      case "[":
        var cursor = index + 1
        var negated = false
        if cursor < characters.count, characters[cursor] == "!" || characters[cursor] == "^" {
          negated = true
          cursor += 1
        }
        var ranges: [ClosedRange<Character>] = []
        var first = true
        while cursor < characters.count, characters[cursor] != "]" || first {
          first = false
          let low = characters[cursor]
          if cursor + 2 < characters.count, characters[cursor + 1] == "-",
            characters[cursor + 2] != "]"
          {
            let high = characters[cursor + 2]
            guard low <= high else {
              throw SyntaxError(message: "the range `\(low)-\(high)` in `[…]` runs backwards")
            }
            ranges.append(low...high)
            cursor += 3
          } else {
            ranges.append(low...low)
            cursor += 1
          }
        }
        guard cursor < characters.count else {
          throw SyntaxError(message: "`[` is not closed by `]`")
        }
        tokens.append(.set(ranges, negated: negated))
        index = cursor
      default:
        tokens.append(.literal(character))
      }
      index += 1
    }
    self.tokens = tokens
  }

  /// Whether a path (with `/` between folders) matches the whole pattern.
  package func matches(_ path: String) -> Bool {
    let characters = Array(path.lowercased())
    return match(tokenIndex: 0, in: characters, at: 0)
  }

  private func match(tokenIndex: Int, in path: [Character], at start: Int) -> Bool {
    var position = start
    var tokenIndex = tokenIndex
    while tokenIndex < tokens.count {
      switch tokens[tokenIndex] {
      case .literal(let character):
        guard position < path.count, path[position] == character else { return false }
        position += 1
      case .anyCharacter:
        guard position < path.count, path[position] != "/" else { return false }
        position += 1
      case .set(let ranges, let negated):
        guard position < path.count, path[position] != "/" else { return false }
        let inSet = ranges.contains { $0.contains(path[position]) }
        guard inSet != negated else { return false }
        position += 1
      case .star:
        // Try the longest run first; a star never crosses a folder boundary.
        var end = position
        while end < path.count, path[end] != "/" { end += 1 }
        for candidate in stride(from: end, through: position, by: -1)
        where match(tokenIndex: tokenIndex + 1, in: path, at: candidate) {
          return true
        }
        return false
      case .folders:
        // Zero folders, or skip to just after any later `/`.
        if match(tokenIndex: tokenIndex + 1, in: path, at: position) { return true }
        var cursor = position
        while cursor < path.count {
          if path[cursor] == "/", match(tokenIndex: tokenIndex + 1, in: path, at: cursor + 1) {
            return true
          }
          cursor += 1
        }
        return false
      }
      tokenIndex += 1
    }
    return position == path.count
  }

  package var description: String { pattern }
}
