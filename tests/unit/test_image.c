/* test_image.c — SDL_image opened on first use (src/gfx/image.c): an icon
 * decodes and a PNG is written through it; a library that cannot be
 * loaded fails the call with a message, and a later call loads the right
 * one. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gfx/image.h"

#define ICON "assets/icons/gaj.svg"

static void test_image_should_fail_with_a_message_when_the_library_is_missing(void **state)
{
	image_set_library("libSDL2_image-nonexistent.so.0");
	SDL_RWops *rw = SDL_RWFromFile(ICON, "rb");
	assert_non_null(rw);
	assert_null(image_load_svg(rw, 48, 48));
	assert_non_null(strstr(SDL_GetError(), "cannot load SDL_image"));
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 4, 4, 32, SDL_PIXELFORMAT_ARGB8888);
	assert_int_equal(image_save_png(s, "/tmp/test_image_never.png"), -1);
	SDL_FreeSurface(s);
	SDL_RWclose(rw);
	image_quit();                   /* nothing loaded: nothing to do */
}

static void test_image_should_decode_an_icon_and_write_a_png(void **state)
{
	image_set_library("libSDL2_image-2.0.so.0");
	SDL_RWops *rw = SDL_RWFromFile(ICON, "rb");
	assert_non_null(rw);
	SDL_Surface *s = image_load_svg(rw, 48, 48);
	SDL_RWclose(rw);
	assert_non_null(s);
	assert_int_equal(s->w, 48);
	assert_int_equal(s->h, 48);
	/* the icon is drawn: some pixel is not transparent */
	SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
	assert_non_null(c);
	int opaque = 0;
	for (int y = 0; y < c->h; y++)
		for (int x = 0; x < c->w; x++)
			opaque |= (((uint32_t *)((uint8_t *)c->pixels + y * c->pitch))[x] >> 24) != 0;
	assert_true(opaque);
	char path[] = "/tmp/test_image_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(image_save_png(c, path), 0);
	unsigned char sig[8] = {0};
	FILE *f = fdopen(fd, "rb");
	assert_int_equal(fread(sig, 1, 8, f), 8);
	fclose(f);
	remove(path);
	assert_memory_equal(sig, "\x89PNG\r\n\x1a\n", 8);
	SDL_FreeSurface(c);
	SDL_FreeSurface(s);
	image_quit();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_image_should_fail_with_a_message_when_the_library_is_missing),
		cmocka_unit_test(test_image_should_decode_an_icon_and_write_a_png),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
