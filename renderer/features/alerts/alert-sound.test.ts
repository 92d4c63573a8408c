import { describe, expect, it, vi } from 'vitest';
import { createAlertSound, type ToneContext } from './alert-sound';

function fakeToneContext(state: AudioContextState = 'running') {
  const param = () => ({ value: 0, setValueAtTime: vi.fn(), linearRampToValueAtTime: vi.fn() });
  const oscillators: { type: string; frequency: { value: number }; start: ReturnType<typeof vi.fn>; stop: ReturnType<typeof vi.fn> }[] = [];
  const context = {
    currentTime: 10,
    destination: {},
    state,
    resume: vi.fn(async () => undefined),
    createOscillator: vi.fn(() => {
      const oscillator = { type: 'square', frequency: param(), connect: vi.fn(), start: vi.fn(), stop: vi.fn() };
      oscillators.push(oscillator);
      return oscillator;
    }),
    createGain: vi.fn(() => ({ gain: param(), connect: vi.fn() })),
  };
  return { context: context as unknown as ToneContext, raw: context, oscillators };
}

describe('alert sound', () => {
  it('play two short sine beeps through one reused audio context', () => {
    const fake = fakeToneContext();
    const factory = vi.fn(() => fake.context);
    const sound = createAlertSound(factory);
    sound.play();
    expect(fake.oscillators.map((oscillator) => [oscillator.type, oscillator.frequency.value])).toEqual([
      ['sine', 880],
      ['sine', 660],
    ]);
    expect(fake.oscillators.every((oscillator) => oscillator.start.mock.calls.length === 1 && oscillator.stop.mock.calls.length === 1)).toBe(true);
    sound.play();
    expect(fake.oscillators).toHaveLength(4);
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it('resume a context the browser suspended', () => {
    const fake = fakeToneContext('suspended');
    createAlertSound(() => fake.context).play();
    expect(fake.raw.resume).toHaveBeenCalled();
  });

  it('fail silently without Web Audio or when the browser refuses', () => {
    expect(() => createAlertSound(() => null).play()).not.toThrow();
    expect(() =>
      createAlertSound(() => {
        throw new DOMException('not allowed', 'NotAllowedError');
      }).play(),
    ).not.toThrow();
    const refusing = fakeToneContext('suspended');
    refusing.raw.resume.mockRejectedValue(new Error('no gesture yet'));
    refusing.raw.createOscillator.mockImplementation(() => {
      throw new Error('closed');
    });
    expect(() => createAlertSound(() => refusing.context).play()).not.toThrow();
  });
});
