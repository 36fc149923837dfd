/* keystore: the federation's public document keys as the client keeps them —
 * the answer of GET /keys ({"keys":[{"id","public_key","created_at",
 * "revoked_at"?}]}) saved at $XDG_STATE_HOME/anzhi/keys.json
 * (~/.local/state/anzhi/keys.json), by `anzhi login` and by `anzhi verify`
 * when it fetches them; and a key given by hand (--key FILE). */
#ifndef ANZHI_CLIENT_KEYSTORE_H
#define ANZHI_CLIENT_KEYSTORE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* $XDG_STATE_HOME/anzhi/keys.json, else $HOME/.local/state/anzhi/keys.json. */
bool keystore_path(char *buf, size_t size);
/* The saved keys ({"keys":[…]}), or NULL when there are none. */
json_t *keystore_load(void);
/* Saves a GET /keys answer (0600, written whole then renamed); 0 or -1. */
int keystore_save(const json_t *keys);
/* A key file given by hand: a GET /keys answer (keys.json), a PEM Ed25519
 * public key, or the raw key in base64. Returns {"keys":[…]} or NULL with
 * why (English). */
json_t *keystore_read_file(const char *path, const char **why);

struct keystore_key {
	unsigned char pk[32];
	const char *created_at;
	const char *revoked_at;       /* NULL while in use */
};
/* Finds key id among keys (whose strings it points into); false when
 * unknown, or when the published key is not that id's key. */
bool keystore_find(const json_t *keys, const char *id, struct keystore_key *out);

#endif
