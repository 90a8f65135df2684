/* commands.h — kioskctl subcommands. Each takes (argc, argv) with argv[0]
 * the command name and the global options (--config, --set) removed, plus
 * the resolved configuration; returns the process exit code. */
#ifndef TOOLS_COMMANDS_H
#define TOOLS_COMMANDS_H

#include "base/config.h"

typedef int (*CommandFn)(int argc, char **argv, const Config *cfg);

typedef struct Command {
	const char *name;
	CommandFn fn;
	const char *usage;              /* one line: "NAME ARGS   what it does" */
} Command;

/* Guide sources and bundles (cmd_check.c, cmd_build.c, cmd_export.c, cmd_gen.c). */
int cmd_check(int argc, char **argv, const Config *cfg);
int cmd_build(int argc, char **argv, const Config *cfg);
int cmd_export(int argc, char **argv, const Config *cfg);
int cmd_gen(int argc, char **argv, const Config *cfg);

/* What an item's 扫码带走 QR code carries (cmd_qr.c). */
int cmd_qr_text(int argc, char **argv, const Config *cfg);

/* Usage statistics of this kiosk (cmd_usage.c). */
int cmd_usage(int argc, char **argv, const Config *cfg);

/* Signing (cmd_sign.c). */
int cmd_keygen(int argc, char **argv, const Config *cfg);
int cmd_sign(int argc, char **argv, const Config *cfg);
int cmd_verify(int argc, char **argv, const Config *cfg);

/* Installing bundles into data.dir (cmd_install.c). */
int cmd_install(int argc, char **argv, const Config *cfg);
int cmd_sync(int argc, char **argv, const Config *cfg);
int cmd_rollback(int argc, char **argv, const Config *cfg);
int cmd_status(int argc, char **argv, const Config *cfg);

/* The maintenance PIN (cmd_pin.c). */
int cmd_set_pin(int argc, char **argv, const Config *cfg);

#endif
