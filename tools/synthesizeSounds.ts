// `npx tsx tools/synthesizeSounds.ts`: synthesizes the game's sounds into assets/audio/ (goal.wav, the
// goal chime; whistle.wav, the full-time whistle) as 16-bit mono PCM at 22050 Hz. Run it again when
// a sound changes and commit the WAVs: the build hashes them like any asset. The noise is seeded, so
// a run without changes rewrites the same bytes.

import { mkdirSync, writeFileSync } from 'node:fs';

const sampleRate = 22050;
const outDir = new URL('../assets/audio/', import.meta.url);

/** A rising C-major arpeggio of soft bell tones, the last note ringing out. */
function goalChime(): Float32Array {
  const samples = new Float32Array(Math.round(0.7 * sampleRate));
  const notes = [
    { at: 0, hz: 1046.5, gain: 0.5, decay: 0.16 },
    { at: 0.075, hz: 1318.51, gain: 0.5, decay: 0.16 },
    { at: 0.15, hz: 1567.98, gain: 0.55, decay: 0.18 },
    { at: 0.225, hz: 2093.0, gain: 0.7, decay: 0.26 },
    // An octave below the top note gives the ending some body.
    { at: 0.225, hz: 1046.5, gain: 0.3, decay: 0.3 },
  ];
  // Harmonics fade faster than the fundamental, as on a struck bar.
  const partials = [
    { ratio: 1, gain: 1, decayScale: 1 },
    { ratio: 2, gain: 0.25, decayScale: 0.5 },
    { ratio: 3, gain: 0.08, decayScale: 0.3 },
  ];
  for (const note of notes) {
    const start = Math.round(note.at * sampleRate);
    for (let i = start; i < samples.length; i++) {
      const t = (i - start) / sampleRate;
      const attack = Math.min(1, t / 0.004); // a few milliseconds: struck, yet no click
      let sample = 0;
      for (const p of partials) {
        sample += p.gain * Math.exp(-t / (note.decay * p.decayScale)) * Math.sin(2 * Math.PI * note.hz * p.ratio * t);
      }
      samples[i]! += note.gain * attack * sample;
    }
  }
  fadeOut(samples, 0.08);
  return normalize(samples, 0.8);
}

/** Three blasts of a pea whistle, the last one long: the referee ends the match. */
function fullTimeWhistle(): Float32Array {
  const samples = new Float32Array(Math.round(0.75 * sampleRate));
  const blasts = [
    { at: 0, length: 0.15 },
    { at: 0.22, length: 0.15 },
    { at: 0.44, length: 0.31 },
  ];
  const pitch = 2900;
  // The pea spinning in the chamber warbles pitch and loudness together.
  const warbleHz = 28;
  const breath = bandPassedNoise(samples.length, pitch, 6);
  for (const blast of blasts) {
    const start = Math.round(blast.at * sampleRate);
    const end = Math.min(samples.length, start + Math.round(blast.length * sampleRate));
    let phase = 0;
    for (let i = start; i < end; i++) {
      const t = (i - start) / sampleRate;
      const envelope = raisedCosineEdges(t, blast.length, 0.015, 0.03);
      const warble = Math.sin(2 * Math.PI * warbleHz * t);
      // Pitch climbs to its note over the first 30 ms as the breath pressure builds.
      const hz = pitch * (1 - 0.05 * Math.exp(-t / 0.03)) + 70 * warble;
      phase += (2 * Math.PI * hz) / sampleRate;
      const tone = Math.sin(phase) + 0.15 * Math.sin(2 * phase);
      samples[i] = envelope * (1 + 0.3 * warble) * (tone + 0.2 * breath[i]!);
    }
  }
  // A whistle is louder to the ear than a chime of the same peak.
  return normalize(samples, 0.55);
}

/** 0 → 1 over `attack` seconds, 1 → 0 over the last `release` seconds of `length`, along half cosines. */
function raisedCosineEdges(t: number, length: number, attack: number, release: number): number {
  if (t < attack) return 0.5 - 0.5 * Math.cos((Math.PI * t) / attack);
  if (t > length - release) return 0.5 - 0.5 * Math.cos((Math.PI * (length - t)) / release);
  return 1;
}

function fadeOut(samples: Float32Array, seconds: number): void {
  const length = Math.round(seconds * sampleRate);
  for (let i = 0; i < length; i++) samples[samples.length - 1 - i]! *= i / length;
}

function normalize(samples: Float32Array, peak: number): Float32Array {
  const loudest = samples.reduce((max, s) => Math.max(max, Math.abs(s)), 0);
  return samples.map((s) => (s * peak) / loudest);
}

/** White noise from a seeded generator through a band-pass biquad (RBJ cookbook), unit peak. */
function bandPassedNoise(length: number, centreHz: number, q: number): Float32Array {
  let seed = 0x7e55e7a;
  const white = () => {
    // mulberry32: small, and the same sequence on every machine.
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 31 - 1;
  };
  const w = (2 * Math.PI * centreHz) / sampleRate;
  const alpha = Math.sin(w) / (2 * q);
  const a0 = 1 + alpha;
  const [b0, b2, a1, a2] = [alpha / a0, -alpha / a0, (-2 * Math.cos(w)) / a0, (1 - alpha) / a0];
  const out = new Float32Array(length);
  let [x1, x2, y1, y2] = [0, 0, 0, 0];
  for (let i = 0; i < length; i++) {
    const x = white();
    const y = b0 * x + b2 * x2 - a1 * y1 - a2 * y2;
    [x2, x1, y2, y1] = [x1, x, y1, y];
    out[i] = y;
  }
  return normalize(out, 1);
}

/** A RIFF/WAVE file: one channel of 16-bit little-endian PCM. */
function encodeWav(samples: Float32Array): Buffer {
  const dataBytes = samples.length * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28); // bytes per second
  wav.writeUInt16LE(2, 32); // bytes per frame
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  samples.forEach((s, i) => wav.writeInt16LE(Math.round(Math.max(-1, Math.min(1, s)) * 32767), 44 + i * 2));
  return wav;
}

mkdirSync(outDir, { recursive: true });
for (const [file, samples] of [['goal.wav', goalChime()], ['whistle.wav', fullTimeWhistle()]] as const) {
  const wav = encodeWav(samples);
  writeFileSync(new URL(file, outDir), wav);
  console.log(`assets/audio/${file}: ${(samples.length / sampleRate).toFixed(2)} s, ${wav.byteLength} bytes`);
}
