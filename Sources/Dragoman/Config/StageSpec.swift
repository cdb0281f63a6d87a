/// One entry of a config's `stages` list: the stage's registered name and its options, each
/// remembered with where it was written so that a wrong value is reported at its line and column.
public struct StageSpec: Sendable, Hashable {
    /// An option's value as written (a YAML scalar), and where.
    public struct Value: Sendable, Hashable {
        public var text: String
        public var location: SourceLocation?
        /// The items when the value was written as a YAML list (`text` joins them with commas, which
        /// loses a comma inside an item: a command's arguments need the items).
        public var items: [String]?

        public init(_ text: String, at location: SourceLocation? = nil, items: [String]? = nil) {
            self.text = text
            self.location = location
            self.items = items
        }
    }

    public var name: String
    public var options: [String: Value]

    /// A list option: a YAML list, or text separated by commas.
    public func list(_ key: String) -> [String]? {
        options[key].map { $0.text.split(separator: ",").map { String(String($0).trimmingSpaces) }.filter { !$0.isEmpty } }
    }

    /// An option that must be one of `cases`.
    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, default fallback: Choice) throws(DragomanError) -> Choice where Choice.RawValue == String {
        guard let value = options[key] else { return fallback }
        guard let parsed = Choice(rawValue: value.text) else {
            let known = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidConfiguration("option '\(key)' of stage '\(name)' must be one of \(known), not '\(value.text)'", at: value.location)
        }
        return parsed
    }
    public var location: SourceLocation?

    public init(name: String, options: [String: Value] = [:], at location: SourceLocation? = nil) {
        self.name = name
        self.options = options
        self.location = location
    }

    /// A boolean option (`true`/`false`, `yes`/`no`, `on`/`off`).
    public func bool(_ key: String, default fallback: Bool) throws(DragomanError) -> Bool {
        guard let value = options[key] else { return fallback }
        switch value.text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            throw .invalidConfiguration("option '\(key)' of stage '\(name)' must be true or false, not '\(value.text)'", at: value.location)
        }
    }

    /// Rejects options the stage does not know (a typo would otherwise be silently ignored).
    public func requireOnly(_ known: [String]) throws(DragomanError) {
        for (key, value) in options.sorted(by: { $0.key < $1.key }) where !known.contains(key) {
            throw .invalidConfiguration(
                "unknown option '\(key)' for stage '\(name)' (known: \(known.sorted().joined(separator: ", ")))",
                at: value.location ?? location)
        }
    }
}

/// Makes stages from their config entries, by stable name.
public struct StageRegistry: Sendable {
    /// Makes a stage from its config entry (rejecting unknown options).
    public typealias Factory = @Sendable (StageSpec) throws(DragomanError) -> any Stage

    private var factories: [String: Factory]

    public init(_ factories: [String: Factory] = [:]) {
        self.factories = factories
    }

    /// The stages this version of Dragoman ships.
    public static let standard = StageRegistry([
        RepairStage.stageName: { spec throws(DragomanError) in
            try spec.requireOnly(["escapes", "entities", "mojibake", "nfc", "schwa", "homoglyphs", "invisibles", "spaces"])
            var options = RepairStage.Options()
            options.escapes = try spec.bool("escapes", default: true)
            options.entities = try spec.bool("entities", default: true)
            options.mojibake = try spec.bool("mojibake", default: true)
            options.nfc = try spec.bool("nfc", default: true)
            options.schwa = try spec.bool("schwa", default: true)
            options.homoglyphs = try spec.bool("homoglyphs", default: true)
            options.invisibles = try spec.bool("invisibles", default: true)
            options.spaces = try spec.bool("spaces", default: true)
            return RepairStage(options: options)
        },
        MoneyStage.stageName: { spec throws(DragomanError) in
            try spec.requireOnly(["style", "numbers", "rates", "convert_to", "dollar", "franc"])
            var style = MoneyStage.Style.code
            if let value = spec.options["style"] {
                guard let parsed = MoneyStage.Style(rawValue: value.text) else {
                    throw .invalidConfiguration("option 'style' of stage 'money' must be code, symbol or name, not '\(value.text)'", at: value.location)
                }
                style = parsed
            }
            var numbers = MoneyStage.Numbers.keep
            if let value = spec.options["numbers"] {
                guard let parsed = MoneyStage.Numbers(rawValue: value.text) else {
                    throw .invalidConfiguration("option 'numbers' of stage 'money' must be keep or target, not '\(value.text)'", at: value.location)
                }
                numbers = parsed
            }
            var conversion: (rates: ExchangeRates, target: String)?
            if let target = spec.options["convert_to"] {
                guard let ratesFile = spec.options["rates"] else {
                    throw .invalidConfiguration("'convert_to' needs 'rates', a CSV file of reference rates", at: target.location)
                }
                guard MoneyLexicon.currencies.contains(target.text) || target.text.count == 3 else {
                    throw .invalidConfiguration("'convert_to' must be an ISO currency code, not '\(target.text)'", at: target.location)
                }
                let path = ConfigFiles.resolve(ratesFile.text, relativeTo: ratesFile.location?.path)
                guard let text = ConfigFiles.read(path) else {
                    throw .invalidConfiguration("cannot read rates file '\(path)'", at: ratesFile.location)
                }
                conversion = (try ExchangeRates(csv: text, path: path), target.text)
            }
            var defaults = MoneyStage.CurrencyDefaults()
            for key in ["dollar", "franc"] {
                guard let value = spec.options[key] else { continue }
                guard CurrencyNames.isoCodes().contains(value.text) else {
                    throw .invalidConfiguration(
                        "option '\(key)' of stage 'money' must be an ISO 4217 code (CAD, AUD, CHF, FRF, XOF…), not '\(value.text)'",
                        at: value.location)
                }
                if key == "dollar" { defaults.dollar = value.text } else { defaults.franc = value.text }
            }
            return try MoneyStage(style: style, numbers: numbers, conversion: conversion, defaults: defaults)
        },
        GlossaryStage.stageName: { spec throws(DragomanError) in
            try spec.requireOnly(["glossaries", "style", "policy", "suffix"])
            var glossaries: [Glossary] = []
            let location = spec.options["glossaries"]?.location
            for item in spec.list("glossaries") ?? ShippedGlossaries.files.map(\.name) {
                glossaries.append(try Glossary.named(item, relativeTo: location))
            }
            return try GlossaryStage(
                glossaries: glossaries, style: spec.options["style"]?.text, policy: try spec.choice("policy", default: .replace),
                suffix: try spec.choice("suffix", default: .apostrophe))
        },
        TransliterationStage.stageName: { spec throws(DragomanError) in
            let languages = TransliterationStage.languages.map(\.rawValue)
            try spec.requireOnly(["scope", "custom"] + languages)
            var scope = TransliterationStage.Scope.names
            if let value = spec.options["scope"] {
                guard let parsed = TransliterationStage.Scope(rawValue: value.text) else {
                    throw .invalidConfiguration("option 'scope' of stage 'transliterate' must be all or names, not '\(value.text)'", at: value.location)
                }
                scope = parsed
            }
            var schemes: [LanguageTag: TransliterationScheme] = [:]
            for language in TransliterationStage.languages {
                guard let value = spec.options[language.rawValue] else { continue }
                switch value.text {
                case "english": schemes[language] = .english
                case "bgn": schemes[language] = .bgn
                case "ascii": schemes[language] = .ascii
                case "none": schemes[language] = TransliterationScheme.none
                case "custom":
                    guard let custom = spec.options["custom"] else {
                        throw .invalidConfiguration("scheme 'custom' for \(language.rawValue) needs the option 'custom' (a rules file or an ICU ID)", at: value.location)
                    }
                    schemes[language] = .custom(try CustomRules.load(custom))
                default:
                    throw .invalidConfiguration(
                        "scheme for \(language.rawValue) must be english, bgn, ascii, custom or none, not '\(value.text)'", at: value.location)
                }
            }
            do throws(DragomanError) {
                return try TransliterationStage(scope: scope, schemes: schemes)
            } catch {
                // A custom rule file's syntax error is located in that file.
                if case .icu(let icu) = error, let custom = spec.options["custom"] {
                    throw CustomRules.locate(icu, in: custom)
                }
                throw error
            }
        },
        TranslateStage.stageName: { spec throws(DragomanError) in
            try spec.requireOnly(["engine", "command", "protocol", "escape", "marks", "timeout", "from", "to", "protect", "on_error"])
            if let engine = spec.options["engine"], engine.text != "command" {
                throw .invalidConfiguration("option 'engine' of stage 'translate' must be command, not '\(engine.text)'", at: engine.location)
            }
            guard let command = spec.options["command"] else {
                throw .invalidConfiguration("stage 'translate' needs 'command', the engine's program and arguments", at: spec.location)
            }
            var arguments = command.items ?? command.text.split(separator: " ").map(String.init)
            guard let program = arguments.first, !program.isEmpty else {
                throw .invalidConfiguration("option 'command' of stage 'translate' must name a program", at: command.location)
            }
            // A path with a slash is the config's, like its other files; a bare name is looked up in PATH.
            if program.contains("/") { arguments[0] = ConfigFiles.resolve(program, relativeTo: command.location?.path) }
            guard let target = spec.options["to"] else {
                throw .invalidConfiguration("stage 'translate' needs 'to', the language tag of the translation", at: spec.location)
            }
            func tag(_ value: StageSpec.Value) throws(DragomanError) -> String {
                let parts = value.text.split(separator: "-", omittingEmptySubsequences: false)
                guard let first = parts.first, (2...3).contains(first.count),
                    parts.allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
                else {
                    throw .invalidConfiguration("'\(value.text)' is not a language tag (e.g. uk, ru, az-Cyrl)", at: value.location)
                }
                return value.text
            }
            var options = TranslateStage.Options(command: arguments, to: try tag(target))
            if let from = spec.options["from"] { options.from = try tag(from) }
            options.framing = try spec.choice("protocol", default: .lines)
            options.escaping = try spec.choice("escape", default: .none)
            options.marks = try spec.choice("marks", default: .none)
            options.onFailure = try spec.choice("on_error", default: .fail)
            if let timeout = spec.options["timeout"] {
                guard let seconds = Double(timeout.text), seconds > 0, seconds.isFinite else {
                    throw .invalidConfiguration("option 'timeout' of stage 'translate' must be a positive number of seconds, not '\(timeout.text)'", at: timeout.location)
                }
                options.timeout = seconds
            }
            if let protect = spec.list("protect") { options.protect = Set(protect) }
            return try TranslateStage(options: options)
        },
    ])

    /// Registered names, sorted.
    public var names: [String] { factories.keys.sorted() }

    /// Adds or replaces a factory (for stages defined outside the library).
    public mutating func register(_ name: String, factory: @escaping Factory) {
        factories[name] = factory
    }

    /// Makes the stage a spec names.
    public func make(_ spec: StageSpec) throws(DragomanError) -> any Stage {
        guard let factory = factories[spec.name] else {
            throw .unknownStage(spec.name, known: names, at: spec.location)
        }
        return try factory(spec)
    }
}
