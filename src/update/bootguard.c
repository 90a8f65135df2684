/* bootguard.c — crash-loop rollback of a freshly installed bundle. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "bootguard.h"
#include "status.h"

typedef struct Guard {
	long long version;
	int starts;                     /* starts of this version not yet stable */
	int stable;                     /* 1: this version ran long enough once */
	long total;                     /* starts of the kiosk in all */
} Guard;

static void guard_path(const char *dir, char *out, size_t n)
{
	snprintf(out, n, "%s/bootguard", dir);
}

static void guard_load(const char *dir, Guard *g)
{
	char p[1024];
	memset(g, 0, sizeof *g);
	guard_path(dir, p, sizeof p);
	FILE *f = fopen(p, "r");
	if (!f) return;
	if (fscanf(f, "%lld %d %d %ld", &g->version, &g->starts, &g->stable, &g->total) < 3)
		memset(g, 0, sizeof *g);
	fclose(f);
}

static int guard_save(const char *dir, const Guard *g)
{
	char p[1024], tmp[1100];
	guard_path(dir, p, sizeof p);
	snprintf(tmp, sizeof tmp, "%s.tmp", p);
	FILE *f = fopen(tmp, "w");
	if (!f) return -1;
	fprintf(f, "%lld %d %d %ld\n", g->version, g->starts, g->stable, g->total);
	int bad = fflush(f) != 0 || fsync(fileno(f)) != 0;
	fclose(f);
	if (bad || rename(tmp, p) != 0) { unlink(tmp); return -1; }
	return 0;
}

int bootguard_start(const InstallOpts *o, int64_t version, int max_starts,
                    char *why, size_t whylen)
{
	Guard g;
	guard_load(o->data_dir, &g);
	g.total++;
	if (g.version == -1) {
		/* The bundle the guard rolled back to: it ran before, trust it, so
		 * crashes that are not the bundle's fault never swing back. */
		g.version = version;
		g.starts = 0;
		g.stable = 1;
	} else if (g.version != version) {
		g.version = version;
		g.starts = 0;
		g.stable = 0;
	}
	g.starts++;
	if (!g.stable && g.starts > max_starts) {
		char p[1024], err[512];
		snprintf(p, sizeof p, "%s/previous.db", o->data_dir);
		if (access(p, F_OK) == 0) {
			int bad_starts = g.starts - 1;
			if (install_rollback(o, err, sizeof err) == 0) {
				snprintf(why, whylen, "bundle %lld did not run: the kiosk started %d times "
				         "without staying up; rolled back to previous.db", (long long)version, bad_starts);
				install_record_open_failure(o->data_dir, why);
				g.version = -1;      /* the next start's version is the restored one */
				g.total--;           /* ...and that start is this one, counted again */
				g.starts = 0;
				guard_save(o->data_dir, &g);
				return 1;
			}
			snprintf(why, whylen, "bundle %lld keeps failing but rollback failed: %s",
			         (long long)version, err);
		}
	}
	if (guard_save(o->data_dir, &g) < 0) {
		snprintf(why, whylen, "%s/bootguard: %s", o->data_dir, strerror(errno));
		return -1;
	}
	return 0;
}

int bootguard_stable(const char *data_dir, int64_t version)
{
	Guard g;
	guard_load(data_dir, &g);
	if (g.version == version && g.stable) return 0;
	g.version = version;
	g.stable = 1;
	g.starts = 0;
	return guard_save(data_dir, &g);
}

long bootguard_total_starts(const char *data_dir)
{
	Guard g;
	guard_load(data_dir, &g);
	return g.total;
}
