/* export.c — JSON export of a guide. */
#include <string.h>
#include "export.h"

void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '"':  fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (*p < 0x20) fprintf(f, "\\u%04x", *p);
			else fputc(*p, f);
		}
	}
	fputc('"', f);
}

static void kv(FILE *f, const char *ind, const char *k, const char *v, int comma)
{
	fprintf(f, "%s\"%s\": ", ind, k);
	json_string(f, v);
	fputs(comma ? ",\n" : "\n", f);
}

static void time_json(FILE *f, const TimeLimit *t)
{
	char a[32], b[32], text[512];
	time_value_format(t->legal, a, sizeof a);
	time_value_format(t->promised, b, sizeof b);
	if (t->promised.unit != TL_NONE)
		snprintf(text, sizeof text, "法定时限：%s；承诺时限：%s%s%s", a, b, *t->note ? "。" : "", t->note);
	else
		snprintf(text, sizeof text, "法定时限：%s%s%s", a, *t->note ? "。" : "", t->note);
	fputs("{\"legal_days\": ", f);
	if (t->legal.unit == TL_WORKDAYS) fprintf(f, "%d", t->legal.n);
	else if (t->legal.unit == TL_IMMEDIATE) fputs("0", f);
	else fputs("null", f);
	fputs(", \"promised_days\": ", f);
	if (t->promised.unit == TL_WORKDAYS) fprintf(f, "%d", t->promised.n);
	else if (t->promised.unit == TL_IMMEDIATE) fputs("0", f);
	else fputs("null", f);
	fputs(", \"legal\": ", f);
	json_string(f, a);
	fputs(", \"promised\": ", f);
	json_string(f, b);
	fputs(", \"note\": ", f);
	json_string(f, t->note);
	fputs(", \"text\": ", f);
	json_string(f, text);
	fputs("}", f);
}

void export_json(FILE *f, const Guide *g, const BundleMeta *m)
{
	fputs("{\n  \"meta\": {", f);
	if (m) {
		fprintf(f, "\"schema_version\": %d, \"bundle_version\": %lld, \"built_at\": ",
		        m->schema_version, (long long)m->bundle_version);
		json_string(f, m->built_at);
		fputs(", \"source_hash\": ", f);
		json_string(f, m->source_hash);
		fprintf(f, ", \"departments\": %d, \"items\": %d", m->n_departments, m->n_items);
	}
	fputs("},\n  \"departments\": [\n", f);
	for (int d = 0; d < g->n_depts; d++) {
		const Dept *dp = &g->depts[d];
		fputs("    {\n", f);
		const char *I = "      ";
		kv(f, I, "code", dp->code, 1);
		kv(f, I, "name", dp->name, 1);
		kv(f, I, "short_name", dp->short_name, 1);
		kv(f, I, "icon", dp->icon, 1);
		kv(f, I, "window", dp->window, 1);
		kv(f, I, "floor", dp->floor, 1);
		kv(f, I, "phone", dp->phone, 1);
		kv(f, I, "hours", dp->hours, 1);
		fputs("      \"items\": [\n", f);
		for (int i = 0; i < dp->n_items; i++) {
			const Item *it = &dp->items[i];
			const char *J = "          ";
			fputs("        {\n", f);
			kv(f, J, "code", it->code, 1);
			kv(f, J, "name", it->name, 1);
			kv(f, J, "type", it->type, 1);
			kv(f, J, "target", it->target, 1);
			kv(f, J, "basis", it->basis, 1);
			kv(f, J, "conditions", it->conditions, 1);
			fprintf(f, "%s\"materials\": [", J);
			for (int k = 0; k < it->n_materials; k++) {
				const Material *mt = &it->materials[k];
				fputs(k ? ", {\"name\": " : "{\"name\": ", f);
				json_string(f, mt->name);
				fputs(", \"form\": ", f);
				json_string(f, mt->form);
				fprintf(f, ", \"copies\": %d, \"note\": ", mt->copies);
				json_string(f, mt->note);
				fputs("}", f);
			}
			fputs("],\n", f);
			fprintf(f, "%s\"procedure\": [", J);
			for (int k = 0; k < it->n_steps; k++) {
				const Step *st = &it->steps[k];
				fputs(k ? ", {\"step\": " : "{\"step\": ", f);
				json_string(f, st->step);
				fputs(", \"who\": ", f);
				json_string(f, st->who);
				fputs(", \"time\": ", f);
				json_string(f, st->time);
				fputs("}", f);
			}
			fputs("],\n", f);
			fprintf(f, "%s\"time_limit\": ", J);
			time_json(f, &it->time_limit);
			fputs(",\n", f);
			kv(f, J, "fees", it->fees, 1);
			kv(f, J, "location", it->location, 1);
			kv(f, J, "hours", it->hours, 1);
			kv(f, J, "phone", it->phone, 1);
			fprintf(f, "%s\"visits\": %d,\n", J, it->visits);
			kv(f, J, "url", it->url, 1);
			kv(f, J, "synonyms", it->synonyms, 1);
			fprintf(f, "%s\"popularity\": %d\n", J, it->popularity);
			fputs(i + 1 < dp->n_items ? "        },\n" : "        }\n", f);
		}
		fputs("      ]\n", f);
		fputs(d + 1 < g->n_depts ? "    },\n" : "    }\n", f);
	}
	fputs("  ]\n}\n", f);
}
