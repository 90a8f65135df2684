/* kioskctl — staff and IT tool: the global options (--config, --set) and
 * the command table. Each command is in cmd_NAME.c (commands sharing
 * helpers share a file: cmd_sign.c, cmd_install.c). Run `kioskctl help`. */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "base/config.h"
#include "commands.h"

/* Every subcommand, in the order `kioskctl help` lists them. Add new ones
 * here and in commands.h; their code lives in their own cmd_*.c file. */
static const Command commands[] = {
	{ "check",  cmd_check,  "check DIR                        validate guide sources; problems as path:line: message (exit 1 on errors, not on warnings)" },
	{ "build",  cmd_build,  "build DIR -o FILE [--version N] [--unihan FILE] [--sign KEY]  build (and sign) a bundle (refuses sources that fail check)" },
	{ "export", cmd_export, "export FILE --json               print a bundle as JSON" },
	{ "qr-text", cmd_qr_text, "qr-text FILE CODE [--budget BYTES]  what the item's 扫码带走 QR code carries (URL or guide text)" },
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
