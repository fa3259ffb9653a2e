// One list renderer for the Saves and Replays screens: a row per record with its description and
// its buttons, or a line saying the list is empty.

export interface RecordRow {
  id: string;
  title: string;
  detail: string;
  actions: { label: string; run: () => void; primary?: boolean }[];
}

export function renderRecordList(list: HTMLUListElement, rows: RecordRow[], empty: string): void {
  list.replaceChildren(
    ...(rows.length === 0
      ? [Object.assign(document.createElement('li'), { className: 'empty', textContent: empty })]
      : rows.map((row) => {
        const li = document.createElement('li');
        li.dataset['id'] = row.id;
        const text = document.createElement('span');
        text.className = 'record-text';
        text.append(Object.assign(document.createElement('strong'), { textContent: row.title }), ` ${row.detail}`);
        li.append(text, ...row.actions.map(({ label, run, primary }) => {
          const button = Object.assign(document.createElement('button'), { type: 'button', textContent: label });
          if (primary) button.className = 'primary';
          button.addEventListener('click', run);
          return button;
        }));
        return li;
      })),
  );
}

export function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
