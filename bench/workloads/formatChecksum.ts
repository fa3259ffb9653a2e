/** A 32-bit hash as 8 lowercase hex digits. */
export function formatChecksum(hash: number): string {
  return (hash >>> 0).toString(16).padStart(8, '0');
}
