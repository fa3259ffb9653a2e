export interface GuestToken {
  readonly token: string;
  /** Seconds the token stays valid. */
  readonly expiresIn: number;
}

/** A short-lived guest token from the relay's POST /token (the embedded default's sign-in). */
export async function fetchGuestToken(httpBaseUrl: string, name?: string): Promise<GuestToken> {
  const base = httpBaseUrl.endsWith('/') ? httpBaseUrl : `${httpBaseUrl}/`;
  const response = await fetch(new URL('token', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(name === undefined ? {} : { name }),
  });
  if (!response.ok) throw new Error(`POST ${new URL('token', base).href} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  const body = (await response.json()) as Partial<GuestToken>;
  if (typeof body.token !== 'string' || typeof body.expiresIn !== 'number') throw new Error('POST /token answered without token and expiresIn');
  return { token: body.token, expiresIn: body.expiresIn };
}
