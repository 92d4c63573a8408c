// @vitest-environment jsdom
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { openDeskDatabase } from './database';

describe('the desk database in a browser', () => {
  it('elects a leader among tabs, which the periodic cleanup of removed documents waits for', async () => {
    // A window makes the database multi-instance (tabs share a leader), as in the console.
    const db = await openDeskDatabase(`cleanup_${Date.now()}`, getRxStorageMemory(), { library: false });
    try {
      expect(db.multiInstance).toBe(true);
      // The cleanup policy waits for leadership (cleanupPolicy.waitForLeadership): without the
      // plugin this threw every minute and removed documents were never purged in a browser.
      await expect(db.waitForLeadership()).resolves.toBe(true);
      await expect(db.tickets.cleanup(0)).resolves.toBe(true);
    } finally {
      await db.remove();
    }
  });
});
