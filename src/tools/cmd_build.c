/* kioskctl build DIR -o FILE — build (and sign) a bundle from guide sources. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "guide/pinyin.h"
#include "guide/source.h"
#include "store/bundle.h"
#include "update/sign.h"
#include "commands.h"

/* Sign a freshly built bundle (FILE.sig); on failure remove the bundle, so
 * no unsigned output is left where a signed one was asked for. */
static int sign_bundle(const char *out, const char *key)
{
	char sig[4096], err[512];
	snprintf(sig, sizeof sig, "%s.sig", out);
	if (sign_file(out, key, sig, err, sizeof err) == 0) return 0;
	fprintf(stderr, "kioskctl build: %s; %s removed\n", err, out);
	unlink(out);
	return -1;
}

int cmd_build(int argc, char **argv, const Config *cfg)
{
	const char *dir = NULL, *out = NULL, *unihan = PINYIN_UNIHAN_PATH, *sign_key = NULL;
	long long version = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc) out = argv[++i];
		else if (!strcmp(argv[i], "--sign") && i + 1 < argc) sign_key = argv[++i];
		else if (!strcmp(argv[i], "--unihan") && i + 1 < argc) unihan = argv[++i];
		else if (!strcmp(argv[i], "--version") && i + 1 < argc) {
			char *e;
			version = strtoll(argv[++i], &e, 10);
			if (*e || version <= 0) { fprintf(stderr, "kioskctl build: --version '%s' is not a positive number\n", argv[i]); return 2; }
		} else if (argv[i][0] == '-') { fprintf(stderr, "kioskctl build: unknown option %s\n", argv[i]); return 2; }
		else if (!dir) dir = argv[i];
		else { fprintf(stderr, "kioskctl build: unexpected argument %s\n", argv[i]); return 2; }
	}
	if (!dir || !out) { fputs("usage: kioskctl build DIR -o FILE [--version N] [--unihan FILE] [--sign SECRETKEY]\n", stderr); return 2; }
	Diags d = { 0 };
	SourceInfo info;
	Guide *g = source_load_dir(dir, &info, &d);
	if (!g || d.n) {
		diags_print(&d, stderr);
		fprintf(stderr, "kioskctl build: %d error%s, %d warning%s in %s; nothing written to %s\n",
		        d.n, d.n == 1 ? "" : "s", d.n_warns, d.n_warns == 1 ? "" : "s", dir, out);
		guide_free(g);
		diags_free(&d);
		return 1;
	}
	/* Warnings do not stop a build; say how many, not each one. */
	if (d.n_warns)
		fprintf(stderr, "kioskctl build: %d warning%s in %s (kioskctl check %s lists them)\n",
		        d.n_warns, d.n_warns == 1 ? "" : "s", dir, dir);
	/* The version only increases: the newest source's mtime, unless given
	 * (or SOURCE_DATE_EPOCH is set, for reproducible builds elsewhere). */
	if (!version) {
		const char *sde = getenv("SOURCE_DATE_EPOCH");
		long long t = sde && *sde ? strtoll(sde, NULL, 10) : info.newest_mtime;
		version = bundle_version_from_time(t);
	}
	BundleWriteOpts o = { .version = version, .source_hash = info.hash };
	char err[512];
	/* Search needs the pinyin of every name: never build without it. */
	PinyinTable *py = pinyin_load(unihan, err, sizeof err);
	if (!py) {
		fprintf(stderr, "kioskctl build: cannot load the pinyin readings: %s; nothing written to %s\n", err, out);
		guide_free(g);
		diags_free(&d);
		return 1;
	}
	pinyin_fill_guide(py, g);
	pinyin_free(py);
	int r = bundle_write(g, out, &o, err, sizeof err);
	if (r < 0) fprintf(stderr, "kioskctl build: %s\n", err);
	else if (sign_key && (r = sign_bundle(out, sign_key)) < 0) {}
	else printf("%s: version %lld, %d departments, %d items\n", out, version, g->n_depts, g->n_items);
	guide_free(g);
	diags_free(&d);
	return r < 0 ? 1 : 0;
}
