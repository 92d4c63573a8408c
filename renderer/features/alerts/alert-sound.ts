/** The part of the Web Audio API the tone needs; tests pass a fake (jsdom has no AudioContext). */
export type ToneContext = Pick<BaseAudioContext, 'currentTime' | 'destination' | 'state' | 'createOscillator' | 'createGain'> & {
  resume(): Promise<void>;
};

/** Makes the audio context on first use; null where the platform has none. May throw (tests, odd browsers). */
export type ToneContextFactory = () => ToneContext | null;

/** Plays the assignment alert tone. Never throws and never rejects: a missing tone is not an error. */
export type AlertSound = { play(): void };

/** Two short sine beeps, high then lower: noticeable, brief, and nothing to download. */
const BEEPS = [
  { frequency: 880, startsAt: 0, seconds: 0.12 },
  { frequency: 660, startsAt: 0.16, seconds: 0.16 },
] as const;
const VOLUME = 0.2;

const browserToneContext: ToneContextFactory = () => (typeof AudioContext === 'undefined' ? null : new AudioContext());

/**
 * The alert tone, synthesised with an OscillatorNode (the CSP allows no remote media and a tone
 * needs no file). One audio context is made lazily and reused, as browsers limit how many a page
 * may open. Browsers keep audio suspended until the page has had a user gesture (the sign-in click
 * normally counts); until then, or without Web Audio, play() does nothing.
 */
export function createAlertSound(createContext: ToneContextFactory = browserToneContext): AlertSound {
  let context: ToneContext | null = null;
  return {
    play() {
      try {
        context ??= createContext();
        if (!context) return;
        if (context.state === 'suspended') context.resume().catch(() => undefined);
        scheduleBeeps(context);
      } catch {
        // Autoplay policy, a closed context, no audio device: the notification still shows.
      }
    },
  };
}

function scheduleBeeps(context: ToneContext): void {
  const start = context.currentTime;
  for (const beep of BEEPS) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = beep.frequency;
    // A short fade in and out: a hard edge clicks audibly.
    const from = start + beep.startsAt;
    const until = from + beep.seconds;
    gain.gain.setValueAtTime(0, from);
    gain.gain.linearRampToValueAtTime(VOLUME, from + 0.01);
    gain.gain.linearRampToValueAtTime(0, until);
    oscillator.connect(gain);
    gain.connect(context.destination);
    oscillator.start(from);
    oscillator.stop(until);
  }
}

let shared: AlertSound | undefined;

/** The console's one alert sound (assignment alerts and the preferences' test button share its context). */
export function sharedAlertSound(): AlertSound {
  shared ??= createAlertSound();
  return shared;
}
