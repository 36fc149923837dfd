/* docseal — the seal of a signed document (承诺书, 注销业务申请书, 审核认定书,
 * 奖励审核认定书): the one format anzhid writes and `anzhi verify` reads.
 *
 * A sealed document is the PDF cairo wrote, then one incremental update:
 *
 *   %ANZHI-DOC {"v":1,"kind":…,"uscc":…,"unit":…,"year":…,"key_id":…,
 *               "signed_at":…,"code":…}                     (one line)
 *   N 0 obj
 *   << /Type /AnzhiSeal /KeyId (KEYID) /ByteRange [0000000000 A B C]
 *      /Signature <128 lowercase hex digits> >>                (one line)
 *   endobj
 *   N+1 0 obj  << the new Info dictionary … >>  endobj
 *   xref … trailer << … /Info N+1 0 R /Prev … >> startxref … %%EOF
 *
 * The Ed25519 signature covers every byte of the file but its own 128 hex
 * digits: [0, A) then [B, B + C), B = A + 128, B + C = the file's length
 * (the ByteRange numbers are ten digits each, so they are known before
 * signing). Nothing may follow; the hex must be lowercase (one spelling
 * only, so that no changed byte verifies).
 *
 * The verification code (QR and printed) is 16 base32 characters — 8 bytes
 * naming the document and a 2-byte check over them and the key — plus the
 * key id: "ABCD-EFGH-IJKL-MNOP-KKKKKKKK". The key id is base32 of the first
 * 5 bytes of BLAKE2b-256 of the raw public key. Pure: no I/O. */
#ifndef ANZHI_WIRE_DOCSEAL_H
#define ANZHI_WIRE_DOCSEAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DOCSEAL_KEY_ID_LEN 8
#define DOCSEAL_CODE_LEN 28
#define DOCSEAL_IDENT_BYTES 8
#define DOCSEAL_SIG_HEX 128
#define DOCSEAL_MARK "%ANZHI-DOC "
#define DOCSEAL_RANGE_WIDTH 10

/* The kinds of document, by their API word (GET …/documents/{kind}). */
#define DOCSEAL_KINDS(X) \
	X(DOC_COMMITMENT, "commitment") \
	X(DOC_CANCELLATION_FORM, "cancellation-form") \
	X(DOC_CERTIFICATION, "certification") \
	X(DOC_REWARD_CERTIFICATION, "reward-certification")

#define DOCSEAL_KIND_ID(id, word) id,
enum doc_kind { DOC_KIND_UNKNOWN = -1, DOCSEAL_KINDS(DOCSEAL_KIND_ID) DOC__COUNT };
#undef DOCSEAL_KIND_ID

const char *docseal_kind_word(enum doc_kind k);        /* "" when unknown */
enum doc_kind docseal_kind_parse(const char *word);

/* Key id of a raw Ed25519 public key. */
void docseal_key_id(const unsigned char pk[32], char out[DOCSEAL_KEY_ID_LEN + 1]);

/* The code for a document named by ident under key_id (a well-formed key id). */
void docseal_code_make(const unsigned char ident[DOCSEAL_IDENT_BYTES], const char *key_id,
		       char out[DOCSEAL_CODE_LEN + 1]);
/* Reads a code as printed or typed (any case, spaces and dashes anywhere):
 * true when well-formed (alphabet, length, check), with its canonical form
 * and key id. */
bool docseal_code_parse(const char *text, char code[DOCSEAL_CODE_LEN + 1],
			char key_id[DOCSEAL_KEY_ID_LEN + 1]);

/* What a sealed document says of itself (from its signed %ANZHI-DOC line). */
struct docseal {
	size_t sig_at;                /* A: the first hex digit */
	size_t rest_at;               /* B = A + 128 */
	unsigned char sig[64];
	char kind[32];
	char uscc[19];
	char unit[320];
	int year;
	char key_id[DOCSEAL_KEY_ID_LEN + 1];
	char signed_at[32];           /* ISO 8601 with offset */
	char code[DOCSEAL_CODE_LEN + 1];
};

/* Why a file carries no well-formed seal. */
enum docseal_fault {
	DOCSEAL_OK,
	DOCSEAL_NO_SEAL,              /* not a document anzhid issued */
	DOCSEAL_BAD_RANGE,            /* the byte range is malformed */
	DOCSEAL_NOT_WHOLE,            /* it does not cover the whole file */
	DOCSEAL_BAD_HEX,              /* the signature is not 128 lowercase hex digits */
	DOCSEAL_BAD_META,             /* the metadata line is missing or malformed */
	DOCSEAL__FAULTS
};
const char *docseal_fault_text(enum docseal_fault f);   /* English */

/* Finds the seal and checks its shape; false with the fault when the file
 * carries none or it is malformed. Says nothing of the signature. */
bool docseal_parse(const unsigned char *pdf, size_t len, struct docseal *out,
		   enum docseal_fault *why);
/* True when the signature over every byte but its own hex verifies under pk. */
bool docseal_verify(const unsigned char *pdf, size_t len, const struct docseal *s,
		    const unsigned char pk[32]);

/* Base32 (RFC 4648 alphabet, no padding) of n bytes into out (8n/5 rounded up
 * characters + NUL); decode returns the bytes written or -1 on a character
 * outside the alphabet. */
void docseal_base32(const unsigned char *in, size_t n, char *out);
int docseal_base32_decode(const char *in, size_t nchars, unsigned char *out, size_t max);

#endif
