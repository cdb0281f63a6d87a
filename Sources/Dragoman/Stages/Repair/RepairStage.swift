/// Repairs text the way scraped news arrives broken, before any other stage reads it.
///
/// In order, each repair an annotation with `data.kind`:
/// 1. `escape`, `entity`: Markdown/scraper backslash escapes (`\$` → `$`, any ASCII punctuation, as
///    CommonMark defines them) and HTML character references (`&euro;`, `&#8364;`, `&#x20AC;`).
/// 2. `mojibake`: UTF-8 that was read as Windows-1252, Windows-1254 or Latin-1 (`â‚¬` → `€`,
///    `KÉ™lbÉ™cÉ™r` → `Kəlbəcər`), only where each repaired character is one these languages use.
/// 3. `nfc`: Unicode Normalization Form C (`c` + U+0327 → `ç`).
/// 4. Inside words: `schwa` look-alikes in Latin words (`ǝ` U+01DD, Cyrillic `ә`, and `ä` in
///    Azerbaijani records → `ə`); `homoglyph`: Cyrillic letters inside Latin words and Latin letters
///    inside Cyrillic words (`Aghdаm` with Cyrillic а → `Aghdam`); `invisible`: zero-width characters
///    and soft hyphens between letters.
/// 5. `spaces`: a run of spaces between two words collapses to one.
///
/// Nothing else changes: quotes, apostrophes, dashes, no-break and narrow spaces (number separators
/// the money stage reads, and French typography) stay as they are.
///
/// Before: `Le don de &euro;400,000 Ã  KÉ™lbÉ™cÉ™r` — after: `Le don de €400,000 à Kəlbəcər`.
public struct RepairStage: Stage {
    /// Which repairs run; all by default.
    public struct Options: Sendable, Hashable {
        public var escapes = true
        public var entities = true
        public var mojibake = true
        public var nfc = true
        public var schwa = true
        public var homoglyphs = true
        public var invisibles = true
        public var spaces = true

        public init() {}
    }

    public static let stageName = "repair"
    public var name: String { Self.stageName }
    /// The spans it reads: none.
    public var readsMarks: Set<String>? { [] }
    public let options: Options
    private let passes: Pipeline

    public init(options: Options = Options()) {
        self.options = options
        var passes: [any Stage] = []
        if options.escapes || options.entities {
            passes.append(EscapeRepair(escapes: options.escapes, entities: options.entities))
        }
        if options.mojibake { passes.append(MojibakeRepair()) }
        if options.nfc { passes.append(NFCRepair()) }
        if options.schwa || options.homoglyphs || options.invisibles {
            passes.append(LetterRepair(schwa: options.schwa, homoglyphs: options.homoglyphs, invisibles: options.invisibles))
        }
        if options.spaces { passes.append(SpaceRepair()) }
        self.passes = Pipeline(passes, name: Self.stageName)
    }

    public func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        try passes.apply(to: text, context: context)
    }
}
