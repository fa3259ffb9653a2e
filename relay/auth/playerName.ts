// The display name other members see (Member.name, at most 32 bytes): from the token's `name`
// claim, else its subject. Control characters are dropped — names end up in other players' UIs
// and in log lines.

import { truncateUtf8 } from '../truncateUtf8.ts';

const MAX_NAME_BYTES = 32;

export function playerName(nameClaim: unknown, subject: string): string {
  const cleaned = typeof nameClaim === 'string' ? nameClaim.replace(/\p{Cc}/gu, '').trim() : '';
  return truncateUtf8(cleaned === '' ? subject : cleaned, MAX_NAME_BYTES);
}
