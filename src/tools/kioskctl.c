/* kioskctl — staff and IT tool: check and build guide sources, export
 * bundles, generate synthetic guides. Run `kioskctl help` for usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>
#include "store/bundle.h"
#include "base/config.h"
#include "store/export.h"
#include "guide/pinyin.h"
#include "update/sign.h"
#include "guide/source.h"
#include "commands.h"
#include "gen.h"

/* Every subcommand, in the order `kioskctl help` lists them. Add new ones
 * here; their code lives in their own cmd_*.c file. */
static const Command commands[] = {
	{ "check",  cmd_check,  "check DIR                        validate guide sources; problems as path:line: message" },
	{ "build",  cmd_build,  "build DIR -o FILE [--version N] [--unihan FILE] [--sign KEY]  build (and sign) a bundle (refuses sources that fail check)" },
	{ "export", cmd_export, "export FILE --json               print a bundle as JSON" },
	{ "gen",    cmd_gen,    "gen N -o DIR [--seed S]          write N synthetic items (for benchmarks)" },
	{ "usage",  cmd_usage,  "usage [--since DAYS] [--limit N] most viewed items and searches without result (data.dir/usage.db)" },
	{ "keygen", cmd_keygen, "keygen PREFIX                    new Ed25519 key pair PREFIX.pub, PREFIX.key (0600)" },
	{ "sign",   cmd_sign,   "sign FILE --key KEY              write the detached signature FILE.sig" },
	{ "verify", cmd_verify, "verify FILE [--pubkey PUB]       check FILE.sig (default key: sync.pubkey)" },
	{ "install", cmd_install, "install FILE|URL [--allow-downgrade]  check and install a signed bundle into data.dir" },
	{ "sync",   cmd_sync,   "sync [--allow-downgrade]         install from sync.usb_glob and sync.url" },
	{ "rollback", cmd_rollback, "rollback                       swap current.db and previous.db" },
	{ "status", cmd_status, "status                           installed versions and the last attempt, as JSON" },
	{ "set-pin", cmd_set_pin, "set-pin --config FILE            store the maintenance PIN (stdin or prompt) as an Argon2id hash in FILE" },
};
#define NCOMMANDS (int)(sizeof commands / sizeof *commands)

static void print_usage(FILE *f)
{
	fputs("usage: kioskctl COMMAND [ARGS] [--config FILE] [--set section.key=value]...\n\n", f);
	for (int i = 0; i < NCOMMANDS; i++) fprintf(f, "  %s\n", commands[i].usage);
}

int cmd_check(int argc, char **argv, const Config *cfg)
{
	if (argc < 2) { fputs("kioskctl check: missing DIR\n", stderr); return 2; }
	Diags d = { 0 };
	SourceInfo info;
	Guide *g = source_load_dir(argv[1], &info, &d);
	diags_print(&d, stderr);
	int bad = d.n > 0;
	if (g)
		fprintf(bad ? stderr : stdout, "%s: %d departments, %d items, %d files; %d problem%s\n",
		        argv[1], g->n_depts, g->n_items, info.n_files, d.n, d.n == 1 ? "" : "s");
	guide_free(g);
	diags_free(&d);
	return bad ? 1 : 0;
}

/* Sign a freshly built bundle (FILE.sig); on failure remove the bundle, so
 * no unsigned output is left where a signed one was asked for. */
static int sign_bundle(const char *out, const char *key)
{
	char sig[4096], err[512];
	snprintf(sig, sizeof sig, "%s.sig", out);
	if (sign_file(out, key, sig, err, sizeof err) == 0) return 0;
	fprintf(stderr, "kioskctl build: %s; %s removed\n", err, out);
	unlink(out);
	return -1;
}

int cmd_build(int argc, char **argv, const Config *cfg)
{
	const char *dir = NULL, *out = NULL, *unihan = PINYIN_UNIHAN_PATH, *sign_key = NULL;
	long long version = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc) out = argv[++i];
		else if (!strcmp(argv[i], "--sign") && i + 1 < argc) sign_key = argv[++i];
		else if (!strcmp(argv[i], "--unihan") && i + 1 < argc) unihan = argv[++i];
		else if (!strcmp(argv[i], "--version") && i + 1 < argc) {
			char *e;
			version = strtoll(argv[++i], &e, 10);
			if (*e || version <= 0) { fprintf(stderr, "kioskctl build: --version '%s' is not a positive number\n", argv[i]); return 2; }
		} else if (argv[i][0] == '-') { fprintf(stderr, "kioskctl build: unknown option %s\n", argv[i]); return 2; }
		else if (!dir) dir = argv[i];
		else { fprintf(stderr, "kioskctl build: unexpected argument %s\n", argv[i]); return 2; }
	}
	if (!dir || !out) { fputs("usage: kioskctl build DIR -o FILE [--version N] [--unihan FILE] [--sign SECRETKEY]\n", stderr); return 2; }
	Diags d = { 0 };
	SourceInfo info;
	Guide *g = source_load_dir(dir, &info, &d);
	if (!g || d.n) {
		diags_print(&d, stderr);
		fprintf(stderr, "kioskctl build: %d problem%s in %s; nothing written to %s\n",
		        d.n, d.n == 1 ? "" : "s", dir, out);
		guide_free(g);
		diags_free(&d);
		return 1;
	}
	/* The version only increases: the newest source's mtime, unless given
	 * (or SOURCE_DATE_EPOCH is set, for reproducible builds elsewhere). */
	if (!version) {
		const char *sde = getenv("SOURCE_DATE_EPOCH");
		long long t = sde && *sde ? strtoll(sde, NULL, 10) : info.newest_mtime;
		version = bundle_version_from_time(t);
	}
	BundleWriteOpts o = { .version = version, .source_hash = info.hash };
	char err[512];
	/* Search needs the pinyin of every name: never build without it. */
	PinyinTable *py = pinyin_load(unihan, err, sizeof err);
	if (!py) {
		fprintf(stderr, "kioskctl build: cannot load the pinyin readings: %s; nothing written to %s\n", err, out);
		guide_free(g);
		diags_free(&d);
		return 1;
	}
	pinyin_fill_guide(py, g);
	pinyin_free(py);
	int r = bundle_write(g, out, &o, err, sizeof err);
	if (r < 0) fprintf(stderr, "kioskctl build: %s\n", err);
	else if (sign_key && (r = sign_bundle(out, sign_key)) < 0) {}
	else printf("%s: version %lld, %d departments, %d items\n", out, version, g->n_depts, g->n_items);
	guide_free(g);
	diags_free(&d);
	return r < 0 ? 1 : 0;
}

int cmd_export(int argc, char **argv, const Config *cfg)
{
	const char *file = NULL;
	int json = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) json = 1;
		else if (!file) file = argv[i];
	}
	if (!file || !json) { fputs("usage: kioskctl export FILE --json\n", stderr); return 2; }
	char err[512];
	Bundle *b = bundle_open_readonly(file, err, sizeof err);
	if (!b) { fprintf(stderr, "kioskctl export: %s\n", err); return 1; }
	Guide *g = bundle_load_all(b, err, sizeof err);
	if (!g) { fprintf(stderr, "kioskctl export: %s\n", err); bundle_close(b); return 1; }
	export_json(stdout, g, bundle_meta(b));
	guide_free(g);
	bundle_close(b);
	return fflush(stdout) == 0 ? 0 : 1;
}

int cmd_gen(int argc, char **argv, const Config *cfg)
{
	const char *out = NULL;
	long n = -1;
	unsigned long seed = 1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc) out = argv[++i];
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc) seed = strtoul(argv[++i], NULL, 10);
		else if (n < 0) n = strtol(argv[i], NULL, 10);
	}
	if (!out || n <= 0 || n > 1000000) { fputs("usage: kioskctl gen N -o DIR [--seed S]   (1 <= N <= 1000000)\n", stderr); return 2; }
	char err[512];
	if (gen_write(out, (int)n, seed, err, sizeof err) < 0) {
		fprintf(stderr, "kioskctl gen: %s\n", err);
		return 1;
	}
	printf("%s: %ld synthetic items in 16 departments\n", out, n);
	return 0;
}

int main(int argc, char **argv)
{
	if (sodium_init() < 0) { fputs("kioskctl: libsodium failed to initialise\n", stderr); return 1; }
	/* Global options: --config FILE, --set k=v (before or after the command). */
	Config cfg;
	const char *cfg_path = NULL;
	char *args[256];
	int n = 0;
	for (int i = 1; i < argc && n < 255; i++) {
		if (!strcmp(argv[i], "--config") && i + 1 < argc) cfg_path = argv[++i];
		else if (!strcmp(argv[i], "--set") && i + 1 < argc) i++;      /* applied below */
		else args[n++] = argv[i];
	}
	args[n] = NULL;
	char err[512];
	if (config_resolve(&cfg, cfg_path, err, sizeof err) < 0) {
		fprintf(stderr, "kioskctl: %s\n", err);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--set") && i + 1 < argc && config_set(&cfg, argv[++i], err, sizeof err) < 0) {
			fprintf(stderr, "kioskctl: %s\n", err);
			return 2;
		}
	if (n == 0 || !strcmp(args[0], "help") || !strcmp(args[0], "--help") || !strcmp(args[0], "-h")) {
		print_usage(n == 0 ? stderr : stdout);
		return n == 0 ? 2 : 0;
	}
	for (int i = 0; i < NCOMMANDS; i++)
		if (!strcmp(args[0], commands[i].name)) return commands[i].fn(n, args, &cfg);
	fprintf(stderr, "kioskctl: unknown command '%s'\n", args[0]);
	print_usage(stderr);
	return 2;
}
