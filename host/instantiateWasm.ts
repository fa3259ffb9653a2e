// Instantiates a Tessera wasm module (AssemblyScript, stub runtime, raw bindings) in any host:
// Node, a browser page or a worker. The only import is `env.abort`, which we turn into a thrown
// Error carrying the sim's own message, so a capacity overflow or a broken invariant inside the
// sim reaches the caller as a clear error instead of a bare "unreachable".

/** Error raised when the simulation aborts (an assertion or a documented limit inside the wasm). */
export class SimAbortError extends Error {
  override name = 'SimAbortError';
}

function readAssemblyScriptString(memory: WebAssembly.Memory, ptr: number): string {
  if (ptr === 0) return '';
  const bytes = new Uint32Array(memory.buffer, ptr - 4, 1)[0] ?? 0;
  return String.fromCharCode(...new Uint16Array(memory.buffer, ptr, bytes >>> 1));
}

export async function instantiateWasm<T extends WebAssembly.Exports>(
  source: BufferSource | WebAssembly.Module,
): Promise<{ exports: T; memory: WebAssembly.Memory; module: WebAssembly.Module }> {
  const module = source instanceof WebAssembly.Module ? source : await WebAssembly.compile(source);
  let memory: WebAssembly.Memory | undefined;
  const imports = {
    env: {
      abort(messagePtr: number, filePtr: number, line: number, column: number): never {
        const mem = memory;
        const message = mem ? readAssemblyScriptString(mem, messagePtr) : 'abort';
        const file = mem ? readAssemblyScriptString(mem, filePtr) : '?';
        throw new SimAbortError(`${message} (${file}:${line}:${column})`);
      },
    },
  };
  const instance = await WebAssembly.instantiate(module, imports);
  memory = instance.exports['memory'] as WebAssembly.Memory;
  return { exports: instance.exports as T, memory, module };
}
