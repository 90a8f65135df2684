/* sign.h — Ed25519 signatures of bundles (libsodium), as text files.
 *
 * A bundle is signed with Ed25519ph (crypto_sign_init/update/final: Ed25519
 * over the SHA-512 of the file), so a file of any size is signed and checked
 * in one streaming pass. Keys and signatures are small text files: a header
 * line naming what the file is, then "key ID" (the first 8 bytes of
 * BLAKE2b(public key), hex; it only helps messages name the key, it is not
 * trusted), then the base64 bytes:
 *
 *   PREFIX.pub  (mode 0644)        PREFIX.key  (mode 0600, never published)
 *     kiosk-bundle-pubkey ed25519 1  kiosk-bundle-seckey ed25519 1
 *     key 3f1c0a9b2d4e5f60           key 3f1c0a9b2d4e5f60
 *     <base64 of 32 bytes>           <base64 of 64 bytes: seed + public key>
 *
 *   FILE.sig    (detached signature of FILE)
 *     kiosk-bundle-sig ed25519ph 1
 *     key 3f1c0a9b2d4e5f60
 *     <base64 of 64 bytes>
 *
 * All functions return 0, or -1 with "path: what" in err. */
#ifndef CORE_SIGN_H
#define CORE_SIGN_H

#include <stddef.h>

#define SIGN_PUBLIC_BYTES 32
#define SIGN_SECRET_BYTES 64
#define SIGN_SIG_BYTES 64
#define SIGN_MAX_TEXT 1024              /* key and signature files are smaller */

typedef struct SignKey {
	unsigned char pk[SIGN_PUBLIC_BYTES];
	char id[17];                    /* key id, 16 hex digits */
} SignKey;

typedef struct SignSig {
	unsigned char sig[SIGN_SIG_BYTES];
	char key_id[17];                /* as the file claims; a hint only */
} SignSig;

/* Make a new key pair: PREFIX.pub and PREFIX.key (0600). Refuses to
 * overwrite either file. */
int sign_keygen(const char *prefix, char *err, size_t errlen);

/* Read a public key file. */
int sign_load_pubkey(const char *path, SignKey *k, char *err, size_t errlen);

/* Sign file with the secret key at keypath; write the signature to sigpath
 * atomically (temp file, fsync, rename). The key file must not be readable
 * by group or others. */
int sign_file(const char *file, const char *keypath, const char *sigpath,
              char *err, size_t errlen);

/* Parse signature text (the contents of a .sig file); name is for messages. */
int sign_parse_sig(const char *text, size_t len, const char *name, SignSig *s,
                   char *err, size_t errlen);

/* Read and parse a .sig file (at most SIGN_MAX_TEXT bytes). */
int sign_load_sig(const char *path, SignSig *s, char *err, size_t errlen);

/* Verify that the bytes of the open file fd (read from offset 0 to EOF)
 * carry signature s by key k. name is the file's name for messages. */
int sign_verify_fd(int fd, const char *name, const SignSig *s, const SignKey *k,
                   char *err, size_t errlen);

/* sign_verify_fd on paths: file, its signature file, the public key file. */
int sign_verify_file(const char *file, const char *sigpath, const char *pubpath,
                     char *err, size_t errlen);

#endif
