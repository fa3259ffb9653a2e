// Where a replay comes from in the app: a file the player picks or drops, or ?replay=URL.

export async function fetchReplay(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load replay ${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Calls `onFile` with the bytes of a file chosen with `input` or dropped anywhere on `zone`. */
export function acceptReplayFiles(input: HTMLInputElement, zone: HTMLElement, onFile: (bytes: Uint8Array, name: string) => void): void {
  const take = async (file: File | undefined): Promise<void> => {
    if (file) onFile(new Uint8Array(await file.arrayBuffer()), file.name);
  };
  input.addEventListener('change', () => {
    void take(input.files?.[0]);
    input.value = '';
  });
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('dropping');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dropping'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dropping');
    void take(e.dataTransfer?.files[0]);
  });
}

/** Offer bytes as a file download. */
export function download(bytes: Uint8Array<ArrayBuffer>, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
