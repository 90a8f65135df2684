/* cmd_pin.c — kioskctl set-pin: store the maintenance PIN's Argon2id hash
 * as maintenance.pin_hash in the config file.
 *
 * The PIN comes from stdin (one line) or, on a terminal, from a prompt
 * asked twice without echo. The file named by --config (or the one the
 * config search found) is rewritten atomically: every other line and
 * comment stays as it was, the pin_hash line of [maintenance] is replaced
 * or added, the result is parsed again before it replaces the original,
 * and it keeps the original's mode. A saved lockout (data.dir/pin-state)
 * counted wrong tries against the old PIN: it is removed, so staff can use
 * the new PIN as soon as the kiosk restarts. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <sodium.h>
#include "ops/audit.h"
#include "base/config.h"
#include "ops/pin.h"
#include "commands.h"

#define MAX_CONF (1 << 20)

/* Read one line (without the newline) into buf[n]; echo off on a tty. */
static int read_pin(const char *prompt, char *buf, size_t n)
{
	int tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	if (tty) {
		fputs(prompt, stderr);
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
		} else {
			tty = 0;
		}
	}
	char *r = fgets(buf, (int)n, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (!r) return -1;
	buf[strcspn(buf, "\r\n")] = 0;
	return 0;
}

/* Is line (len bytes) "key = ..." for key, ignoring blanks? */
static int is_key_line(const char *line, size_t len, const char *key)
{
	size_t i = 0, kl = strlen(key);
	while (i < len && (line[i] == ' ' || line[i] == '\t')) i++;
	if (len - i < kl || memcmp(line + i, key, kl) != 0) return 0;
	i += kl;
	while (i < len && (line[i] == ' ' || line[i] == '\t')) i++;
	return i < len && line[i] == '=';
}

/* A section header "[name]": copy name into out; 1 if it is one. */
static int section_of(const char *line, size_t len, char *out, size_t n)
{
	size_t i = 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t')) i++;
	if (i >= len || line[i] != '[') return 0;
	const char *e = memchr(line + i, ']', len - i);
	if (!e) return 0;
	const char *a = line + i + 1;
	while (a < e && (*a == ' ' || *a == '\t')) a++;
	const char *b = e;
	while (b > a && (b[-1] == ' ' || b[-1] == '\t')) b--;
	snprintf(out, n, "%.*s", (int)(b - a), a);
	return 1;
}

/* New text of the config: text with maintenance.pin_hash = hash. Caller
 * frees. */
static char *with_hash(const char *text, size_t len, const char *hash, size_t *outlen)
{
	size_t cap = len + strlen(hash) + 64;
	char *out = malloc(cap), sec[64] = "";
	if (!out) return NULL;
	size_t o = 0, i = 0;
	int done = 0, in_maint = 0;
	while (i < len) {
		const char *s = text + i, *nl = memchr(s, '\n', len - i);
		size_t l = nl ? (size_t)(nl - s) + 1 : len - i;
		i += l;
		if (section_of(s, l, sec, sizeof sec)) {
			if (in_maint && !done) {            /* [maintenance] without the key */
				o += (size_t)sprintf(out + o, "pin_hash = %s\n", hash);
				done = 1;
			}
			in_maint = !strcmp(sec, "maintenance");
		} else if (in_maint && !done && is_key_line(s, l, "pin_hash")) {
			o += (size_t)sprintf(out + o, "pin_hash = %s\n", hash);
			done = 1;
			continue;
		}
		memcpy(out + o, s, l);
		o += l;
	}
	if (!done) {
		if (o && out[o - 1] != '\n') out[o++] = '\n';
		if (!in_maint) o += (size_t)sprintf(out + o, "%s[maintenance]\n", o ? "\n" : "");
		o += (size_t)sprintf(out + o, "pin_hash = %s\n", hash);
	}
	*outlen = o;
	return out;
}

/* Replace path with data (same directory, fsync, rename, fsync dir). */
static int replace_file(const char *path, const char *data, size_t n, mode_t mode, char *err, size_t errlen)
{
	char tmp[4096], dirbuf[4096];
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot create a temporary file beside it: %s", path, strerror(errno));
		return -1;
	}
	size_t off = 0;
	while (off < n) {
		ssize_t w = write(fd, data + off, n - off);
		if (w < 0) { if (errno == EINTR) continue; break; }
		off += (size_t)w;
	}
	if (off != n || fchmod(fd, mode & 07777) < 0 || fsync(fd) < 0) {
		snprintf(err, errlen, "%s: write: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	if (rename(tmp, path) < 0) {
		snprintf(err, errlen, "%s: rename: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	snprintf(dirbuf, sizeof dirbuf, "%s", path);
	int dfd = open(dirname(dirbuf), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) { fsync(dfd); close(dfd); }
	return 0;
}

int cmd_set_pin(int argc, char **argv, const Config *cfg)
{
	if (argc != 1) {
		fputs("usage: kioskctl set-pin --config FILE   (the PIN from stdin, or asked for on a terminal)\n", stderr);
		return 2;
	}
	if (!strcmp(cfg->source, "built-in defaults")) {
		fputs("kioskctl set-pin: no config file to write; name one with --config FILE (it must exist)\n", stderr);
		return 2;
	}
	const char *path = cfg->source;
	char pin[64], again[64] = "", hash[PIN_HASH_MAX], err[8400];
	int rc = 1;
	char *text = NULL, *out = NULL;
	if (read_pin("New maintenance PIN (4-12 digits): ", pin, sizeof pin) < 0) {
		fputs("kioskctl set-pin: no PIN on stdin\n", stderr);
		return 1;
	}
	if (isatty(STDIN_FILENO)) {
		if (read_pin("The same PIN again: ", again, sizeof again) < 0 || strcmp(pin, again) != 0) {
			fputs("kioskctl set-pin: the two PINs differ; nothing changed\n", stderr);
			goto done;
		}
	}
	if (!pin_is_valid(pin)) {
		fprintf(stderr, "kioskctl set-pin: a PIN is %d to %d digits (0-9); nothing changed\n",
		        PIN_MIN_DIGITS, PIN_MAX_DIGITS);
		goto done;
	}
	if (pin_hash(pin, hash, err, sizeof err) < 0) {
		fprintf(stderr, "kioskctl set-pin: %s\n", err);
		goto done;
	}

	struct stat st;
	FILE *f = fopen(path, "rb");
	if (!f || fstat(fileno(f), &st) < 0) {
		fprintf(stderr, "kioskctl set-pin: %s: cannot open: %s\n", path, strerror(errno));
		if (f) fclose(f);
		goto done;
	}
	text = malloc(MAX_CONF);
	size_t n = text ? fread(text, 1, MAX_CONF, f) : 0;
	fclose(f);
	if (!text || n == MAX_CONF) {
		fprintf(stderr, "kioskctl set-pin: %s: %s\n", path, text ? "larger than 1 MiB" : "out of memory");
		goto done;
	}
	size_t outlen;
	out = with_hash(text, n, hash, &outlen);
	if (!out) { fputs("kioskctl set-pin: out of memory\n", stderr); goto done; }
	/* The new file must still be a valid config holding this hash. */
	Config check;
	config_defaults(&check);
	if (config_load_text(&check, path, out, outlen, err, sizeof err) < 0 ||
	    strcmp(check.maint_pin_hash, hash) != 0) {
		fprintf(stderr, "kioskctl set-pin: %s would not read back correctly (%s); nothing changed\n", path,
		        err);
		goto done;
	}
	if (replace_file(path, out, outlen, st.st_mode, err, sizeof err) < 0) {
		fprintf(stderr, "kioskctl set-pin: %s; nothing changed\n", err);
		goto done;
	}
	printf("%s: maintenance.pin_hash set (Argon2id)\n", path);
	char state[CONFIG_STR + 32];
	snprintf(state, sizeof state, "%s/" PIN_STATE_FILE, cfg->data_dir);
	int cleared = unlink(state) == 0;
	if (!cleared && errno != ENOENT)
		fprintf(stderr, "kioskctl set-pin: %s: cannot remove the old tries and lockout: %s\n",
		        state, strerror(errno));
	else if (cleared)
		printf("%s: old tries and lockout cleared\n", state);
	char log[CONFIG_STR + 32], aerr[512], detail[CONFIG_STR + 96];
	audit_path(log, sizeof log, cfg->data_dir, cfg->maint_audit_log);
	snprintf(detail, sizeof detail, "config=%s by kioskctl%s", path,
	         cleared ? "; pin-state cleared" : "");
	if (audit_append(log, (int64_t)time(NULL), "pin-set", detail, aerr, sizeof aerr) < 0)
		fprintf(stderr, "kioskctl set-pin: audit log: %s\n", aerr);
	rc = 0;
done:
	sodium_memzero(pin, sizeof pin);
	sodium_memzero(again, sizeof again);
	free(text);
	free(out);
	return rc;
}
