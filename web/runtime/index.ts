// The embeddable runtime's entry: mountGame() for code, <tessera-game> for markup (registered on
// import in a browser; importing it during server-side rendering is safe).

import { defineTesseraGame } from './TesseraGameElement.ts';

export { mountGame, type TesseraGameHandle } from './mountGame.ts';
export { TesseraGameElement, defineTesseraGame } from './TesseraGameElement.ts';
export type * from './types.ts';
export type { KeyBindings } from '../input/bindings.ts';
export { defaultBindings } from '../input/bindings.ts';

defineTesseraGame();
