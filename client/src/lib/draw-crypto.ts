// The primitives of the representative draw (docs/draw-verification.md) on the browser's Web
// Crypto: SHA-256, HMAC-SHA256 (HKDF-Extract and a one-block HKDF-Expand) and code-point order.
// Also used by the organizer's console to make the commitment without the secret leaving the page.

export type Bytes = Uint8Array<ArrayBuffer>;
/** Web Crypto's key type, spelled so that it also type-checks under Node's globals (the tests). */
export type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

const encoder = new TextEncoder();
export const utf8 = (s: string): Bytes => encoder.encode(s) as Bytes;

export function hexToBytes(hex: string): Bytes | null {
  if (typeof hex !== 'string' || !/^(?:[0-9a-fA-F]{2})*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Web Crypto exists only in secure contexts (HTTPS or localhost). */
export function webCryptoAvailable(): boolean {
  return typeof crypto !== 'undefined' && !!crypto.subtle;
}

export async function sha256(data: Bytes): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

export function hmacKey(key: Bytes): Promise<HmacKey> {
  return crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

export async function hmac(key: HmacKey, data: Bytes): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, data));
}

/** HKDF-Extract(SHA-256, salt = chain value bytes, IKM = UTF-8 of the NFC randomness) = HMAC(salt, IKM). */
export async function drawPrk(chainValueHex: string, randomness: string): Promise<Bytes> {
  const salt = hexToBytes(chainValueHex);
  if (!salt) throw new Error('chainValue is not hex');
  return hmac(await hmacKey(salt), utf8(randomness.normalize('NFC')));
}

/** HKDF-Expand(PRK, info = "<category>|<label>", 32) = HMAC(PRK, info || 0x01), in hex. */
export async function positionOf(prkKey: HmacKey, category: string, label: string): Promise<string> {
  const info = utf8(`${category}|${label}`);
  const msg = new Uint8Array(info.length + 1);
  msg.set(info);
  msg[info.length] = 1;
  return bytesToHex(await hmac(prkKey, msg));
}

/** [H^0(s), ..., H^n(s)] in hex, H^0 being the secret's UTF-8 bytes. */
export async function hashChain(secret: string, n: number): Promise<string[]> {
  let value = utf8(secret);
  const chain = [bytesToHex(value)];
  for (let i = 0; i < n; i++) {
    value = await sha256(value);
    chain.push(bytesToHex(value));
  }
  return chain;
}

/** Hashes the chain value's bytes k times; the result must be the commitment. */
export async function hashTimes(chainValueHex: string, k: number): Promise<string | null> {
  let value = hexToBytes(chainValueHex);
  if (!value || !value.length) return null;
  for (let i = 0; i < k; i++) value = await sha256(value);
  return bytesToHex(value);
}

/** Unicode code point order (UTF-16 order differs only where surrogates meet U+E000–FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const len = Math.min(x.length, y.length);
  for (let i = 0; i < len; i++) {
    const d = (x[i].codePointAt(0) as number) - (y[i].codePointAt(0) as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** SHA-256 (hex) of the labels in code point order joined with "\n". */
export async function listHash(labels: readonly string[]): Promise<string> {
  const sorted = [...labels].sort(compareCodePoints);
  return bytesToHex(await sha256(utf8(sorted.join('\n'))));
}

/** A fresh secret for the commitment: 32 random bytes as hex text (its UTF-8 is H^0). */
export function randomSecret(): string {
  return bytesToHex(crypto.getRandomValues(new Uint8Array(32)));
}
