/* sign.c — Ed25519ph signing and verification of bundle files; the text
 * formats of keys and signatures are described in sign.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "sign.h"

#define HDR_PUB "kiosk-bundle-pubkey ed25519 1"
#define HDR_KEY "kiosk-bundle-seckey ed25519 1"
#define HDR_SIG "kiosk-bundle-sig ed25519ph 1"

/* ------------------------------------------------------------ helpers --- */

static void key_id(const unsigned char pk[SIGN_PUBLIC_BYTES], char out[17])
{
	unsigned char h[8];
	crypto_generichash(h, sizeof h, pk, SIGN_PUBLIC_BYTES, NULL, 0);
	sodium_bin2hex(out, 17, h, sizeof h);
}

/* Read a whole small text file (< SIGN_MAX_TEXT bytes) into buf. */
static int read_small(const char *path, char *buf, size_t n, size_t *len, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	ssize_t r;
	size_t got = 0;
	while (got < n && (r = read(fd, buf + got, n - got)) > 0) got += (size_t)r;
	close(fd);
	if (got >= n) {
		snprintf(err, errlen, "%s: larger than %zu bytes; not a key or signature file", path, n - 1);
		return -1;
	}
	buf[got] = 0;
	*len = got;
	return 0;
}

/* Parse "HEADER\nkey ID\nBASE64\n" with exactly nbytes of payload. */
static int parse_text(const char *text, size_t len, const char *name, const char *header,
                      unsigned char *out, size_t nbytes, char id[17], char *err, size_t errlen)
{
	char lines[3][200];
	int nl = 0;
	const char *p = text, *end = text + len;
	while (p < end && nl < 4) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e) e = end;
		size_t l = (size_t)(e - p);
		if (l && p[l - 1] == '\r') l--;
		if (l) {
			if (nl == 3 || l >= sizeof lines[0]) { nl = 4; break; }
			memcpy(lines[nl], p, l);
			lines[nl++][l] = 0;
		}
		p = e + 1;
	}
	if (nl == 0 || strcmp(lines[0], header) != 0) {
		snprintf(err, errlen, "%s: not a %s file (first line should be '%s')", name,
		         strstr(header, "sig ") ? "signature" : "key", header);
		return -1;
	}
	if (nl != 3 || strncmp(lines[1], "key ", 4) != 0 || strlen(lines[1] + 4) != 16) {
		snprintf(err, errlen, "%s: malformed (expected 3 lines: '%s', 'key ID', base64)", name, header);
		return -1;
	}
	snprintf(id, 17, "%s", lines[1] + 4);
	size_t got = 0;
	if (sodium_base642bin(out, nbytes, lines[2], strlen(lines[2]), NULL, &got, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) != 0 || got != nbytes) {
		snprintf(err, errlen, "%s: line 3 is not base64 of %zu bytes", name, nbytes);
		return -1;
	}
	return 0;
}

static void format_text(char *buf, size_t n, const char *header, const char *id,
                        const unsigned char *bytes, size_t nbytes)
{
	char b64[sodium_base64_ENCODED_LEN(SIGN_SECRET_BYTES, sodium_base64_VARIANT_ORIGINAL)];
	sodium_bin2base64(b64, sizeof b64, bytes, nbytes, sodium_base64_VARIANT_ORIGINAL);
	snprintf(buf, n, "%s\nkey %s\n%s\n", header, id, b64);
}

/* Write text to path: O_EXCL (never overwrite) when excl, else atomically
 * through a temp file and rename. */
static int write_text(const char *path, const char *text, mode_t mode, int excl, char *err, size_t errlen)
{
	char tmp[4096];
	int fd;
	if (excl) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
		snprintf(tmp, sizeof tmp, "%s", path);
	} else {
		if (snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", path) >= (int)sizeof tmp) {
			snprintf(err, errlen, "%s: path too long", path);
			return -1;
		}
		fd = mkstemp(tmp);
		if (fd >= 0) fchmod(fd, mode);
	}
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot create: %s", path, strerror(errno));
		return -1;
	}
	size_t n = strlen(text);
	if (write(fd, text, n) != (ssize_t)n || fsync(fd) < 0) {
		snprintf(err, errlen, "%s: write: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	if (!excl && rename(tmp, path) < 0) {
		snprintf(err, errlen, "%s: rename: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* Feed the bytes of fd from offset 0 into st. */
static int hash_fd(int fd, const char *name, crypto_sign_state *st, char *err, size_t errlen)
{
	unsigned char buf[16384];
	ssize_t r;
	if (lseek(fd, 0, SEEK_SET) < 0) {
		snprintf(err, errlen, "%s: seek: %s", name, strerror(errno));
		return -1;
	}
	while ((r = read(fd, buf, sizeof buf)) > 0) crypto_sign_update(st, buf, (size_t)r);
	if (r < 0) {
		snprintf(err, errlen, "%s: read: %s", name, strerror(errno));
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- API --- */

int sign_keygen(const char *prefix, char *err, size_t errlen)
{
	unsigned char pk[SIGN_PUBLIC_BYTES], sk[SIGN_SECRET_BYTES];
	char pub[4096], key[4096], id[17], text[512];
	if (sodium_init() < 0) { snprintf(err, errlen, "libsodium failed to initialise"); return -1; }
	if (snprintf(pub, sizeof pub, "%s.pub", prefix) >= (int)sizeof pub ||
	    snprintf(key, sizeof key, "%s.key", prefix) >= (int)sizeof key) {
		snprintf(err, errlen, "%s: path too long", prefix);
		return -1;
	}
	if (access(pub, F_OK) == 0 || access(key, F_OK) == 0) {
		snprintf(err, errlen, "%s: %s or %s already exists; refusing to overwrite a key", prefix, pub, key);
		return -1;
	}
	crypto_sign_keypair(pk, sk);
	key_id(pk, id);
	format_text(text, sizeof text, HDR_KEY, id, sk, sizeof sk);
	sodium_memzero(sk, sizeof sk);
	int r = write_text(key, text, 0600, 1, err, errlen);
	sodium_memzero(text, sizeof text);
	if (r < 0) return -1;
	format_text(text, sizeof text, HDR_PUB, id, pk, sizeof pk);
	if (write_text(pub, text, 0644, 1, err, errlen) < 0) {
		unlink(key);
		return -1;
	}
	return 0;
}

int sign_load_pubkey(const char *path, SignKey *k, char *err, size_t errlen)
{
	char text[SIGN_MAX_TEXT + 1], claimed[17];
	size_t len;
	if (sodium_init() < 0) { snprintf(err, errlen, "libsodium failed to initialise"); return -1; }
	if (read_small(path, text, sizeof text, &len, err, errlen) < 0) return -1;
	if (parse_text(text, len, path, HDR_PUB, k->pk, sizeof k->pk, claimed, err, errlen) < 0) return -1;
	key_id(k->pk, k->id);
	if (strcmp(claimed, k->id) != 0) {
		snprintf(err, errlen, "%s: key id line says %s but the key is %s; the file was edited", path, claimed, k->id);
		return -1;
	}
	return 0;
}

int sign_parse_sig(const char *text, size_t len, const char *name, SignSig *s, char *err, size_t errlen)
{
	return parse_text(text, len, name, HDR_SIG, s->sig, sizeof s->sig, s->key_id, err, errlen);
}

int sign_load_sig(const char *path, SignSig *s, char *err, size_t errlen)
{
	char text[SIGN_MAX_TEXT + 1];
	size_t len;
	if (read_small(path, text, sizeof text, &len, err, errlen) < 0) return -1;
	return sign_parse_sig(text, len, path, s, err, errlen);
}

int sign_file(const char *file, const char *keypath, const char *sigpath, char *err, size_t errlen)
{
	char text[SIGN_MAX_TEXT + 1], id[17], real_id[17];
	unsigned char sk[SIGN_SECRET_BYTES], sig[SIGN_SIG_BYTES];
	size_t len;
	struct stat st;
	int rc = -1, fd = -1;
	if (sodium_init() < 0) { snprintf(err, errlen, "libsodium failed to initialise"); return -1; }
	if (stat(keypath, &st) < 0) {
		snprintf(err, errlen, "%s: %s", keypath, strerror(errno));
		return -1;
	}
	if (st.st_mode & 077) {
		snprintf(err, errlen, "%s: secret key is readable by others (mode %04o); run chmod 600 %s",
		         keypath, (unsigned)(st.st_mode & 07777), keypath);
		return -1;
	}
	if (read_small(keypath, text, sizeof text, &len, err, errlen) < 0) return -1;
	if (parse_text(text, len, keypath, HDR_KEY, sk, sizeof sk, id, err, errlen) < 0) goto done;
	key_id(sk + 32, real_id);
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot open: %s", file, strerror(errno));
		goto done;
	}
	crypto_sign_state state;
	crypto_sign_init(&state);
	if (hash_fd(fd, file, &state, err, errlen) < 0) goto done;
	crypto_sign_final_create(&state, sig, NULL, sk);
	format_text(text, sizeof text, HDR_SIG, real_id, sig, sizeof sig);
	rc = write_text(sigpath, text, 0644, 0, err, errlen);
done:
	sodium_memzero(sk, sizeof sk);
	sodium_memzero(text, sizeof text);
	if (fd >= 0) close(fd);
	return rc;
}

int sign_verify_fd(int fd, const char *name, const SignSig *s, const SignKey *k, char *err, size_t errlen)
{
	crypto_sign_state state;
	if (sodium_init() < 0) { snprintf(err, errlen, "libsodium failed to initialise"); return -1; }
	crypto_sign_init(&state);
	if (hash_fd(fd, name, &state, err, errlen) < 0) return -1;
	if (crypto_sign_final_verify(&state, s->sig, k->pk) != 0) {
		if (strcmp(s->key_id, k->id) != 0)
			snprintf(err, errlen, "%s: bad signature: signed with key %s, but the trusted key is %s",
			         name, s->key_id, k->id);
		else
			snprintf(err, errlen, "%s: bad signature: the file or its .sig was changed after signing (key %s)",
			         name, k->id);
		return -1;
	}
	return 0;
}

int sign_verify_file(const char *file, const char *sigpath, const char *pubpath, char *err, size_t errlen)
{
	SignKey k;
	SignSig s;
	if (sign_load_pubkey(pubpath, &k, err, errlen) < 0 || sign_load_sig(sigpath, &s, err, errlen) < 0)
		return -1;
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot open: %s", file, strerror(errno));
		return -1;
	}
	int r = sign_verify_fd(fd, file, &s, &k, err, errlen);
	close(fd);
	return r;
}
