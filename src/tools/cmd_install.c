/* cmd_install.c — kioskctl install, sync, rollback, status: putting signed
 * bundles into data.dir (the work is in src/update/install.c). */
#include <stdio.h>
#include <string.h>
#include "update/install.h"
#include "ops/metrics.h"
#include "update/status.h"
#include "commands.h"

/* Exit codes: 0 installed or unchanged (or nothing to do), 1 refused or
 * failed, 2 usage. */
static int exit_code(InstallResult r)
{
	return r == INSTALL_REFUSED || r == INSTALL_FAILED ? 1 : 0;
}

/* After every attempt: the fleet metrics for node_exporter, from the
 * status.json the attempt just wrote. A metrics failure is only a warning. */
static void write_metrics(const Config *cfg)
{
	Status s;
	char err[512];
	install_status(cfg->data_dir, &s);
	if (metrics_write_sync(cfg->service_metrics_dir, &s, err, sizeof err) < 0)
		fprintf(stderr, "kioskctl: warning: metrics: %s\n", err);
}

static void report(const char *cmd, InstallResult r, const InstallReport *rep, const char *msg)
{
	if (r == INSTALL_REFUSED)
		fprintf(stderr, "kioskctl %s: refused at check '%s': %s\ncurrent.db was not changed\n",
		        cmd, install_step_name(rep ? rep->step : INSTALL_STEP_NONE), msg);
	else if (r == INSTALL_FAILED)
		fprintf(stderr, "kioskctl %s: failed: %s\ncurrent.db was not changed\n", cmd, msg);
	else
		printf("%s%s\n", msg, rep && rep->resumed ? " (download resumed)" : "");
}

int cmd_install(int argc, char **argv, const Config *cfg)
{
	const char *source = NULL;
	InstallOpts o;
	install_opts_from_config(cfg, &o);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--allow-downgrade")) o.allow_downgrade = 1;
		else if (argv[i][0] == '-' || source) { source = NULL; break; }
		else source = argv[i];
	}
	if (!source) { fputs("usage: kioskctl install FILE|URL [--allow-downgrade]   (signature at FILE.sig / URL.sig)\n", stderr); return 2; }
	char msg[4096];
	InstallReport rep;
	InstallResult r = install_source(&o, source, &rep, msg, sizeof msg);
	report("install", r, &rep, msg);
	write_metrics(cfg);
	return exit_code(r);
}

int cmd_sync(int argc, char **argv, const Config *cfg)
{
	InstallOpts o;
	install_opts_from_config(cfg, &o);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--allow-downgrade")) o.allow_downgrade = 1;
		else { fputs("usage: kioskctl sync [--allow-downgrade]   (sources: sync.usb_glob, sync.url)\n", stderr); return 2; }
	}
	char msg[8192];
	InstallResult r = install_sync(&o, cfg->sync_usb_glob, cfg->sync_url, msg, sizeof msg);
	if (r == INSTALL_REFUSED || r == INSTALL_FAILED)
		fprintf(stderr, "kioskctl sync: %s\ncurrent.db was not changed by the sources that failed\n", msg);
	else
		printf("%s\n", msg);
	write_metrics(cfg);
	return exit_code(r);
}

int cmd_rollback(int argc, char **argv, const Config *cfg)
{
	InstallOpts o;
	install_opts_from_config(cfg, &o);
	if (argc != 1) { fputs("usage: kioskctl rollback\n", stderr); return 2; }
	char msg[4096];
	if (install_rollback(&o, msg, sizeof msg) < 0) {
		fprintf(stderr, "kioskctl rollback: %s\n", msg);
		write_metrics(cfg);
		return 1;
	}
	printf("%s\n", msg);
	write_metrics(cfg);
	return 0;
}

int cmd_status(int argc, char **argv, const Config *cfg)
{
	if (argc != 1) { fputs("usage: kioskctl status   (JSON on stdout)\n", stderr); return 2; }
	Status s;
	install_status(cfg->data_dir, &s);
	status_write_json(stdout, &s);
	return fflush(stdout) == 0 ? 0 : 1;
}
