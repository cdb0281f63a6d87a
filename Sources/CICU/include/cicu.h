// CICU: Dragoman's bridge to the system ICU (libicu-dev, ICU 72).
//
// This header deliberately exposes only plain C types. Swift cannot import ICU's own headers (their
// versioned U_ICU_ENTRY_POINT_RENAME macros do not import), and a module that exposes ICU's types
// clashes with Foundation's bundled copy of ICU as soon as both are imported. So every ICU type stays
// inside cicu.c: handles are opaque struct pointers, UChar is uint16_t, UErrorCode is int32_t.
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ICU's U_ZERO_ERROR; any value above it is a failure, below it a warning.
#define CICU_ZERO_ERROR 0
/// ICU's U_BUFFER_OVERFLOW_ERROR: the output did not fit; the call reports the length it needs.
#define CICU_BUFFER_OVERFLOW_ERROR 15

/// ICU script codes (UScriptCode) that Dragoman distinguishes; cicu.c checks them against ICU.
#define CICU_SCRIPT_COMMON 0
#define CICU_SCRIPT_INHERITED 1
#define CICU_SCRIPT_ARMENIAN 3
#define CICU_SCRIPT_CYRILLIC 8
#define CICU_SCRIPT_GREEK 14
#define CICU_SCRIPT_LATIN 25

/// The name of an ICU error code, e.g. "U_INVALID_FORMAT_ERROR". Never NULL.
const char *cicu_error_name(int32_t code);

/// The version of the ICU library linked at run time, e.g. "72.1". Writes at most `capacity` bytes.
void cicu_version(char *buffer, int32_t capacity);

/// The ICU script code of a code point (uscript_getScript); negative on error.
int32_t cicu_script_of(int32_t codePoint);

// MARK: UTF conversion (ICU's own converters; fast on whole buffers)

/// UTF-8 to UTF-16 with U+FFFD for ill-formed input. Sets *destLength to the length needed; returns
/// the ICU error code (CICU_BUFFER_OVERFLOW_ERROR when destCapacity was too small).
int32_t cicu_utf8_to_utf16(const uint8_t *src, int32_t srcLength, uint16_t *dest, int32_t destCapacity,
                           int32_t *destLength);

/// UTF-16 to UTF-8 (unpaired surrogates become U+FFFD). Same conventions as cicu_utf8_to_utf16.
int32_t cicu_utf16_to_utf8(const uint16_t *src, int32_t srcLength, uint8_t *dest, int32_t destCapacity,
                           int32_t *destLength);

// MARK: Transliteration (utrans)

typedef struct cicu_transliterator cicu_transliterator;

/// Opens a transliterator. With rules == NULL, `id` is a system ID or compound ID ("Any-Latin;
/// Latin-ASCII"); otherwise `rules` are compiled under the name `id`. direction: 0 forward, 1 reverse.
/// On a rule syntax error, *parseLine (1-based, or 0 when ICU gives none) and *parseOffset (0-based
/// within that line, or within the rules) are set. Returns the ICU error code.
int32_t cicu_translit_open(const uint16_t *id, int32_t idLength, const uint16_t *rules, int32_t rulesLength,
                           int32_t direction, cicu_transliterator **result, int32_t *parseLine,
                           int32_t *parseOffset);

/// An independent copy, safe to use on another thread. Returns the ICU error code.
int32_t cicu_translit_clone(const cicu_transliterator *t, cicu_transliterator **result);

void cicu_translit_close(cicu_transliterator *t);

/// Transliterates text[0..<*length] in place. On CICU_BUFFER_OVERFLOW_ERROR the buffer is unchanged
/// in meaning only up to ICU's contract: call again on the original text with a capacity of at
/// least *length. Returns the ICU error code.
int32_t cicu_translit_transform(const cicu_transliterator *t, uint16_t *text, int32_t *length, int32_t capacity);

/// The transliterator's ID into `dest` (UTF-16); returns the full length.
int32_t cicu_translit_id(const cicu_transliterator *t, uint16_t *dest, int32_t capacity);

// MARK: Normalization (NFC)

/// Length of the prefix of `text` that is certainly in NFC (unorm2_spanQuickCheckYes).
int32_t cicu_nfc_span_yes(const uint16_t *text, int32_t length, int32_t *errorCode);

/// NFC of text into dest; *destLength gets the length needed. Returns the ICU error code.
int32_t cicu_nfc_normalize(const uint16_t *text, int32_t length, uint16_t *dest, int32_t capacity,
                           int32_t *destLength);

/// 1 when NFC has a boundary before the code point (normalization never joins across it).
int32_t cicu_nfc_has_boundary_before(int32_t codePoint);

/// Simple case folding of one code point (u_foldCase); with `turkic` non-zero, the Turkic variant
/// (I folds to dotless ı, İ to i).
int32_t cicu_fold_case(int32_t codePoint, int32_t turkic);

/// The first code point of the canonical decomposition of `codePoint` (its base letter: ş → s,
/// й → и), or `codePoint` itself when it has none.
int32_t cicu_base_letter(int32_t codePoint);

// MARK: Number formatting (unumf) and currency data (ucurr)

typedef struct cicu_number_formatter cicu_number_formatter;

/// Opens a number formatter for an ICU number skeleton (e.g. "precision-integer", ".00") and a
/// locale ID (e.g. "en_US"). Returns the ICU error code. The formatter is immutable and may be
/// used from several threads at once.
int32_t cicu_numfmt_open(const uint16_t *skeleton, int32_t skeletonLength, const char *locale,
                         cicu_number_formatter **result);

void cicu_numfmt_close(cicu_number_formatter *formatter);

/// Formats a decimal number given as ASCII ("1234.50", no exponent) exactly, into UTF-16.
/// Sets *length to the length needed; returns the ICU error code (CICU_BUFFER_OVERFLOW_ERROR when
/// capacity was too small).
int32_t cicu_numfmt_format_decimal(const cicu_number_formatter *formatter, const char *decimal, int32_t decimalLength,
                                   uint16_t *dest, int32_t capacity, int32_t *length);

/// The same, writing UTF-8 (converted inside ICU, so the caller needs no UTF-16 round trip).
int32_t cicu_numfmt_format_decimal_utf8(const cicu_number_formatter *formatter, const char *decimal,
                                        int32_t decimalLength, uint8_t *dest, int32_t capacity, int32_t *length);

/// Kinds of currency name, as ICU's UCurrNameStyle.
#define CICU_CURRENCY_SYMBOL 0
#define CICU_CURRENCY_LONG_NAME 1
#define CICU_CURRENCY_NARROW_SYMBOL 2

/// A currency's name in a locale (CLDR data): symbol, narrow symbol or long name; with a plural
/// category ("one", "few", "many", "other"), the long name for that category. Writes UTF-16 into
/// dest; returns the length, or -1 on error.
int32_t cicu_currency_name(const char *isoCode, const char *locale, int32_t style, const char *pluralCategory,
                           uint16_t *dest, int32_t capacity);

/// The ISO 4217 codes ICU knows (with `current`, only the common ones in use: no historical codes,
/// no fund or metal codes), three ASCII letters each, written one after another into dest (no
/// separator, no terminator). Returns how many codes there are (the caller needs 3 × that many
/// bytes), or -1 on error.
int32_t cicu_currency_codes(int32_t current, char *dest, int32_t capacity);

// MARK: Sentence boundaries (ubrk)

/// The sentence boundaries of text (UAX #29 sentence breaks for `locale`, e.g. "ru"), as UTF-16
/// offsets after 0, ending with `length`. Writes at most `capacity` offsets; *count gets the number
/// found (more than capacity means call again with a larger buffer). Returns the ICU error code.
int32_t cicu_sentence_breaks(const uint16_t *text, int32_t length, const char *locale, int32_t *boundaries,
                             int32_t capacity, int32_t *count);

#ifdef __cplusplus
}
#endif

#endif
