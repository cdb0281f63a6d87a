// The only file in Dragoman that includes ICU headers. See include/cicu.h for why.
#include "cicu.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ucurr.h>
#include <unicode/uenum.h>
#include <unicode/unumberformatter.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

_Static_assert(CICU_ZERO_ERROR == U_ZERO_ERROR, "U_ZERO_ERROR");
_Static_assert(CICU_BUFFER_OVERFLOW_ERROR == U_BUFFER_OVERFLOW_ERROR, "U_BUFFER_OVERFLOW_ERROR");
_Static_assert(CICU_SCRIPT_COMMON == USCRIPT_COMMON, "USCRIPT_COMMON");
_Static_assert(CICU_SCRIPT_INHERITED == USCRIPT_INHERITED, "USCRIPT_INHERITED");
_Static_assert(CICU_SCRIPT_ARMENIAN == USCRIPT_ARMENIAN, "USCRIPT_ARMENIAN");
_Static_assert(CICU_SCRIPT_CYRILLIC == USCRIPT_CYRILLIC, "USCRIPT_CYRILLIC");
_Static_assert(CICU_SCRIPT_GREEK == USCRIPT_GREEK, "USCRIPT_GREEK");
_Static_assert(CICU_SCRIPT_LATIN == USCRIPT_LATIN, "USCRIPT_LATIN");
_Static_assert(sizeof(UChar) == sizeof(uint16_t), "UChar is 16 bits");

const char *cicu_error_name(int32_t code) { return u_errorName((UErrorCode)code); }

void cicu_version(char *buffer, int32_t capacity) {
    UVersionInfo info;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(info);
    u_versionToString(info, text);
    if (capacity <= 0) return;
    strncpy(buffer, text, (size_t)capacity - 1);
    buffer[capacity - 1] = 0;
}

int32_t cicu_script_of(int32_t codePoint) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript((UChar32)codePoint, &status);
    return U_FAILURE(status) ? -1 : (int32_t)script;
}

int32_t cicu_utf8_to_utf16(const uint8_t *src, int32_t srcLength, uint16_t *dest, int32_t destCapacity,
                           int32_t *destLength) {
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8WithSub((UChar *)dest, destCapacity, destLength, (const char *)src, srcLength, 0xFFFD, NULL,
                         &status);
    return (int32_t)status;
}

int32_t cicu_utf16_to_utf8(const uint16_t *src, int32_t srcLength, uint8_t *dest, int32_t destCapacity,
                           int32_t *destLength) {
    UErrorCode status = U_ZERO_ERROR;
    u_strToUTF8WithSub((char *)dest, destCapacity, destLength, (const UChar *)src, srcLength, 0xFFFD, NULL,
                       &status);
    return (int32_t)status;
}

int32_t cicu_translit_open(const uint16_t *id, int32_t idLength, const uint16_t *rules, int32_t rulesLength,
                           int32_t direction, cicu_transliterator **result, int32_t *parseLine,
                           int32_t *parseOffset) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parseError;
    memset(&parseError, 0, sizeof parseError);
    UTransliterator *t = utrans_openU((const UChar *)id, idLength,
                                      direction == 0 ? UTRANS_FORWARD : UTRANS_REVERSE, (const UChar *)rules,
                                      rules == NULL ? 0 : rulesLength, &parseError, &status);
    *parseLine = parseError.line;
    *parseOffset = parseError.offset;
    if (U_FAILURE(status)) {
        if (t != NULL) utrans_close(t);
        *result = NULL;
    } else {
        *result = (cicu_transliterator *)t;
    }
    return (int32_t)status;
}

int32_t cicu_translit_clone(const cicu_transliterator *t, cicu_transliterator **result) {
    UErrorCode status = U_ZERO_ERROR;
    UTransliterator *copy = utrans_clone((const UTransliterator *)t, &status);
    *result = U_FAILURE(status) ? NULL : (cicu_transliterator *)copy;
    return (int32_t)status;
}

void cicu_translit_close(cicu_transliterator *t) {
    if (t != NULL) utrans_close((UTransliterator *)t);
}

int32_t cicu_translit_transform(const cicu_transliterator *t, uint16_t *text, int32_t *length, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t limit = *length;
    utrans_transUChars((const UTransliterator *)t, (UChar *)text, length, capacity, 0, &limit, &status);
    return (int32_t)status;
}

int32_t cicu_translit_id(const cicu_transliterator *t, uint16_t *dest, int32_t capacity) {
    int32_t length = 0;
    const UChar *id = utrans_getUnicodeID((const UTransliterator *)t, &length);
    if (dest != NULL && capacity > 0) {
        memcpy(dest, id, sizeof(UChar) * (size_t)(length < capacity ? length : capacity));
    }
    return length;
}

static const UNormalizer2 *nfc(UErrorCode *status) { return unorm2_getNFCInstance(status); }

int32_t cicu_nfc_span_yes(const uint16_t *text, int32_t length, int32_t *errorCode) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = nfc(&status);
    int32_t span = U_SUCCESS(status) ? unorm2_spanQuickCheckYes(n, (const UChar *)text, length, &status) : 0;
    *errorCode = (int32_t)status;
    return span;
}

int32_t cicu_nfc_normalize(const uint16_t *text, int32_t length, uint16_t *dest, int32_t capacity,
                           int32_t *destLength) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = nfc(&status);
    if (U_FAILURE(status)) return (int32_t)status;
    *destLength = unorm2_normalize(n, (const UChar *)text, length, (UChar *)dest, capacity, &status);
    return (int32_t)status;
}

int32_t cicu_nfc_has_boundary_before(int32_t codePoint) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = nfc(&status);
    return U_SUCCESS(status) && unorm2_hasBoundaryBefore(n, (UChar32)codePoint) ? 1 : 0;
}

int32_t cicu_fold_case(int32_t codePoint, int32_t turkic) {
    return (int32_t)u_foldCase((UChar32)codePoint, turkic ? U_FOLD_CASE_EXCLUDE_SPECIAL_I : U_FOLD_CASE_DEFAULT);
}

int32_t cicu_base_letter(int32_t codePoint) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
    if (U_FAILURE(status)) return codePoint;
    UChar buffer[8];
    int32_t length = unorm2_getDecomposition(nfd, (UChar32)codePoint, buffer, 8, &status);
    if (U_FAILURE(status) || length <= 0) return codePoint;
    UChar32 first;
    int32_t index = 0;
    U16_NEXT(buffer, index, length, first);
    return (int32_t)first;
}

int32_t cicu_numfmt_open(const uint16_t *skeleton, int32_t skeletonLength, const char *locale,
                         cicu_number_formatter **result) {
    UErrorCode status = U_ZERO_ERROR;
    UNumberFormatter *formatter =
        unumf_openForSkeletonAndLocale((const UChar *)skeleton, skeletonLength, locale, &status);
    if (U_FAILURE(status)) {
        if (formatter != NULL) unumf_close(formatter);
        *result = NULL;
    } else {
        *result = (cicu_number_formatter *)formatter;
    }
    return (int32_t)status;
}

void cicu_numfmt_close(cicu_number_formatter *formatter) {
    if (formatter != NULL) unumf_close((UNumberFormatter *)formatter);
}

int32_t cicu_numfmt_format_decimal(const cicu_number_formatter *formatter, const char *decimal, int32_t decimalLength,
                                   uint16_t *dest, int32_t capacity, int32_t *length) {
    UErrorCode status = U_ZERO_ERROR;
    UFormattedNumber *result = unumf_openResult(&status);
    if (U_FAILURE(status)) return (int32_t)status;
    unumf_formatDecimal((const UNumberFormatter *)formatter, decimal, decimalLength, result, &status);
    if (U_SUCCESS(status)) {
        *length = unumf_resultToString(result, (UChar *)dest, capacity, &status);
    }
    unumf_closeResult(result);
    return (int32_t)status;
}

int32_t cicu_numfmt_format_decimal_utf8(const cicu_number_formatter *formatter, const char *decimal,
                                        int32_t decimalLength, uint8_t *dest, int32_t capacity, int32_t *length) {
    // Most amounts fit on the stack; a longer one (a 500-digit number) gets a buffer of its size.
    UChar stackUnits[128];
    UChar *units = stackUnits;
    int32_t unitCount = 0;
    int32_t status = cicu_numfmt_format_decimal(formatter, decimal, decimalLength, units, 128, &unitCount);
    if (status == U_BUFFER_OVERFLOW_ERROR && unitCount > 0) {
        units = (UChar *)malloc(sizeof(UChar) * (size_t)(unitCount + 1));
        if (units == NULL) return (int32_t)U_MEMORY_ALLOCATION_ERROR;
        status = cicu_numfmt_format_decimal(formatter, decimal, decimalLength, units, unitCount + 1, &unitCount);
    }
    if (status > U_ZERO_ERROR) {
        if (units != stackUnits) free(units);
        return status;
    }
    // A dest too small gives U_BUFFER_OVERFLOW_ERROR with the needed length in *length.
    UErrorCode conversion = U_ZERO_ERROR;
    u_strToUTF8((char *)dest, capacity, length, units, unitCount, &conversion);
    if (units != stackUnits) free(units);
    return (int32_t)conversion;
}

int32_t cicu_currency_name(const char *isoCode, const char *locale, int32_t style, const char *pluralCategory,
                           uint16_t *dest, int32_t capacity) {
    UChar code[4];
    for (int i = 0; i < 3; i++) {
        if (isoCode[i] == 0) return -1;
        code[i] = (UChar)isoCode[i];
    }
    code[3] = 0;
    UErrorCode status = U_ZERO_ERROR;
    UBool isChoiceFormat = 0;
    int32_t length = 0;
    const UChar *name;
    if (pluralCategory != NULL) {
        name = ucurr_getPluralName(code, locale, &isChoiceFormat, pluralCategory, &length, &status);
    } else {
        UCurrNameStyle nameStyle = style == CICU_CURRENCY_LONG_NAME ? UCURR_LONG_NAME
                                   : style == CICU_CURRENCY_NARROW_SYMBOL ? UCURR_NARROW_SYMBOL_NAME
                                                                          : UCURR_SYMBOL_NAME;
        name = ucurr_getName(code, locale, nameStyle, &isChoiceFormat, &length, &status);
    }
    if (U_FAILURE(status) || name == NULL) return -1;
    if (length > capacity) return length;
    memcpy(dest, name, sizeof(UChar) * (size_t)length);
    return length;
}

int32_t cicu_currency_codes(int32_t current, char *dest, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UEnumeration *codes = ucurr_openISOCurrencies(current ? UCURR_COMMON | UCURR_NON_DEPRECATED : UCURR_ALL, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = 0;
    int32_t length = 0;
    const char *code;
    while ((code = uenum_next(codes, &length, &status)) != NULL && U_SUCCESS(status)) {
        if (length != 3) continue;
        if ((count + 1) * 3 <= capacity) memcpy(dest + count * 3, code, 3);
        count += 1;
    }
    uenum_close(codes);
    return U_FAILURE(status) ? -1 : count;
}

int32_t cicu_sentence_breaks(const uint16_t *text, int32_t length, const char *locale, int32_t *boundaries,
                             int32_t capacity, int32_t *count) {
    UErrorCode status = U_ZERO_ERROR;
    *count = 0;
    // ICU caches the compiled sentence rules, so an open per call costs a copy, not a rule build,
    // and needs no handle shared between threads.
    UBreakIterator *iterator = ubrk_open(UBRK_SENTENCE, locale, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return status;
    ubrk_first(iterator);
    for (int32_t boundary = ubrk_next(iterator); boundary != UBRK_DONE; boundary = ubrk_next(iterator)) {
        if (*count < capacity) boundaries[*count] = boundary;
        *count += 1;
    }
    ubrk_close(iterator);
    return U_ZERO_ERROR;
}
