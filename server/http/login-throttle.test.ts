import { describe, expect, it } from 'vitest';
import { ACCOUNT_MEMORY_MS, addressKeyOf, LoginThrottle, type LoginThrottleSettings, type ReservedAttempt, type ThrottleRefusal } from './login-throttle';

const SETTINGS: LoginThrottleSettings = {
  enabled: true,
  loginFailuresPerAddress: { count: 20, windowMs: 15 * 60_000 },
  loginFreeFailures: 5,
  loginMaxDelayMs: 30_000,
};

function setUp(settings: Partial<LoginThrottleSettings> = {}) {
  let now = 1_000_000;
  const throttle = new LoginThrottle({ ...SETTINGS, ...settings }, () => now);
  return { throttle, advance: (ms: number) => (now += ms) };
}

const reserved = (outcome: ReservedAttempt | ThrottleRefusal): ReservedAttempt => {
  if (!outcome.allowed) throw new Error(`refused: ${outcome.scope} ${outcome.retryAfterMs} ms`);
  return outcome;
};
const fail = (throttle: LoginThrottle, account: string, address: string) => reserved(throttle.begin(account, address)).failed();

describe('LoginThrottle per account', () => {
  it('lets the first five failures through, then makes each attempt wait 1, 2, 4, 8, 16, then 30 s', () => {
    const { throttle, advance } = setUp();
    for (let index = 0; index < 5; index += 1) fail(throttle, 'ada@desk.test', `10.0.0.${index}`);
    const waits: number[] = [];
    for (let failure = 5; failure < 12; failure += 1) {
      const refusal = throttle.begin('ada@desk.test', '10.0.1.1');
      expect(refusal.allowed).toBe(false);
      const wait = (refusal as ThrottleRefusal).retryAfterMs;
      waits.push(wait);
      advance(wait - 1);
      expect(throttle.begin('ada@desk.test', '10.0.1.1').allowed, 'one millisecond early').toBe(false);
      advance(1);
      fail(throttle, 'ada@desk.test', `10.0.2.${failure}`);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('never locks the owner out: after the maximum delay the next attempt, from any address, is taken', () => {
    const { throttle, advance } = setUp();
    for (let index = 0; index < 50; index += 1) {
      const outcome = throttle.begin('ada@desk.test', `10.0.3.${index}`);
      if (outcome.allowed) outcome.failed();
      advance(1_000);
    }
    advance(30_000);
    const owner = reserved(throttle.begin('ada@desk.test', '192.0.2.7'));
    owner.succeeded();
    // A success forgets the failures: the next attempts are free again.
    for (let index = 0; index < 5; index += 1) fail(throttle, 'ada@desk.test', '10.0.4.1');
  });

  it('refuses attempts inside the delay without counting them', () => {
    const { throttle, advance } = setUp();
    for (let index = 0; index < 6; index += 1) {
      fail(throttle, 'ada@desk.test', '10.0.0.1');
      advance(2_000);
    }
    // Six failures: the next attempt waits 2 s after the last. Refusals in between change nothing.
    advance(-2_000);
    for (let index = 0; index < 100; index += 1) expect(throttle.begin('ada@desk.test', '10.0.0.2').allowed).toBe(false);
    advance(2_000);
    expect(throttle.begin('ada@desk.test', '10.0.0.2').allowed).toBe(true);
  });

  it('counts attempts under way as failures, so parallel guesses cannot slip past', () => {
    const { throttle } = setUp();
    const inFlight = Array.from({ length: 40 }, (_, index) => throttle.begin('ada@desk.test', `10.0.5.${index}`));
    expect(inFlight.filter((attempt) => attempt.allowed)).toHaveLength(5);
  });

  it('gives back a released reservation (right password, second factor still due) without clearing earlier failures', () => {
    const { throttle, advance } = setUp();
    for (let index = 0; index < 5; index += 1) fail(throttle, 'ada@desk.test', '10.0.0.1');
    advance(1_000);
    reserved(throttle.begin('ada@desk.test', '10.0.0.1')).released();
    // Still five failures, dated as before: the code may follow at once.
    reserved(throttle.begin('ada@desk.test', '10.0.0.1')).failed();
    expect(throttle.begin('ada@desk.test', '10.0.0.1')).toMatchObject({ allowed: false, scope: 'account', retryAfterMs: 2_000 });
  });

  it('forgets an account an hour after its last failure', () => {
    const { throttle, advance } = setUp();
    for (let index = 0; index < 10; index += 1) {
      fail(throttle, 'ada@desk.test', '10.0.0.1');
      advance(40_000);
    }
    expect(throttle.begin('ada@desk.test', '10.0.0.9').allowed).toBe(true);
    advance(ACCOUNT_MEMORY_MS);
    expect(throttle.size.accounts).toBe(1);
    reserved(throttle.begin('ada@desk.test', '10.0.0.9')).failed();
    for (let index = 0; index < 4; index += 1) fail(throttle, 'ada@desk.test', '10.0.0.9');
  });
});

describe('LoginThrottle per address', () => {
  it('refuses a spray of one guess on each of 40 emails after 20, and refills one per 45 s', () => {
    const { throttle, advance } = setUp();
    const outcomes = Array.from({ length: 40 }, (_, index) => {
      const outcome = throttle.begin(`user${index}@desk.test`, '203.0.113.9');
      if (outcome.allowed) outcome.failed();
      return outcome;
    });
    expect(outcomes.filter((outcome) => outcome.allowed)).toHaveLength(20);
    expect(outcomes[20]).toMatchObject({ allowed: false, scope: 'address', retryAfterMs: 45_000 });
    // Another address is not affected.
    expect(throttle.begin('user39@desk.test', '203.0.113.10').allowed).toBe(true);
    advance(45_000);
    expect(throttle.begin('user40@desk.test', '203.0.113.9').allowed).toBe(true);
    expect(throttle.begin('user41@desk.test', '203.0.113.9').allowed).toBe(false);
  });

  it('does not charge successful sign-ins to the address', () => {
    const { throttle } = setUp();
    for (let index = 0; index < 100; index += 1) reserved(throttle.begin(`user${index}@desk.test`, '203.0.113.9')).succeeded();
    expect(throttle.size.accounts).toBe(0);
    // The whole burst is still there for failures.
    for (let index = 0; index < 20; index += 1) fail(throttle, `other${index}@desk.test`, '203.0.113.9');
    expect(throttle.begin('last@desk.test', '203.0.113.9').allowed).toBe(false);
  });

  it('counts IPv4-mapped addresses as IPv4 and an IPv6 /64 as one client', () => {
    expect(addressKeyOf('::ffff:127.0.0.2')).toBe('127.0.0.2');
    expect(addressKeyOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKeyOf('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKeyOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKeyOf('::1')).toBe('0:0:0:0::/64');
    const { throttle } = setUp({ loginFailuresPerAddress: { count: 2, windowMs: 60_000 } });
    fail(throttle, 'a@desk.test', '2001:db8:1:2::10');
    fail(throttle, 'b@desk.test', '2001:db8:1:2::11');
    expect(throttle.begin('c@desk.test', '2001:db8:1:2::12')).toMatchObject({ allowed: false, scope: 'address' });
  });
});

describe('LoginThrottle switched off', () => {
  it('lets everything through and remembers nothing', () => {
    const { throttle } = setUp({ enabled: false });
    for (let index = 0; index < 100; index += 1) reserved(throttle.begin('ada@desk.test', '10.0.0.1')).failed();
    expect(throttle.size).toEqual({ accounts: 0, addresses: 0 });
  });
});
