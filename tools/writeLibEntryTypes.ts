// dist/lib/tessera.d.ts: points TypeScript at the runtime's declarations (emitted by
// tsconfig.lib.json into dist/lib/types), so `import … from '…/tessera.js'` is typed.

import { writeFileSync } from 'node:fs';

writeFileSync('dist/lib/tessera.d.ts', "export * from './types/web/runtime/index.ts';\n");
