/* speech.c — read-aloud: one child process per sentence. */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "speech.h"

extern char **environ;

/* ------------------------------------------------------------ sentences */

static int is_mark(const char *p, size_t *len)
{
	static const char *const marks[] = {"。", "！", "？", "；", "!", "?", ";", "\n"};
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
		size_t n = strlen(marks[i]);
		if (!strncmp(p, marks[i], n)) { *len = n; return 1; }
	}
	return 0;
}

int speech_split(const char *text, void (*emit)(void *ctx, size_t start, size_t end), void *ctx)
{
	int count = 0;
	size_t i = 0, start = 0, n = text ? strlen(text) : 0;
	while (i <= n) {
		size_t ml = 0;
		int end = i == n || is_mark(text + i, &ml);
		if (!end) { i++; continue; }
		size_t e = i + (text[i] == '\n' ? 0 : ml);
		size_t a = start;
		while (a < e && (text[a] == ' ' || text[a] == '\t' || text[a] == '\r')) a++;
		/* a piece of only punctuation or blanks is not a sentence */
		int words = 0;
		for (size_t j = a; j < e; j++)
			if (text[j] != ' ' && text[j] != '\r' && text[j] != '\t') { words = 1; break; }
		if (words && e > a && !(e - a == ml)) { emit(ctx, a, e); count++; }
		i += ml ? ml : 1;
		start = i;
	}
	return count;
}

/* ---------------------------------------------------------------- queue */

int speech_add(Speech *s, const char *text, size_t len)
{
	if (s->n >= SPEECH_MAX) return -1;
	char *c = malloc(len + 1);
	if (!c) return -1;
	memcpy(c, text, len);
	c[len] = 0;
	s->sent[s->n++] = c;
	return 0;
}

static void clear(Speech *s)
{
	for (int i = 0; i < s->n; i++) free(s->sent[i]);
	s->n = 0;
	s->cur = -1;
}

int speech_active(const Speech *s) { return s->cur >= 0; }

int speech_command_found(const char *command, char *why, size_t whylen)
{
	char word[256], path[4096];
	size_t n = strcspn(command + strspn(command, " \t"), " \t");
	snprintf(word, sizeof word, "%.*s", (int)n, command + strspn(command, " \t"));
	if (!word[0]) {
		snprintf(why, whylen, "empty");
		return 0;
	}
	if (strchr(word, '/')) {
		if (access(word, X_OK) == 0) return 1;
		snprintf(why, whylen, "%s: %s", word, strerror(errno));
		return 0;
	}
	const char *p = getenv("PATH");
	if (!p || !*p) p = "/usr/local/bin:/usr/bin:/bin";
	while (*p) {
		size_t len = strcspn(p, ":");
		snprintf(path, sizeof path, "%.*s/%s", (int)len, len ? p : ".", word);
		if (access(path, X_OK) == 0) return 1;
		p += len + (p[len] == ':');
	}
	snprintf(why, whylen, "%s: not found on PATH", word);
	return 0;
}

/* Spawn the child for sentence s->cur in a process group of its own. */
static int spawn_current(Speech *s)
{
	char cmd[sizeof s->command], vol[16];
	char *argv[40];
	int argc = 0;
	snprintf(cmd, sizeof cmd, "%s", s->command);
	snprintf(vol, sizeof vol, "%d", s->volume);
	for (char *save = NULL, *w = strtok_r(cmd, " \t", &save); w && argc < 36;
	     w = strtok_r(NULL, " \t", &save))
		argv[argc++] = w;
	if (argc == 0) return -1;
	argv[argc++] = "-a";
	argv[argc++] = vol;
	argv[argc++] = s->sent[s->cur];
	argv[argc] = NULL;
	posix_spawnattr_t at;
	posix_spawnattr_init(&at);
	posix_spawnattr_setpgroup(&at, 0);
	/* The child must not inherit a blocked or ignored SIGTERM. */
	sigset_t none, dfl;
	sigemptyset(&none);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGTERM);
	sigaddset(&dfl, SIGPIPE);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &dfl);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
	                              POSIX_SPAWN_SETSIGDEF);
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], NULL, &at, argv, environ);
	posix_spawnattr_destroy(&at);
	if (rc != 0) {
		fprintf(stderr, "kiosk: speech: %s: %s\n", argv[0], strerror(rc));
		return -1;
	}
	s->pid = pid;
	if (s->trace) {
		printf("speech say %d/%d pid %d\n", s->cur + 1, s->n, (int)pid);
		fflush(stdout);
	}
	return 0;
}

static void kill_child(Speech *s)
{
	if (s->pid <= 0) return;
	kill(-s->pid, SIGTERM);
	kill(s->pid, SIGTERM);
	int st;
	while (waitpid(s->pid, &st, 0) < 0 && errno == EINTR) {}
	s->pid = 0;
}

int speech_start(Speech *s)
{
	kill_child(s);
	if (s->n == 0) return -1;
	s->cur = 0;
	if (spawn_current(s) < 0) { clear(s); return -1; }
	return 0;
}

int speech_poll(Speech *s)
{
	if (s->cur < 0) return 0;
	if (s->pid > 0) {
		int st;
		pid_t r = waitpid(s->pid, &st, WNOHANG);
		if (r == 0) return 1;           /* still speaking */
		s->pid = 0;
	}
	while (++s->cur < s->n) {
		if (spawn_current(s) == 0) return 1;
	}
	if (s->trace) { printf("speech done\n"); fflush(stdout); }
	clear(s);
	return 0;
}

void speech_stop(Speech *s, const char *why)
{
	if (s->pid > 0) {
		pid_t pid = s->pid;
		kill_child(s);
		if (s->trace && why) { printf("speech stop pid %d (%s)\n", (int)pid, why); fflush(stdout); }
	} else if (s->cur >= 0 && s->trace && why) {
		printf("speech stop (%s)\n", why);
		fflush(stdout);
	}
	clear(s);
}
