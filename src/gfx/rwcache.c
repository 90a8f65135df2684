/* rwcache.c — a read-only file through a page cache (rwcache.h). */
#include "rwcache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct RwCache {
	int fd;
	Sint64 size, pos;
	unsigned long reads;
	int64_t page[RWCACHE_PAGES];    /* file page held by each slot, -1: none */
	int len[RWCACHE_PAGES];         /* bytes of it (short at the end of file) */
	unsigned char *data;            /* RWCACHE_PAGES * RWCACHE_PAGE */
} RwCache;

static RwCache *rc_of(SDL_RWops *rw)
{
	return rw->hidden.unknown.data1;
}

static Sint64 rc_size(SDL_RWops *rw)
{
	return rc_of(rw)->size;
}

static Sint64 rc_seek(SDL_RWops *rw, Sint64 offset, int whence)
{
	RwCache *c = rc_of(rw);
	Sint64 to = whence == RW_SEEK_SET ? offset :
	            whence == RW_SEEK_CUR ? c->pos + offset :
	            whence == RW_SEEK_END ? c->size + offset : -1;
	if (to < 0) return SDL_SetError("rwcache: seek before the start");
	c->pos = to;
	return to;
}

/* Slot holding file page p, read into it if need be; -1 on a read error. */
static int page_slot(RwCache *c, int64_t p)
{
	int s = (int)(p % RWCACHE_PAGES);   /* direct-mapped */
	if (c->page[s] == p) return s;
	unsigned char *dst = c->data + (size_t)s * RWCACHE_PAGE;
	ssize_t n;
	do n = pread(c->fd, dst, RWCACHE_PAGE, (off_t)p * RWCACHE_PAGE);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		c->page[s] = -1;
		return -1;
	}
	c->reads++;
	c->page[s] = p;
	c->len[s] = (int)n;
	return s;
}

static size_t rc_read(SDL_RWops *rw, void *ptr, size_t size, size_t maxnum)
{
	RwCache *c = rc_of(rw);
	if (size == 0 || maxnum == 0 || c->pos >= c->size) return 0;
	size_t want = size * maxnum;
	if (want / size != maxnum) return 0;
	if ((Sint64)want > c->size - c->pos) want = (size_t)(c->size - c->pos) / size * size;
	unsigned char *out = ptr;
	size_t got = 0;
	if (want >= RWCACHE_DIRECT) {       /* a table: once, straight in */
		while (got < want) {
			ssize_t n = pread(c->fd, out + got, want - got, (off_t)(c->pos + (Sint64)got));
			if (n < 0 && errno == EINTR) continue;
			if (n <= 0) break;
			got += (size_t)n;
		}
	} else {
		while (got < want) {
			Sint64 at = c->pos + (Sint64)got;
			int s = page_slot(c, at / RWCACHE_PAGE);
			if (s < 0) break;
			int off = (int)(at % RWCACHE_PAGE);
			if (off >= c->len[s]) break;
			size_t n = (size_t)(c->len[s] - off);
			if (n > want - got) n = want - got;
			memcpy(out + got, c->data + (size_t)s * RWCACHE_PAGE + off, n);
			got += n;
		}
	}
	c->pos += (Sint64)got;
	return got / size;
}

static size_t rc_write(SDL_RWops *rw, const void *ptr, size_t size, size_t num)
{
	(void)rw; (void)ptr; (void)size; (void)num;
	SDL_SetError("rwcache: read-only");
	return 0;
}

static int rc_close(SDL_RWops *rw)
{
	if (!rw) return 0;
	RwCache *c = rc_of(rw);
	int r = close(c->fd);
	free(c->data);
	free(c);
	SDL_FreeRW(rw);
	return r == 0 ? 0 : SDL_SetError("rwcache: close: %s", strerror(errno));
}

SDL_RWops *rwcache_open(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		SDL_SetError("Couldn't open %s: %s", path, strerror(errno));
		return NULL;
	}
	RwCache *c = calloc(1, sizeof *c);
	SDL_RWops *rw = SDL_AllocRW();
	if (fstat(fd, &st) != 0 || !c || !rw ||
	    !(c->data = malloc((size_t)RWCACHE_PAGES * RWCACHE_PAGE))) {
		SDL_SetError("rwcache: %s: %s", path, c && rw ? strerror(errno) : "out of memory");
		if (c) free(c->data);
		free(c);
		if (rw) SDL_FreeRW(rw);
		close(fd);
		return NULL;
	}
	c->fd = fd;
	c->size = (Sint64)st.st_size;
	for (int i = 0; i < RWCACHE_PAGES; i++) c->page[i] = -1;
	rw->size = rc_size;
	rw->seek = rc_seek;
	rw->read = rc_read;
	rw->write = rc_write;
	rw->close = rc_close;
	rw->type = SDL_RWOPS_UNKNOWN;
	rw->hidden.unknown.data1 = c;
	return rw;
}

unsigned long rwcache_reads(SDL_RWops *rw)
{
	return rw ? rc_of(rw)->reads : 0;
}
