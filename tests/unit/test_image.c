/* test_image.c — SDL_image opened on first use (src/gfx/image.c): an icon
 * decodes through it; a library that cannot be
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
	SDL_RWclose(rw);
	image_quit();                   /* nothing loaded: nothing to do */
}

static void test_image_should_decode_an_icon(void **state)
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
	SDL_FreeSurface(c);
	SDL_FreeSurface(s);
	image_quit();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_image_should_fail_with_a_message_when_the_library_is_missing),
		cmocka_unit_test(test_image_should_decode_an_icon),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
