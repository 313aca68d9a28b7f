/* secret.h: the data key, field encryption, password hashes, random tokens and digests (libsodium). */
#ifndef PD_SECRET_H
#define PD_SECRET_H
#include <stddef.h>
#include "base/arena.h"

#define SECRET_KEY_BYTES 32
#define SECRET_TOKEN_CHARS 43 /* 32 random bytes as unpadded base64url */
#define SECRET_HASH_HEX 65    /* 32-byte digest as hex plus NUL */

/* secret_init starts libsodium; call once before anything else here. 0 or ERR_CRYPTO. */
int secret_init(void);
/* secret_key_create writes a new random key to path with mode 0600; ERR_EXISTS if present. */
int secret_key_create(const char *path);
/* secret_key_load reads the process-wide data key from path; 0, ERR_IO or ERR_CRYPTO. */
int secret_key_load(const char *path);
/* secret_key_set installs a key directly (tests). */
void secret_key_set(const unsigned char key[SECRET_KEY_BYTES]);

/* secret_seal encrypts plain (n bytes) with XChaCha20-Poly1305 under the data key, binding it to ad
 * (e.g. "client:UID:notes"). The result (nonce || ciphertext || tag) is arena memory. */
int secret_seal(struct arena *a, const char *ad, const void *plain, size_t n, unsigned char **out,
		size_t *out_len);
/* secret_open reverses secret_seal; the plaintext is NUL-terminated arena memory. ERR_CRYPTO when
 * the box was tampered with or the key or ad differ. */
int secret_open(struct arena *a, const char *ad, const unsigned char *box, size_t n, char **out,
		size_t *out_len);

/* secret_seal_text seals the text plain as secret_seal does, written as unpadded base64url (arena
 * memory), to be carried by a page and given back; secret_open_text reverses it (ERR_CRYPTO when
 * it is not such a text, or was sealed for another ad). */
int secret_seal_text(struct arena *a, const char *ad, const char *plain, const char **out);
int secret_open_text(struct arena *a, const char *ad, const char *sealed, char **out);

/* secret_password_hash writes an argon2id hash string of pw into out (crypto_pwhash_STRBYTES). */
int secret_password_hash(const char *pw, char *out, size_t out_size);
/* secret_password_verify: 0 when pw matches hash, ERR_UNAUTH otherwise. */
int secret_password_verify(const char *hash, const char *pw);
/* secret_token writes a new random token (SECRET_TOKEN_CHARS chars + NUL) to out. */
void secret_token(char out[SECRET_TOKEN_CHARS + 1]);
/* secret_digest_hex writes the hex BLAKE2b-256 of s[0..n) into out. */
void secret_digest_hex(const void *s, size_t n, char out[SECRET_HASH_HEX]);
/* secret_equal compares two strings in constant time for equal lengths. */
int secret_equal(const char *a, const char *b);
/* secret_mask sets *out to token masked with a fresh random pad, as one page shows it: the pad,
 * then the pad XOR the token, both in hex (4 chars for each of the token's). Masked twice it looks
 * unrelated, so a compressed page cannot give away its bytes through its size (BREACH). At most
 * SECRET_TOKEN_CHARS chars of token. 0, ERR_INVALID (a longer token) or ERR_NOMEM. */
int secret_mask(struct arena *a, const char *token, const char **out);
/* secret_unmask_equal tells, in constant time for the token's length, whether given is token,
 * masked by secret_mask or as it is. An empty token matches nothing. */
int secret_unmask_equal(const char *given, const char *token);

#endif
