/* pinyin.h — Mandarin readings of Han characters, for search.
 *
 * Used at build time only: `kioskctl build` loads Unicode's Unihan readings
 * (Debian package unicode-data) into a PinyinTable and stores, for every
 * item, the readings of each character of its name and synonyms in the
 * bundle. The kiosk itself then needs no dictionary (search.c reads the
 * stored columns).
 *
 * Reading-set format (the bundle columns items.pinyin, items.synonyms_pinyin;
 * parsed by search.c): one group per code point of the text, groups
 * separated by one ' '; within a group the readings, tone marks stripped,
 * plain a-z with ü written as 'v', separated by '|', most common first.
 * A code point without a reading has an empty group; an ASCII letter or
 * digit is its own reading (lower case). So "KTV行业" gives
 * "k t v xing|hang|heng ye" and "护照（新）" gives "hu zhao  xin ".
 * Initial sets (items.initials): one group per code point, ' '-separated,
 * the distinct first letters of the group's readings: "k t v xh y".
 * items.synonyms_pinyin: the reading sets of each synonym, in the order of
 * guide_synonym_next(), separated by ','. */
#ifndef CORE_PINYIN_H
#define CORE_PINYIN_H

#include <stddef.h>
#include <stdint.h>
#include "guide.h"

/* Where Debian's unicode-data package puts the readings. */
#define PINYIN_UNIHAN_PATH "/usr/share/unicode/Unihan_Readings.txt.bz2"

/* Longest reading we keep ("zhuang" is 6); longer tokens are dropped. */
#define PINYIN_MAX_SYLLABLE 7

/* Code point -> readings, loaded from a Unihan_Readings file. Immutable
 * after pinyin_load(); free with pinyin_free(). */
typedef struct PinyinTable PinyinTable;

/* Load the readings of path: Unihan_Readings.txt, bzip2-compressed or plain
 * (told apart by the "BZh" magic). Fields used, in this priority: kMandarin,
 * kHanyuPinlu, kTGHZ2013, kXHC1983 — every reading of each is kept
 * (polyphones: 行 xing|hang|heng), deduplicated after tone stripping — and
 * kHanyuPinyin only for code points none of those covers (it also lists
 * archaic readings, e.g. 能 tai, xiong, that would only add false matches). Returns NULL with "PATH: why" in err if the file is missing,
 * unreadable, or holds no readings. */
PinyinTable *pinyin_load(const char *path, char *err, size_t errlen);
void pinyin_free(PinyinTable *t);                 /* NULL is fine */

/* Number of code points that have readings. */
int pinyin_count(const PinyinTable *t);

/* Readings of cp as "xing|hang|heng", NUL-terminated, owned by t; NULL if
 * cp has none. */
const char *pinyin_readings(const PinyinTable *t, uint32_t cp);

/* Strip tones from one reading written in pinyin with tone marks ("lǜ",
 * "xíng", "ê̄"): out gets plain a-z, ü as 'v', ê as 'e'; anything else is
 * dropped. Returns the length written (out is NUL-terminated, outlen >= 1),
 * or 0 if nothing is left or it does not fit. */
size_t pinyin_strip_tone(const char *in, size_t len, char *out, size_t outlen);

/* The reading sets of text (see the format above), allocated in a.
 * Invalid UTF-8 bytes count as code points without a reading. */
char *pinyin_annotate(const PinyinTable *t, const char *text, size_t len, Arena *a);

/* The initial sets for reading sets made by pinyin_annotate(), in a. */
char *pinyin_initials(const char *reading_sets, Arena *a);

/* Fill pinyin, initials and synonyms_pinyin of every item of g (strings in
 * g's arena). */
void pinyin_fill_guide(const PinyinTable *t, Guide *g);

#endif
