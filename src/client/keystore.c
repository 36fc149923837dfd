/* keystore: see keystore.h. */
#include "client/keystore.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fileio.h"
#include "wire/docseal.h"

enum { KEYS_FILE_MAX = 1 << 20 };

bool keystore_path(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int n;
	if (xdg && *xdg)
		n = snprintf(buf, size, "%s/anzhi/keys.json", xdg);
	else if (home && *home)
		n = snprintf(buf, size, "%s/.local/state/anzhi/keys.json", home);
	else
		return false;
	return n > 0 && (size_t)n < size;
}

json_t *keystore_load(void)
{
	char path[1024];
	if (!keystore_path(path, sizeof path))
		return NULL;
	json_t *k = json_load_file(path, 0, NULL);
	if (k && !json_is_array(json_object_get(k, "keys"))) {
		json_decref(k);
		return NULL;
	}
	return k;
}

/* mkdir -p of the directories above path, 0700. */
static int make_parents(const char *path)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s", path);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return 0;
}

int keystore_save(const json_t *keys)
{
	char path[1024], tmp[1100];
	if (!keystore_path(path, sizeof path) || make_parents(path) != 0)
		return -1;
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0)
		return -1;
	char *text = json_dumps(keys, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	size_t len = text ? strlen(text) : 0;
	bool ok = text && fchmod(fd, 0600) == 0 && write(fd, text, len) == (ssize_t)len &&
		  write(fd, "\n", 1) == 1;
	free(text);
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* {"keys":[{"id","public_key"}]} for one raw key. */
static json_t *one_key(const unsigned char pk[32])
{
	char id[DOCSEAL_KEY_ID_LEN + 1], b64[48];
	docseal_key_id(pk, id);
	sodium_bin2base64(b64, sizeof b64, pk, 32, sodium_base64_VARIANT_ORIGINAL);
	return json_pack("{s:[{s:s, s:s}]}", "keys", "id", id, "public_key", b64);
}

/* The DER of an Ed25519 SubjectPublicKeyInfo is this prefix + the 32 bytes. */
static const unsigned char spki_ed25519[12] = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03,
						0x2b, 0x65, 0x70, 0x03, 0x21, 0x00 };

static json_t *from_pem(const char *text, const char **why)
{
	const char *b = strstr(text, "-----BEGIN PUBLIC KEY-----"), *e;
	unsigned char der[64];
	size_t n = 0;
	*why = "the PEM file holds no Ed25519 public key";
	if (!b || !(e = strstr(b, "-----END PUBLIC KEY-----")))
		return NULL;
	b += strlen("-----BEGIN PUBLIC KEY-----");
	if (sodium_base642bin(der, sizeof der, b, (size_t)(e - b), " \r\n\t", &n, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    n != sizeof spki_ed25519 + 32 || memcmp(der, spki_ed25519, sizeof spki_ed25519) != 0)
		return NULL;
	return one_key(der + sizeof spki_ed25519);
}

json_t *keystore_read_file(const char *path, const char **why)
{
	size_t len = 0;
	char *text = file_read_all(path, KEYS_FILE_MAX, &len);
	json_t *out = NULL;
	unsigned char pk[32];
	size_t n = 0;
	*why = "cannot read the key file";
	if (!text)
		return NULL;
	const char *s = text + strspn(text, " \t\r\n");
	if (*s == '{') {
		out = json_loads(s, 0, NULL);
		*why = "the key file is JSON but not a GET /keys answer";
		if (out && !json_is_array(json_object_get(out, "keys"))) {
			json_decref(out);
			out = NULL;
		}
	} else if (strstr(s, "-----BEGIN")) {
		out = from_pem(s, why);
	} else if (sodium_base642bin(pk, sizeof pk, s, strlen(s), " \r\n\t", &n, NULL,
				     sodium_base64_VARIANT_ORIGINAL) == 0 && n == sizeof pk) {
		out = one_key(pk);
	} else {
		*why = "the key file is neither keys.json, a PEM public key nor a base64 key";
	}
	free(text);
	return out;
}

bool keystore_find(const json_t *keys, const char *id, struct keystore_key *out)
{
	size_t i, n = 0;
	const json_t *k;
	json_array_foreach(json_object_get(keys, "keys"), i, k) {
		const char *kid = json_string_value(json_object_get(k, "id"));
		const char *b64 = json_string_value(json_object_get(k, "public_key"));
		char real[DOCSEAL_KEY_ID_LEN + 1];
		if (!kid || !b64 || strcmp(kid, id) != 0)
			continue;
		if (sodium_base642bin(out->pk, sizeof out->pk, b64, strlen(b64), NULL, &n, NULL,
				      sodium_base64_VARIANT_ORIGINAL) != 0 ||
		    n != sizeof out->pk)
			return false;
		/* the id is the key's own digest: a list cannot put another key under it */
		docseal_key_id(out->pk, real);
		if (strcmp(real, id) != 0)
			return false;
		out->created_at = json_string_value(json_object_get(k, "created_at"));
		out->revoked_at = json_string_value(json_object_get(k, "revoked_at"));
		return true;
	}
	return false;
}
