/* search.h — find items by pinyin, Chinese text, code, synonym or text of
 * the guide, for the search screen's results list.
 *
 * One SearchIndex holds, in memory, every item name and synonym of a Guide
 * loaded with bundle_load_index() with their per-character readings (the
 * bundle's pinyin columns, see pinyin.h), so each keystroke is answered
 * without SQL — except the lowest kind of match, text of the guide, which
 * asks the bundle's trigram index (bundle_text_search) when the query has
 * at least 3 characters and the better kinds left room in the results.
 *
 * What a query matches (letters are case-insensitive; spaces and
 * apostrophes in the query are ignored; full-width ASCII counts as ASCII):
 *   - Chinese (or any) text: a substring of the name or a synonym, any
 *     length from one character;
 *   - pinyin, no tones, syllables run together: each character of a run of
 *     consecutive characters takes a non-empty prefix of one of its
 *     readings — full pinyin "yingyezhizhao", its prefixes "yingye" "yingy",
 *     initials "yyzz", or mixed "yyzhizhao". Polyphones match by every
 *     reading (行 as xing and as hang); 'v' or 'u' types ü (绿 lv, lu).
 *     Characters without a reading (punctuation) inside a run are skipped.
 *   - item codes: the whole code, or a fragment when the query has a digit
 *     or '-' ("SCJG-XK-002", "xk-002", "002").
 * Ranking, best first: SEARCH_EXACT > SEARCH_PREFIX > SEARCH_INITIALS >
 * SEARCH_SUBSTRING > SEARCH_CODE > SEARCH_SYNONYM > SEARCH_TEXT; within one
 * kind by popularity (热度) descending, then code. */
#ifndef CORE_SEARCH_H
#define CORE_SEARCH_H

#include "store/bundle.h"
#include "guide/guide.h"

/* What made an item a result; smaller is better. */
typedef enum SearchMatch {
	SEARCH_EXACT = 0,      /* the name is the query: same text, or all of its full pinyin; or the code */
	SEARCH_PREFIX,         /* the name starts with the query (text, or pinyin from its first character) */
	SEARCH_INITIALS,       /* initials of consecutive characters of the name ("yyzz") */
	SEARCH_SUBSTRING,      /* text or pinyin inside the name */
	SEARCH_CODE,           /* a fragment of the item code */
	SEARCH_SYNONYM,        /* text or pinyin of a synonym (同义词) */
	SEARCH_TEXT,           /* text of the guide: basis, conditions, materials */
	SEARCH_NMATCH
} SearchMatch;

#define SEARCH_MAX_RANGES 4
#define SEARCH_QUERY_MAX 256        /* longer queries are cut (at a character boundary) */

/* A byte range [start, end) of a string, at UTF-8 character boundaries. */
typedef struct SearchRange {
	int start, end;
} SearchRange;

/* One result. Pointers point into the Guide the index was built from (or
 * the index itself for synonym) and stay valid while both live. */
typedef struct SearchResult {
	const Item *item;
	const Dept *dept;               /* the item's department (name, short_name) */
	const char *code;               /* = item->code */
	const char *name;               /* = item->name */
	const char *dept_code;          /* = dept->code */
	const char *dept_short_name;    /* = dept->short_name */
	int popularity;                 /* = item->popularity */
	SearchMatch match;
	SearchRange name_ranges[SEARCH_MAX_RANGES]; /* matched parts of name, to highlight */
	int n_name_ranges;              /* 0 unless match <= SEARCH_SUBSTRING */
	const char *synonym;            /* SEARCH_SYNONYM: the synonym that matched (NUL-terminated); else NULL */
	SearchRange synonym_range;      /* ...and the matched part of it */
} SearchResult;

/* The in-memory index of one guide. */
typedef struct SearchIndex SearchIndex;

/* Build the index of every item of g (from bundle_load_index(), or any
 * Guide whose items have the pinyin columns; without them only text and
 * codes match). b is the bundle g was loaded from, used for text-of-guide
 * matches; NULL leaves those out. g and b must outlive the index. Returns
 * NULL only when out of memory. Costs ~25 ms per 10,000 items. */
SearchIndex *search_index_build(const Guide *g, Bundle *b);
void search_index_free(SearchIndex *ix);          /* NULL is fine */

/* Run query and write up to max results, best first, into out. Returns the
 * number written (0: no result, or an empty query). Allocates nothing once
 * the index has served a query with this max or larger; not thread-safe
 * (one index per thread). */
int search_query(SearchIndex *ix, const char *query, SearchResult *out, int max);

/* The normalised form of the last query (lower case, no spaces), as
 * matched; what a no-result log should record. Owned by ix. */
const char *search_last_query(const SearchIndex *ix);

#endif
