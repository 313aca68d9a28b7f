/* secret.c: every use of libsodium in one place, so key handling is easy to audit. */
#include "base/secret.h"
#include "base/err.h"
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned char secret_data_key[SECRET_KEY_BYTES];
static int secret_have_key;

/* Password hashing cost: argon2id, 2 passes over 19 MiB (the OWASP minimum for argon2id). It keeps a
 * log-in near 50 ms on a cheap laptop and bounds memory under many parallel log-ins. */
#define SECRET_PW_OPS 2
#define SECRET_PW_MEM (19u * 1024u * 1024u)

int secret_init(void)
{
	return sodium_init() < 0 ? ERR_CRYPTO : 0;
}

int secret_key_create(const char *path)
{
	unsigned char key[SECRET_KEY_BYTES];
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return errno == EEXIST ? ERR_EXISTS : ERR_IO;
	randombytes_buf(key, sizeof key);
	ssize_t w = write(fd, key, sizeof key);
	int rc = (w == (ssize_t)sizeof key && fsync(fd) == 0) ? 0 : ERR_IO;
	if (close(fd) != 0)
		rc = ERR_IO;
	sodium_memzero(key, sizeof key);
	return rc;
}

int secret_key_load(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return ERR_IO;
	ssize_t r = read(fd, secret_data_key, sizeof secret_data_key);
	close(fd);
	if (r != (ssize_t)sizeof secret_data_key)
		return ERR_CRYPTO;
	secret_have_key = 1;
	return 0;
}

void secret_key_set(const unsigned char key[SECRET_KEY_BYTES])
{
	memcpy(secret_data_key, key, SECRET_KEY_BYTES);
	secret_have_key = 1;
}

int secret_seal(struct arena *a, const char *ad, const void *plain, size_t n, unsigned char **out,
		size_t *out_len)
{
	if (!secret_have_key)
		return ERR_CRYPTO;
	size_t len = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + n +
		     crypto_aead_xchacha20poly1305_ietf_ABYTES;
	unsigned char *box = arena_alloc(a, len);
	if (box == NULL)
		return ERR_NOMEM;
	randombytes_buf(box, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
	unsigned long long clen = 0;
	if (crypto_aead_xchacha20poly1305_ietf_encrypt(
		    box + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &clen, plain, n,
		    (const unsigned char *)ad, strlen(ad), NULL, box, secret_data_key) != 0)
		return ERR_CRYPTO;
	*out = box;
	*out_len = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + (size_t)clen;
	return 0;
}

int secret_open(struct arena *a, const char *ad, const unsigned char *box, size_t n, char **out,
		size_t *out_len)
{
	size_t npub = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
	size_t tag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
	if (!secret_have_key || n < npub + tag)
		return ERR_CRYPTO;
	char *plain = arena_alloc(a, n - npub - tag + 1);
	if (plain == NULL)
		return ERR_NOMEM;
	unsigned long long plen = 0;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)plain, &plen, NULL, box + npub,
						       n - npub, (const unsigned char *)ad,
						       strlen(ad), box, secret_data_key) != 0)
		return ERR_CRYPTO;
	plain[plen] = 0;
	*out = plain;
	if (out_len)
		*out_len = (size_t)plen;
	return 0;
}

int secret_password_hash(const char *pw, char *out, size_t out_size)
{
	if (out_size < crypto_pwhash_STRBYTES)
		return ERR_INVALID;
	if (crypto_pwhash_str_alg(out, pw, strlen(pw), SECRET_PW_OPS, SECRET_PW_MEM,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return ERR_NOMEM;
	return 0;
}

int secret_password_verify(const char *hash, const char *pw)
{
	/* No hash (a row read short of memory) or no password is no match, never a crash. */
	if (hash == NULL || pw == NULL)
		return ERR_UNAUTH;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0 ? 0 : ERR_UNAUTH;
}

void secret_token(char out[SECRET_TOKEN_CHARS + 1])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, SECRET_TOKEN_CHARS + 1, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void secret_digest_hex(const void *s, size_t n, char out[SECRET_HASH_HEX])
{
	unsigned char d[32];
	crypto_generichash(d, sizeof d, s, n, NULL, 0);
	sodium_bin2hex(out, SECRET_HASH_HEX, d, sizeof d);
}

int secret_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n != strlen(b))
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}

int secret_mask(struct arena *a, const char *token, const char **out)
{
	unsigned char pad[SECRET_TOKEN_CHARS], x[SECRET_TOKEN_CHARS];
	size_t n = strlen(token);
	*out = NULL;
	if (n > sizeof pad)
		return ERR_INVALID;
	randombytes_buf(pad, n);
	for (size_t i = 0; i < n; i++)
		x[i] = pad[i] ^ (unsigned char)token[i];
	char *s = arena_alloc(a, 4 * n + 1);
	if (s) {
		sodium_bin2hex(s, 2 * n + 1, pad, n);
		sodium_bin2hex(s + 2 * n, 2 * n + 1, x, n);
	}
	sodium_memzero(pad, sizeof pad);
	sodium_memzero(x, sizeof x);
	*out = s;
	return s ? 0 : ERR_NOMEM;
}

int secret_unmask_equal(const char *given, const char *token)
{
	size_t n = strlen(token), m = strlen(given);
	if (n == 0)
		return 0; /* no token: nothing proves it */
	if (m != 4 * n)
		return secret_equal(given, token);
	unsigned char pad[SECRET_TOKEN_CHARS], x[SECRET_TOKEN_CHARS];
	size_t got;
	int equal = 0;
	if (n <= sizeof pad && sodium_hex2bin(pad, sizeof pad, given, 2 * n, NULL, &got, NULL) == 0 && got == n &&
	    sodium_hex2bin(x, sizeof x, given + 2 * n, 2 * n, NULL, &got, NULL) == 0 && got == n) {
		for (size_t i = 0; i < n; i++)
			x[i] ^= pad[i];
		equal = sodium_memcmp(x, token, n) == 0;
	}
	sodium_memzero(pad, sizeof pad);
	sodium_memzero(x, sizeof x);
	return equal;
}

int secret_seal_text(struct arena *a, const char *ad, const char *plain, const char **out)
{
	unsigned char *box;
	size_t n;
	int rc = secret_seal(a, ad, plain, strlen(plain), &box, &n);
	if (rc)
		return rc;
	size_t len = sodium_base64_encoded_len(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *text = arena_alloc(a, len);
	if (text == NULL)
		return ERR_NOMEM;
	sodium_bin2base64(text, len, box, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	*out = text;
	return 0;
}

int secret_open_text(struct arena *a, const char *ad, const char *sealed, char **out)
{
	size_t cap = strlen(sealed) / 4 * 3 + 3, n;
	unsigned char *box = arena_alloc(a, cap);
	if (box == NULL)
		return ERR_NOMEM;
	if (sodium_base642bin(box, cap, sealed, strlen(sealed), NULL, &n, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
		return ERR_CRYPTO;
	size_t len;
	return secret_open(a, ad, box, n, out, &len);
}
