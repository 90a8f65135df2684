/* cmd_sign.c — kioskctl keygen, sign, verify: Ed25519 keys and detached
 * bundle signatures (formats in src/update/sign.h). */
#include <stdio.h>
#include <string.h>
#include "update/sign.h"
#include "commands.h"

int cmd_keygen(int argc, char **argv, const Config *cfg)
{
	if (argc != 2 || argv[1][0] == '-') { fputs("usage: kioskctl keygen PREFIX   (writes PREFIX.pub and PREFIX.key)\n", stderr); return 2; }
	char err[512];
	if (sign_keygen(argv[1], err, sizeof err) < 0) {
		fprintf(stderr, "kioskctl keygen: %s\n", err);
		return 1;
	}
	SignKey k;
	char pub[4096];
	snprintf(pub, sizeof pub, "%s.pub", argv[1]);
	if (sign_load_pubkey(pub, &k, err, sizeof err) < 0) { fprintf(stderr, "kioskctl keygen: %s\n", err); return 1; }
	printf("%s.key: secret key (mode 0600; keep it off the kiosks)\n%s.pub: public key %s (install as sync.pubkey)\n",
	       argv[1], argv[1], k.id);
	return 0;
}

int cmd_sign(int argc, char **argv, const Config *cfg)
{
	const char *file = NULL, *key = NULL, *out = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--key") && i + 1 < argc) key = argv[++i];
		else if (!strcmp(argv[i], "-o") && i + 1 < argc) out = argv[++i];
		else if (argv[i][0] == '-' || file) { file = NULL; key = NULL; break; }
		else file = argv[i];
	}
	if (!file || !key) { fputs("usage: kioskctl sign FILE --key SECRETKEY [-o FILE.sig]\n", stderr); return 2; }
	char sig[4096], err[512];
	snprintf(sig, sizeof sig, "%s.sig", file);
	if (sign_file(file, key, out ? out : sig, err, sizeof err) < 0) {
		fprintf(stderr, "kioskctl sign: %s\n", err);
		return 1;
	}
	printf("%s: signed\n", out ? out : sig);
	return 0;
}

int cmd_verify(int argc, char **argv, const Config *cfg)
{
	const char *file = NULL, *pub = NULL, *sig = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--pubkey") && i + 1 < argc) pub = argv[++i];
		else if (!strcmp(argv[i], "--sig") && i + 1 < argc) sig = argv[++i];
		else if (argv[i][0] == '-' || file) { file = NULL; break; }
		else file = argv[i];
	}
	if (!file) { fputs("usage: kioskctl verify FILE [--pubkey PUBKEY] [--sig FILE.sig]   (default key: sync.pubkey)\n", stderr); return 2; }
	char sigbuf[4096], err[512];
	snprintf(sigbuf, sizeof sigbuf, "%s.sig", file);
	if (!pub) pub = cfg->sync_pubkey;
	if (sign_verify_file(file, sig ? sig : sigbuf, pub, err, sizeof err) < 0) {
		fprintf(stderr, "kioskctl verify: %s\n", err);
		return 1;
	}
	SignKey k;
	sign_load_pubkey(pub, &k, err, sizeof err);
	printf("%s: good signature by key %s\n", file, k.id);
	return 0;
}
