/* test_rwcache.c — a read-only file through a page cache (rwcache.h):
 * every seek and read gives the file's bytes (across pages, short at the
 * end, nothing past it), repeated reads of a page come from the cache,
 * large reads go straight to the file, writes are refused, and a Noto CJK
 * glyph rendered through it is the glyph SDL_ttf renders from the file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <SDL.h>
#include <SDL_ttf.h>
#include "gfx/rwcache.h"

#define FILE_LEN (75 * RWCACHE_PAGE + 123)    /* the last page short */
#define NOTO "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

static char path[64];
static unsigned char *bytes;

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof path, "/tmp/kiosk-test-rwcache-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0) return -1;
	bytes = malloc(FILE_LEN);
	uint32_t x = 12345;
	for (size_t i = 0; i < FILE_LEN; i++) {
		x = x * 1103515245u + 12345u;
		bytes[i] = (unsigned char)(x >> 16);
	}
	int ok = write(fd, bytes, FILE_LEN) == FILE_LEN;
	close(fd);
	return ok ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	free(bytes);
	return 0;
}

static void test_rwcache_should_read_what_the_file_holds_wherever_it_seeks(void **state)
{
	(void)state;
	SDL_RWops *rw = rwcache_open(path);
	assert_non_null(rw);
	assert_int_equal(SDL_RWsize(rw), FILE_LEN);
	static unsigned char buf[3 * RWCACHE_DIRECT];
	uint32_t x = 777;
	for (int i = 0; i < 2000; i++) {
		x = x * 1103515245u + 12345u;
		Sint64 at = (Sint64)((x >> 8) % FILE_LEN);
		x = x * 1103515245u + 12345u;
		/* mostly small reads across page edges; now and then a table */
		size_t len = 1 + (x >> 8) % (i % 10 ? 3 * RWCACHE_PAGE : sizeof buf);
		assert_int_equal(SDL_RWseek(rw, at, RW_SEEK_SET), at);
		size_t want = (Sint64)len > FILE_LEN - at ? (size_t)(FILE_LEN - at) : len;
		assert_int_equal(SDL_RWread(rw, buf, 1, len), want);
		assert_memory_equal(buf, bytes + at, want);
		assert_int_equal(SDL_RWtell(rw), at + (Sint64)want);
	}
	/* whole objects only at the end; nothing past it */
	assert_int_equal(SDL_RWseek(rw, -10, RW_SEEK_END), FILE_LEN - 10);
	assert_int_equal(SDL_RWread(rw, buf, 4, 3), 2);
	assert_memory_equal(buf, bytes + FILE_LEN - 10, 8);
	assert_int_equal(SDL_RWseek(rw, 5, RW_SEEK_END), FILE_LEN + 5);
	assert_int_equal(SDL_RWread(rw, buf, 1, 10), 0);
	assert_int_equal(SDL_RWseek(rw, -FILE_LEN - 6, RW_SEEK_CUR), -1);
	assert_int_equal(SDL_RWseek(rw, 100, RW_SEEK_SET), 100);
	assert_int_equal(SDL_RWseek(rw, 28, RW_SEEK_CUR), 128);
	assert_int_equal(SDL_RWread(rw, buf, 1, 16), 16);
	assert_memory_equal(buf, bytes + 128, 16);
	assert_int_equal(SDL_RWwrite(rw, buf, 1, 1), 0);
	assert_int_equal(SDL_RWclose(rw), 0);
}

static void test_rwcache_should_read_each_page_once_and_tables_straight(void **state)
{
	(void)state;
	SDL_RWops *rw = rwcache_open(path);
	assert_non_null(rw);
	unsigned char buf[RWCACHE_DIRECT];
	for (int i = 0; i < 1000; i++) {        /* FreeType: seek, read, again */
		SDL_RWseek(rw, RWCACHE_PAGE - 50 + i % 7, RW_SEEK_SET);
		assert_int_equal(SDL_RWread(rw, buf, 1, 100), 100);
	}
	assert_int_equal(rwcache_reads(rw), 2);    /* the two pages it spans */
	SDL_RWseek(rw, 10 * RWCACHE_PAGE, RW_SEEK_SET);
	assert_int_equal(SDL_RWread(rw, buf, 1, sizeof buf), sizeof buf);
	assert_memory_equal(buf, bytes + 10 * RWCACHE_PAGE, sizeof buf);
	assert_int_equal(rwcache_reads(rw), 2);    /* not through the cache */
	SDL_RWclose(rw);
}

static void test_rwcache_should_name_a_file_it_cannot_open(void **state)
{
	(void)state;
	assert_null(rwcache_open("/nonexistent/kiosk-font.ttc"));
	assert_non_null(strstr(SDL_GetError(), "/nonexistent/kiosk-font.ttc"));
}

static void test_rwcache_should_give_sdl_ttf_the_same_glyphs(void **state)
{
	(void)state;
	if (access(NOTO, R_OK) != 0) skip();
	assert_int_equal(TTF_Init(), 0);
	TTF_Font *a = TTF_OpenFontIndex(NOTO, 40, 2);
	TTF_Font *b = TTF_OpenFontIndexRW(rwcache_open(NOTO), 1, 40, 2);
	assert_non_null(a);
	assert_non_null(b);
	static const uint32_t cps[] = {0x4E2D, 0x653F, 0x52A1, 0x9F8D, 'A', 'g', 0xFF08};
	const SDL_Color white = {255, 255, 255, 255};
	for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
		SDL_Surface *sa = TTF_RenderGlyph32_Blended(a, cps[i], white);
		SDL_Surface *sb = TTF_RenderGlyph32_Blended(b, cps[i], white);
		assert_non_null(sa);
		assert_non_null(sb);
		assert_int_equal(sa->w, sb->w);
		assert_int_equal(sa->h, sb->h);
		for (int y = 0; y < sa->h; y++)
			assert_memory_equal((char *)sa->pixels + y * sa->pitch,
			                    (char *)sb->pixels + y * sb->pitch, (size_t)sa->w * 4);
		SDL_FreeSurface(sa);
		SDL_FreeSurface(sb);
	}
	TTF_CloseFont(a);
	TTF_CloseFont(b);
	TTF_Quit();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rwcache_should_read_what_the_file_holds_wherever_it_seeks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rwcache_should_read_each_page_once_and_tables_straight, setup, teardown),
		cmocka_unit_test(test_rwcache_should_name_a_file_it_cannot_open),
		cmocka_unit_test(test_rwcache_should_give_sdl_ttf_the_same_glyphs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
