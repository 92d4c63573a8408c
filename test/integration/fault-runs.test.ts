import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_MODES, faultModeUnavailableReason, startFaultInfrastructure, type FaultInfrastructure, type FaultMode } from '../faults/infrastructure';
import { runFaults } from '../faults/run-faults';
import { faultSettings } from '../faults/fault-settings';

/**
 * Randomized fault runs (README "Tests"): real consoles work while the test kills servers (and,
 * scale-out, Redis and PostgreSQL); after healing, every acknowledged write exists once, every
 * console converges within 5 s, no assignment is lost and nothing crosses the visibility rule.
 * A small run per mode here; `npm run bench -- faults` makes long ones.
 */
const settings = faultSettings({ runs: 1, maxCommands: 40 });

for (const mode of FAULT_MODES) {
  const unavailable = faultModeUnavailableReason(mode);
  if (unavailable) console.warn(`[skip] fault runs, ${mode}: ${unavailable}`);
  const skipped = unavailable !== null || (settings.mode !== null && settings.mode !== mode);

  describe.skipIf(skipped)(`randomized fault runs: ${mode}`, () => {
    let infrastructure: FaultInfrastructure;
    beforeAll(async () => {
      infrastructure = await startFaultInfrastructure(mode);
    }, 120_000);
    afterAll(async () => {
      await infrastructure?.remove();
    }, 60_000);

    it(`keeps every promise across kills (seed ${settings.seed})`, async () => {
      const report = await runFaults(infrastructure, { ...settings, mode, replayCommand: (seed, path) => settings.replayCommand(mode as FaultMode, seed, path) });
      expect(report.failure?.message ?? null, report.failure ? `replay with: ${report.failure.replay}` : undefined).toBeNull();
    }, 300_000);
  });
}
