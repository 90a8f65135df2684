/* kioskctl export FILE --json — print a bundle as JSON. */
#include <stdio.h>
#include <string.h>
#include "store/bundle.h"
#include "store/export.h"
#include "commands.h"

int cmd_export(int argc, char **argv, const Config *cfg)
{
	const char *file = NULL;
	int json = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) json = 1;
		else if (!file) file = argv[i];
	}
	if (!file || !json) { fputs("usage: kioskctl export FILE --json\n", stderr); return 2; }
	char err[512];
	Bundle *b = bundle_open_readonly(file, err, sizeof err);
	if (!b) { fprintf(stderr, "kioskctl export: %s\n", err); return 1; }
	Guide *g = bundle_load_all(b, err, sizeof err);
	if (!g) { fprintf(stderr, "kioskctl export: %s\n", err); bundle_close(b); return 1; }
	export_json(stdout, g, bundle_meta(b));
	guide_free(g);
	bundle_close(b);
	return fflush(stdout) == 0 ? 0 : 1;
}
