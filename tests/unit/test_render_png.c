/* test_render_png.c — render_save_png: the screenshot of a 1080x1920
 * frame decodes to exactly the frame's pixels, as an 8-bit RGBA PNG, and
 * writing it does not hold a copy of the whole frame (the kiosk's peak
 * memory when it writes a screenshot). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <SDL_image.h>
#include "gfx/render.h"

#define W 1080
#define H 1920

typedef struct Fix {
	SDL_Surface *surf;              /* the target, like the window surface */
	SDL_Renderer *r;
	char path[64];
} Fix;

/* A frame no encoder can shortcut: every pixel differs from its
 * neighbours, over the whole range of each channel. */
static void paint(SDL_Surface *s)
{
	uint32_t v = 2463534242u;
	for (int y = 0; y < s->h; y++) {
		Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + (size_t)y * s->pitch);
		for (int x = 0; x < s->w; x++) {
			v ^= v << 13; v ^= v >> 17; v ^= v << 5;
			row[x] = (x + y) % 97 == 0 ? 0x00FFFFFFu : v & 0x00FFFFFFu;
		}
	}
}

static int setup(void **state)
{
	Fix *f = calloc(1, sizeof *f);
	assert_non_null(f);
	/* the dummy driver's window surface: 32-bit, no alpha */
	f->surf = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_RGB888);
	assert_non_null(f->surf);
	f->r = SDL_CreateSoftwareRenderer(f->surf);
	assert_non_null(f->r);
	paint(f->surf);
	snprintf(f->path, sizeof f->path, "/tmp/test_render_png.%d.png", (int)getpid());
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	Fix *f = *state;
	unlink(f->path);
	SDL_DestroyRenderer(f->r);
	SDL_FreeSurface(f->surf);
	free(f);
	return 0;
}

/* kB of a "Name:  N kB" line of /proc/self/status, -1 if absent. */
static long status_kb(const char *name)
{
	char line[256];
	long kb = -1;
	size_t n = strlen(name);
	FILE *s = fopen("/proc/self/status", "r");
	if (!s) return -1;
	while (fgets(line, sizeof line, s))
		if (!strncmp(line, name, n) && line[n] == ':')
			kb = strtol(line + n + 1, NULL, 10);
	fclose(s);
	return kb;
}

static void test_png_should_decode_to_the_frame_pixels_as_8_bit_rgba(void **state)
{
	Fix *f = *state;
	char err[256];
	unsigned char head[26];

	assert_int_equal(render_save_png(f->r, W, H, f->path, err, sizeof err), 0);

	FILE *in = fopen(f->path, "rb");
	assert_non_null(in);
	assert_int_equal(fread(head, 1, sizeof head, in), sizeof head);
	fclose(in);
	assert_int_equal(head[24], 8);  /* IHDR bit depth */
	assert_int_equal(head[25], 6);  /* IHDR colour type: RGB + alpha */

	SDL_Surface *png = IMG_Load(f->path);
	assert_non_null(png);
	SDL_Surface *got = SDL_ConvertSurfaceFormat(png, SDL_PIXELFORMAT_ARGB8888, 0);
	SDL_FreeSurface(png);
	assert_non_null(got);
	assert_int_equal(got->w, W);
	assert_int_equal(got->h, H);
	long differ = 0;
	for (int y = 0; y < H; y++) {
		const Uint32 *a = (const Uint32 *)((Uint8 *)got->pixels + (size_t)y * got->pitch);
		const Uint32 *b = (const Uint32 *)((Uint8 *)f->surf->pixels + (size_t)y * f->surf->pitch);
		for (int x = 0; x < W; x++)
			differ += a[x] != (0xFF000000u | (b[x] & 0x00FFFFFFu));
	}
	SDL_FreeSurface(got);
	assert_int_equal(differ, 0);
}

static void test_png_should_be_written_without_a_copy_of_the_frame(void **state)
{
	Fix *f = *state;
	char err[256];

	/* warm up: the libraries' first-use allocations are not the frame's */
	assert_int_equal(render_save_png(f->r, W, H, f->path, err, sizeof err), 0);
	/* reset the peak RSS (VmHWM) to the current RSS */
	FILE *c = fopen("/proc/self/clear_refs", "w");
	if (!c || fputs("5", c) < 0 || fclose(c) != 0)
		skip();
	long before = status_kb("VmHWM");
	assert_true(before > 0);

	assert_int_equal(render_save_png(f->r, W, H, f->path, err, sizeof err), 0);

	long grew = status_kb("VmHWM") - before;
	/* one frame is W * H * 4 = 8100 KiB */
	printf("# peak RSS grew by %ld KiB while writing a %d KiB frame\n", grew, W * H * 4 / 1024);
	assert_true(grew < 2048);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_png_should_decode_to_the_frame_pixels_as_8_bit_rgba,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_png_should_be_written_without_a_copy_of_the_frame,
		                                setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
