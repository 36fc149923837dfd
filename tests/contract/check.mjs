// check — every response the API suite received, validated against doc/openapi.yaml.
//
// Usage: node tests/contract/check.mjs SPEC RECORD.jsonl...
//
// Each RECORD line is one exchange written by tests/api/record.c: the test that
// made it, method, path (under the server's /api/v1, query included), status,
// content type, headers and, for JSON, the body as text. For each one:
//   - the path must match a path of the document, else the answer must be the
//     404 problem not_found; a known path with an undocumented method must
//     answer the 405 problem method_not_allowed (the document's info says so);
//   - the status must be documented for the operation (exactly, or as 4XX/default);
//   - every header the response marks required must be there, and every
//     documented header must match its schema; an ETag must be the body's version;
//   - the content type must be one the response documents (a response without
//     content must have no body);
//   - a JSON body must parse and validate against the response's schema, and a
//     problem body's `status` must be the HTTP status.
// Each record file prints one "ok -" / "not ok -" line; every mismatch is named
// by test, request and the JSON path inside the body.
//
// Validator: Ajv 8 (its draft 2020-12 class, Ajv2020) with ajv-formats.
// OpenAPI 3.1 schemas are JSON Schema 2020-12, so a 2020-12 validator checks
// them as written, `$ref`s into the document included. Ajv is the most used
// JSON Schema validator for Node, actively maintained (8.20.0, 2026), and
// implements 2020-12 fully (unevaluatedProperties, which the document uses to
// close composed schemas). The OpenAPI-aware validators on npm are built for
// OpenAPI 3.0's schema dialect (openapi-response-validator) or as a web
// framework's middleware (express-openapi-validator); matching a recorded
// exchange to its operation is the few functions below. Ajv runs with
// strictSchema, so a misspelt keyword in the document fails here instead of
// being ignored.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

const SPEC_ID = 'urn:anzhi:openapi';
// OpenAPI words beside JSON Schema: at the document's top and inside schemas.
const OPENAPI_KEYWORDS = ['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks',
	'components', 'security', 'tags', 'externalDocs', 'discriminator', 'xml', 'example'];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const [specFile, ...recordFiles] = process.argv.slice(2);
if (!specFile || recordFiles.length === 0) {
	console.error('usage: check.mjs SPEC RECORD.jsonl...');
	process.exit(2);
}

const spec = YAML.parse(readFileSync(specFile, 'utf8'));
// Strict about the schema's words (a misspelt keyword fails), not about styles
// the document uses on purpose: `required` beside a `$ref` that defines the
// properties (strictRequired cannot see through it), enums without a `type`.
const ajv = new Ajv2020({ strictSchema: true, strictNumbers: true, strictTuples: true,
	strictTypes: false, strictRequired: false, allErrors: true });
addFormats(ajv);
ajv.addVocabulary(OPENAPI_KEYWORDS);
ajv.addSchema(spec, SPEC_ID);

const pointerToken = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const pointer = (tokens) => tokens.map((t) => '/' + encodeURIComponent(pointerToken(String(t)))).join('');

// A local "#/a/b" reference: its tokens, the object it names.
const refTokens = (ref) => ref.slice(2).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
const resolve = (ref) => refTokens(ref).reduce((node, t) => node?.[t], spec);

// '/units/{uscc}/years/{year}' → a RegExp; more literal segments win.
const templates = Object.keys(spec.paths).map((t) => ({
	template: t,
	re: new RegExp('^' + t.split('/').map((seg) => seg.startsWith('{')
		? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('/') + '$'),
	literal: t.split('/').filter((seg) => seg && !seg.startsWith('{')).length,
})).sort((a, b) => b.literal - a.literal);

function matchPath(path) {
	const bare = path.split('?')[0].replace(/(.)\/$/, '$1');
	return templates.find((t) => t.re.test(bare))?.template;
}

// The JSON path of an Ajv error: $.items[0].status
function jsonPath(err) {
	const tokens = err.instancePath.split('/').slice(1)
		.map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
	if (err.keyword === 'additionalProperties')
		tokens.push(err.params.additionalProperty);
	if (err.keyword === 'required')
		tokens.push(err.params.missingProperty);
	return '$' + tokens.map((t) => /^\d+$/.test(t) ? `[${t}]`
		: /^[A-Za-z_][A-Za-z0-9_]*$/.test(t) ? `.${t}` : `[${JSON.stringify(t)}]`).join('');
}

function describe(err) {
	const extra = err.keyword === 'enum'
		? ` (${err.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`
		: err.keyword === 'const' ? ` (${JSON.stringify(err.params.allowedValue)})` : '';
	return `${jsonPath(err)}: ${err.message}${extra}`;
}

const validators = new Map();
function validatorAt(tokens) {
	const key = SPEC_ID + '#' + pointer(tokens);
	if (!validators.has(key))
		validators.set(key, ajv.getSchema(key));
	return validators.get(key);
}

// The documented response: [its location in the document, the object].
function documentedResponse(op, opTokens, status) {
	const code = String(status);
	const key = [code, code[0] + 'XX', 'default'].find((k) => k in op.responses);
	if (!key)
		return null;
	let tokens = [...opTokens, 'responses', key];
	let obj = op.responses[key];
	if (obj.$ref) {
		tokens = refTokens(obj.$ref);
		obj = resolve(obj.$ref);
	}
	return { tokens, obj };
}

// Documented headers: a required one must be there, and each must match its schema.
function checkHeaders(rec, response) {
	const problems = [];
	for (const [name, declared] of Object.entries(response.obj.headers ?? {})) {
		const header = declared.$ref ? resolve(declared.$ref) : declared;
		const value = rec.headers?.[name.toLowerCase()];
		if (value === undefined) {
			if (header.required)
				problems.push(`header ${name} is missing`);
			continue;
		}
		const at = declared.$ref ? refTokens(declared.$ref) : [...response.tokens, 'headers', name];
		const typed = header.schema?.type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
		const validate = validatorAt([...at, 'schema']);
		if (!validate(typed))
			problems.push(...validate.errors.map((e) => `header ${name} ${JSON.stringify(value)}: ${e.message}`));
	}
	return problems;
}

const mediaType = (ct) => (ct || '').split(';')[0].trim().toLowerCase();
const isJson = (mt) => mt === 'application/json' || mt.endsWith('+json');

// An undocumented path is the 404 problem not_found, a documented path with an
// undocumented method the 405 problem method_not_allowed (see the document's info).
function checkUnrouted(rec, template) {
	const [status, code] = template ? [405, 'method_not_allowed'] : [404, 'not_found'];
	if (rec.status !== status)
		return [template ? `${rec.method} is not documented for ${template}` : 'no documented path matches'];
	if (mediaType(rec.content_type) !== 'application/problem+json')
		return [`content type '${rec.content_type}' is not application/problem+json`];
	let body;
	try {
		body = JSON.parse(rec.body);
	} catch (e) {
		return [`body is not JSON: ${e.message}`];
	}
	const validate = validatorAt(['components', 'schemas', 'Problem']);
	const problems = validate(body) ? [] : validate.errors.map(describe);
	if (body?.code !== code)
		problems.push(`$.code: ${JSON.stringify(body?.code)} is not ${code}`);
	if (body?.status !== status)
		problems.push(`$.status: ${JSON.stringify(body?.status)} is not the HTTP status ${status}`);
	return problems;
}

// The problems of one exchange, as strings (empty when it keeps to the document).
function checkExchange(rec) {
	const template = matchPath(rec.path);
	const method = rec.method.toLowerCase();
	if (!template || !spec.paths[template][method])
		return checkUnrouted(rec, template);
	const op = spec.paths[template][method];
	const response = documentedResponse(op, ['paths', template, method], rec.status);
	if (!response)
		return [`status ${rec.status} is not documented for ${op.operationId ?? method + ' ' + template}`
			+ ` (documented: ${Object.keys(op.responses).join(', ')})`];
	const problems = checkHeaders(rec, response);
	const content = response.obj.content;
	const mt = mediaType(rec.content_type);
	if (!content) {
		if (rec.bytes !== 0)
			problems.push(`response ${rec.status} documents no body, got ${rec.bytes} bytes (${rec.content_type || 'no content type'})`);
		return problems;
	}
	if (!(mt in content))
		return [...problems, `content type '${rec.content_type}' is not documented (documented: ${Object.keys(content).join(', ')})`];
	if (!isJson(mt))
		return rec.bytes > 0 ? problems : [...problems, 'empty body'];
	if (typeof rec.body !== 'string')
		return [...problems, 'JSON body is not UTF-8'];
	let body;
	try {
		body = JSON.parse(rec.body);
	} catch (e) {
		return [...problems, `body is not JSON: ${e.message}`];
	}
	const etag = rec.headers?.etag;
	if (etag !== undefined && Number.isInteger(body?.version) && etag !== `"${body.version}"`)
		problems.push(`ETag ${etag} is not the body's version ${body.version}`);
	if (mt === 'application/problem+json' && body?.status !== rec.status)
		problems.push(`$.status: ${JSON.stringify(body?.status)} is not the HTTP status ${rec.status}`);
	if (!content[mt].schema)
		return problems;
	const validate = validatorAt([...response.tokens, 'content', mt, 'schema']);
	if (!validate(body))
		problems.push(...validate.errors.map(describe));
	return problems;
}

let failed = 0;
const seen = new Set();
for (const file of recordFiles) {
	const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
	const messages = [];
	for (const [i, line] of lines.entries()) {
		let rec;
		try {
			rec = JSON.parse(line);
		} catch (e) {
			messages.push(`${file}:${i + 1}: not a record: ${e.message}`);
			continue;
		}
		const template = matchPath(rec.path);
		if (template && spec.paths[template][rec.method.toLowerCase()])
			seen.add(`${rec.method} ${template}`);
		for (const p of checkExchange(rec))
			messages.push(`${rec.test}: ${rec.method} ${rec.path} → ${rec.status}: ${p}`);
	}
	const name = basename(file, '.jsonl');
	if (lines.length === 0)
		messages.push(`${file}: no exchange recorded`);
	if (messages.length) {
		failed++;
		console.log(`not ok - responses of ${name} keep to ${specFile} (${lines.length} exchanges)`);
		for (const m of messages)
			console.log(`#   ${m}`);
	} else {
		console.log(`ok - responses of ${name} keep to ${specFile} (${lines.length} exchanges)`);
	}
}

const unseen = [];
for (const [template, item] of Object.entries(spec.paths))
	for (const m of METHODS)
		if (item[m] && !seen.has(`${m.toUpperCase()} ${template}`))
			unseen.push(item[m].operationId ?? `${m.toUpperCase()} ${template}`);
if (unseen.length)
	console.log(`# operations no API test called: ${unseen.join(', ')}`);
process.exit(failed ? 1 : 0);
