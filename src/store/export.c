/* export.c — JSON export of a guide (cJSON builds and prints it). */
#include <stdio.h>
#include <cJSON.h>
#include "export.h"

static void kv(cJSON *o, const char *k, const char *v)
{
	cJSON_AddStringToObject(o, k, v ? v : "");
}

/* A time limit's days: a number of working days, 0 for "immediately",
 * null when the limit is not in working days. */
static void days(cJSON *o, const char *k, TimeValue v)
{
	if (v.unit == TL_WORKDAYS) cJSON_AddNumberToObject(o, k, v.n);
	else if (v.unit == TL_IMMEDIATE) cJSON_AddNumberToObject(o, k, 0);
	else cJSON_AddNullToObject(o, k);
}

static void time_json(cJSON *o, const TimeLimit *t)
{
	char a[32], b[32], text[512];
	time_value_format(t->legal, a, sizeof a);
	time_value_format(t->promised, b, sizeof b);
	if (t->promised.unit != TL_NONE)
		snprintf(text, sizeof text, "法定时限：%s；承诺时限：%s%s%s", a, b, *t->note ? "。" : "", t->note);
	else
		snprintf(text, sizeof text, "法定时限：%s%s%s", a, *t->note ? "。" : "", t->note);
	days(o, "legal_days", t->legal);
	days(o, "promised_days", t->promised);
	kv(o, "legal", a);
	kv(o, "promised", b);
	kv(o, "note", t->note);
	kv(o, "text", text);
}

static void item_json(cJSON *o, const Item *it)
{
	kv(o, "code", it->code);
	kv(o, "name", it->name);
	kv(o, "type", it->type);
	kv(o, "target", it->target);
	kv(o, "basis", it->basis);
	kv(o, "conditions", it->conditions);
	cJSON *mats = cJSON_AddArrayToObject(o, "materials");
	for (int k = 0; k < it->n_materials; k++) {
		const Material *mt = &it->materials[k];
		cJSON *m = cJSON_CreateObject();
		cJSON_AddItemToArray(mats, m);
		kv(m, "name", mt->name);
		kv(m, "form", mt->form);
		cJSON_AddNumberToObject(m, "copies", mt->copies);
		kv(m, "note", mt->note);
	}
	cJSON *steps = cJSON_AddArrayToObject(o, "procedure");
	for (int k = 0; k < it->n_steps; k++) {
		const Step *st = &it->steps[k];
		cJSON *j = cJSON_CreateObject();
		cJSON_AddItemToArray(steps, j);
		kv(j, "step", st->step);
		kv(j, "who", st->who);
		kv(j, "time", st->time);
	}
	time_json(cJSON_AddObjectToObject(o, "time_limit"), &it->time_limit);
	kv(o, "fees", it->fees);
	kv(o, "location", it->location);
	kv(o, "hours", it->hours);
	kv(o, "phone", it->phone);
	cJSON_AddNumberToObject(o, "visits", it->visits);
	kv(o, "url", it->url);
	kv(o, "synonyms", it->synonyms);
	cJSON_AddNumberToObject(o, "popularity", it->popularity);
}

void export_json(FILE *f, const Guide *g, const BundleMeta *m)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *meta = cJSON_AddObjectToObject(root, "meta");
	if (m) {
		cJSON_AddNumberToObject(meta, "schema_version", m->schema_version);
		cJSON_AddNumberToObject(meta, "bundle_version", (double)m->bundle_version);
		kv(meta, "built_at", m->built_at);
		kv(meta, "source_hash", m->source_hash);
		cJSON_AddNumberToObject(meta, "departments", m->n_departments);
		cJSON_AddNumberToObject(meta, "items", m->n_items);
	}
	cJSON *depts = cJSON_AddArrayToObject(root, "departments");
	for (int d = 0; d < g->n_depts; d++) {
		const Dept *dp = &g->depts[d];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToArray(depts, o);
		kv(o, "code", dp->code);
		kv(o, "name", dp->name);
		kv(o, "short_name", dp->short_name);
		kv(o, "icon", dp->icon);
		kv(o, "window", dp->window);
		kv(o, "floor", dp->floor);
		kv(o, "phone", dp->phone);
		kv(o, "hours", dp->hours);
		cJSON *items = cJSON_AddArrayToObject(o, "items");
		for (int i = 0; i < dp->n_items; i++) {
			cJSON *j = cJSON_CreateObject();
			cJSON_AddItemToArray(items, j);
			item_json(j, &dp->items[i]);
		}
	}
	char *text = cJSON_Print(root);
	if (text) { fputs(text, f); fputc('\n', f); }
	cJSON_free(text);
	cJSON_Delete(root);
}
