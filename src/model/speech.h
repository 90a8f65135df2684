/* speech.h — read-aloud (语音播报) through a child process.
 *
 * One Speech is a queue of sentences and at most one child process that
 * speaks the current one. Each sentence is spoken by its own child
 * (`COMMAND... -a VOLUME TEXT`, spawned with posix_spawnp in its own
 * process group), so the caller always knows which sentence is being
 * heard and can highlight it. Nothing here blocks: speech_poll() reaps the
 * child with WNOHANG and starts the next sentence; speech_stop() kills the
 * process group and reaps it. */
#ifndef MODEL_SPEECH_H
#define MODEL_SPEECH_H

#include <sys/types.h>

#define SPEECH_MAX 256                  /* sentences queued at once */

typedef struct Speech {
	char command[256];              /* argv words, split on blanks */
	int volume;                     /* espeak -a, 0..200 */
	char *sent[SPEECH_MAX];         /* owned copies */
	int n, cur;                     /* cur: index being spoken, -1 idle */
	pid_t pid;                      /* child, or 0 */
	int trace;                      /* print "speech ..." lines on stdout */
} Speech;

/* Split UTF-8 text into sentences ending at 。！？；or a newline (the
 * mark stays with its sentence; blank pieces are dropped). Calls emit with
 * each sentence's byte range [start, end) in text. Returns the count. */
int speech_split(const char *text, void (*emit)(void *ctx, size_t start, size_t end),
                 void *ctx);

/* Queue a sentence (copied). 0, or -1 if the queue is full / no memory. */
int speech_add(Speech *s, const char *text, size_t len);
/* Start speaking from the first queued sentence. 0, or -1 (spawn failed;
 * the queue is cleared). */
int speech_start(Speech *s);
/* Reap a finished child and start the next sentence. Returns 1 while
 * speaking, 0 when done (the queue is then cleared). Never blocks. */
int speech_poll(Speech *s);
/* Stop now: kill the child's process group, reap it, clear the queue.
 * why is printed in the trace. Safe when idle. */
void speech_stop(Speech *s, const char *why);
int speech_active(const Speech *s);
/* 1 if the first word of command names an executable (a path, or a name
 * found on PATH); else 0 with why ("espeak-ng: not found on PATH"). */
int speech_command_found(const char *command, char *why, size_t whylen);

#endif
