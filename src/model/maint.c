/* maint.c — hidden gesture, PIN check, audit, background jobs and live
 * pickup of new bundles (see maint.h). The two screens are in
 * screens/screen_pin.c and screens/screen_maint.c. */
#include <errno.h>
#include <math.h>
#include <sys/statvfs.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "ops/audit.h"
#include "update/sign.h"
#include "maint.h"

/* ------------------------------------------------------------- set-up */

static int corner_id(const char *s)
{
	if (!strcmp(s, "top-right")) return 1;
	if (!strcmp(s, "bottom-left")) return 2;
	if (!strcmp(s, "bottom-right")) return 3;
	return 0;
}

int maint_init(App *k)
{
	Maint *m = calloc(1, sizeof *m);
	if (!m) return -1;
	const Config *c = k->cfg;
	m->corner_press = corner_id(c->maint_gesture_press);
	m->corner_tap = corner_id(c->maint_gesture_tap);
	pin_guard_init(&m->guard, c->maint_max_tries, (int64_t)c->maint_lockout_s * 1000);
	audit_path(m->audit_path, sizeof m->audit_path, c->data_dir, c->maint_audit_log);
	pthread_mutex_init(&m->job.mu, NULL);
	pthread_cond_init(&m->job.cv, NULL);
	pthread_mutex_init(&m->info.mu, NULL);
	pthread_mutex_init(&m->check.mu, NULL);
	k->maint = m;
	/* The tries and lockout left by the last run (pin.h). */
	snprintf(m->pin_state_path, sizeof m->pin_state_path, "%s/" PIN_STATE_FILE, c->data_dir);
	PinClock clk;
	char err[1024];
	pin_clock_now(&clk);
	int r = pin_state_load(m->pin_state_path, &m->guard, k->now, &clk, err, sizeof err);
	if (r < 0) {
		fprintf(stderr, "kiosk: PIN state: %s\n", err);
		maint_audit(k, "pin-state", "%s", err);
		maint_pin_save(k);              /* a good file from now on */
	} else if (r == 0 && pin_guard_locked_ms(&m->guard, k->now) > 0) {
		fprintf(stderr, "kiosk: PIN pad locked for %lld s more (lockout kept from the last run)\n",
		        (long long)(pin_guard_locked_ms(&m->guard, k->now) + 999) / 1000);
	}
	return 0;
}

void maint_pin_save(App *k)
{
	Maint *m = k->maint;
	PinClock clk;
	char err[1024];
	pin_clock_now(&clk);
	if (pin_state_save(m->pin_state_path, &m->guard, k->now, &clk, err, sizeof err) < 0) {
		fprintf(stderr, "kiosk: PIN state: %s\n", err);
		maint_audit(k, "pin-state", "not saved: %s", err);
	}
}

static void job_join(Maint *m)
{
	if (!m->job.started) return;
	pthread_join(m->job.thread, NULL);
	m->job.started = 0;
}

static void info_join(Maint *m)
{
	if (!m->info.started) return;
	pthread_join(m->info.thread, NULL);
	m->info.started = 0;
}

void maint_fini(App *k)
{
	Maint *m = k ? k->maint : NULL;
	if (!m) return;
	pthread_mutex_lock(&m->job.mu);
	m->job.cancel = 1;
	m->job.lockstep = 0;
	pthread_cond_broadcast(&m->job.cv);
	pthread_mutex_unlock(&m->job.mu);
	job_join(m);
	info_join(m);
	maint_pin_drop(m);
	usage_close(m->usage_own);
	pthread_mutex_destroy(&m->job.mu);
	pthread_cond_destroy(&m->job.cv);
	pthread_mutex_destroy(&m->info.mu);
	pthread_mutex_destroy(&m->check.mu);
	free(m);
	k->maint = NULL;
}

void maint_watch(App *k, const char *data_dir, const char *serving_path)
{
	Maint *m = k->maint;
	snprintf(m->serving, sizeof m->serving, "%s", serving_path ? serving_path : "");
	snprintf(m->watch_dir, sizeof m->watch_dir, "%s", data_dir ? data_dir : "");
	if (m->watch_dir[0]) install_watch_init(m->watch_dir, &m->watch);
	m->watch_last = k->now;
}

/* --------------------------------------------------------------- audit */

void maint_audit(App *k, const char *event, const char *fmt, ...)
{
	char detail[1536], err[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	if (audit_append(k->maint->audit_path, k->clock_base + k->now / 1000, event, detail,
	                 err, sizeof err) < 0)
		fprintf(stderr, "kiosk: audit log: %s (event %s %s)\n", err, event, detail);
}

/* ------------------------------------------------------ hidden gesture */

static int in_corner(const App *k, int corner, float x, float y)
{
	float s = (float)k->cfg->maint_gesture_corner_px;
	int right = corner & 1, bottom = corner >> 1;
	int okx = right ? x >= k->w - s : x < s;
	int oky = bottom ? y >= k->h - s : y < s;
	return okx && oky;
}

int maint_active(const App *k)
{
	return k->screen == SCR_PIN || k->screen == SCR_MAINT;
}

int maint_gesture(App *k, const Gesture *g)
{
	Maint *m = k->maint;
	if (k->screen == SCR_MAINT && m->view == MV_TOUCH &&
	    (g->kind == GEST_DOWN || g->kind == GEST_DRAG)) {
		if (m->n_touches == MAINT_TOUCH_MAX) {
			memmove(m->touches, m->touches + 1, sizeof m->touches[0] * (MAINT_TOUCH_MAX - 1));
			m->n_touches--;
		}
		m->touches[m->n_touches].x = (int)g->x;
		m->touches[m->n_touches].y = (int)g->y;
		m->n_touches++;
		return 0;
	}
	if (maint_active(k)) { m->armed = 0; return 0; }
	switch (g->kind) {
	case GEST_LONG_UP:
		/* The first half: the press corner held long enough, let go there. */
		m->armed = g->hold_ms >= (uint32_t)k->cfg->maint_gesture_press_ms &&
		           in_corner(k, m->corner_press, g->x, g->y) &&
		           in_corner(k, m->corner_press, g->x0, g->y0);
		m->armed_until = k->now + (uint32_t)k->cfg->maint_gesture_tap_ms;
		return 0;
	case GEST_TAP:
		if (m->armed && (int32_t)(m->armed_until - k->now) >= 0 &&
		    in_corner(k, m->corner_tap, g->x, g->y)) {
			m->armed = 0;
			maint_audit(k, "pin-pad", "opened by the hidden gesture");
			app_go(k, SCR_PIN);
			return 1;
		}
		m->armed = 0;
		return 0;
	case GEST_DOWN: case GEST_LONG_PRESS:
		return 0;                       /* the tap or hold being made */
	default:
		m->armed = 0;                   /* drags, cancels: start over */
		return 0;
	}
}

/* ---------------------------------------------------------- leaving */

void maint_leave(App *k, const char *reason)
{
	Maint *m = k->maint;
	if (k->screen == SCR_MAINT)
		maint_audit(k, "maintenance-exit", "%s after %u s", reason, (k->now - m->entered_at) / 1000);
	else
		maint_audit(k, "pin-pad-closed", "%s", reason);
	m->view = MV_MAIN;
	m->confirm = 0;
	maint_pin_drop(m);
	memset(m->entry, 0, sizeof m->entry);
	k->n_back = 0;
	app_go(k, SCR_HOME);
}

/* --------------------------------------------------------------- jobs */

static int job_progress(void *ctx, const char *stage, long long done, long long total)
{
	MaintJob *j = ctx;
	pthread_mutex_lock(&j->mu);
	snprintf(j->stage, sizeof j->stage, "%s", stage);
	j->done = done;
	j->total = total;
	j->seq++;
	pthread_cond_broadcast(&j->cv);
	if (j->lockstep) {
		/* Scripts: wait until the UI has shown this report (bounded, so a
		 * stuck UI never hangs the worker for good). */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 10;
		while (j->lockstep && !j->cancel && j->acked < j->seq)
			if (pthread_cond_timedwait(&j->cv, &j->mu, &ts) == ETIMEDOUT) break;
	}
	int cancel = j->cancel;
	pthread_mutex_unlock(&j->mu);
	return cancel;
}

static void *job_main(void *arg)
{
	MaintJob *j = arg;
	char msg[4096];
	int result;
	if (j->kind == JOB_ROLLBACK) {
		job_progress(j, "rollback", 0, 0);
		result = install_rollback(&j->o, msg, sizeof msg);
	} else {
		result = (int)install_sync(&j->o, j->kind == JOB_SYNC_USB ? j->usb_glob : "",
		                           j->kind == JOB_SYNC_NET ? j->url : "", msg, sizeof msg);
	}
	pthread_mutex_lock(&j->mu);
	j->result = result;
	snprintf(j->msg, sizeof j->msg, "%s", msg);
	j->finished = 1;
	j->seq++;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
	return NULL;
}

static const char *job_name(MaintJobKind kind)
{
	return kind == JOB_SYNC_USB ? "sync-usb" : kind == JOB_SYNC_NET ? "sync-network" : "rollback";
}

void maint_job_start(App *k, MaintJobKind kind)
{
	Maint *m = k->maint;
	MaintJob *j = &m->job;
	if (j->started) return;             /* one at a time */
	pthread_mutex_lock(&j->mu);
	j->kind = kind;
	j->lockstep = k->scripted;
	j->stage[0] = 0;
	j->done = j->total = 0;
	j->seq = j->acked = 0;
	j->cancel = j->finished = 0;
	j->result = 0;
	j->msg[0] = 0;
	install_opts_from_config(k->cfg, &j->o);
	j->o.progress = job_progress;
	j->o.progress_ctx = j;
	snprintf(j->usb_glob, sizeof j->usb_glob, "%s", k->cfg->sync_usb_glob);
	snprintf(j->url, sizeof j->url, "%s", k->cfg->sync_url);
	pthread_mutex_unlock(&j->mu);
	memset(&m->shown, 0, sizeof m->shown);
	snprintf(m->shown.stage, sizeof m->shown.stage, "start");
	m->job_visible = 1;
	maint_audit(k, job_name(kind), "started%s%s", kind == JOB_SYNC_USB ? " from " : kind == JOB_SYNC_NET ? " from " : "",
	            kind == JOB_SYNC_USB ? j->usb_glob : kind == JOB_SYNC_NET ? j->url : "");
	if (pthread_create(&j->thread, NULL, job_main, j) != 0) {
		m->shown.finished = 1;
		m->shown.result = kind == JOB_ROLLBACK ? -1 : INSTALL_FAILED;
		snprintf(m->shown.msg, sizeof m->shown.msg, "cannot start a worker thread: %s", strerror(errno));
		maint_audit(k, job_name(kind), "failed: %s", m->shown.msg);
		return;
	}
	j->started = 1;
	app_mark_dirty(k);
}

void maint_job_cancel(App *k)
{
	MaintJob *j = &k->maint->job;
	if (!j->started) return;
	pthread_mutex_lock(&j->mu);
	j->cancel = 1;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
	maint_audit(k, job_name(j->kind), "cancel asked");
}

int maint_job_poll(App *k)
{
	Maint *m = k->maint;
	MaintJob *j = &m->job;
	if (!j->started) return 0;
	pthread_mutex_lock(&j->mu);
	if (j->lockstep && !j->finished && j->acked == j->seq) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 10;
		while (!j->finished && j->acked == j->seq)
			if (pthread_cond_timedwait(&j->cv, &j->mu, &ts) == ETIMEDOUT) break;
	}
	snprintf(m->shown.stage, sizeof m->shown.stage, "%s", j->stage[0] ? j->stage : "start");
	m->shown.done = j->done;
	m->shown.total = j->total;
	m->shown.finished = j->finished;
	m->shown.result = j->result;
	if (j->finished) snprintf(m->shown.msg, sizeof m->shown.msg, "%s", j->msg);
	int changed = j->acked != j->seq;
	j->acked = j->seq;
	pthread_cond_broadcast(&j->cv);
	int finished = j->finished;
	pthread_mutex_unlock(&j->mu);
	if (changed) app_mark_dirty(k);
	if (!finished) return 1;
	app_touched(k);             /* the result gets its own 2 minutes */
	job_join(m);
	if (j->kind == JOB_ROLLBACK)
		maint_audit(k, "rollback", "%s: %s", m->shown.result == 0 ? "done" : "failed", m->shown.msg);
	else
		maint_audit(k, job_name(j->kind), "%s: %s", install_result_name((InstallResult)m->shown.result),
		            m->shown.msg);
	/* Right after a maintenance action: serve what is installed now. */
	maint_pickup_now(k);
	maint_info_start(k);
	return 0;
}

/* ---------------------------------------------------------- info probe */

static void *info_main(void *arg)
{
	MaintInfo *in = arg;
	int sig, url = 0, status = 0;
	char sig_msg[512] = "", url_msg[512] = "", sigpath[CONFIG_STR + 64];
	snprintf(sigpath, sizeof sigpath, "%s.sig", in->bundle_path);
	if (access(sigpath, F_OK) != 0) {
		sig = 0;
	} else if (sign_verify_file(in->bundle_path, sigpath, in->pubkey, sig_msg, sizeof sig_msg) == 0) {
		SignSig s;
		char e[256];
		sig = 1;
		if (sign_load_sig(sigpath, &s, e, sizeof e) == 0) snprintf(sig_msg, sizeof sig_msg, "%s", s.key_id);
	} else {
		sig = -1;
	}
	if (in->url_in[0]) {
		char e[512];
		if (fetch_head(in->url_in, &in->fo, &status, e, sizeof e) == 0) {
			url = 1;
			snprintf(url_msg, sizeof url_msg, "HTTP %d", status);
		} else {
			url = -1;
			snprintf(url_msg, sizeof url_msg, "%s", e);
		}
	}
	pthread_mutex_lock(&in->mu);
	in->sig = sig;
	snprintf(in->sig_msg, sizeof in->sig_msg, "%s", sig_msg);
	in->url = url;
	in->http_status = status;
	snprintf(in->url_msg, sizeof in->url_msg, "%s", url_msg);
	in->done = 1;
	pthread_mutex_unlock(&in->mu);
	return NULL;
}

void maint_info_start(App *k)
{
	Maint *m = k->maint;
	MaintInfo *in = &m->info;
	if (in->started) {
		pthread_mutex_lock(&in->mu);
		int done = in->done;
		pthread_mutex_unlock(&in->mu);
		if (!done) return;              /* still probing */
		info_join(m);
	}
	in->done = 0;
	in->sig = 2;
	in->url = k->cfg->sync_url[0] ? 2 : 0;
	in->sig_msg[0] = in->url_msg[0] = 0;
	snprintf(in->bundle_path, sizeof in->bundle_path, "%s", m->serving);
	snprintf(in->pubkey, sizeof in->pubkey, "%s", k->cfg->sync_pubkey);
	snprintf(in->url_in, sizeof in->url_in, "%s", k->cfg->sync_url);
	InstallOpts o;
	install_opts_from_config(k->cfg, &o);
	in->fo = o.fetch;
	in->fo.ca_file = k->cfg->sync_ca_file;
	in->fo.timeout_s = in->fo.connect_timeout_s < 10 ? in->fo.connect_timeout_s + 5 : 15;
	in->fo.retries = 0;
	if (pthread_create(&in->thread, NULL, info_main, in) != 0) {
		in->sig = in->url = -1;
		snprintf(in->url_msg, sizeof in->url_msg, "cannot start a thread");
		return;
	}
	in->started = 1;
	/* Scripts: the probe's answer is part of what the screen shows. */
	if (k->scripted) info_join(m);
}

/* ---------------------------------------------------------- live pickup */

static int pickup(App *k)
{
	Maint *m = k->maint;
	char path[CONFIG_STR + 32], err[512], why[1024];
	snprintf(path, sizeof path, "%s/current.db", m->watch_dir);
	m->pending = 0;
	Bundle *nb = bundle_open_readonly(path, err, sizeof err);
	Guide *ng = nb ? bundle_load_index(nb, err, sizeof err) : NULL;
	if (!ng || app_replace_bundle(k, nb, ng, err, sizeof err) < 0) {
		if (ng) guide_free(ng);
		if (nb) bundle_close(nb);
		if (strncmp(err, path, strlen(path)) == 0)   /* the message names the file already */
			snprintf(why, sizeof why, "%s; still serving the previous bundle", err);
		else
			snprintf(why, sizeof why, "%s: %s; still serving the previous bundle", path, err);
		snprintf(m->pickup_msg, sizeof m->pickup_msg, "%s", why);
		fprintf(stderr, "kiosk: %s\n", why);
		install_record_open_failure(m->watch_dir, why);
		maint_audit(k, "bundle-pickup", "failed: %s", why);
		return -1;
	}
	int64_t v = bundle_meta(nb)->bundle_version;
	m->pickup_msg[0] = 0;
	snprintf(m->serving, sizeof m->serving, "%s", path);
	install_record_open_success(m->watch_dir, v);
	fprintf(stderr, "kiosk: now serving %s version %lld: %d departments, %d items\n", path,
	        (long long)v, ng->n_depts, ng->n_items);
	if (k->trace) { printf("bundle %lld\n", (long long)v); fflush(stdout); }
	maint_audit(k, "bundle-pickup", "now serving version %lld", (long long)v);
	return 1;
}

int maint_pickup_now(App *k)
{
	Maint *m = k->maint;
	if (!m->watch_dir[0]) return 0;
	if (install_current_changed(m->watch_dir, &m->watch) == 1) m->pending = 1;
	m->watch_last = k->now;
	return m->pending ? pickup(k) : 0;
}

/* Idle moments: nobody touching, home at rest or the screensaver. */
static int idle_moment(const App *k)
{
	if (k->input.n_down) return 0;
	return k->screen == SCR_SAVER || (k->screen == SCR_HOME && k->now - k->last_input >= MAINT_PICKUP_IDLE_MS);
}

void maint_advance(App *k)
{
	Maint *m = k->maint;
	if (m->watch_dir[0] && k->now - m->watch_last >= MAINT_WATCH_MS) {
		m->watch_last = k->now;
		if (install_current_changed(m->watch_dir, &m->watch) == 1) m->pending = 1;
	}
	if (m->pending && idle_moment(k)) pickup(k);
	uint32_t idle = k->now - k->last_input;
	if (k->screen == SCR_MAINT && !m->job.started &&
	    idle >= (uint32_t)k->cfg->maint_idle_s * 1000u)
		maint_leave(k, "idle");
	else if (k->screen == SCR_PIN && !m->check.started &&
	         idle >= (uint32_t)k->cfg->maint_pin_idle_s * 1000u)
		maint_leave(k, "idle");
}

uint32_t maint_timeout(const App *k)
{
	const Maint *m = k->maint;
	uint32_t until = UINT32_MAX;
	if (m->watch_dir[0]) {
		uint32_t since = k->now - m->watch_last;
		until = since >= MAINT_WATCH_MS ? 0 : MAINT_WATCH_MS - since;
	}
	if (m->pending && k->screen == SCR_HOME && k->now - k->last_input < MAINT_PICKUP_IDLE_MS) {
		uint32_t t = MAINT_PICKUP_IDLE_MS - (k->now - k->last_input);
		if (t < until) until = t;
	}
	/* A running job is looked at 10 times a second (no busy frames). */
	if (m->job.started && until > MAINT_POLL_MS) until = MAINT_POLL_MS;
	if (maint_active(k)) {
		uint32_t idle = k->now - k->last_input;
		uint32_t lim = (uint32_t)(k->screen == SCR_MAINT ? k->cfg->maint_idle_s : k->cfg->maint_pin_idle_s) * 1000u;
		uint32_t t = lim > idle ? lim - idle : 0;
		if (t < until) until = t;
		/* The lockout countdown on the PIN pad changes each second. */
		if (k->screen == SCR_PIN && pin_guard_locked_ms(&m->guard, k->now) > 0) {
			uint32_t s = 1000 - (uint32_t)(pin_guard_locked_ms(&m->guard, k->now) % 1000);
			if (s < until) until = s;
		}
	}
	return until;
}

/* -------------------------------------------------------- screen state */

void maint_refresh(App *k)
{
	Maint *m = k->maint;
	install_status(k->cfg->data_dir, &m->status);
	struct statvfs sv;
	if (statvfs(k->cfg->data_dir, &sv) == 0) {
		m->disk_free = (long long)sv.f_bavail * (long long)sv.f_frsize;
		m->disk_total = (long long)sv.f_blocks * (long long)sv.f_frsize;
	} else {
		m->disk_free = m->disk_total = -1;
	}
}

Usage *maint_usage_db(App *k)
{
	Maint *m = k->maint;
	if (k->usage) return k->usage;
	if (!m->usage_own) {
		char path[CONFIG_STR + 16], err[512];
		snprintf(path, sizeof path, "%s/usage.db", k->cfg->data_dir);
		m->usage_own = usage_open(path, err, sizeof err);
		if (!m->usage_own) fprintf(stderr, "kiosk: usage: %s\n", err);
	}
	return m->usage_own;
}

void maint_usage_read(App *a)
{
	Maint *m = a->maint;
	UsageReport *r = &m->report;
	memset(r, 0, sizeof *r);
	Usage *db = maint_usage_db(a);
	if (!db) return;
	int64_t now = a->clock_base + a->now / 1000, since;
	if (m->period == 0) {                   /* since local midnight */
		time_t tt = (time_t)now;
		struct tm lt;
		localtime_r(&tt, &lt);
		lt.tm_hour = lt.tm_min = lt.tm_sec = 0;
		since = (int64_t)mktime(&lt);
	} else {
		since = now - (m->period == 1 ? 7 : 30) * 86400LL;
	}
	char err[256];
	r->ok = 1;
	if (usage_totals(db, since, &r->views, &r->no_result, err, sizeof err) < 0)
		fprintf(stderr, "kiosk: usage: %s\n", err);
	r->n_top = usage_top_views(db, since, r->top, MAINT_USAGE_ROWS, err, sizeof err);
	r->n_nores = usage_top_no_result(db, since, r->nores, MAINT_USAGE_ROWS, err, sizeof err);
}


/* ------------------------------------------------------ the check */

static void *check_main(void *arg)
{
	MaintPinCheck *c = arg;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int ok = pin_verify(c->hash, c->pin);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	sodium_memzero(c->pin, sizeof c->pin);
	pthread_mutex_lock(&c->mu);
	c->result = ok;
	c->took_ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	c->done = 1;
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

int maint_pin_checking(const App *k)
{
	return k->maint && k->maint->check.started;
}

void maint_pin_drop(Maint *m)
{
	if (!m->check.started) return;
	pthread_join(m->check.thread, NULL);
	m->check.started = 0;
}

/* The answer of a check, on the UI thread. The try was counted when the
 * check started (m->check.before is the guard without it). */
static void check_result(App *k, int ok)
{
	Maint *m = k->maint;
	if (ok == 1) {
		pin_guard_success(&m->guard);
		maint_pin_save(k);
		maint_audit(k, "pin-ok", "maintenance opened");
		m->entered_at = k->now;
		m->view = MV_MAIN;
		m->job_visible = 0;
		app_go(k, SCR_MAINT);
		return;
	}
	if (ok < 0) {
		m->guard = m->check.before;     /* no PIN can open: not a try */
		maint_pin_save(k);
		maint_audit(k, "pin-refused", "no PIN hash configured (maintenance.pin_hash)");
		snprintf(m->pin_msg, sizeof m->pin_msg, "未设置维护密码（请用 kioskctl set-pin 设置）");
		m->pin_msg_bad = 1;
		return;
	}
	m->pin_msg_bad = 1;
	if (m->guard.lockouts > m->check.before.lockouts) {
		maint_audit(k, "pin-wrong", "locked for %lld s (lockout %d)",
		            (long long)pin_guard_lock_len(&m->guard) / 1000, m->guard.lockouts);
		m->pin_msg[0] = 0;              /* the lock message is drawn from the guard */
	} else {
		maint_audit(k, "pin-wrong", "%d of %d", m->guard.fails, m->guard.max_tries);
		snprintf(m->pin_msg, sizeof m->pin_msg, "密码错误，还可尝试 %d 次", pin_guard_tries_left(&m->guard));
	}
}

int maint_pin_poll(App *k, int wait)
{
	Maint *m = k->maint;
	MaintPinCheck *c = &m->check;
	if (!c->started) return 0;
	pthread_mutex_lock(&c->mu);
	int done = c->done, ok = c->result;
	pthread_mutex_unlock(&c->mu);
	if (!done && !wait) return 1;
	pthread_join(c->thread, NULL);      /* done, or the caller waits for it */
	c->started = 0;
	ok = c->result;
	check_result(k, ok);
	app_touched(k);             /* the answer gets its own idle time */
	app_mark_dirty(k);
	return 0;
}

void maint_pin_try(App *k)
{
	Maint *m = k->maint;
	if (pin_guard_locked_ms(&m->guard, k->now) > 0) {
		maint_audit(k, "pin-refused", "entry while locked (%lld s left)",
		            (long long)(pin_guard_locked_ms(&m->guard, k->now) + 999) / 1000);
		memset(m->entry, 0, sizeof m->entry);
		return;
	}
	if (!m->entry[0]) return;
	MaintPinCheck *c = &m->check;
	if (!pin_hash_is_valid(k->cfg->maint_pin_hash)) {
		memset(m->entry, 0, sizeof m->entry);
		c->before = m->guard;
		check_result(k, -1);
		return;
	}
	/* Count the try first, on disk too: a check cut short by a power cut
	 * or a kill is a wrong PIN. The right PIN takes it back. */
	c->before = m->guard;
	pin_guard_fail(&m->guard, k->now);
	maint_pin_save(k);
	snprintf(c->hash, sizeof c->hash, "%s", k->cfg->maint_pin_hash);
	snprintf(c->pin, sizeof c->pin, "%s", m->entry);
	memset(m->entry, 0, sizeof m->entry);
	m->pin_msg[0] = 0;
	m->pin_msg_bad = 0;
	c->done = 0;
	c->since = k->now;
	if (pthread_create(&c->thread, NULL, check_main, c) != 0) {
		check_main(c);                  /* no thread: check here, the pad waits */
		check_result(k, c->result);
		return;
	}
	c->started = 1;
}


/* ------------------------------------------------------------ PIN pad */

void maint_pin_open(App *a)
{
	Maint *m = a->maint;
	memset(m->entry, 0, sizeof m->entry);
	m->pin_msg[0] = 0;
	m->pin_msg_bad = 0;
	if (!pin_hash_is_valid(a->cfg->maint_pin_hash)) {
		snprintf(m->pin_msg, sizeof m->pin_msg, "未设置维护密码（请用 kioskctl set-pin 设置）");
		m->pin_msg_bad = 1;
	}
}

void maint_pin_input(App *a, int id)
{
	Maint *m = a->maint;
	if (m->check.started || !id) return;    /* the pad waits for the check */
	size_t n = strlen(m->entry);
	if (id >= ACT_PIN_DIGIT && id < ACT_PIN_DIGIT + 10) {
		if (n < PIN_MAX_DIGITS) m->entry[n] = (char)('0' + id - ACT_PIN_DIGIT);
	} else if (id == ACT_PIN_DEL) {
		if (n) m->entry[n - 1] = 0;
	} else if (id == ACT_PIN_CLEAR) {
		memset(m->entry, 0, sizeof m->entry);
	} else if (id == ACT_PIN_OK) {
		maint_pin_try(a);
	} else if (id == ACT_PIN_CANCEL) {
		maint_leave(a, "cancelled");
		return;
	}
	app_mark_dirty(a);
}

/* Redraw when the lockout countdown changes its second; while a check
 * runs, pick up its answer (scripts: script.c waits for it instead, so
 * they stay deterministic) and keep frames coming for the spinner. */
int maint_pin_tick(App *a)
{
	Maint *m = a->maint;
	if (m->check.started && (a->scripted || maint_pin_poll(a, 0))) return 1;
	long long s = (pin_guard_locked_ms(&m->guard, a->now) + 999) / 1000;
	if (s != m->shown_lock_s) { m->shown_lock_s = s; app_mark_dirty(a); }
	return 0;
}


/* -------------------------------------------------- maintenance screen */

void maint_screen_enter(App *a)
{
	Maint *m = a->maint;
	m->view = MV_MAIN;
	m->confirm = 0;
	maint_refresh(a);
	maint_info_start(a);
}

void maint_screen_leave(App *a)
{
	Maint *m = a->maint;
	usage_close(m->usage_own);
	m->usage_own = NULL;
}

/* ------------------------------------------------------------ events */

const char *maint_action_name(int id)
{
	switch (id) {
	case ACT_M_ROLLBACK: return "回滚到上一版本";
	case ACT_M_RESTART: return "重启服务程序";
	case ACT_M_DESKTOP: return "退出到桌面";
	default: return "";
	}
}

static void do_action(App *a, int id)
{
	Maint *m = a->maint;
	switch (id) {
	case ACT_M_ROLLBACK: maint_job_start(a, JOB_ROLLBACK); break;
	case ACT_M_RESTART:
		maint_audit(a, "restart", "exit code %d", KIOSK_EXIT_RESTART);
		a->quit = 1;
		a->exit_code = KIOSK_EXIT_RESTART;
		break;
	case ACT_M_DESKTOP:
		maint_audit(a, "exit-desktop", "exit code %d", KIOSK_EXIT_DESKTOP);
		a->quit = 1;
		a->exit_code = KIOSK_EXIT_DESKTOP;
		break;
	}
	(void)m;
}

void maint_action(App *a, int id)
{
	Maint *m = a->maint;
	if (!id) return;
	app_mark_dirty(a);
	if (m->confirm) {                   /* only the dialog answers */
		int what = m->confirm;
		m->confirm = 0;
		if (id == ACT_M_CONFIRM) do_action(a, what);
		else maint_audit(a, "cancelled", "%s", maint_action_name(what));
		return;
	}
	if (id >= ACT_M_PERIOD && id < ACT_M_PERIOD + 3) {
		m->period = id - ACT_M_PERIOD;
		maint_usage_read(a);
		return;
	}
	switch (id) {
	case ACT_M_BACK:
		if (!m->job.started) maint_leave(a, "back to service");
		break;
	case ACT_M_SYNC_USB: case ACT_M_SYNC_NET:
		if (!m->job.started) maint_job_start(a, id == ACT_M_SYNC_USB ? JOB_SYNC_USB : JOB_SYNC_NET);
		break;
	case ACT_M_CANCEL_JOB:
		if (m->job.started) maint_job_cancel(a);
		else { m->job_visible = 0; maint_refresh(a); }
		break;
	case ACT_M_ROLLBACK: case ACT_M_RESTART: case ACT_M_DESKTOP:
		if (!m->job.started) m->confirm = id;
		break;
	case ACT_M_TOUCH:
		maint_audit(a, "touch-test", "started");
		m->n_touches = 0;
		m->view = MV_TOUCH;
		break;
	case ACT_M_PATTERN:
		maint_audit(a, "test-pattern", "shown");
		m->view = MV_PATTERN;
		break;
	case ACT_M_USAGE:
		maint_audit(a, "usage", "shown");
		maint_usage_read(a);
		m->view = MV_USAGE;
		break;
	case ACT_M_VIEW_BACK:
		m->view = MV_MAIN;
		break;
	}
}

void maint_screen_tick(App *a)
{
	Maint *m = a->maint;
	if (!m->job.started) return;
	/* Polled at MAINT_POLL_MS (maint_timeout), not every frame. */
	if (!maint_job_poll(a)) maint_refresh(a);
}

