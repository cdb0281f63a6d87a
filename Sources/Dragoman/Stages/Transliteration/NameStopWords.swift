/// Words that start sentences with a capital letter without being names, per language: the
/// `names` scope leaves them alone at the start of a sentence. Function words, pronouns and the
/// most frequent sentence openers of news text; anything else capitalized counts as a name.
enum NameStopWords {
    static func contains(_ lowercased: String, language: LanguageTag) -> Bool {
        switch language {
        case .az, .azCyrl: azerbaijani.contains(lowercased)
        case .tr: turkish.contains(lowercased)
        case .hy: armenian.contains(lowercased)
        case .ru: russian.contains(lowercased)
        case .fr: french.contains(lowercased)
        case .en: english.contains(lowercased)
        }
    }

    static let azerbaijani: Set<String> = [
        "bu", "bundan", "buna", "bunun", "o", "onun", "onlar", "bir", "hər", "lakin", "amma", "ancaq", "həmçinin", "eyni",
        "ən", "son", "ilk", "yeni", "artıq", "daha", "indi", "sonra", "əvvəl", "belə", "bununla", "nazir", "agentlik",
        "agentliyin", "ölkə", "və", "ki", "də", "da", "həm", "biz", "mən", "siz", "əgər", "çünki", "hazırda",
    ]
    static let turkish: Set<String> = [
        "bu", "bir", "ancak", "fakat", "ama", "ve", "ile", "da", "de", "o", "onlar", "her", "en", "son", "ilk", "yeni",
        "daha", "şu", "böylece", "ayrıca", "öte", "yandan", "biz", "ben", "siz", "eğer", "çünkü", "şimdi", "sonra",
        "önce", "bakan", "ajans", "proje", "verilere", "öncelikli", "uzmanlar",
    ]
    static let armenian: Set<String> = [
        "և", "այս", "այդ", "այն", "նա", "նրանք", "մենք", "բայց", "սակայն", "իսկ", "որ", "երբ", "եթե", "ըստ", "մինչ",
        "նաև", "ապա", "հետո", "արդեն", "կառավարության", "փորձագետների",
    ]
    static let russian: Set<String> = [
        "в", "во", "на", "по", "с", "со", "и", "но", "а", "к", "от", "для", "из", "о", "об", "это", "как", "что", "при",
        "после", "до", "около", "за", "уже", "также", "однако", "ещё", "еще", "так", "все", "всего", "он", "она", "они",
        "мы", "этот", "эта", "эти", "его", "их", "по", "согласно", "кроме", "если", "когда", "пока", "теперь",
    ]
    static let french: Set<String> = [
        "le", "la", "les", "l", "un", "une", "des", "du", "de", "en", "au", "aux", "et", "mais", "ce", "cette", "ces",
        "il", "elle", "ils", "elles", "on", "selon", "pour", "dans", "sur", "avec", "après", "avant", "quelque", "depuis",
    ]
    static let english: Set<String> = [
        "the", "a", "an", "in", "on", "at", "for", "of", "and", "but", "this", "that", "these", "those", "it", "its",
        "he", "she", "they", "we", "i", "as", "by", "to", "from", "with", "after", "before", "when", "while", "some",
        "according", "under", "over", "since", "during", "however", "also", "all", "both", "each", "there", "if",
    ]
}
