/* test_bundle.c — the bundle builder and reader: build → read back equals
 * the sources, identical input gives identical bytes, a failed build leaves
 * the old file untouched, and bad files are refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <cmocka.h>
#include <cJSON.h>
#include <sqlite3.h>
#include "store/bundle.h"
#include "store/export.h"
#include "guide/source.h"

static char dir[256];

static int setup(void **state)
{
	snprintf(dir, sizeof dir, "/tmp/kiosk-test-bundle-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static Guide *load_sample(SourceInfo *info)
{
	Diags d = { 0 };
	Guide *g = source_load_dir("tests/data/guides/ok", info, &d);
	assert_non_null(g);
	assert_int_equal(d.n, 0);
	diags_free(&d);
	return g;
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc(len + 1);
	assert_int_equal(fread(buf, 1, len, f), (size_t)len);
	buf[len] = 0;
	fclose(f);
	*n = (size_t)len;
	return buf;
}

static char *json_of(const Guide *g, size_t *n)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, n);
	export_json(f, g, NULL);
	fclose(f);
	return buf;
}

static void test_bundle_should_read_back_what_the_sources_say(void **state)
{
	SourceInfo info;
	Guide *src = load_sample(&info);
	char path[300], err[256];
	snprintf(path, sizeof path, "%s/g.db", dir);
	BundleWriteOpts o = { .version = 20260101120000LL, .source_hash = info.hash };
	assert_int_equal(bundle_write(src, path, &o, err, sizeof err), 0);

	Bundle *b = bundle_open_readonly(path, err, sizeof err);
	assert_non_null(b);
	const BundleMeta *m = bundle_meta(b);
	assert_int_equal(m->schema_version, BUNDLE_SCHEMA_VERSION);
	assert_true(m->bundle_version == 20260101120000LL);
	assert_string_equal(m->built_at, "2026-01-01T12:00:00Z");
	assert_string_equal(m->source_hash, info.hash);
	assert_int_equal(m->n_departments, 2);
	assert_int_equal(m->n_items, 3);
	Guide *back = bundle_load_all(b, err, sizeof err);
	assert_non_null(back);
	/* The JSON of both guides is the same text: every field round-trips. */
	size_t n1, n2;
	char *j1 = json_of(src, &n1), *j2 = json_of(back, &n2);
	assert_string_equal(j1, j2);
	assert_non_null(strstr(j1, "\"conditions\":\t\"1. 条件一。\\n2. 条件二。\""));
	assert_non_null(strstr(j1, "\"legal_days\":\t20,"));
	assert_non_null(strstr(j1, "\"promised_days\":\t10,"));
	free(j1);
	free(j2);

	/* One item loaded on its own equals the same item in the full load. */
	Arena a = { 0 };
	Item *it = bundle_load_item(b, "T-AA-001", &a, err, sizeof err);
	assert_non_null(it);
	assert_string_equal(it->name, "甲事项一");
	assert_int_equal(it->n_materials, 3);
	assert_string_equal(it->materials[1].name, "身份证");
	assert_int_equal(it->materials[1].copies, 2);
	assert_int_equal(it->n_steps, 2);
	assert_null(bundle_load_item(b, "NOPE", &a, err, sizeof err));
	assert_non_null(strstr(err, "NOPE"));
	arena_free(&a);

	/* The index has summaries only. */
	Guide *idx = bundle_load_index(b, err, sizeof err);
	assert_non_null(idx);
	assert_int_equal(idx->n_items, 3);
	assert_string_equal(idx->depts[1].items[0].basis, "");
	assert_string_equal(idx->depts[1].items[0].name, "甲事项一");
	guide_free(idx);
	guide_free(back);
	guide_free(src);
	bundle_close(b);
}

static void test_bundle_should_be_byte_identical_for_identical_input(void **state)
{
	SourceInfo info;
	Guide *g = load_sample(&info);
	char p1[300], p2[300], err[256];
	snprintf(p1, sizeof p1, "%s/one.db", dir);
	snprintf(p2, sizeof p2, "%s/two.db", dir);
	BundleWriteOpts o = { .version = 20260101120000LL, .source_hash = info.hash };
	assert_int_equal(bundle_write(g, p1, &o, err, sizeof err), 0);
	assert_int_equal(bundle_write(g, p2, &o, err, sizeof err), 0);
	size_t n1, n2;
	char *a = slurp(p1, &n1), *b = slurp(p2, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	/* ...and a different version gives a different file. */
	o.version++;
	assert_int_equal(bundle_write(g, p2, &o, err, sizeof err), 0);
	free(b);
	b = slurp(p2, &n2);
	assert_true(n1 != n2 || memcmp(a, b, n1) != 0);
	free(a);
	free(b);
	guide_free(g);
}

static int count_temp_files(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d)))
		if (strstr(e->d_name, ".tmp.")) n++;
	closedir(d);
	return n;
}

static void test_bundle_should_leave_the_old_file_when_a_build_fails_half_way(void **state)
{
	SourceInfo info;
	Guide *g = load_sample(&info);
	char path[300], err[256];
	snprintf(path, sizeof path, "%s/current.db", dir);
	FILE *f = fopen(path, "w");
	fputs("OLD BUNDLE", f);
	fclose(f);
	/* Two items with one code: the insert of the second fails after the
	 * first department and item were already written. */
	Dept *dp = &g->depts[1];
	dp->items[1].code = dp->items[0].code;
	BundleWriteOpts o = { .version = 1, .source_hash = "" };
	assert_int_equal(bundle_write(g, path, &o, err, sizeof err), -1);
	assert_non_null(strstr(err, "T-AA-001"));
	size_t n;
	char *s = slurp(path, &n);
	assert_string_equal(s, "OLD BUNDLE");
	assert_int_equal(count_temp_files(), 0);
	free(s);
	guide_free(g);
}

static void test_bundle_should_refuse_files_that_are_not_bundles(void **state)
{
	char path[300], err[256];
	snprintf(path, sizeof path, "%s/junk.db", dir);
	FILE *f = fopen(path, "w");
	fputs("this is not sqlite", f);
	fclose(f);
	assert_null(bundle_open_readonly(path, err, sizeof err));
	assert_non_null(strstr(err, path));
	snprintf(path, sizeof path, "%s/missing.db", dir);
	assert_null(bundle_open_readonly(path, err, sizeof err));
	assert_non_null(strstr(err, "missing.db"));
}

static void test_bundle_should_refuse_another_schema_version(void **state)
{
	SourceInfo info;
	Guide *g = load_sample(&info);
	char path[300], err[256], cmd[600];
	snprintf(path, sizeof path, "%s/v.db", dir);
	BundleWriteOpts o = { .version = 1, .source_hash = "" };
	assert_int_equal(bundle_write(g, path, &o, err, sizeof err), 0);
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"UPDATE meta SET value='99' WHERE key='schema_version'\"", path);
	assert_int_equal(system(cmd), 0);
	assert_null(bundle_open_readonly(path, err, sizeof err));
	assert_non_null(strstr(err, "unsupported schema version 99"));
	guide_free(g);
}

static int collect_rank(void *ctx, int rank)
{
	int *v = ctx;
	v[++v[0]] = rank;
	return v[0] >= 7;
}

/* Schema 2: the pinyin columns round-trip, and item_text finds the text of
 * the guide by substring, best rank (popularity, then code) first. */
static void test_bundle_should_keep_pinyin_columns_and_text_index(void **state)
{
	SourceInfo info;
	Guide *g = load_sample(&info);
	char path[300], err[256];
	snprintf(path, sizeof path, "%s/p.db", dir);
	Item *it = &g->depts[1].items[0];             /* T-AA-001 甲事项一, 热度 50 */
	it->pinyin = "jia shi xiang yi";
	it->initials = "j s x y";
	it->synonyms_pinyin = "jia zheng,jia xu ke";
	BundleWriteOpts o = { .version = 1, .source_hash = "" };
	assert_int_equal(bundle_write(g, path, &o, err, sizeof err), 0);
	Bundle *b = bundle_open_readonly(path, err, sizeof err);
	assert_non_null(b);
	Guide *idx = bundle_load_index(b, err, sizeof err);
	assert_non_null(idx);
	const Item *back = guide_find_item(idx, "T-AA-001");
	assert_string_equal(back->pinyin, "jia shi xiang yi");
	assert_string_equal(back->initials, "j s x y");
	assert_string_equal(back->synonyms_pinyin, "jia zheng,jia xu ke");
	assert_string_equal(guide_find_item(idx, "T-AA-002")->synonyms_pinyin, "");
	/* 条件一 is in T-AA-001's conditions only; 身份证 in its materials. */
	int v[8] = { 0 };
	assert_int_equal(bundle_text_search(b, "条件一", collect_rank, v, err, sizeof err), 1);
	int rank_of_001 = v[1];
	v[0] = 0;
	assert_int_equal(bundle_text_search(b, "身份证", collect_rank, v, err, sizeof err), 1);
	assert_int_equal(v[1], rank_of_001);
	/* Shorter than a trigram: nothing, and no error. */
	assert_int_equal(bundle_text_search(b, "条件", collect_rank, v, err, sizeof err), 0);
	/* Quotes in the query are data, not FTS syntax. */
	assert_true(bundle_text_search(b, "\"OR\" *", collect_rank, v, err, sizeof err) >= 0);
	guide_free(idx);
	bundle_close(b);
	guide_free(g);
}

/* Issue 15: a 说明 of any length reaches the export whole (a 512-byte
 * buffer once cut it mid-character), and a legal 未规定 round-trips
 * through the bundle and exports as null days. */
static void test_bundle_should_export_long_notes_and_unset_legal_limits(void **state)
{
	SourceInfo info;
	Guide *src = load_sample(&info);
	Item *it = &src->depts[0].items[0];
	char note[1200] = "";
	while (strlen(note) + 3 < 900) strcat(note, "备");   /* 300 three-byte characters */
	it->time_limit.note = note;
	it->time_limit.legal = (TimeValue){ TL_UNSET, 0 };
	it->time_limit.promised = (TimeValue){ TL_IMMEDIATE, 0 };
	char path[300], err[256];
	snprintf(path, sizeof path, "%s/long.db", dir);
	BundleWriteOpts o = { .version = 20260101120000LL, .source_hash = info.hash };
	assert_int_equal(bundle_write(src, path, &o, err, sizeof err), 0);
	Bundle *b = bundle_open_readonly(path, err, sizeof err);
	assert_non_null(b);
	Guide *back = bundle_load_all(b, err, sizeof err);
	assert_non_null(back);
	size_t n;
	char *j = json_of(back, &n);
	cJSON *root = cJSON_Parse(j);
	assert_non_null(root);
	cJSON *item = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(
		cJSON_GetObjectItem(root, "departments"), 0), "items"), 0);
	cJSON *tl = cJSON_GetObjectItem(item, "time_limit");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(tl, "legal_days")));
	assert_string_equal(cJSON_GetObjectItem(tl, "legal")->valuestring, "法律法规未规定");
	const char *text = cJSON_GetObjectItem(tl, "text")->valuestring;
	assert_true(strlen(text) > strlen(note));
	assert_string_equal(text + strlen(text) - strlen(note), note);
	cJSON_Delete(root);
	free(j);
	guide_free(back);
	bundle_close(b);
	guide_free(src);
}

/* n copies of every item of src (codes and names numbered), each with a
 * basis of about basis_len bytes: a bundle bigger than SQLite's caches. */
static Guide *copies_of(const Guide *src, int n, size_t basis_len)
{
	Guide *g = calloc(1, sizeof *g);
	assert_non_null(g);
	static const char unit[] = "设定依据：第十二条。";
	char *basis = arena_alloc(&g->arena, basis_len + sizeof unit);
	for (size_t at = 0; at < basis_len; at += sizeof unit - 1) memcpy(basis + at, unit, sizeof unit);
	g->n_depts = src->n_depts;
	g->depts = arena_alloc(&g->arena, (size_t)src->n_depts * sizeof *g->depts);
	for (int d = 0; d < src->n_depts; d++) {
		Dept *dp = &g->depts[d];
		*dp = src->depts[d];
		dp->n_items = src->depts[d].n_items * n;
		dp->items = arena_alloc(&g->arena, (size_t)dp->n_items * sizeof *dp->items);
		for (int i = 0; i < dp->n_items; i++) {
			Item *it = &dp->items[i];
			*it = src->depts[d].items[i % src->depts[d].n_items];
			char buf[256];
			snprintf(buf, sizeof buf, "%s-%05d", it->code, i);
			it->code = arena_strdup(&g->arena, buf);
			snprintf(buf, sizeof buf, "%s%d", it->name, i);
			it->name = arena_strdup(&g->arena, buf);
			it->basis = basis;
		}
		g->n_items += dp->n_items;
	}
	return g;
}

static void test_bundle_index_should_share_repeated_fields_and_leave_the_cache_empty(void **state)
{
	SourceInfo info;
	Guide *src = load_sample(&info);
	Guide *big = copies_of(src, 400, 2400);
	char path[300], err[256];
	snprintf(path, sizeof path, "%s/big.db", dir);
	BundleWriteOpts o = { .version = 20260101120000LL, .source_hash = "" };
	assert_int_equal(bundle_write(big, path, &o, err, sizeof err), 0);
	size_t n;
	free(slurp(path, &n));
	assert_true(n > 3u << 20);          /* more than SQLite's default 2 MB cache */

	Bundle *b = bundle_open_readonly(path, err, sizeof err);
	assert_non_null(b);
	sqlite3_int64 before = sqlite3_memory_used();
	Guide *idx = bundle_load_index(b, err, sizeof err);
	assert_non_null(idx);
	/* What the load read is not kept in SQLite's page cache. */
	assert_true(sqlite3_memory_used() - before < 256 * 1024);
	Guide *all = bundle_load_all(b, err, sizeof err);
	assert_non_null(all);
	assert_int_equal(idx->n_items, big->n_items);
	for (int d = 0; d < idx->n_depts; d++)
		for (int i = 0; i < idx->depts[d].n_items; i++) {
			const Item *x = &idx->depts[d].items[i], *y = &all->depts[d].items[i];
			/* every summary field as in the full load; no long texts */
			assert_string_equal(x->code, y->code);
			assert_string_equal(x->name, y->name);
			assert_string_equal(x->type, y->type);
			assert_string_equal(x->target, y->target);
			assert_string_equal(x->dept_code, y->dept_code);
			assert_string_equal(x->location, y->location);
			assert_string_equal(x->hours, y->hours);
			assert_string_equal(x->phone, y->phone);
			assert_string_equal(x->url, y->url);
			assert_string_equal(x->synonyms, y->synonyms);
			assert_string_equal(x->time_limit.note, y->time_limit.note);
			assert_string_equal(x->pinyin, y->pinyin);
			assert_string_equal(x->initials, y->initials);
			assert_string_equal(x->synonyms_pinyin, y->synonyms_pinyin);
			assert_int_equal(x->visits, y->visits);
			assert_int_equal(x->popularity, y->popularity);
			assert_int_equal(x->time_limit.legal.n, y->time_limit.legal.n);
			assert_int_equal(x->time_limit.promised.unit, y->time_limit.promised.unit);
			assert_string_equal(x->basis, "");
			assert_string_equal(x->conditions, "");
			assert_string_equal(x->fees, "");
			assert_true(strlen(y->basis) >= 2400);
			/* equal strings of the index are one copy */
			const Item *first = &idx->depts[d].items[i % src->depts[d].n_items];
			assert_ptr_equal(x->location, first->location);
			assert_ptr_equal(x->hours, first->hours);
			assert_ptr_equal(x->type, first->type);
		}
	guide_free(all);
	guide_free(idx);
	bundle_close(b);
	guide_free(big);
	guide_free(src);
}

/* Run one statement on the bundle at path (it is written by the test). */
static void sql(const char *path, const char *stmt)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, stmt, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static int cmp_rank(const void *x_, const void *y_)
{
	const Item *x = *(const Item *const *)x_, *y = *(const Item *const *)y_;
	if (x->popularity != y->popularity) return x->popularity > y->popularity ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* The start-up load in two steps: the front (departments, no items, and
 * the popular items in rank order), then the items, which attached make
 * exactly the index. */
static void test_bundle_front_should_give_departments_and_popular_items_before_the_rest(void **state)
{
	SourceInfo info;
	Guide *src = load_sample(&info);
	char path[300], err[256];
	snprintf(path, sizeof path, "%s/f.db", dir);
	BundleWriteOpts o = { .version = 20260101120000LL, .source_hash = info.hash };
	assert_int_equal(bundle_write(src, path, &o, err, sizeof err), 0);
	Bundle *b = bundle_open_readonly(path, err, sizeof err);
	assert_non_null(b);
	Guide *idx = bundle_load_index(b, err, sizeof err);
	assert_non_null(idx);
	const Item *ranked[8];
	int n = 0;
	for (int d = 0; d < idx->n_depts; d++)
		for (int i = 0; i < idx->depts[d].n_items; i++) ranked[n++] = &idx->depts[d].items[i];
	assert_int_equal(n, 3);
	qsort(ranked, (size_t)n, sizeof *ranked, cmp_rank);
	assert_int_equal(ranked[0]->popularity, 50);

	const Item *pop[BUNDLE_POPULAR_MAX];
	int n_pop = 99;
	Guide *g = bundle_load_front(b, pop, 6, &n_pop, err, sizeof err);
	assert_non_null(g);
	assert_int_equal(n_pop, 3);                 /* all 3: fewer than asked */
	for (int k = 0; k < n_pop; k++) {
		assert_string_equal(pop[k]->code, ranked[k]->code);
		assert_string_equal(pop[k]->name, ranked[k]->name);
		assert_string_equal(pop[k]->dept_code, ranked[k]->dept_code);
		assert_string_equal(pop[k]->basis, "");     /* a summary */
	}
	assert_int_equal(g->n_depts, idx->n_depts);
	assert_int_equal(g->n_items, 0);
	for (int d = 0; d < g->n_depts; d++) {
		assert_string_equal(g->depts[d].name, idx->depts[d].name);
		assert_string_equal(g->depts[d].icon, idx->depts[d].icon);
		assert_int_equal(g->depts[d].n_items, 0);
		assert_non_null(g->depts[d].items);
	}
	BundleItems bi;
	assert_int_equal(bundle_load_items(b, g, &bi, err, sizeof err), 0);
	assert_int_equal(g->n_items, 0);            /* not g's until attached */
	assert_int_equal(bi.total, 3);
	bundle_attach_items(g, &bi);
	size_t n1, n2;
	char *j1 = json_of(idx, &n1), *j2 = json_of(g, &n2);
	assert_string_equal(j1, j2);
	free(j1);
	free(j2);
	guide_free(g);

	n_pop = 99;
	g = bundle_load_front(b, pop, 2, &n_pop, err, sizeof err);
	assert_non_null(g);
	assert_int_equal(n_pop, 2);
	assert_string_equal(pop[1]->code, ranked[1]->code);
	guide_free(g);
	guide_free(idx);
	guide_free(src);
	bundle_close(b);
	assert_int_equal(bundle_verify_file(path, NULL, err, sizeof err), BUNDLE_CHECK_OK);
}

/* A bundle made before meta 'popular' (or with a list that does not fit
 * its items) gives no popular items: the caller needs the whole index.
 * Installing checks a list that is there against the items. */
static void test_bundle_front_should_do_without_a_usable_popular_list(void **state)
{
	SourceInfo info;
	Guide *src = load_sample(&info);
	char path[300], err[512];
	snprintf(path, sizeof path, "%s/p.db", dir);
	BundleWriteOpts o = { .version = 20260101120000LL, .source_hash = info.hash };
	static const struct { const char *stmt; int n_pop; BundleCheck check; const char *says; } cases[] = {
		{ "DELETE FROM meta WHERE key='popular'", -1, BUNDLE_CHECK_OK, NULL },
		{ "UPDATE meta SET value='T-AA-001 NOPE' WHERE key='popular'", -1, BUNDLE_CHECK_CONTENT,
		  "meta popular lists 'NOPE' as popular item 2" },
		{ "UPDATE meta SET value=substr(value, 1, instr(value, ' ') - 1) WHERE key='popular'", -1,
		  BUNDLE_CHECK_CONTENT, "meta popular lists 1 items" },
		{ "UPDATE meta SET value=value || ' T-AA-001' WHERE key='popular'", -1, BUNDLE_CHECK_CONTENT,
		  "meta popular lists more than the 3 most popular items" },
	};
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		assert_int_equal(bundle_write(src, path, &o, err, sizeof err), 0);
		sql(path, cases[c].stmt);
		Bundle *b = bundle_open_readonly(path, err, sizeof err);
		assert_non_null(b);
		const Item *pop[BUNDLE_POPULAR_MAX];
		int n_pop = 99;
		Guide *g = bundle_load_front(b, pop, 6, &n_pop, err, sizeof err);
		assert_non_null(g);
		assert_int_equal(g->n_depts, 2);
		assert_int_equal(n_pop, cases[c].n_pop);
		guide_free(g);
		bundle_close(b);
		err[0] = 0;
		assert_int_equal(bundle_verify_file(path, NULL, err, sizeof err), cases[c].check);
		if (cases[c].says) {
			assert_non_null(strstr(err, cases[c].says));
			assert_non_null(strstr(err, path));
		}
	}
	guide_free(src);
}

static void test_bundle_version_should_follow_time(void **state)
{
	assert_true(bundle_version_from_time(0) == 19700101000000LL);
	assert_true(bundle_version_from_time(1795000000LL) < bundle_version_from_time(1795000001LL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bundle_should_read_back_what_the_sources_say, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_should_be_byte_identical_for_identical_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_should_leave_the_old_file_when_a_build_fails_half_way, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_should_refuse_files_that_are_not_bundles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_should_refuse_another_schema_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_should_keep_pinyin_columns_and_text_index, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_should_export_long_notes_and_unset_legal_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_index_should_share_repeated_fields_and_leave_the_cache_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_front_should_give_departments_and_popular_items_before_the_rest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_front_should_do_without_a_usable_popular_list, setup, teardown),
		cmocka_unit_test(test_bundle_version_should_follow_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
