/* search_state.h — the search screen's model: the query as typed, its
 * results (with the text and highlight spans each row shows) and the
 * anonymous record of a query without result (usage.h).
 *
 * The index (search.h) is built on the first visit. A query runs once per
 * input (key, tap, text), never per frame. A query without result is
 * recorded when it is final: when the citizen leaves the screen (or the
 * idle reset clears it) or stops typing for SEARCH_IDLE_RECORD_MS — never
 * once per keystroke on the way. */
#ifndef MODEL_SEARCH_STATE_H
#define MODEL_SEARCH_STATE_H

#include "search/search.h"
#include "text/layout.h"
#include "app.h"

#define SEARCH_RESULTS_MAX 30           /* rows shown; more asks for a longer query */
#define SEARCH_LINE_MAX 640             /* name（synonym） of one row */
#define SEARCH_TYPED_MAX 96             /* bytes a citizen can type (≈ 30 汉字) */
#define SEARCH_IDLE_RECORD_MS 3000u     /* no-result query is final after this */

typedef struct ResultRow {
	char line[SEARCH_LINE_MAX];     /* the name, plus （synonym） when matched by one */
	TextSpan spans[SEARCH_MAX_RANGES + 1];
	int n_spans;
	/* The same with a line break before （synonym）, for when the whole
	 * does not fit one line: the synonym then stays in one piece. */
	char line_br[SEARCH_LINE_MAX];  /* "" without synonym */
	TextSpan spans_br[SEARCH_MAX_RANGES + 1];
	char sub[160];                  /* department · how it matched */
} ResultRow;

typedef struct SearchState {
	SearchIndex *ix;
	char query[SEARCH_TYPED_MAX];   /* as typed (letters lower case) */
	int len;
	SearchResult res[SEARCH_RESULTS_MAX];
	ResultRow rows[SEARCH_RESULTS_MAX];
	int n_res;
	char pending[SEARCH_QUERY_MAX]; /* no-result query not yet recorded, "" if none */
	uint32_t pending_at;            /* when it was typed (clock ms) */
	Scroll scroll;                  /* the results / hint column */
} SearchState;

/* a->search, without the index (built on the first visit); 0 or -1 (out
 * of memory). search_state_fini records a pending no-result query in
 * a->usage and frees the index; search_state_reset (idle reset) records
 * it and clears the query. */
int search_state_init(App *a);
void search_state_fini(App *a);
void search_state_reset(App *a);
/* The search screen with an empty query. */
void search_state_open(App *a);
/* Append utf8 (whole characters only; ASCII letters lower-cased). */
void search_type(App *a, const char *utf8);
void search_backspace(App *a);
void search_clear(App *a);
/* Record the pending no-result query, once (leaving the screen). */
void search_record_pending(App *a);
/* Time passes: a no-result query untouched long enough is recorded. */
void search_tick(App *a);
/* ms until search_tick has something to do, or UINT32_MAX. */
uint32_t search_timeout(const App *a);

#endif
