/* print.c — 办事材料清单: A4 page layout, PDF writer, `lp` child. */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>
#include "print.h"
#include "gfx/render.h"
#include "base/utf8.h"

extern char **environ;

/* ------------------------------------------------------------- layout */

#define P_MARGIN 110
#define P_BODY   30                     /* 14.4 pt at 150 dpi */
#define P_SMALL  24
#define P_H2     36
#define P_TITLE  48

static const char *or_dash(const char *s) { return s && *s ? s : "—"; }

static int text(Kiosk *k, DrawList *dl, int x, int y, int w, const char *s, int size,
                int bold, uint32_t color)
{
	return ui_text(k, dl, x, y, w, or_dash(s), ts(size, bold, color));
}

void print_layout(Kiosk *k, DrawList *dl, const Item *it, const Dept *d)
{
	const uint32_t ink = 0x000000FFu, grey = 0x333333FFu, line = 0x666666FFu;
	int x = P_MARGIN, w = PRINT_W - 2 * P_MARGIN, y = P_MARGIN - 20;
	dl_rect(dl, 0, 0, PRINT_W, PRINT_H, 0xFFFFFFFFu, 0);
	y += text(k, dl, x, y, w, k->cfg->hall_name, P_SMALL, 0, grey);
	y += text(k, dl, x, y, w, "办事材料清单", P_H2, 1, ink) + 12;
	dl_rect(dl, x, y, w, 3, ink, 0);
	y += 20;
	y += text(k, dl, x, y, w, it->name, P_TITLE, 1, ink) + 6;
	char buf[600];
	snprintf(buf, sizeof buf, "事项编码：%s　　所属部门：%s", or_dash(it->code), d ? d->name : "—");
	y += text(k, dl, x, y, w, buf, P_BODY, 0, grey) + 28;

	/* 申请材料 as a checklist table */
	y += text(k, dl, x, y, w, "申请材料（请逐项核对后打勾）", P_H2, 1, ink) + 10;
	int cw_box = 60, cw_copies = 110, cw_form = 200;
	int cw_name = w - cw_box - cw_form - cw_copies;
	dl_rect(dl, x, y, w, 2, ink, 0);
	int hy = y + 10;
	text(k, dl, x + cw_box, hy, cw_name, "材料名称", P_BODY, 1, ink);
	text(k, dl, x + cw_box + cw_name, hy, cw_form, "形式", P_BODY, 1, ink);
	int hh = text(k, dl, x + cw_box + cw_name + cw_form, hy, cw_copies, "份数", P_BODY, 1, ink);
	y = hy + hh + 8;
	dl_rect(dl, x, y, w, 2, ink, 0);
	if (it->n_materials == 0) {
		y += 10;
		y += text(k, dl, x + cw_box, y, cw_name, "无需提交材料", P_BODY, 0, ink) + 10;
	}
	for (int i = 0; i < it->n_materials; i++) {
		const Material *m = &it->materials[i];
		char name[600], copies[32];
		snprintf(name, sizeof name, "%d. %s", i + 1, m->name);
		snprintf(copies, sizeof copies, "%d份", m->copies);
		int ry = y + 12, ny = ry;
		TextStyle ns = ts(P_BODY, 0, ink);
		ns.hang = 1;
		ny += ui_text(k, dl, x + cw_box, ny, cw_name - 16, name, ns);
		if (m->note && m->note[0])
			ny += text(k, dl, x + cw_box, ny, cw_name - 16, m->note, P_SMALL, 0, grey);
		int fh = text(k, dl, x + cw_box + cw_name, ry, cw_form - 10, m->form, P_BODY, 0, ink);
		text(k, dl, x + cw_box + cw_name + cw_form, ry, cw_copies, copies, P_BODY, 0, ink);
		if (ry + fh > ny) ny = ry + fh;
		dl_frame(dl, x + 8, ry + 6, 30, 30, 3, ink, 0xFFFFFFFFu, 0);
		y = ny + 12;
		dl_rect(dl, x, y, w, 1, line, 0);
		if (y > PRINT_H - 520) {         /* keep room for where and when */
			if (i + 1 < it->n_materials) {
				snprintf(name, sizeof name, "另有%d项材料，请在屏幕上查看。", it->n_materials - i - 1);
				y += 8 + text(k, dl, x + cw_box, y + 8, cw_name, name, P_BODY, 0, ink);
			}
			break;
		}
	}
	y += 36;

	/* Where and when */
	y += text(k, dl, x, y, w, "办理地点和时间", P_H2, 1, ink) + 10;
	dl_rect(dl, x, y, w, 2, ink, 0);
	y += 14;
	static const char *const labels[] = {"办理地点：", "办理窗口：", "办理时间：", "咨询电话："};
	char win[256];
	snprintf(win, sizeof win, "%s（%s）", d ? d->window : "", d ? d->floor : "");
	const char *values[] = {it->location, win, it->hours, it->phone};
	int lw = ui_text_width(k, "办理地点：", P_BODY, 1) + 8;
	for (int i = 0; i < 4; i++) {
		int a = text(k, dl, x, y, lw, labels[i], P_BODY, 1, ink);
		int b = text(k, dl, x + lw, y, w - lw, values[i], P_BODY, 0, ink);
		y += (a > b ? a : b) + 6;
	}

	/* Footer */
	time_t now = (time_t)(k->clock_base + k->now / 1000);
	struct tm tm;
	localtime_r(&now, &tm);
	snprintf(buf, sizeof buf, "打印于%d年%d月%d日　以上信息仅供参考，以窗口受理审核为准",
	         tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	dl_rect(dl, x, PRINT_H - P_MARGIN - 40, w, 1, line, 0);
	text(k, dl, x, PRINT_H - P_MARGIN - 28, w, buf, P_SMALL, 0, grey);
}

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
	const double sc = 595.28 / PRINT_W;
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
		int size = c->layout->n_glyphs ? c->layout->glyphs[ln->first].size : P_BODY;
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

int print_write_pdf(Kiosk *k, const Item *it, const Dept *d, const char *path,
                    FILE *dump, char *err, size_t errlen)
{
	int rc = -1;
	SDL_Surface *page = SDL_CreateRGBSurfaceWithFormat(0, PRINT_W, PRINT_H, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_Renderer *sr = page ? SDL_CreateSoftwareRenderer(page) : NULL;
	Atlas *atlas = NULL;
	DrawList *dl = dl_new(PRINT_W, PRINT_H, 3000, 1, 128 * 1024);
	if (!page || !sr || !dl) { snprintf(err, errlen, "print page: %s", SDL_GetError()); goto fail; }
	atlas = atlas_new(sr, k->fonts, 1024, 4, err, errlen);
	if (!atlas) goto fail;
	/* The paper is black on white whatever the screen's theme. */
	text_cache_set_recolor(k->tc, NULL);
	print_layout(k, dl, it, d);
	render_drawlist(sr, atlas, dl, NULL);
	SDL_RenderFlush(sr);
	if (dump) dl_dump(dl, dump);
	rc = write_pdf(path, page, dl, err, errlen);
fail:
	if (k->contrast) text_cache_set_recolor(k->tc, theme_hc_text);
	atlas_free(atlas);
	dl_free(dl);
	if (sr) SDL_DestroyRenderer(sr);
	SDL_FreeSurface(page);
	return rc;
}

/* ---------------------------------------------------------------- lp */

pid_t print_spawn(const char *command, const char *printer, const char *path,
                  char *err, size_t errlen)
{
	char cmd[CONFIG_STR];
	char *argv[40];
	int argc = 0;
	snprintf(cmd, sizeof cmd, "%s", command);
	for (char *save = NULL, *w = strtok_r(cmd, " \t", &save); w && argc < 36;
	     w = strtok_r(NULL, " \t", &save))
		argv[argc++] = w;
	if (argc == 0) { snprintf(err, errlen, "print.command is empty"); return -1; }
	argv[argc++] = "-d";
	argv[argc++] = (char *)printer;
	argv[argc++] = (char *)path;
	argv[argc] = NULL;
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
	if (rc != 0) { snprintf(err, errlen, "%s: %s", argv[0], strerror(rc)); return -1; }
	return pid;
}
