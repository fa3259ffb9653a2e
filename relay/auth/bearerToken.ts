// `Authorization: Bearer <token>` → the token; null when the header has another form.

export function bearerToken(header: string): string | null {
  return /^Bearer +(\S+)$/i.exec(header.trim())?.[1] ?? null;
}
