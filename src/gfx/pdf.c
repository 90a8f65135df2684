/* pdf.c — a laid-out page (a DrawList) as a one-page PDF (pdf.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "base/utf8.h"
#include "pdf.h"
#include "render.h"

#define PDF_DEFAULT_SIZE 30             /* px, for an empty line (14.4 pt at 150 dpi) */

/* ---------------------------------------------------------------- PDF */

typedef struct Pdf {
	FILE *f;
	long off[16];
	int n;
} Pdf;

static void obj(Pdf *p)
{
	p->off[++p->n] = ftell(p->f);
	fprintf(p->f, "%d 0 obj\n", p->n);
}

static void stream(Pdf *p, const char *dict, const void *data, size_t len)
{
	fprintf(p->f, "<<%s /Length %zu >>\nstream\n", dict, len);
	fwrite(data, 1, len, p->f);
	fputs("\nendstream\nendobj\n", p->f);
}

/* A ToUnicode CMap saying CID == UTF-16 code unit (Identity-H text). */
static char *identity_cmap(size_t *len)
{
	size_t cap = 40000, o = 0;
	char *s = malloc(cap);
	if (!s) return NULL;
	o += (size_t)snprintf(s + o, cap - o,
	    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (int hi = 0; hi < 256; hi += 64) {
		o += (size_t)snprintf(s + o, cap - o, "64 beginbfrange\n");
		for (int b = hi; b < hi + 64; b++)
			o += (size_t)snprintf(s + o, cap - o, "<%02X00> <%02XFF> <%02X00>\n", b, b, b);
		o += (size_t)snprintf(s + o, cap - o, "endbfrange\n");
	}
	o += (size_t)snprintf(s + o, cap - o,
	    "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	*len = o;
	return s;
}

/* The page content: the image, then each text line invisible (Tr 3) at
 * its place, so text tools read what the image shows. */
static char *content(const DrawList *dl, size_t *len)
{
	const double sc = 595.28 / dl->screen.w;
	size_t cap = 64 * 1024, o = 0;
	char *s = malloc(cap);
	if (!s) return NULL;
	o += (size_t)snprintf(s + o, cap - o, "q 595.28 0 0 841.89 0 0 cm /Im1 Do Q\nBT 3 Tr\n");
	for (int i = 0; i < dl->n; i++) {
		const DrawCmd *c = &dl->cmds[i];
		if (c->kind != DL_TEXT) continue;
		uint32_t n;
		const char *t = dl_cmd_text(dl, c, &n);
		const TextLine *ln = &c->layout->lines[c->line];
		int size = c->layout->n_glyphs ? c->layout->glyphs[ln->first].size : PDF_DEFAULT_SIZE;
		if (o + 64 + n * 5 > cap) {
			cap = (o + 64 + n * 5) * 2;
			char *g = realloc(s, cap);
			if (!g) { free(s); return NULL; }
			s = g;
		}
		double x = (c->x + (ln->count ? c->layout->glyphs[ln->first].x : 0)) * sc;
		double y = 841.89 - (c->y + ln->baseline) * sc;
		/* squeeze the 1-em advances to the line's drawn width */
		int chars = 0;
		for (uint32_t j = 0; j < n; j++) chars += ((unsigned char)t[j] & 0xC0) != 0x80;
		double tz = chars ? 100.0 * ln->width / ((double)chars * size) : 100.0;
		o += (size_t)snprintf(s + o, cap - o, "/F1 %.2f Tf %.1f Tz 1 0 0 1 %.2f %.2f Tm <",
		                      size * sc, tz, x, y);
		size_t j = 0;
		while (j < n) {
			uint32_t cp = 0x3F;
			utf8_decode(t, n, &j, &cp);
			if (cp > 0xFFFF) cp = 0x3F;
			o += (size_t)snprintf(s + o, cap - o, "%04X", cp);
		}
		o += (size_t)snprintf(s + o, cap - o, "> Tj\n");
	}
	o += (size_t)snprintf(s + o, cap - o, "ET\n");
	*len = o;
	return s;
}

static int write_pdf(const char *path, const SDL_Surface *page, const DrawList *dl,
                     char *err, size_t errlen)
{
	int w = page->w, h = page->h, rc = -1;
	unsigned char *gray = malloc((size_t)w * h), *z = NULL;
	char *cmap = NULL, *cont = NULL;
	size_t cmap_len = 0, cont_len = 0;
	uLongf zlen = compressBound((uLong)w * h);
	FILE *f = NULL;
	if (!gray || !(z = malloc(zlen))) { snprintf(err, errlen, "out of memory"); goto fail; }
	for (int y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)((const char *)page->pixels + y * page->pitch);
		for (int x = 0; x < w; x++) {
			uint32_t c = row[x];   /* ARGB8888 */
			gray[y * w + x] = (unsigned char)((((c >> 16) & 255) * 54 + ((c >> 8) & 255) * 183 +
			                                   (c & 255) * 19) >> 8);
		}
	}
	if (compress2(z, &zlen, gray, (uLong)w * h, 6) != Z_OK) { snprintf(err, errlen, "zlib failed"); goto fail; }
	if (!(cmap = identity_cmap(&cmap_len)) || !(cont = content(dl, &cont_len))) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	if (!(f = fopen(path, "wb"))) { snprintf(err, errlen, "%s: %s", path, strerror(errno)); goto fail; }
	Pdf p = {f, {0}, 0};
	fputs("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n", f);
	obj(&p); fputs("<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", f);
	obj(&p); fputs("<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n", f);
	obj(&p); fputs("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] "
	               "/Resources << /XObject << /Im1 5 0 R >> /Font << /F1 6 0 R >> >> "
	               "/Contents 4 0 R >>\nendobj\n", f);
	obj(&p); stream(&p, "", cont, cont_len);
	obj(&p);
	char dict[200];
	snprintf(dict, sizeof dict, " /Type /XObject /Subtype /Image /Width %d /Height %d "
	         "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", w, h);
	stream(&p, dict, z, zlen);
	obj(&p); fputs("<< /Type /Font /Subtype /Type0 /BaseFont /NotoSansCJKsc-Regular "
	               "/Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>\nendobj\n", f);
	obj(&p); fputs("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NotoSansCJKsc-Regular "
	               "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
	               "/FontDescriptor 9 0 R /DW 1000 /CIDToGIDMap /Identity >>\nendobj\n", f);
	obj(&p); stream(&p, "", cmap, cmap_len);
	obj(&p); fputs("<< /Type /FontDescriptor /FontName /NotoSansCJKsc-Regular /Flags 4 "
	               "/FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
	               "/CapHeight 700 /StemV 80 >>\nendobj\n", f);
	long xref = ftell(f);
	fprintf(f, "xref\n0 %d\n0000000000 65535 f \n", p.n + 1);
	for (int i = 1; i <= p.n; i++) fprintf(f, "%010ld 00000 n \n", p.off[i]);
	fprintf(f, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", p.n + 1, xref);
	if (ferror(f)) { snprintf(err, errlen, "%s: write failed", path); goto fail; }
	rc = 0;
fail:
	if (f && fclose(f) != 0 && rc == 0) { snprintf(err, errlen, "%s: write failed", path); rc = -1; }
	free(gray); free(z); free(cmap); free(cont);
	return rc;
}

int pdf_write_page(FontSet *fonts, const DrawList *dl, const char *path,
                   char *err, size_t errlen)
{
	int rc = -1, w = dl->screen.w, h = dl->screen.h;
	SDL_Surface *page = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_Renderer *sr = page ? SDL_CreateSoftwareRenderer(page) : NULL;
	Atlas *atlas = NULL;
	if (!page || !sr) { snprintf(err, errlen, "print page: %s", SDL_GetError()); goto fail; }
	atlas = atlas_new(sr, fonts, 1024, 4, err, errlen);
	if (!atlas) goto fail;
	atlas_set_surface(atlas, page);
	render_drawlist(sr, atlas, dl, NULL);
	SDL_RenderFlush(sr);
	rc = write_pdf(path, page, dl, err, errlen);
fail:
	atlas_free(atlas);
	if (sr) SDL_DestroyRenderer(sr);
	SDL_FreeSurface(page);
	return rc;
}
