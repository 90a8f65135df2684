/* kioskctl check DIR — validate guide sources. */
#include <stdio.h>
#include "guide/source.h"
#include "commands.h"

int cmd_check(int argc, char **argv, const Config *cfg)
{
	if (argc < 2) { fputs("kioskctl check: missing DIR\n", stderr); return 2; }
	Diags d = { 0 };
	SourceInfo info;
	Guide *g = source_load_dir(argv[1], &info, &d);
	diags_print(&d, stderr);
	int bad = d.n > 0;
	if (g)
		fprintf(bad ? stderr : stdout, "%s: %d departments, %d items, %d files; %d error%s, %d warning%s\n",
		        argv[1], g->n_depts, g->n_items, info.n_files, d.n, d.n == 1 ? "" : "s",
		        d.n_warns, d.n_warns == 1 ? "" : "s");
	guide_free(g);
	diags_free(&d);
	return bad ? 1 : 0;
}
