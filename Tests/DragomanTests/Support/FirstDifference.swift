/// Where two texts first differ, with some context from each, for readable failures on long texts.
func firstDifference(_ actual: String, _ expected: String) -> String? {
    let a = Array(actual.unicodeScalars)
    let e = Array(expected.unicodeScalars)
    guard a != e else { return nil }
    let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
    let context = { (s: [Unicode.Scalar]) in
        String(String.UnicodeScalarView(s[max(0, min(s.count, first - 25))..<min(s.count, first + 25)]))
    }
    return "differs at scalar \(first): actual \(context(a).debugDescription), expected \(context(e).debugDescription)"
}
