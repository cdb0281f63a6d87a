internal import Yams

/// A YAML document as glossary files need it: scalars (as text), mappings and sequences, each
/// with the line and column where it starts, in flat arrays.
///
/// ``init(reading:)`` reads the plain shapes glossary files are written in (block mappings and
/// sequences, flow `[…]` and `{…}`, plain, single- and double-quoted scalars on one line,
/// comments) without building a Yams node per value: for a 100,000-alias glossary that is most of
/// its load time. Anything else (anchors, tags, block scalars, multi-line scalars, tabs, directives,
/// duplicate keys, and every syntax error) makes it give up, and ``init(composing:)`` reads the
/// text with Yams, whose document and messages are the reference: the two agree on every text the
/// first one reads (tested on the shipped and generated glossaries and on a table of shapes).
struct YAMLDocument {
    enum Kind: UInt8 {
        case scalar, mapping, sequence
    }

    /// One node. A mapping's children are its keys and values alternately.
    struct Node {
        var kind: Kind
        var line: Int32
        var column: Int32
        var text: String
        var first: Int32
        var count: Int32
    }

    typealias Index = Int32

    private init() {}

    private(set) var nodes: [Node] = []
    private(set) var children: [Index] = []
    /// The root node, or nil for an empty document.
    private(set) var root: Index?

    /// The text of a scalar.
    func string(_ node: Index) -> String? {
        let node = nodes[Int(node)]
        return node.kind == .scalar ? node.text : nil
    }

    /// A scalar's text as a whole number.
    func int(_ node: Index) -> Int? {
        string(node).flatMap { Int($0) }
    }

    /// The keys and values of a mapping, in order.
    func mapping(_ node: Index) -> [(key: Index, value: Index)]? {
        let node = nodes[Int(node)]
        guard node.kind == .mapping else { return nil }
        return stride(from: Int(node.first), to: Int(node.first + node.count), by: 2).map { (children[$0], children[$0 + 1]) }
    }

    /// The items of a sequence.
    func sequence(_ node: Index) -> ArraySlice<Index>? {
        let node = nodes[Int(node)]
        guard node.kind == .sequence else { return nil }
        return children[Int(node.first)..<Int(node.first + node.count)]
    }

    /// Where a node starts (1-based line, column in Unicode scalars).
    func location(_ node: Index?, path: String) -> SourceLocation {
        guard let node else { return SourceLocation(path: path, line: 1) }
        return SourceLocation(path: path, line: Int(nodes[Int(node)].line), column: Int(nodes[Int(node)].column))
    }

    private mutating func add(_ kind: Kind, line: Int, column: Int, text: String = "", children items: [Index] = []) -> Index {
        let index = Index(nodes.count)
        nodes.append(Node(kind: kind, line: Int32(line), column: Int32(column), text: text, first: Int32(children.count), count: Int32(items.count)))
        children += items
        return index
    }

    // MARK: Yams

    /// The document Yams composes, with the basic resolver (every scalar is text).
    /// - Throws: Yams's error for a text that is not YAML.
    init(composing yaml: String) throws {
        if let node = try Yams.compose(yaml: yaml, .basic) { root = add(node) }
    }

    private mutating func add(_ node: Yams.Node) -> Index {
        let line = node.mark?.line ?? 1
        let column = node.mark?.column ?? 1
        switch node {
        case .scalar(let scalar):
            return add(.scalar, line: line, column: column, text: scalar.string)
        case .mapping(let mapping):
            var items: [Index] = []
            items.reserveCapacity(mapping.count * 2)
            for (key, value) in mapping {
                items.append(add(key))
                items.append(add(value))
            }
            return add(.mapping, line: line, column: column, children: items)
        case .sequence(let sequence):
            let items = sequence.map { add($0) }
            return add(.sequence, line: line, column: column, children: items)
        case .alias:
            // Composing resolves aliases; one left over reads as an empty scalar.
            return add(.scalar, line: line, column: column)
        }
    }

    // MARK: The plain shapes

    /// The document, when the text keeps to the plain shapes; nil otherwise.
    init?(reading yaml: String) {
        var text = yaml
        let read: YAMLDocument? = text.withUTF8 { bytes in
            var reader = PlainReader(bytes: bytes)
            return reader.document()
        }
        guard let read else { return nil }
        self = read
    }

    /// The reader of the plain shapes: recursive descent over the UTF-8 bytes; every method
    /// returns nil (give up) at anything it does not read exactly as YAML would.
    private struct PlainReader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var line = 1
        var lineStart = 0
        var result = YAMLDocument()

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        private var atEnd: Bool { position >= bytes.count }
        private var byte: UInt8 { position < bytes.count ? bytes[position] : 0 }
        private func byte(at index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

        /// The column of `index` on the current line, in Unicode scalars, 1-based.
        private func column(_ index: Int) -> Int {
            var column = 1
            var scan = lineStart
            while scan < index {
                if bytes[scan] & 0xC0 != 0x80 { column += 1 }
                scan += 1
            }
            return column
        }

        /// Whether every character is one YAML allows (libyaml stops at the others: C0 and C1
        /// controls, DEL, U+FFFE, U+FFFF) and none is a line break beyond `\n` and `\r` (NEL, LS
        /// and PS break lines in YAML 1.1).
        private static func allPlainCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    guard byte >= 0x20 && byte != 0x7F || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return false }
                    index += 1
                    continue
                }
                let (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
                guard value >= 0xA0, value != 0x2028, value != 0x2029, value != 0xFFFE, value != 0xFFFF else { return false }
                index += length
            }
            return true
        }

        private static func isBreakOrEnd(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D || byte == 0 }
        private static func isBlankOrEnd(_ byte: UInt8) -> Bool { byte == 0x20 || isBreakOrEnd(byte) }

        mutating func document() -> YAMLDocument? {
            guard Self.allPlainCharacters(bytes) else { return nil }
            // A byte-order mark counts as a column for libyaml: left to it.
            if byte == 0xEF && byte(at: 1) == 0xBB && byte(at: 2) == 0xBF { return nil }
            guard let indent = nextContentLine() else { return nil }  // an empty document
            if indent == 0, byte == 0x2D, byte(at: position + 1) == 0x2D, byte(at: position + 2) == 0x2D, Self.isBreakOrEnd(byte(at: position + 3)) {
                position += 3
                guard endOfLine() else { return nil }
                guard nextContentLine() != nil else { return nil }
            }
            guard indent == 0, let root = blockNode(indent: 0) else { return nil }
            // Only blank and comment lines may follow.
            guard nextContentLine() == nil, !failed else { return nil }
            result.root = root
            return result
        }

        /// Skips blank and comment lines from the start of a line; returns the next content line's
        /// indentation (the position at its first non-space byte), or nil at the end. Gives up (nil
        /// too, and ``failed`` set) at a tab in indentation, a directive or a lone `\r`.
        private mutating func nextContentLine() -> Int? {
            while !atEnd {
                var scan = position
                while byte(at: scan) == 0x20 { scan += 1 }
                let next = byte(at: scan)
                if next == 0x09 || next == 0x25 && scan == lineStart {
                    // A tab, or a directive: not read here.
                    failed = true
                    return nil
                }
                if next == 0x23 || Self.isBreakOrEnd(next) {
                    // A comment or blank line.
                    position = scan
                    while !Self.isBreakOrEnd(byte) { position += 1 }
                    guard newline() else {
                        failed = true  // a lone carriage return
                        return nil
                    }
                    continue
                }
                position = scan
                return scan - lineStart
            }
            return nil
        }

        /// Set when ``nextContentLine()`` gave up rather than reached the end.
        var failed = false

        /// Past a line break (`\n` or `\r\n`) or at the end.
        private mutating func newline() -> Bool {
            if byte == 0x0D {
                guard byte(at: position + 1) == 0x0A else { return false }
                position += 1
            }
            if byte == 0x0A {
                position += 1
                line += 1
                lineStart = position
                return true
            }
            return atEnd
        }

        /// After a value: spaces, an optional comment, then the line's end.
        private mutating func endOfLine() -> Bool {
            var sawSpace = position == lineStart
            while byte == 0x20 { position += 1; sawSpace = true }
            if byte == 0x23 {
                guard sawSpace else { return false }
                while !Self.isBreakOrEnd(byte) { position += 1 }
            }
            guard Self.isBreakOrEnd(byte) else { return false }
            return newline()
        }

        /// The node starting at `position` (the first content of a line indented `indent`).
        private mutating func blockNode(indent: Int) -> Index? {
            if byte == 0x2D, Self.isBlankOrEnd(byte(at: position + 1)) { return blockSequence(indent: indent) }
            let start = position
            if isKeyAhead() { return blockMapping(indent: indent) }
            position = start
            // A lone scalar or flow collection on its own line(s).
            guard let value = inlineValue() else { return nil }
            guard endOfLine() else { return nil }
            return value
        }

        /// Whether a key (one-line scalar, then `:` and a space or the line's end) starts here;
        /// leaves `position` where it was.
        private mutating func isKeyAhead() -> Bool {
            let saved = (position, result.nodes.count, result.children.count)
            defer {
                position = saved.0
                result.truncate(nodes: saved.1, children: saved.2)
            }
            guard scalar(inFlow: false) != nil else { return false }
            return byte == 0x3A && Self.isBlankOrEnd(byte(at: position + 1))
        }

        /// `key: value` lines at `indent`; the first key at `position`.
        private mutating func blockMapping(indent: Int) -> Index? {
            let startLine = line
            let startColumn = column(position)
            var items: [Index] = []
            var keys: [String] = []
            while true {
                let keyStart = position
                guard let key = scalar(inFlow: false), byte == 0x3A, Self.isBlankOrEnd(byte(at: position + 1)), position - keyStart < 1024 else { return nil }
                let keyText = result.nodes[Int(key)].text
                // A key twice is Yams's error to report.
                guard !keys.contains(keyText) else { return nil }
                keys.append(keyText)
                position += 1
                while byte == 0x20 { position += 1 }
                let value: Index
                if byte == 0x23 || Self.isBreakOrEnd(byte) {
                    // The value is on the next lines: more indented, or a sequence at this indent.
                    guard endOfLine(), let next = nextContentLine() else { return nil }
                    if next > indent {
                        guard let node = blockNode(indent: next) else { return nil }
                        value = node
                    } else if next == indent, byte == 0x2D, Self.isBlankOrEnd(byte(at: position + 1)) {
                        guard let node = blockSequence(indent: indent) else { return nil }
                        value = node
                    } else {
                        return nil  // an empty value
                    }
                } else {
                    guard let node = inlineValue(), endOfLine() else { return nil }
                    value = node
                }
                items.append(key)
                items.append(value)
                // The next key, at this indent, or the end of the mapping.
                let saved = (position, line, lineStart)
                guard let next = nextContentLine() else {
                    if failed { return nil }
                    break
                }
                if next > indent { return nil }  // a continuation line: not read here
                if next < indent || (byte == 0x2D && Self.isBlankOrEnd(byte(at: position + 1))) {
                    (position, line, lineStart) = saved
                    break
                }
            }
            return result.add(.mapping, line: startLine, column: startColumn, children: items)
        }

        /// `- item` lines at `indent`; the first dash at `position`.
        private mutating func blockSequence(indent: Int) -> Index? {
            let startLine = line
            let startColumn = column(position)
            var items: [Index] = []
            while true {
                guard byte == 0x2D, Self.isBlankOrEnd(byte(at: position + 1)) else { return nil }
                position += 1
                while byte == 0x20 { position += 1 }
                if byte == 0x23 || Self.isBreakOrEnd(byte) {
                    guard endOfLine(), let next = nextContentLine(), next > indent, let node = blockNode(indent: next) else { return nil }
                    items.append(node)
                } else if byte == 0x2D, Self.isBlankOrEnd(byte(at: position + 1)) {
                    return nil  // a sequence in a sequence on one line
                } else {
                    let itemIndent = position - lineStart
                    let start = position
                    if isKeyAhead() {
                        guard let node = blockMapping(indent: itemIndent) else { return nil }
                        items.append(node)
                    } else {
                        position = start
                        guard let node = inlineValue(), endOfLine() else { return nil }
                        items.append(node)
                    }
                }
                let saved = (position, line, lineStart)
                guard let next = nextContentLine() else {
                    if failed { return nil }
                    break
                }
                if next > indent { return nil }
                if next < indent || !(byte == 0x2D && Self.isBlankOrEnd(byte(at: position + 1))) {
                    (position, line, lineStart) = saved
                    break
                }
            }
            return result.add(.sequence, line: startLine, column: startColumn, children: items)
        }

        /// A scalar or a flow collection, in block context, up to before the line's end.
        private mutating func inlineValue() -> Index? {
            switch byte {
            case 0x5B: return flowSequence()
            case 0x7B: return flowMapping()
            default:
                guard let node = scalar(inFlow: false) else { return nil }
                // A plain value followed by `: ` is a key in a place YAML does not allow one.
                if byte == 0x3A { return nil }
                return node
            }
        }

        // MARK: Flow

        /// Spaces, line breaks and comments inside a flow collection.
        private mutating func flowSpace() -> Bool {
            while true {
                switch byte {
                case 0x20: position += 1
                case 0x0A, 0x0D: guard newline() else { return false }
                case 0x09: return false
                case 0x23:
                    guard position > 0, [0x20, 0x0A].contains(bytes[position - 1]) else { return false }
                    while !Self.isBreakOrEnd(byte) { position += 1 }
                default: return true
                }
            }
        }

        private mutating func flowSequence() -> Index? {
            let startLine = line
            let startColumn = column(position)
            position += 1
            var items: [Index] = []
            while true {
                guard flowSpace() else { return nil }
                if byte == 0x5D { break }
                guard let item = flowValue() else { return nil }
                items.append(item)
                guard flowSpace() else { return nil }
                if byte == 0x2C {
                    position += 1
                    continue
                }
                guard byte == 0x5D else { return nil }
                break
            }
            position += 1
            return result.add(.sequence, line: startLine, column: startColumn, children: items)
        }

        private mutating func flowMapping() -> Index? {
            let startLine = line
            let startColumn = column(position)
            position += 1
            var items: [Index] = []
            var keys: [String] = []
            while true {
                guard flowSpace() else { return nil }
                if byte == 0x7D { break }
                guard let key = scalar(inFlow: true) else { return nil }
                let keyText = result.nodes[Int(key)].text
                guard !keys.contains(keyText) else { return nil }
                keys.append(keyText)
                guard flowSpace(), byte == 0x3A else { return nil }
                position += 1
                guard flowSpace(), byte != 0x2C, byte != 0x7D, let value = flowValue() else { return nil }
                items.append(key)
                items.append(value)
                guard flowSpace() else { return nil }
                if byte == 0x2C {
                    position += 1
                    continue
                }
                guard byte == 0x7D else { return nil }
                break
            }
            position += 1
            return result.add(.mapping, line: startLine, column: startColumn, children: items)
        }

        private mutating func flowValue() -> Index? {
            switch byte {
            case 0x5B: return flowSequence()
            case 0x7B: return flowMapping()
            default:
                guard let node = scalar(inFlow: true) else { return nil }
                // `[a: b]` is a mapping inside a sequence: not read here.
                let saved = (position, line, lineStart)
                guard flowSpace() else { return nil }
                if byte == 0x3A { return nil }
                (position, line, lineStart) = saved
                return node
            }
        }

        // MARK: Scalars

        /// A scalar on one line: double-quoted, single-quoted or plain.
        private mutating func scalar(inFlow: Bool) -> Index? {
            let startColumn = column(position)
            let text: String?
            switch byte {
            case 0x22: text = doubleQuoted()
            case 0x27: text = singleQuoted()
            default: text = plain(inFlow: inFlow)
            }
            guard let text else { return nil }
            return result.add(.scalar, line: line, column: startColumn, text: text)
        }

        private mutating func plain(inFlow: Bool) -> String? {
            let first = byte
            switch first {
            // Indicators that cannot start a plain scalar, or start what is not read here.
            case 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x27, 0x22, 0x25, 0x40, 0x60, 0x09, 0x0A, 0x0D, 0x20, 0:
                return nil
            case 0x2D, 0x3F, 0x3A:
                // `-`, `?`, `:` start a plain scalar only before a character that is not a space,
                // and in a flow collection `?` and `:` are indicators wherever they stand.
                let next = byte(at: position + 1)
                guard !inFlow, !Self.isBlankOrEnd(next), next != 0x09 else { return nil }
            default: break
            }
            let start = position
            var end = position
            while true {
                let current = byte
                if Self.isBreakOrEnd(current) || current == 0x09 { break }
                if current == 0x3A {
                    let next = byte(at: position + 1)
                    if Self.isBlankOrEnd(next) || next == 0x09 { break }
                    // libyaml's rules for `:` and `?` inside a flow scalar vary by version.
                    if inFlow { return nil }
                }
                if current == 0x3F && inFlow { return nil }
                if current == 0x20 {
                    let next = byte(at: position + 1)
                    if next == 0x23 { break }
                    position += 1
                    continue
                }
                if inFlow, [0x2C, 0x5B, 0x5D, 0x7B, 0x7D].contains(current) { break }
                position += 1
                end = position
            }
            if byte == 0x09 { return nil }
            // Trailing spaces are not part of it.
            position = end
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }

        private mutating func singleQuoted() -> String? {
            position += 1
            var result: [UInt8] = []
            while true {
                let current = byte
                if Self.isBreakOrEnd(current) { return nil }  // a multi-line scalar (or unclosed)
                position += 1
                if current == 0x27 {
                    guard byte == 0x27 else { break }
                    position += 1
                }
                result.append(current)
            }
            return String(decoding: result, as: UTF8.self)
        }

        private mutating func doubleQuoted() -> String? {
            position += 1
            let start = position
            // Most have no escape: one slice.
            while true {
                let current = byte
                if Self.isBreakOrEnd(current) { return nil }
                if current == 0x22 {
                    position += 1
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(position - 1)]), as: UTF8.self)
                }
                if current == 0x5C { break }
                position += 1
            }
            var result = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            var run = position
            while true {
                let current = byte
                if Self.isBreakOrEnd(current) { return nil }
                if current == 0x22 {
                    result += String(decoding: UnsafeBufferPointer(rebasing: bytes[run..<position]), as: UTF8.self)
                    position += 1
                    return result
                }
                guard current == 0x5C else {
                    position += 1
                    continue
                }
                result += String(decoding: UnsafeBufferPointer(rebasing: bytes[run..<position]), as: UTF8.self)
                let escape = byte(at: position + 1)
                position += 2
                let simple: UInt32? =
                    switch escape {
                    case 0x30: 0x00
                    case 0x61: 0x07
                    case 0x62: 0x08
                    case 0x74, 0x09: 0x09
                    case 0x6E: 0x0A
                    case 0x76: 0x0B
                    case 0x66: 0x0C
                    case 0x72: 0x0D
                    case 0x65: 0x1B
                    case 0x20: 0x20
                    case 0x22: 0x22
                    case 0x2F: 0x2F
                    case 0x5C: 0x5C
                    case 0x4E: 0x85
                    case 0x5F: 0xA0
                    case 0x4C: 0x2028
                    case 0x50: 0x2029
                    default: nil
                    }
                var value: UInt32
                if let simple {
                    value = simple
                } else {
                    let digits: Int
                    switch escape {
                    case 0x78: digits = 2
                    case 0x75: digits = 4
                    case 0x55: digits = 8
                    default: return nil  // a line continuation or an unknown escape
                    }
                    value = 0
                    for _ in 0..<digits {
                        guard let digit = Self.hexDigit(byte) else { return nil }
                        value = value << 4 | digit
                        position += 1
                    }
                }
                guard let scalar = Unicode.Scalar(value) else { return nil }
                result.unicodeScalars.append(scalar)
                run = position
            }
        }

        private static func hexDigit(_ byte: UInt8) -> UInt32? {
            switch byte {
            case 0x30...0x39: UInt32(byte - 0x30)
            case 0x41...0x46: UInt32(byte - 0x41 + 10)
            case 0x61...0x66: UInt32(byte - 0x61 + 10)
            default: nil
            }
        }
    }

    private mutating func truncate(nodes nodeCount: Int, children childCount: Int) {
        nodes.removeLast(nodes.count - nodeCount)
        children.removeLast(children.count - childCount)
    }
}
