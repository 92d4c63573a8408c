// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACKNOWLEDGEMENTS_STORAGE_KEY,
  acknowledgedBy,
  followAcknowledgementsFromOtherTabs,
  pruneAcknowledgements,
  useAcknowledgements,
  withAcknowledgement,
} from './acknowledgements';

const ANNA = 'agent-anna';
const BORIS = 'agent-boris';

beforeEach(() => {
  localStorage.clear();
  useAcknowledgements.setState({ byAgent: {} });
});
afterEach(() => localStorage.clear());

describe('acknowledgement rules', () => {
  it('record the acknowledged assignedAt per ticket, returning the same map when nothing changes', () => {
    const one = withAcknowledgement({}, 't1', 100);
    expect(one).toEqual({ t1: 100 });
    expect(withAcknowledgement(one, 't1', 100)).toBe(one);
    expect(withAcknowledgement(one, 't1', 200)).toEqual({ t1: 200 });
  });

  it('prune tickets that are no longer mine, and return the same map when nothing goes', () => {
    const acknowledged = { t1: 100, t2: 200, t3: 300 };
    expect(pruneAcknowledgements(acknowledged, new Set(['t1', 't3', 't9']))).toEqual({ t1: 100, t3: 300 });
    expect(pruneAcknowledgements(acknowledged, new Set(['t1', 't2', 't3']))).toBe(acknowledged);
    expect(pruneAcknowledgements(acknowledged, new Set())).toEqual({});
  });
});

describe('acknowledgement store', () => {
  it('keep agents apart and prune only the given agent', () => {
    const store = useAcknowledgements.getState();
    store.acknowledge(ANNA, 't1', 100);
    store.acknowledge(ANNA, 't2', 200);
    store.acknowledge(BORIS, 't1', 150);
    store.prune(ANNA, new Set(['t2']));
    expect(acknowledgedBy(ANNA)).toEqual({ t2: 200 });
    expect(acknowledgedBy(BORIS)).toEqual({ t1: 150 });
  });

  it('persist under its own key and read back what was stored', async () => {
    useAcknowledgements.getState().acknowledge(ANNA, 't1', 100);
    expect(JSON.parse(localStorage.getItem(ACKNOWLEDGEMENTS_STORAGE_KEY) ?? 'null')).toMatchObject({ state: { byAgent: { [ANNA]: { t1: 100 } } } });

    // A restart: memory starts empty (setState also writes, so put the stored text back), then reads storage.
    const stored = localStorage.getItem(ACKNOWLEDGEMENTS_STORAGE_KEY) ?? '';
    useAcknowledgements.setState({ byAgent: {} });
    localStorage.setItem(ACKNOWLEDGEMENTS_STORAGE_KEY, stored);
    await useAcknowledgements.persist.rehydrate();
    expect(acknowledgedBy(ANNA)).toEqual({ t1: 100 });
  });

  it('read unreadable storage as nothing acknowledged', async () => {
    localStorage.setItem(ACKNOWLEDGEMENTS_STORAGE_KEY, JSON.stringify({ state: { byAgent: { [ANNA]: { t1: 'yesterday' } } }, version: 1 }));
    await useAcknowledgements.persist.rehydrate();
    expect(acknowledgedBy(ANNA)).toEqual({});

    localStorage.setItem(ACKNOWLEDGEMENTS_STORAGE_KEY, JSON.stringify({ state: 'garbage', version: 1 }));
    await useAcknowledgements.persist.rehydrate();
    expect(useAcknowledgements.getState().byAgent).toEqual({});
  });

  it('pick up acknowledgements another tab wrote', async () => {
    const stop = followAcknowledgementsFromOtherTabs(window);
    localStorage.setItem(ACKNOWLEDGEMENTS_STORAGE_KEY, JSON.stringify({ state: { byAgent: { [ANNA]: { t7: 700 } } }, version: 1 }));
    window.dispatchEvent(new StorageEvent('storage', { key: ACKNOWLEDGEMENTS_STORAGE_KEY }));
    await Promise.resolve();
    expect(acknowledgedBy(ANNA)).toEqual({ t7: 700 });
    stop();
  });
});
