/* fetch.h — download a bundle over HTTP(S) with libcurl: TLS verification
 * on, conditional GET, resumable transfers, timeouts and retries.
 *
 * One call downloads one URL into one file. An interrupted transfer leaves
 * what arrived in the file plus a sidecar PATH.meta (URL and the validator
 * of the response); the next call for the same URL continues it with a
 * Range request guarded by If-Range, so a file changed on the server in
 * between is fetched again whole. The caller verifies the finished file.
 *
 * libcurl.so.4 is loaded by the first call (dlopen), not at start-up; if it
 * cannot be loaded, every call fails with "url: cannot load libcurl: ...". */
#ifndef CORE_FETCH_H
#define CORE_FETCH_H

#include <stddef.h>

typedef struct FetchOpts {
	const char *ca_file;            /* CA bundle for TLS; NULL/"" = system CAs */
	long max_bytes;                 /* refuse anything larger */
	int timeout_s;                  /* whole attempt, 0 = none */
	int connect_timeout_s;          /* TCP + TLS connect */
	int retries;                    /* extra attempts after a transient failure */
	int retry_delay_ms;             /* first wait; doubles each retry */
	const char *etag;               /* conditional GET validators of the copy */
	const char *last_modified;      /* we already have; NULL/"" = none */
	/* Progress of fetch_file (NULL = none): called from the fetching
	 * thread with the bytes of the file so far (a resumed part counts)
	 * and its total (0 while unknown). A non-zero return cancels the
	 * transfer: fetch_file fails with "cancelled", keeping the part. */
	int (*progress)(void *ctx, long long done, long long total);
	void *progress_ctx;
} FetchOpts;

typedef struct FetchResult {
	int http_status;                /* of the last response (0: none) */
	int not_modified;               /* 304: the file was left alone */
	int resumed;                    /* a Range request continued a partial file */
	int attempts;                   /* requests made */
	long long too_big;              /* > 0: refused, the size seen (or more) */
	long long bytes;                /* body bytes received by this call */
	long long size;                 /* size of the finished file */
	char etag[256];                 /* validators of the finished response */
	char last_modified[64];
} FetchResult;

/* Fill o with defaults: 30 s connect, 600 s total, 3 retries from 1 s. */
void fetch_opts_default(FetchOpts *o);

/* Download url into path (see above). Returns 0 (file complete, or
 * r->not_modified), or -1 with "url: what" in err — DNS, connection, TLS,
 * timeout, HTTP status, size — keeping a partial file for the next call. */
int fetch_file(const char *url, const char *path, const FetchOpts *o,
               FetchResult *r, char *err, size_t errlen);

/* Download a small resource (a .sig) into buf (at most n - 1 bytes, then
 * NUL-terminated; *len gets the length). 0, or -1 with a message. */
int fetch_small(const char *url, char *buf, size_t n, size_t *len,
                const FetchOpts *o, char *err, size_t errlen);

/* Ask whether url answers: a HEAD request (no retries, the connect and
 * total timeouts of o). 0 with *status set to the HTTP status (any
 * status counts as an answer), or -1 with a message (DNS, connect, TLS,
 * timeout). */
int fetch_head(const char *url, const FetchOpts *o, int *status, char *err, size_t errlen);

/* Remove the partial file at path and its sidecar. */
void fetch_discard(const char *path);

#endif
