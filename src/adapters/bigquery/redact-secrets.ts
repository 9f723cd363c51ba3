/**
 * Removes credentials from text before it reaches a log line, an error message or target/.
 * The known secrets of the keyfile in use are removed exactly; tokens and keys of any other
 * origin (an error body echoing a header, say) are caught by their shape.
 */
export type Redactor = (text: string) => string;

const REDACTED = '[redacted]';

const SHAPES: readonly RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
  /\bya29\.[A-Za-z0-9._-]+/g,
  /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g,
];

/** A secret-named JSON property: its name is kept, its value removed. */
const SECRET_PROPERTY = /("(?:access_token|refresh_token|id_token|private_key|private_key_id|client_secret)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;

export function makeRedactor(secrets: readonly string[]): Redactor {
  // A PEM key may surface line by line (or JSON-escaped), so each long line is a secret too.
  const exact = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    exact.add(secret);
    exact.add(JSON.stringify(secret).slice(1, -1));
    for (const line of secret.split(/\\n|\n/)) if (line.length >= 16) exact.add(line);
  }
  const known = [...exact].sort((a, b) => b.length - a.length);
  return (text: string): string => {
    let out = text;
    for (const secret of known) out = out.split(secret).join(REDACTED);
    out = out.replace(SECRET_PROPERTY, (_match, name: string) => `${name}"${REDACTED}"`);
    for (const shape of SHAPES) out = out.replace(shape, REDACTED);
    return out;
  };
}
