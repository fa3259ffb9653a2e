// Test page for web/audio: the sound board, created at load from the query (?goal=, ?whistle=,
// ?volume=, ?muted=1, ?noWebAudio), for e2e/sound.spec.ts. To observe the board without a test
// hook in it, window.AudioContext is replaced by a subclass that records every context, counts the
// sounds started and routes the destination through an AnalyserNode: what the speakers would get.

import { createSoundBoard, type SoundBoard, type SoundName } from '../../web/audio/createSoundBoard.ts';

class TappedAudioContext extends AudioContext {
  /** Everything the page sends to the speakers passes through this node. */
  readonly tap: AnalyserNode;
  startedSources = 0;

  constructor(options?: AudioContextOptions) {
    super(options);
    const speakers = this.destination;
    this.tap = new AnalyserNode(this, { fftSize: 2048 });
    this.tap.connect(speakers);
    Object.defineProperty(this, 'destination', { value: this.tap });
  }

  override createBufferSource(): AudioBufferSourceNode {
    const source = super.createBufferSource();
    const start = source.start.bind(source);
    source.start = (...args) => {
      this.startedSources++;
      start(...args);
    };
    return source;
  }
}

declare global {
  interface Window {
    sound: {
      board: SoundBoard;
      /** Every context the board created, in order. */
      contexts: TappedAudioContext[];
      /** Created at load, outside any gesture: what the browser does to an ungestured context. */
      controlContext: AudioContext;
      /** Plays `sound`: whether the board started it, and the loudest sample heard over `ms` milliseconds. */
      playAndListen(sound: SoundName, ms?: number): Promise<{ started: boolean; peak: number }>;
      /**
       * Suspends the newest context as the system does on a call or the lock screen, reporting the
       * state as iOS does ("interrupted") or as other browsers do ("suspended").
       */
      interrupt(reportedAs: 'interrupted' | 'suspended'): Promise<void>;
      /** Headless Chromium never hides a page: fakes document.visibilityState and fires visibilitychange. */
      setPageVisible(visible: boolean): void;
    };
  }
}

const query = new URLSearchParams(location.search);
const contexts: TappedAudioContext[] = [];
const controlContext = new AudioContext();

if (query.has('noWebAudio')) {
  // A browser without Web Audio (old, or locked down by policy).
  delete (window as { AudioContext?: unknown }).AudioContext;
} else {
  window.AudioContext = class extends TappedAudioContext {
    constructor(options?: AudioContextOptions) {
      super(options);
      contexts.push(this);
    }
  };
}

const board = createSoundBoard(
  { goal: query.get('goal') ?? '/assets/audio/goal.wav', whistle: query.get('whistle') ?? '/assets/audio/whistle.wav' },
  { volume: Number(query.get('volume') ?? 1), muted: query.get('muted') === '1' },
);

function newestContext(): TappedAudioContext {
  const context = contexts.at(-1);
  if (!context) throw new Error('the board has not created an AudioContext');
  return context;
}

async function playAndListen(sound: SoundName, ms = 800): Promise<{ started: boolean; peak: number }> {
  const context = contexts.at(-1);
  const startedBefore = context?.startedSources ?? 0;
  board.play(sound);
  if (!context) return { started: false, peak: 0 };
  const { tap } = context;
  const samples = new Float32Array(tap.fftSize);
  let peak = 0;
  // The analyser holds the last 2048 samples (≥ 42 ms); reading every 15 ms misses none.
  for (const end = performance.now() + ms; performance.now() < end; ) {
    tap.getFloatTimeDomainData(samples);
    for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  return { started: context.startedSources > startedBefore, peak };
}

const realState = Object.getOwnPropertyDescriptor(BaseAudioContext.prototype, 'state')!.get!;

async function interrupt(reportedAs: 'interrupted' | 'suspended'): Promise<void> {
  const context = newestContext();
  await context.suspend();
  if (reportedAs === 'suspended') {
    delete (context as { state?: AudioContextState }).state;
    return;
  }
  // Chromium has no "interrupted": the suspended context reads as iOS's until resumed.
  Object.defineProperty(context, 'state', {
    configurable: true,
    get(this: AudioContext) {
      const state = realState.call(this) as AudioContextState;
      return state === 'suspended' ? 'interrupted' : state;
    },
  });
}

function setPageVisible(visible: boolean): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, value: visible ? 'visible' : 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
}

window.sound = { board, contexts, controlContext, playAndListen, interrupt, setPageVisible };
