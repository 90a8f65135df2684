/* cmd_usage.c — `kioskctl usage`: what citizens looked at and what they
 * searched for without finding it, from data.dir/usage.db. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "store/bundle.h"
#include "store/usage.h"
#include "commands.h"

#define USAGE_REPORT_ROWS 20

static void print_time(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];
	localtime_r(&tt, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
	fputs(buf, stdout);
}

int cmd_usage(int argc, char **argv, const Config *cfg)
{
	long days = 30;
	int rows = USAGE_REPORT_ROWS;
	for (int i = 1; i < argc; i++) {
		char *e;
		if (!strcmp(argv[i], "--since") && i + 1 < argc) {
			days = strtol(argv[++i], &e, 10);
			if (*e || days <= 0) { fprintf(stderr, "kioskctl usage: --since '%s' is not a positive number of days\n", argv[i]); return 2; }
		} else if (!strcmp(argv[i], "--limit") && i + 1 < argc) {
			rows = (int)strtol(argv[++i], &e, 10);
			if (*e || rows <= 0 || rows > 1000) { fprintf(stderr, "kioskctl usage: --limit '%s' is not in 1..1000\n", argv[i]); return 2; }
		} else { fputs("usage: kioskctl usage [--since DAYS] [--limit N]\n", stderr); return 2; }
	}
	char path[512], err[600];
	snprintf(path, sizeof path, "%s/usage.db", cfg->data_dir);
	FILE *probe = fopen(path, "rb");
	if (!probe) {
		fprintf(stderr, "kioskctl usage: %s: no usage recorded yet (the kiosk creates it)\n", path);
		return 1;
	}
	fclose(probe);
	Usage *u = usage_open(path, err, sizeof err);
	if (!u) { fprintf(stderr, "kioskctl usage: %s\n", err); return 1; }
	/* Item names from the installed bundle, if there is one. */
	char bpath[512];
	snprintf(bpath, sizeof bpath, "%s/current.db", cfg->data_dir);
	Bundle *b = bundle_open_readonly(bpath, err, sizeof err);
	int64_t since = (int64_t)time(NULL) - (int64_t)days * 86400;
	UsageCount *c = calloc((size_t)rows, sizeof *c);
	int views = 0, misses = 0, rc = 1;
	if (!c || usage_totals(u, since, &views, &misses, err, sizeof err) < 0) goto done;
	printf("%s, last %ld day%s: %d item view%s, %d search%s without result\n",
	       path, days, days == 1 ? "" : "s", views, views == 1 ? "" : "s", misses, misses == 1 ? "" : "es");
	int n = usage_top_views(u, since, c, rows, err, sizeof err);
	if (n < 0) goto done;
	printf("\nMost viewed items:\n");
	if (!n) printf("  (none)\n");
	for (int i = 0; i < n; i++) {
		Arena a = { 0 };
		char e2[64];
		Item *it = b ? bundle_load_item(b, c[i].key, &a, e2, sizeof e2) : NULL;
		printf("  %6d  %s  %s\n", c[i].count, c[i].key, it ? it->name : "");
		arena_free(&a);
	}
	n = usage_top_no_result(u, since, c, rows, err, sizeof err);
	if (n < 0) goto done;
	printf("\nSearches without result:\n");
	if (!n) printf("  (none)\n");
	for (int i = 0; i < n; i++) {
		printf("  %6d  %s  (last ", c[i].count, c[i].key);
		print_time(c[i].last);
		printf(")\n");
	}
	rc = 0;
done:
	if (rc) fprintf(stderr, "kioskctl usage: %s\n", err);
	free(c);
	bundle_close(b);
	usage_close(u);
	return rc;
}
