// Ready-made curl examples for an endpoint, one per security method. Pure functions: no DOM.

/** A sample JSON body the examples send. */
export const SAMPLE_BODY = '{"event":"test","id":1}';

const DIGESTS = { HmacSHA256: 'sha256', HmacSHA1: 'sha1', HmacSHA512: 'sha512' };

/** Quotes text for a POSIX shell, in single quotes. */
export function shellQuote(text) {
  return `'${String(text).replace(/'/g, `'\\''`)}'`;
}

/** Escapes text for the inside of a double-quoted shell string. */
function inDoubleQuotes(text) {
  return String(text).replace(/[\\"$`]/g, (c) => `\\${c}`);
}

/**
 * The example for endpoint (as the admin API shows it) at url; secrets holds the values shown once
 * ({password}, {token, secret}, ...) or is null, in which case placeholders stand in.
 */
export function curlExample(endpoint, url, secrets) {
  const security = endpoint.security || {};
  const secret = (name) => (secrets && secrets[name]) || `<${name}: shown once when created or rotated>`;
  const lines = [`URL=${shellQuote(url)}`, `BODY=${shellQuote(SAMPLE_BODY)}`];
  const headers = ["-H 'Content-Type: application/json'"];
  let curlAuth = '';
  const idHeader = security.idHeader || endpoint.idempotencyHeader;
  const needsId = Boolean(endpoint.idempotencyHeader) || /\{id\}/.test(security.signedContent || '');
  if (needsId) {
    lines.push('ID="evt-$(date +%s)"');
  }
  if (endpoint.idempotencyHeader) {
    headers.push(`-H "${inDoubleQuotes(endpoint.idempotencyHeader)}: $ID"`);
  }
  switch (security.method) {
    case 'basic':
      lines.push(`USERNAME=${shellQuote(security.username || '')}`, `PASSWORD=${shellQuote(secret('password'))}`);
      curlAuth = '-u "$USERNAME:$PASSWORD" ';
      break;
    case 'token_secret':
      lines.push(`TOKEN=${shellQuote(secret('token'))}`, `SECRET=${shellQuote(secret('secret'))}`);
      headers.push('-H "Access-Token: $TOKEN"', '-H "Access-Secret: $SECRET"');
      break;
    case 'bearer':
      lines.push(`TOKEN=${shellQuote(secret('token'))}`);
      headers.push('-H "Authorization: Bearer $TOKEN"');
      break;
    case 'signature':
      signature({ ...security, idempotencyHeader: endpoint.idempotencyHeader }, secret('secret'), lines, headers, idHeader);
      break;
    default:
      lines.push(`# unknown security method ${security.method}`);
  }
  const curl = `curl -sS ${curlAuth}${headers.join(' ')} --data-binary "$BODY" "$URL"`;
  return [...lines, curl].join('\n');
}

function signature(security, secretValue, lines, headers, idHeader) {
  const algorithm = security.algorithm || 'HmacSHA256';
  const encoding = security.encoding || 'base64';
  const header = security.header || 'PUSHBACK_SIGNATURE';
  const prefix = security.prefix || '';
  const template = security.signedContent || (security.timestampHeader ? '{timestamp}.{body}' : '{body}');
  lines.push(`SECRET=${shellQuote(secretValue)}`);
  if (security.timestampHeader) {
    lines.push('TS=$(date +%s)');
    headers.push(`-H "${inDoubleQuotes(security.timestampHeader)}: $TS"`);
  }
  if (/\{id\}/.test(template) && idHeader && idHeader !== security.idempotencyHeader) {
    headers.push(`-H "${inDoubleQuotes(idHeader)}: $ID"`);
  }
  const content = template === '{body}' ? '$BODY' : inDoubleQuotes(template)
    .replace(/\{timestamp\}/g, '${TS}')
    .replace(/\{id\}/g, '${ID}')
    .replace(/\{body\}/g, '${BODY}');
  const digest = DIGESTS[algorithm];
  if (!digest) {
    lines.push(`# openssl has no ${algorithm}: compute it over "${content}" with your HMAC library`);
    lines.push("SIG='<signature>'");
  } else {
    const encode = encoding === 'hex' ? "od -An -v -tx1 | tr -d ' \\n'" : "base64 | tr -d '\\n'";
    lines.push(`SIG=$(printf '%s' "${content}" | openssl dgst -${digest} -hmac "$SECRET" -binary | ${encode})`);
  }
  headers.push(`-H "${inDoubleQuotes(header)}: ${inDoubleQuotes(prefix)}$SIG"`);
}
