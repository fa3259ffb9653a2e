// The game's sound effects, played by the page: an AudioContext cannot live in the render worker.
// Browsers let audio start only inside a user gesture, and iOS parks the context after a call, an
// app switch or the lock screen, so the board creates and wakes its context on gestures and when
// the page comes back into view. Nothing here throws into the game: a sound that fails to load
// stays silent and is reported once.

export type SoundName = 'goal' | 'whistle';

export interface SoundBoardOptions {
  /** 0..1, default 1; see SoundBoard.setVolume. */
  volume?: number;
  /** Default false. */
  muted?: boolean;
  /** Where a gesture unlocks audio; default `window`. */
  unlockTarget?: EventTarget;
}

export interface SoundBoard {
  /**
   * Plays the sound now, or not at all while audio is locked or the sound is still loading: a goal
   * chime heard seconds after the goal would only confuse.
   */
  play(sound: SoundName): void;
  /**
   * 0..1. A value outside is clamped and a non-number ignored rather than thrown: volumes come from
   * stored settings, and a bad one must not stop the game.
   */
  setVolume(volume: number): void;
  setMuted(muted: boolean): void;
  /** Closes the AudioContext and removes every listener; the board stays silent afterwards. */
  destroy(): void;
}

// Mouse and keyboard unlock on press; touch only counts as a gesture once the finger lifts.
const gestureEvents = ['pointerdown', 'keydown', 'touchend'] as const;

export function createSoundBoard(urls: Readonly<Record<SoundName, string>>, options: SoundBoardOptions = {}): SoundBoard {
  let volume = clampVolume(options.volume, 1);
  let muted = options.muted ?? false;
  const lifetime = new AbortController();
  const { signal } = lifetime;
  const names = Object.keys(urls) as SoundName[];
  const downloads = new Map<SoundName, Promise<ArrayBuffer | null>>();
  const buffers = new Map<SoundName, AudioBuffer>();
  let context: AudioContext | null = null;
  let output: GainNode | null = null;
  let webAudioMissing = false;

  const warn = (problem: string, reason: unknown) => console.warn(`Tessera sound: ${problem}`, reason);

  // Each sound is downloaded at most once, so a failure is reported once, not on every play().
  function download(name: SoundName): Promise<ArrayBuffer | null> {
    let pending = downloads.get(name);
    if (!pending) {
      pending = fetch(urls[name], { signal })
        .then((response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          return response.arrayBuffer();
        })
        .catch((reason: unknown) => {
          if (!signal.aborted) warn(`cannot load "${name}" from ${urls[name]}; it stays silent`, reason);
          return null;
        });
      downloads.set(name, pending);
    }
    return pending;
  }

  async function decode(name: SoundName, into: AudioContext): Promise<void> {
    const bytes = await download(name);
    if (!bytes || signal.aborted) return;
    try {
      buffers.set(name, await into.decodeAudioData(bytes));
    } catch (reason) {
      if (!signal.aborted) warn(`cannot decode "${name}" from ${urls[name]}; it stays silent`, reason);
    }
  }

  function applyGain(): void {
    if (output) output.gain.value = muted ? 0 : volume;
  }

  function open(): AudioContext | null {
    try {
      const created = new AudioContext();
      output = created.createGain();
      output.connect(created.destination);
      context = created;
      applyGain();
      for (const name of names) void decode(name, created);
      return created;
    } catch (reason) {
      webAudioMissing = true;
      warn('this browser cannot play Web Audio; the game stays silent', reason);
      return null;
    }
  }

  // Other browsers say "suspended", iOS "interrupted" (not in the DOM typings): both need resume().
  function wake(target: AudioContext): void {
    if (target.state === 'running') return;
    target.resume().catch(() => {
      // Not allowed without a gesture here: the next gesture tries again.
    });
  }

  const onGesture = () => {
    const target = context ?? (webAudioMissing ? null : open());
    if (target) wake(target);
  };
  // Capturing and passive: the game's own handlers can neither stop nor wait for the unlock.
  const gestureListening = { capture: true, passive: true, signal };
  for (const type of gestureEvents) (options.unlockTarget ?? window).addEventListener(type, onGesture, gestureListening);
  document.addEventListener(
    'visibilitychange',
    () => {
      if (document.visibilityState === 'visible' && context) wake(context);
    },
    { signal },
  );

  return {
    play(sound) {
      if (signal.aborted) return;
      if (!context) {
        // Locked: fetch now so that the sounds are ready soon after the first gesture.
        for (const name of names) void download(name);
        return;
      }
      const buffer = buffers.get(sound);
      // A source started on a suspended context would play when it resumes, long after its moment.
      if (!buffer || !output || context.state !== 'running') return;
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(output);
      source.start();
    },
    setVolume(next) {
      volume = clampVolume(next, volume);
      applyGain();
    },
    setMuted(next) {
      muted = next;
      applyGain();
    },
    destroy() {
      if (signal.aborted) return;
      lifetime.abort();
      buffers.clear();
      context?.close().catch(() => {
        // Nothing is left to free, and nobody left to tell.
      });
      context = null;
      output = null;
    },
  };
}

function clampVolume(volume: number | undefined, fallback: number): number {
  return typeof volume === 'number' && !Number.isNaN(volume) ? Math.min(1, Math.max(0, volume)) : fallback;
}
