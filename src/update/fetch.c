/* fetch.c — libcurl downloads: see fetch.h for the contract. */
#include <ctype.h>
#include <stddef.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <dlfcn.h>
#include <pthread.h>
/* Calls go through the table below, not through curl.h's type-checking
 * macros (curl.h still names two of them: undefined below). */
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>
#include "fetch.h"

/* libcurl is opened on first use (dlopen), not linked: the kiosk reaches
 * the network only from maintenance, and libcurl brings 24 libraries of
 * its own (TLS, Kerberos, LDAP, SSH, RTMP, IDN: about 4 MB of PSS and a
 * third of the dynamic loader's start-up work) that every start would
 * otherwise map and relocate. */
typedef struct CurlApi {
	CURLcode (*global_init)(long);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_perform)(CURL *);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	void (*easy_cleanup)(CURL *);
	const char *(*easy_strerror)(CURLcode);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void (*slist_free_all)(struct curl_slist *);
	CURLU *(*url)(void);
	CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
	CURLUcode (*url_get)(CURLU *, CURLUPart, char **, unsigned int);
	void (*url_cleanup)(CURLU *);
	void (*free)(void *);
} CurlApi;
static CurlApi lc;
static pthread_once_t lc_once = PTHREAD_ONCE_INIT;
static char lc_error[256];          /* "" once libcurl is usable */

static void lc_open(void)
{
	/* libcurl4 (OpenSSL), then libcurl3-gnutls: the same ABI. */
	void *h = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
	if (!h) h = dlopen("libcurl-gnutls.so.4", RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		snprintf(lc_error, sizeof lc_error, "cannot load libcurl: %s", e ? e : "libcurl.so.4 not found");
		return;
	}
	static const struct { const char *name; size_t off; } syms[] = {
#define SYM(f) { "curl_" #f, offsetof(CurlApi, f) }
		SYM(global_init), SYM(easy_init), SYM(easy_setopt), SYM(easy_perform),
		SYM(easy_getinfo), SYM(easy_cleanup), SYM(easy_strerror), SYM(slist_append),
		SYM(slist_free_all), SYM(url), SYM(url_set), SYM(url_get), SYM(url_cleanup), SYM(free),
#undef SYM
	};
	for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++) {
		void *p = dlsym(h, syms[i].name);
		if (!p) {
			snprintf(lc_error, sizeof lc_error, "libcurl: no %s (libcurl too old?)", syms[i].name);
			dlclose(h);
			return;
		}
		memcpy((char *)&lc + syms[i].off, &p, sizeof p);
	}
	lc.global_init(CURL_GLOBAL_DEFAULT);
}

/* Load libcurl once (thread-safe). 0, or -1 with "url: why" in err. */
static int global_init(const char *url, char *err, size_t errlen)
{
	pthread_once(&lc_once, lc_open);
	if (!lc_error[0]) return 0;
	snprintf(err, errlen, "%s: %s", url, lc_error);
	return -1;
}

#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_easy_init lc.easy_init
#define curl_easy_setopt lc.easy_setopt
#define curl_easy_perform lc.easy_perform
#define curl_easy_getinfo lc.easy_getinfo
#define curl_easy_cleanup lc.easy_cleanup
#define curl_easy_strerror lc.easy_strerror
#define curl_slist_append lc.slist_append
#define curl_slist_free_all lc.slist_free_all
#define curl_url lc.url
#define curl_url_set lc.url_set
#define curl_url_get lc.url_get
#define curl_url_cleanup lc.url_cleanup
#define curl_free lc.free

void fetch_opts_default(FetchOpts *o)
{
	memset(o, 0, sizeof *o);
	o->max_bytes = 64L << 20;
	o->timeout_s = 600;
	o->connect_timeout_s = 30;
	o->retries = 3;
	o->retry_delay_ms = 1000;
}

/* One transfer in progress. */
typedef struct Xfer {
	CURL *c;
	int fd;                         /* destination; -1 for memory */
	char *mem; size_t mem_n, mem_len;
	long long offset;               /* bytes already in the file (Range start) */
	long long got;                  /* body bytes written this attempt */
	long long too_big;              /* announced or reached size over max */
	long max_bytes;
	int status;                     /* status of the current response */
	int decided;                    /* first body byte seen: mode chosen */
	long long range_start;          /* from Content-Range, -1 if none */
	char etag[256], last_modified[64];
	const char *meta_path, *url;
	int write_failed;
	int wrote_meta;
	const FetchOpts *opts;          /* fetch_file: for the progress callback */
	int cancelled;                  /* the progress callback said stop */
} Xfer;

/* Copy src into dst[n], truncating. */
static void copy_str(char *dst, size_t n, const char *src)
{
	size_t l = strlen(src);
	if (l >= n) l = n - 1;
	memcpy(dst, src, l);
	dst[l] = 0;
}

static void trim_value(const char *s, size_t n, char *out, size_t on)
{
	while (n && isspace((unsigned char)*s)) { s++; n--; }
	while (n && isspace((unsigned char)s[n - 1])) n--;
	snprintf(out, on, "%.*s", (int)n, s);
}

static size_t on_header(char *buf, size_t size, size_t n, void *ud)
{
	Xfer *x = ud;
	size_t len = size * n;
	char v[256];
	if (len >= 5 && !strncmp(buf, "HTTP/", 5)) {
		/* A new response (redirects, 100-continue): forget the last one. */
		const char *sp = memchr(buf, ' ', len);
		x->status = sp ? atoi(sp + 1) : 0;
		x->etag[0] = x->last_modified[0] = 0;
		x->range_start = -1;
		return len;
	}
	const char *colon = memchr(buf, ':', len);
	if (!colon) return len;
	size_t kn = (size_t)(colon - buf);
	trim_value(colon + 1, len - kn - 1, v, sizeof v);
	if (kn == 4 && !strncasecmp(buf, "etag", 4)) copy_str(x->etag, sizeof x->etag, v);
	else if (kn == 13 && !strncasecmp(buf, "last-modified", 13)) copy_str(x->last_modified, sizeof x->last_modified, v);
	else if (kn == 14 && !strncasecmp(buf, "content-length", 14) && x->status == 200) {
		long long cl = strtoll(v, NULL, 10);
		if (cl > x->max_bytes) { x->too_big = cl; return 0; }
	} else if (kn == 13 && !strncasecmp(buf, "content-range", 13)) {
		long long a = -1, b = -1, total = -1;
		if (sscanf(v, "bytes %lld-%lld/%lld", &a, &b, &total) >= 2) x->range_start = a;
		if (total > x->max_bytes) { x->too_big = total; return 0; }
	}
	return len;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0) { if (errno == EINTR) continue; return -1; }
		p += w; n -= (size_t)w;
	}
	return 0;
}

/* The sidecar: "url\netag\nlast_modified\n". */
static void write_meta(Xfer *x)
{
	if (!x->meta_path) return;
	FILE *f = fopen(x->meta_path, "w");
	if (!f) return;
	fprintf(f, "%s\n%s\n%s\n", x->url, x->etag, x->last_modified);
	fclose(f);
	x->wrote_meta = 1;
}

static size_t on_body(char *buf, size_t size, size_t n, void *ud)
{
	Xfer *x = ud;
	size_t len = size * n;
	if (x->status != 200 && x->status != 206) return len;     /* error page: drop */
	if (!x->decided) {
		x->decided = 1;
		if (x->fd >= 0) {
			if (x->status == 206 && x->range_start == x->offset) {
				if (lseek(x->fd, x->offset, SEEK_SET) < 0) { x->write_failed = errno; return 0; }
			} else {
				/* Whole body: start the file again. */
				x->offset = 0;
				if (ftruncate(x->fd, 0) < 0 || lseek(x->fd, 0, SEEK_SET) < 0) { x->write_failed = errno; return 0; }
				if (x->status == 206) { x->write_failed = EPROTO; return 0; }
			}
			if (x->status == 200 || !x->wrote_meta) write_meta(x);
		}
	}
	if (x->offset + x->got + (long long)len > x->max_bytes) {
		x->too_big = x->offset + x->got + (long long)len;
		return 0;
	}
	if (x->fd >= 0) {
		if (write_all(x->fd, buf, len) < 0) { x->write_failed = errno; return 0; }
	} else {
		if (x->mem_len + len >= x->mem_n) { x->too_big = (long long)(x->mem_len + len); return 0; }
		memcpy(x->mem + x->mem_len, buf, len);
		x->mem_len += len;
	}
	x->got += (long long)len;
	return len;
}

static int transient(CURLcode rc, int status)
{
	switch (rc) {
	case CURLE_OK: return status >= 500 || status == 408 || status == 429;
	case CURLE_COULDNT_RESOLVE_HOST: case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT: case CURLE_OPERATION_TIMEDOUT: case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR: case CURLE_SEND_ERROR: case CURLE_GOT_NOTHING:
	case CURLE_HTTP2: case CURLE_HTTP2_STREAM: case CURLE_SSL_CONNECT_ERROR:
		return 1;
	default: return 0;
	}
}

static const char *reason(int status)
{
	switch (status) {
	case 400: return "Bad Request"; case 401: return "Unauthorized"; case 403: return "Forbidden";
	case 404: return "Not Found"; case 408: return "Request Timeout"; case 410: return "Gone";
	case 416: return "Range Not Satisfiable"; case 429: return "Too Many Requests";
	case 500: return "Internal Server Error"; case 502: return "Bad Gateway";
	case 503: return "Service Unavailable"; case 504: return "Gateway Timeout";
	default: return "";
	}
}

/* A clear message for a failed attempt. */
static void describe(const char *url, CURL *c, CURLcode rc, const Xfer *x, const char *ebuf,
                     const FetchOpts *o, char *err, size_t errlen)
{
	char *host = NULL;
	long port = 0;
	CURLU *u = curl_url();
	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK) curl_url_get(u, CURLUPART_HOST, &host, 0);
	curl_easy_getinfo(c, CURLINFO_PRIMARY_PORT, &port);
	const char *h = host ? host : "?";
	if (x->too_big)
		snprintf(err, errlen, "%s: download refused: %lld bytes or more, larger than sync.max_bytes=%ld",
		         url, x->too_big, o->max_bytes);
	else if (x->write_failed)
		snprintf(err, errlen, "%s: cannot write the download: %s", url, strerror(x->write_failed));
	else if (x->cancelled)
		snprintf(err, errlen, "%s: cancelled after %lld bytes; the partial file is kept and resumed next time",
		         url, x->offset + x->got);
	else switch (rc) {
	case CURLE_OK:
		snprintf(err, errlen, "%s: HTTP %d %s", url, x->status, reason(x->status));
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
		snprintf(err, errlen, "%s: DNS: cannot resolve host name '%s'", url, h);
		break;
	case CURLE_COULDNT_CONNECT:
		snprintf(err, errlen, "%s: cannot connect to %s: %s", url, h, ebuf[0] ? ebuf : "connection refused");
		break;
	case CURLE_OPERATION_TIMEDOUT:
		snprintf(err, errlen, "%s: timed out (sync.timeout_s=%d) after %lld bytes; the partial file is kept and resumed next time",
		         url, o->timeout_s, x->offset + x->got);
		break;
	case CURLE_PEER_FAILED_VERIFICATION: case CURLE_SSL_CACERT_BADFILE: case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM: case CURLE_SSL_ISSUER_ERROR:
		snprintf(err, errlen, "%s: TLS: server certificate not trusted or TLS failed (%s)", url, ebuf[0] ? ebuf : curl_easy_strerror(rc));
		break;
	default:
		snprintf(err, errlen, "%s: %s%s%s", url, curl_easy_strerror(rc), ebuf[0] ? ": " : "", ebuf);
	}
	curl_free(host);
	curl_url_cleanup(u);
}

/* CURLOPT_XFERINFOFUNCTION: report the file's bytes (a resumed part
 * included) to FetchOpts.progress; its non-zero return aborts. */
static int on_progress(void *ud, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	Xfer *x = ud;
	long long base = x->status == 206 ? x->offset : 0;
	long long total = dltotal > 0 ? base + (long long)dltotal : 0;
	if (x->opts->progress(x->opts->progress_ctx, base + (long long)dlnow, total)) {
		x->cancelled = 1;
		return 1;
	}
	return 0;
}

static CURL *make_handle(const char *url, const FetchOpts *o, Xfer *x, char *ebuf, struct curl_slist **hdrs)
{
	CURL *c = curl_easy_init();
	if (!c) return NULL;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (o->ca_file && *o->ca_file) curl_easy_setopt(c, CURLOPT_CAINFO, o->ca_file);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)o->connect_timeout_s);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)o->timeout_s);
	/* A stalled connection fails instead of hanging until the timeout. */
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "kioskctl/1");
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, *hdrs);
	if (o->progress && x->fd >= 0) {
		curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
		curl_easy_setopt(c, CURLOPT_XFERINFODATA, x);
		curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	}
	return c;
}

static void backoff(const FetchOpts *o, int attempt)
{
	long ms = (long)o->retry_delay_ms << (attempt < 10 ? attempt : 10);
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {}
}

/* Read the sidecar: validators of the partial file if it is for url. */
static int read_meta(const char *meta_path, const char *url, char *etag, size_t en, char *lm, size_t ln)
{
	char line[3][4096] = { "", "", "" };
	FILE *f = fopen(meta_path, "r");
	if (!f) return -1;
	for (int i = 0; i < 3 && fgets(line[i], sizeof line[i], f); i++) line[i][strcspn(line[i], "\n")] = 0;
	fclose(f);
	if (strcmp(line[0], url) != 0) return -1;
	copy_str(etag, en, line[1]);
	copy_str(lm, ln, line[2]);
	return 0;
}

void fetch_discard(const char *path)
{
	char meta[4200];
	snprintf(meta, sizeof meta, "%s.meta", path);
	unlink(path);
	unlink(meta);
}

int fetch_file(const char *url, const char *path, const FetchOpts *o, FetchResult *r,
               char *err, size_t errlen)
{
	char meta[4200], ebuf[CURL_ERROR_SIZE];
	int rc = -1;
	memset(r, 0, sizeof *r);
	if (global_init(url, err, errlen) < 0) return -1;
	snprintf(meta, sizeof meta, "%s.meta", path);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot create: %s", path, strerror(errno));
		return -1;
	}
	for (int attempt = 0; attempt <= o->retries; attempt++) {
		if (attempt) backoff(o, attempt - 1);
		Xfer x = { .fd = fd, .max_bytes = o->max_bytes, .range_start = -1, .meta_path = meta, .url = url,
		           .opts = o };
		struct curl_slist *hdrs = NULL;
		char h[400], p_etag[256] = "", p_lm[64] = "";
		struct stat st;
		x.offset = fstat(fd, &st) == 0 ? st.st_size : 0;
		if (x.offset > 0 && read_meta(meta, url, p_etag, sizeof p_etag, p_lm, sizeof p_lm) == 0 &&
		    (p_etag[0] || p_lm[0])) {
			/* Continue the partial file, unless it changed on the server. */
			snprintf(h, sizeof h, "Range: bytes=%lld-", x.offset);
			hdrs = curl_slist_append(hdrs, h);
			snprintf(h, sizeof h, "If-Range: %s", p_etag[0] ? p_etag : p_lm);
			hdrs = curl_slist_append(hdrs, h);
			x.wrote_meta = 1;
		} else {
			x.offset = 0;
			if (o->etag && *o->etag) {
				snprintf(h, sizeof h, "If-None-Match: %s", o->etag);
				hdrs = curl_slist_append(hdrs, h);
			}
			if (o->last_modified && *o->last_modified) {
				snprintf(h, sizeof h, "If-Modified-Since: %s", o->last_modified);
				hdrs = curl_slist_append(hdrs, h);
			}
		}
		ebuf[0] = 0;
		x.c = make_handle(url, o, &x, ebuf, &hdrs);
		if (!x.c) { snprintf(err, errlen, "%s: libcurl failed to initialise", url); curl_slist_free_all(hdrs); break; }
		CURLcode cr = curl_easy_perform(x.c);
		r->attempts++;
		r->http_status = x.status;
		r->bytes += x.got;
		r->too_big = x.too_big;
		int ok = cr == CURLE_OK && !x.too_big && !x.write_failed;
		int restart = 0;
		if (ok && x.status == 304) {
			r->not_modified = 1;
			rc = 0;
		} else if (ok && x.status == 416) {
			/* Our partial file is no prefix of what is there now: start over
			 * (this does not count as a retry, but only twice). */
			restart = ftruncate(fd, 0) == 0 && r->attempts <= 2;
			unlink(meta);
			if (!restart) describe(url, x.c, cr, &x, ebuf, o, err, errlen);
		} else if (ok && (x.status == 200 || x.status == 206)) {
			if (!x.decided && x.status == 200 && ftruncate(fd, 0) < 0) {}   /* empty body */
			if (x.status == 206) r->resumed = 1;
			copy_str(r->etag, sizeof r->etag, x.etag[0] || x.status == 200 ? x.etag : p_etag);
			copy_str(r->last_modified, sizeof r->last_modified, x.last_modified);
			r->size = x.offset + x.got;
			if (fsync(fd) < 0) snprintf(err, errlen, "%s: fsync: %s", path, strerror(errno));
			else rc = 0;
		} else {
			describe(url, x.c, cr, &x, ebuf, o, err, errlen);
		}
		curl_easy_cleanup(x.c);
		curl_slist_free_all(hdrs);
		if (rc == 0) break;
		if (restart) { attempt--; continue; }
		if (x.too_big || x.write_failed || !transient(cr, x.status)) break;
	}
	close(fd);
	if (rc == 0) unlink(meta);
	if (rc == 0 && r->not_modified) unlink(path);
	return rc;
}

int fetch_small(const char *url, char *buf, size_t n, size_t *len, const FetchOpts *o,
                char *err, size_t errlen)
{
	char ebuf[CURL_ERROR_SIZE];
	int rc = -1;
	if (global_init(url, err, errlen) < 0) return -1;
	for (int attempt = 0; attempt <= o->retries; attempt++) {
		if (attempt) backoff(o, attempt - 1);
		Xfer x = { .fd = -1, .mem = buf, .mem_n = n, .max_bytes = (long)n - 1, .range_start = -1 };
		struct curl_slist *hdrs = NULL;
		ebuf[0] = 0;
		x.c = make_handle(url, o, &x, ebuf, &hdrs);
		if (!x.c) { snprintf(err, errlen, "%s: libcurl failed to initialise", url); break; }
		CURLcode cr = curl_easy_perform(x.c);
		if (cr == CURLE_OK && x.status == 200 && !x.too_big) {
			buf[x.mem_len] = 0;
			*len = x.mem_len;
			rc = 0;
		} else {
			FetchOpts so = *o;
			so.max_bytes = (long)n - 1;
			describe(url, x.c, cr, &x, ebuf, &so, err, errlen);
		}
		curl_easy_cleanup(x.c);
		if (rc == 0 || !transient(cr, x.status)) break;
	}
	return rc;
}

int fetch_head(const char *url, const FetchOpts *o, int *status, char *err, size_t errlen)
{
	char ebuf[CURL_ERROR_SIZE];
	*status = 0;
	if (global_init(url, err, errlen) < 0) return -1;
	Xfer x = { .fd = -1, .max_bytes = LONG_MAX, .range_start = -1 };
	struct curl_slist *hdrs = NULL;
	ebuf[0] = 0;
	*status = 0;
	x.c = make_handle(url, o, &x, ebuf, &hdrs);
	if (!x.c) { snprintf(err, errlen, "%s: libcurl failed to initialise", url); return -1; }
	curl_easy_setopt(x.c, CURLOPT_NOBODY, 1L);
	CURLcode cr = curl_easy_perform(x.c);
	int rc = -1;
	if (cr == CURLE_OK) {
		long code = 0;
		curl_easy_getinfo(x.c, CURLINFO_RESPONSE_CODE, &code);
		*status = (int)code;
		rc = 0;
	} else {
		describe(url, x.c, cr, &x, ebuf, o, err, errlen);
	}
	curl_easy_cleanup(x.c);
	curl_slist_free_all(hdrs);
	return rc;
}
