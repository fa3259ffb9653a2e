// Strings with a byte limit: close reasons (123 bytes, RFC 6455) and the protocol's string(N)
// fields. Cutting by characters could still overflow; cutting by bytes could split a character.

const encoder = new TextEncoder();

/** The longest prefix of text whose UTF-8 encoding fits in maxBytes. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (encoder.encode(text).length <= maxBytes) return text;
  const bytes = new Uint8Array(maxBytes);
  const { read } = encoder.encodeInto(text, bytes); // encodeInto never writes a partial character
  return text.slice(0, read);
}

export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}
