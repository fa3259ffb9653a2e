// A refused connection: the close code the client gets and the reason sent with it (the reason
// is what a developer reads in the browser console, so it says exactly what was wrong).

export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly closeCode: number,
    reason: string,
  ) {
    super(reason);
  }
}
