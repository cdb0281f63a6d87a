internal import Yams

/// A Dragoman config file: target language, source language, and the stages with their options.
///
/// ```yaml
/// version: 1
/// target: en          # the language the output is for
/// source: auto        # or a language tag, for records that do not name one
/// stages:
///   - repair          # a stage by name, with default options
///   - name: repair    # or with options
///     mojibake: false
/// ```
/// Every mistake is reported with the file, line and column (``DragomanError/invalidConfiguration(_:at:)``).
public struct Configuration: Sendable, Hashable {
    /// The config format version this Dragoman reads.
    public static let currentVersion = 1

    public var target: LanguageTag = .en
    public var source: LanguageSelection = .auto
    public var stages: [StageSpec] = []

    public init(target: LanguageTag = .en, source: LanguageSelection = .auto, stages: [StageSpec]) {
        self.target = target
        self.source = source
        self.stages = stages
    }

    /// The config that runs when none is given.
    public static let embeddedDefaultYAML = """
        # Dragoman's embedded default configuration: repair what scraping broke, map known
        # entities to their canonical forms (the shipped glossaries), romanize the proper names
        # no glossary knows, write amounts in one form.
        version: 1
        target: en
        source: auto
        stages:
          - repair
          - name: glossary
            glossaries: [places-caucasus, organizations, people]
          - name: transliterate
            scope: names
          - money

        """

    /// The parsed embedded default.
    public static var embeddedDefault: Configuration {
        (try? Configuration(yaml: embeddedDefaultYAML, path: "<embedded default>"))
            ?? Configuration(stages: [RepairStage.stageName, GlossaryStage.stageName, TransliterationStage.stageName, MoneyStage.stageName].map { StageSpec(name: $0) })
    }

    /// Parses a config. `path` names the file in error messages.
    public init(yaml: String, path: String) throws(DragomanError) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw Self.syntaxError(error, path: path)
        } catch {
            throw .invalidConfiguration("cannot read YAML: \(error)", at: SourceLocation(path: path, line: 1))
        }
        let at = { (node: Node?) -> SourceLocation? in
            node?.mark.map { SourceLocation(path: path, line: $0.line, column: $0.column) } ?? SourceLocation(path: path, line: 1)
        }
        guard let root, let mapping = root.mapping else {
            throw .invalidConfiguration("a config must be a mapping with 'version' and 'stages'", at: at(root))
        }
        var version: Int?
        var stages: [StageSpec]?
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw .invalidConfiguration("keys must be text", at: at(keyNode)) }
            switch key {
            case "version":
                guard let number = value.int else { throw .invalidConfiguration("'version' must be a whole number", at: at(value)) }
                guard number == Self.currentVersion else {
                    throw .invalidConfiguration(
                        "config version \(number) is not known to this Dragoman (it reads version \(Self.currentVersion))", at: at(value))
                }
                version = number
            case "target":
                do throws(DragomanError) {
                    target = try LanguageTag(parsing: value.string ?? "")
                } catch {
                    throw .invalidConfiguration("'target': \(error)", at: at(value))
                }
            case "source":
                do throws(DragomanError) {
                    source = try LanguageSelection(parsing: value.string ?? "")
                } catch {
                    throw .invalidConfiguration("'source': \(error)", at: at(value))
                }
            case "stages":
                guard let sequence = value.sequence else {
                    throw .invalidConfiguration("'stages' must be a list of stage names or mappings", at: at(value))
                }
                stages = try sequence.map { (entry) throws(DragomanError) in try Self.stage(entry, at: at) }
            default:
                throw .invalidConfiguration("unknown key '\(key)' (known: version, target, source, stages)", at: at(keyNode))
            }
        }
        guard version != nil else {
            throw .invalidConfiguration("missing 'version: \(Self.currentVersion)'", at: at(root))
        }
        guard let stages else { throw .invalidConfiguration("missing 'stages'", at: at(root)) }
        self.stages = stages
    }

    private static func stage(_ node: Node, at: (Node?) -> SourceLocation?) throws(DragomanError) -> StageSpec {
        if let name = node.scalar?.string {
            return StageSpec(name: name, at: at(node))
        }
        guard let mapping = node.mapping else {
            throw .invalidConfiguration("a stage is a name or a mapping with 'name'", at: at(node))
        }
        var name: String?
        var options: [String: StageSpec.Value] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw .invalidConfiguration("keys must be text", at: at(keyNode)) }
            // A list of scalars is kept as one comma-separated value (`glossaries: [a, b]`).
            let listed = value.sequence.map { items in items.compactMap { $0.scalar?.string } }
            guard let text = value.scalar?.string ?? listed?.joined(separator: ",") else {
                throw .invalidConfiguration("option '\(key)' must be a value or a list of values", at: at(value))
            }
            if key == "name" {
                name = text
            } else {
                options[key] = StageSpec.Value(text, at: at(value), items: listed)
            }
        }
        guard let name else { throw .invalidConfiguration("a stage mapping needs 'name'", at: at(node)) }
        return StageSpec(name: name, options: options, at: at(node))
    }

    private static func syntaxError(_ error: YamlError, path: String) -> DragomanError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .invalidConfiguration("YAML: \(problem)", at: SourceLocation(path: path, line: mark.line, column: mark.column))
        default:
            return .invalidConfiguration("YAML: \(error)", at: SourceLocation(path: path, line: 1))
        }
    }

    /// The pipeline this config describes, or only the named stages when `only` is given
    /// (`--stages`): names from the config keep their options, other names get defaults.
    ///
    /// - Parameter overrides: options that replace the config's, by stage name (`--scope`).
    public func makePipeline(
        only names: [String]? = nil, overrides: [String: [String: String]] = [:], registry: StageRegistry = .standard
    ) throws(DragomanError) -> Pipeline {
        var specs = stages
        if let names {
            specs = names.map { name in stages.first { $0.name == name } ?? StageSpec(name: name) }
        }
        for index in specs.indices {
            for (key, value) in overrides[specs[index].name] ?? [:] {
                specs[index].options[key] = StageSpec.Value(value)
            }
        }
        var built: [any Stage] = []
        for spec in specs { built.append(try registry.make(spec)) }
        return Pipeline(built)
    }
}
