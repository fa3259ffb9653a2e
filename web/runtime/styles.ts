// The runtime's own CSS, adopted once by the document or shadow root that hosts a game. A
// constructed stylesheet (not a <style> element) keeps the runtime working under a
// Content-Security-Policy without style-src 'unsafe-inline'. Hosts theme it through the custom
// properties on .tessera-root.

const CSS = `
.tessera-root { --tessera-font: system-ui, sans-serif; --tessera-text: #f4f7fb; --tessera-panel: rgba(8, 12, 20, 0.55);
  --tessera-team0: #3d8bff; --tessera-team1: #ff7a2f;
  position: relative; width: 100%; height: 100%; overflow: hidden; background: #0e1420; outline: none;
  font-family: var(--tessera-font); color: var(--tessera-text); user-select: none; -webkit-user-select: none;
  touch-action: none; overscroll-behavior: contain; -webkit-tap-highlight-color: transparent; }
.tessera-root > canvas { display: block; width: 100%; height: 100%; }
.tessera-scoreboard { position: absolute; top: max(8px, env(safe-area-inset-top)); left: 50%; transform: translateX(-50%);
  display: flex; gap: 0.6em; align-items: center; padding: 0.3em 0.8em; border-radius: 0.6em; background: var(--tessera-panel);
  font-size: clamp(16px, 3.2vmin, 30px); font-weight: 700; font-variant-numeric: tabular-nums; pointer-events: none; }
.tessera-scoreboard[hidden] { display: none; }
.tessera-scoreboard .team0 { color: var(--tessera-team0); }
.tessera-scoreboard .team1 { color: var(--tessera-team1); }
.tessera-scoreboard .clock { font-weight: 500; opacity: 0.9; min-width: 3.2em; text-align: center; }
.tessera-hud { position: absolute; left: max(8px, env(safe-area-inset-left)); bottom: max(8px, env(safe-area-inset-bottom));
  padding: 0.4em 0.6em; border-radius: 0.4em; background: var(--tessera-panel); font: 12px/1.35 ui-monospace, monospace;
  white-space: pre; pointer-events: none; }
.tessera-hud[hidden] { display: none; }
.tessera-net-hud { position: absolute; right: max(8px, env(safe-area-inset-right)); bottom: max(8px, env(safe-area-inset-bottom));
  padding: 0.3em 0.6em; border-radius: 0.4em; background: var(--tessera-panel); font: 12px/1.35 ui-monospace, monospace;
  pointer-events: none; max-width: calc(100% - 16px); }
.tessera-net-hud[hidden] { display: none; }
@media (prefers-reduced-motion: reduce) { .tessera-root * { transition: none !important; animation: none !important; } }
`;

let sheet: CSSStyleSheet | null = null;

export function injectStyles(root: Document | ShadowRoot): void {
  sheet ??= new CSSStyleSheet();
  if (sheet.cssRules.length === 0) sheet.replaceSync(CSS);
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
