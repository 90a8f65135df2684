/* fuzz_bundle_verify.c — libFuzzer target: mutated bundles through the whole
 * install check path (header, defensive open, integrity_check, schema,
 * content, version) never crash and never pass with a broken schema.
 *
 * A real bundle is built once from tests/data/guides/ok. Each input is a
 * list of edits applied to a copy of it: 5 bytes each, a 4-byte offset
 * (little-endian, modulo the size) and a byte to XOR there; a trailing
 * 1-3 bytes truncate the copy by that many pages. Signatures are off
 * (sync.allow_unsigned): a flipped byte would stop at the signature. What
 * passes must load whole, and in the kiosk's two steps (front, items). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "store/bundle.h"
#include "update/install.h"
#include "guide/source.h"

static unsigned char *base;
static size_t base_n;
static char dir[64], path[96];

static void init(void)
{
	char err[512], p[96];
	Diags d = { 0 };
	SourceInfo info;
	snprintf(dir, sizeof dir, "/tmp/fuzz-bundle-XXXXXX");
	if (!mkdtemp(dir)) abort();
	snprintf(p, sizeof p, "%s/base.db", dir);
	snprintf(path, sizeof path, "%s/candidate.db", dir);
	Guide *g = source_load_dir("tests/data/guides/ok", &info, &d);
	if (!g || d.n) { fprintf(stderr, "fuzz_bundle_verify: run from the repository root\n"); abort(); }
	BundleWriteOpts o = { .version = 20250101000000LL, .source_hash = "" };
	if (bundle_write(g, p, &o, err, sizeof err) < 0) { fprintf(stderr, "%s\n", err); abort(); }
	guide_free(g);
	diags_free(&d);
	FILE *f = fopen(p, "rb");
	fseek(f, 0, SEEK_END);
	base_n = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	base = malloc(base_n);
	if (fread(base, 1, base_n, f) != base_n) abort();
	fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!base) init();
	unsigned char *copy = malloc(base_n);
	size_t n = base_n;
	memcpy(copy, base, base_n);
	size_t i = 0;
	for (; i + 5 <= size; i += 5) {
		uint32_t off = (uint32_t)data[i] | (uint32_t)data[i + 1] << 8 | (uint32_t)data[i + 2] << 16 |
		               (uint32_t)data[i + 3] << 24;
		copy[off % base_n] ^= data[i + 4];
	}
	if (i < size) {
		size_t cut = (size_t)data[i] * 512;
		n = cut < n ? n - cut : 0;
	}
	FILE *f = fopen(path, "wb");
	fwrite(copy, 1, n, f);
	fclose(f);
	free(copy);

	InstallOpts o;
	memset(&o, 0, sizeof o);
	o.data_dir = dir;
	o.pubkey = "/nonexistent";
	o.allow_unsigned = 1;
	o.max_bytes = 64L << 20;
	BundleMeta m;
	InstallStep step;
	char err[2048];
	if (install_check_file(&o, path, NULL, "fuzz", &m, &step, err, sizeof err) == 0) {
		/* Whatever passed must open and load like an installed bundle. */
		Bundle *b = bundle_open_readonly(path, err, sizeof err);
		if (!b) { fprintf(stderr, "passed the checks but will not open: %s\n", err); abort(); }
		Guide *g = bundle_load_all(b, err, sizeof err);
		if (!g) { fprintf(stderr, "passed the checks but will not load: %s\n", err); abort(); }
		guide_free(g);
		/* ... and the way the kiosk starts: the front, then the items. */
		const Item *popular[BUNDLE_POPULAR_MAX];
		int n_popular;
		BundleItems items;
		g = bundle_load_front(b, popular, BUNDLE_POPULAR_MAX, &n_popular, err, sizeof err);
		if (!g) { fprintf(stderr, "passed the checks but its front will not load: %s\n", err); abort(); }
		if (bundle_load_items(b, g, &items, err, sizeof err) < 0) {
			fprintf(stderr, "passed the checks but its items will not load: %s\n", err);
			abort();
		}
		bundle_attach_items(g, &items);
		guide_free(g);
		bundle_close(b);
	}
	return 0;
}
