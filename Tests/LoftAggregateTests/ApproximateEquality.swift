/// |actual − expected| ≤ tolerance·|expected| (both zero passes).
func isClose(_ actual: Double, _ expected: Double, relative tolerance: Double) -> Bool {
  abs(actual - expected) <= tolerance * abs(expected)
}
