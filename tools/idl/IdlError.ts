// Everything wrong with an IDL file, each problem at its `file:line:col`, so an editor or a CI log
// jumps straight to it. The parser stops at the first syntax error; the schema checks report all.

export interface SourcePosition {
  line: number;
  col: number;
}

export interface Diagnostic extends SourcePosition {
  file: string;
  message: string;
}

function formatDiagnostic(diagnostic: Diagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.col}: ${diagnostic.message}`;
}

export class IdlError extends Error {
  override name = 'IdlError';
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
  }
}
