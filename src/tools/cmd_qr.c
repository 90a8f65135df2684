/* cmd_qr.c — `kioskctl qr-text`: what an item's 扫码带走 QR code carries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/bundle.h"
#include "guide/qrtext.h"
#include "commands.h"

int cmd_qr_text(int argc, char **argv, const Config *cfg)
{
	const char *file = NULL, *code = NULL;
	long budget = QRTEXT_BUDGET;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--budget") && i + 1 < argc) budget = strtol(argv[++i], NULL, 10);
		else if (!file) file = argv[i];
		else if (!code) code = argv[i];
		else file = NULL;
	}
	if (!file || !code || budget < 1) {
		fputs("usage: kioskctl qr-text FILE CODE [--budget BYTES]\n", stderr);
		return 2;
	}
	char err[512];
	Bundle *b = bundle_open_readonly(file, err, sizeof err);
	if (!b) { fprintf(stderr, "kioskctl qr-text: %s\n", err); return 1; }
	Guide *g = bundle_load_all(b, err, sizeof err);
	bundle_close(b);
	if (!g) { fprintf(stderr, "kioskctl qr-text: %s\n", err); return 1; }
	const Item *it = guide_find_item(g, code);
	if (!it) {
		fprintf(stderr, "kioskctl qr-text: %s: no item %s\n", file, code);
		guide_free(g);
		return 1;
	}
	static char text[4096];
	qrtext_item(it, guide_find_dept(g, it->dept_code), cfg->item_url_template, text, sizeof text,
	            (size_t)budget, NULL);
	puts(text);
	guide_free(g);
	return fflush(stdout) == 0 ? 0 : 1;
}
