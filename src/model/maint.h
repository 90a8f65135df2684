/* maint.h — staff maintenance mode and the kiosk's live pickup of newly
 * installed bundles.
 *
 * One Maint belongs to an App (a->maint). It owns:
 *   - the hidden gesture: a corner held for gesture_press_ms, let go, then a
 *     tap on the other corner within gesture_tap_ms, recognised from the
 *     one gesture stream (input.h) and opening the PIN pad (screen "pin");
 *   - the PIN check (ops/pin.h) and its lockout on the kiosk's clock;
 *   - the audit log (ops/audit.h): every entry, failure and action;
 *   - background jobs (a worker thread per job, the UI never waits):
 *     sync from USB / the network / rollback through the core install API,
 *     with progress (stage, bytes done / total) and cancel; and the info
 *     probe (signature of the bundle served, a HEAD request to sync.url);
 *   - live pickup: one stat of data.dir/current.db every MAINT_WATCH_MS;
 *     a changed file is opened and swapped in only at an idle moment (home
 *     screen at rest or screensaver, nobody touching) or right after a
 *     maintenance action; a file that will not open is recorded in
 *     status.json and the old bundle stays.
 *
 * Scripts (k->scripted) run jobs in lockstep: each frame consumes one
 * progress report of the worker, so screenshots and expectations in the
 * middle of a sync are reproducible. */
#ifndef MODEL_MAINT_H
#define MODEL_MAINT_H

#include <pthread.h>
#include <stdint.h>
#include "update/install.h"
#include "ops/pin.h"
#include "update/fetch.h"
#include "update/status.h"
#include "app.h"

/* The program's version: VERSION in the Makefile, passed as -DKIOSK_VERSION
 * (the .deb gets the same). */
#ifndef KIOSK_VERSION
#error "KIOSK_VERSION comes from the Makefile (-DKIOSK_VERSION)"
#endif
#define KIOSK_PROGRAM_VERSION KIOSK_VERSION
#define KIOSK_EXIT_RESTART 75       /* "restart the kiosk": systemd restarts on it */
#define KIOSK_EXIT_DESKTOP 64       /* "exit to the desktop": RestartPreventExitStatus=64 */
#define MAINT_WATCH_MS 3000u        /* how often current.db is looked at */
#define MAINT_PICKUP_IDLE_MS 3000u  /* home untouched this long counts as idle */
#define MAINT_POLL_MS 100u         /* progress of a running job is shown this often */
#define MAINT_TOUCH_MAX 24

/* Tap targets of the PIN pad and the maintenance screen. */
enum {
	ACT_PIN_DIGIT = 7000,           /* + 0..9 */
	ACT_PIN_CLEAR = 7010, ACT_PIN_DEL, ACT_PIN_OK, ACT_PIN_CANCEL,
	ACT_M_BACK = 7100,              /* 返回服务 */
	ACT_M_SYNC_USB, ACT_M_SYNC_NET, ACT_M_ROLLBACK, ACT_M_TOUCH, ACT_M_PATTERN,
	ACT_M_USAGE, ACT_M_RESTART, ACT_M_DESKTOP, ACT_M_CANCEL_JOB, ACT_M_VIEW_BACK,
	ACT_M_CONFIRM, ACT_M_CONFIRM_NO,
	ACT_M_PERIOD = 7150,            /* + 0..2: 今天 / 7天 / 30天 */
};

typedef enum { JOB_NONE = 0, JOB_SYNC_USB, JOB_SYNC_NET, JOB_ROLLBACK } MaintJobKind;
typedef enum { MV_MAIN = 0, MV_TOUCH, MV_PATTERN, MV_USAGE } MaintView;

/* What the usage view shows, read from usage.db when the view opens and
 * when a period is chosen (never while drawing). */
#define MAINT_USAGE_ROWS 10
typedef struct UsageReport {
	int ok;                         /* 0: usage.db could not be opened */
	int views, no_result;           /* totals since the period's start */
	UsageCount top[MAINT_USAGE_ROWS], nores[MAINT_USAGE_ROWS];
	int n_top, n_nores;             /* -1: that query failed */
} UsageReport;

/* A background job; fields under mu unless noted. */
typedef struct MaintJob {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;               /* UI side: started and not yet joined */
	int started;                    /* UI side */
	MaintJobKind kind;              /* UI side */
	int lockstep;                   /* scripts: one report per frame */
	char stage[32];                 /* install progress stage ("copy", ...) */
	long long done, total;          /* bytes; total 0 = unknown */
	unsigned seq, acked;            /* reports made / shown */
	int cancel;                     /* UI asked to stop */
	int finished;                   /* the worker is done: result, msg valid */
	int result;                     /* InstallResult, or 0/-1 for rollback */
	char msg[4096];
	InstallOpts o;                  /* worker inputs (point into cfg) */
	char usb_glob[CONFIG_STR], url[CONFIG_STR];
} MaintJob;

/* What the worker showed last (a copy the UI draws from). */
typedef struct MaintProgress {
	char stage[32];
	long long done, total;
	int finished, result;
	char msg[4096];
} MaintProgress;

/* The info probe: signature state and whether sync.url answers. */
typedef struct MaintInfo {
	pthread_mutex_t mu;
	pthread_t thread;
	int started;
	int done;                       /* under mu */
	int sig;                        /* 1 verified, 0 unsigned, -1 bad, 2 checking */
	char sig_msg[512];
	int url;                        /* 1 answers, 0 not configured, -1 fails, 2 checking */
	int http_status;
	char url_msg[512];
	char bundle_path[CONFIG_STR + 32];
	char pubkey[CONFIG_STR], url_in[CONFIG_STR];
	FetchOpts fo;
} MaintInfo;

/* The PIN check (Argon2id, 0.1-0.5 s) on its own thread, so the pad keeps
 * drawing (a spinner) meanwhile; input on the pad waits for the answer.
 * The try is counted (and written to data.dir) before the check starts, so
 * pulling the plug during a check does not give the try back. */
typedef struct MaintPinCheck {
	pthread_mutex_t mu;
	pthread_t thread;
	int started;                    /* UI side: a check is running, thread to join */
	int done;                       /* under mu: result is valid */
	int result;                     /* under mu: pin_verify()'s answer */
	double took_ms;                 /* under mu: how long the hash took */
	char hash[CONFIG_STR];
	char pin[PIN_MAX_DIGITS + 1];   /* wiped by the worker when done */
	uint32_t since;                 /* k->now at the start (the spinner turns from it) */
	PinGuard before;                /* the guard before this try was counted */
} MaintPinCheck;

typedef struct Maint {
	/* hidden gesture */
	int corner_press, corner_tap;   /* 0 tl, 1 tr, 2 bl, 3 br */
	uint32_t armed_until;           /* a tap on corner_tap opens the pad until then */
	int armed;
	/* PIN pad */
	PinGuard guard;
	MaintPinCheck check;
	char pin_state_path[CONFIG_STR + 32];   /* data.dir/pin-state */
	char entry[PIN_MAX_DIGITS + 1];
	char pin_msg[160];
	int pin_msg_bad;
	long long shown_lock_s;         /* countdown second drawn last */
	uint32_t entered_at;            /* when maintenance was opened */
	/* maintenance screen */
	MaintView view;
	int confirm;                    /* action id waiting for 确定, or 0 */
	int period;                     /* usage: 0 today, 1 7 days, 2 30 days */
	UsageReport report;             /* usage: for period, read at the tap */
	struct { int x, y; } touches[MAINT_TOUCH_MAX];
	int n_touches;
	MaintJob job;
	MaintProgress shown;
	int job_visible;                /* the progress panel is up */
	MaintInfo info;
	Status status;                  /* status.json + bundles, read at entry and after jobs */
	long long disk_free, disk_total;/* bytes on data.dir's filesystem, -1 unknown */
	Usage *usage_own;               /* opened for the usage view when k->usage is NULL */
	char audit_path[CONFIG_STR + 32];
	/* live pickup */
	char watch_dir[CONFIG_STR];     /* "" = off (--bundle) */
	char serving[CONFIG_STR + 32];  /* path of the bundle served */
	InstallWatch watch;
	uint32_t watch_last;
	int pending;                    /* current.db changed, not yet picked up */
	char pickup_msg[1024];          /* last pickup failure, "" = none */
} Maint;


/* The PIN pad (screen_pin.c). A check is running (input on the pad is
 * ignored meanwhile). */
int maint_pin_checking(const App *k);
/* Pick up a finished check's answer and act on it; wait: block until the
 * running check ends (scripts, which are deterministic: script.c calls
 * this before each command but shot/dump/realtime). 1 while still
 * running, else 0. */
int maint_pin_poll(App *k, int wait);
/* Wait for a running check and drop its answer (the try stays counted). */
void maint_pin_drop(Maint *m);
/* Write the guard's state to data.dir (logs a failure). */
void maint_pin_save(App *k);

/* Allocate k->maint from k->cfg. 0 or -1 (out of memory). */
int maint_init(App *k);
/* Stop jobs (cancel, join) and free k->maint. NULL-tolerant. */
void maint_fini(App *k);

/* Serve bundles from data_dir/current.db with live pickup ("" or NULL:
 * off, e.g. --bundle), serving_path naming the bundle now open. */
void maint_watch(App *k, const char *data_dir, const char *serving_path);

/* Feed one gesture (kiosk.c, before it acts on it). 1 if the gesture
 * completed the hidden sequence and opened the PIN pad (the caller then
 * drops it); 0 otherwise. On the maintenance screen it also records
 * touches for the touch test. */
int maint_gesture(App *k, const Gesture *g);

/* 1 while the PIN pad or maintenance is up (no idle reset, no saver). */
int maint_active(const App *k);
/* Time passes (kiosk_advance): their own idle exits, the watch, pickup. */
void maint_advance(App *k);
/* Milliseconds until maint_advance must run again. */
uint32_t maint_timeout(const App *k);

/* Append an audit line (time from the kiosk's clock); failures go to
 * stderr and change nothing else. */
void maint_audit(App *k, const char *event, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Look at current.db now and, if it changed, switch to it whatever the
 * screen (used right after a maintenance action). 1 switched, 0 nothing
 * new, -1 the new file would not open (kept the old one). */
int maint_pickup_now(App *k);

/* Job control for the maintenance screen. */
void maint_job_start(App *k, MaintJobKind kind);
void maint_job_cancel(App *k);
/* Copy the worker's state into m->shown (lockstep: wait for the next
 * report), marking the screen dirty if it changed. 1 while the job runs. On the frame it ends: join, audit,
 * pick the new bundle up. */
int maint_job_poll(App *k);
void maint_info_start(App *k);

/* Leave maintenance for the home screen (reason for the audit log). */
void maint_leave(App *k, const char *reason);
/* Read status.json and the free disk space again (maintenance screen). */
void maint_refresh(App *k);
/* The usage database for the usage view: a->usage, or one opened for it. */
Usage *maint_usage_db(App *k);
/* Read the usage report for m->period into m->report. */
void maint_usage_read(App *k);
/* 确定 on the PIN pad: check the entry (on a thread of its own). */
void maint_pin_try(App *k);
/* The maintenance screen opens / closes (status read, info probe started;
 * the usage database it opened closed). */
void maint_screen_enter(App *a);
void maint_screen_leave(App *a);
/* A tap target of the maintenance screen (ACT_M_*; 0 nothing): views,
 * jobs, the confirm dialog, restart / exit (App.quit). */
void maint_action(App *a, int id);
/* What a confirm dialog asks about, in words for the staff. */
const char *maint_action_name(int id);
/* A job runs: its progress (maint_job_poll), the status after it ends. */
void maint_screen_tick(App *a);
/* The PIN pad opens: an empty entry (the screen's enter). */
void maint_pin_open(App *a);
/* A tap target of the pad (ACT_PIN_*; 0 nothing): digits, 删除, 清除,
 * 确定 (maint_pin_try), 取消 (maint_leave). Ignored while a check runs. */
void maint_pin_input(App *a, int id);
/* Time passes on the pad: the countdown second, a finished check. 1 while
 * a check runs (frames for the spinner). */
int maint_pin_tick(App *a);

#endif
