// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest';
import type { KpiHistory } from '../../../core';
import { i18n, initI18n } from '../../i18n/i18n';
import { buildCsv, csvField, historyCsv, historyRows, textCell } from './history-csv';

const MIN = 60_000;

const history: KpiHistory = {
  from: 0,
  to: 86_400_000,
  timeZone: 'UTC',
  agents: [
    {
      agentId: 'b',
      name: 'Zoe "Z" Smith, L2',
      assigned: 4,
      solved: 3,
      firstResponse: { count: 3, medianMs: 12.34 * MIN, meanMs: 15 * MIN },
      resolution: { count: 3, medianMs: 90 * MIN, meanMs: 100.06 * MIN },
      reopens: { part: 1, whole: 3, share: 1 / 3 },
      csat: { count: 2, average: 4.5 },
      slaBreaches: { part: 0, whole: 3, share: 0 },
    },
    {
      agentId: 'a',
      name: '=cmd()',
      assigned: 1,
      solved: 0,
      firstResponse: { count: 0, medianMs: null, meanMs: null },
      resolution: { count: 0, medianMs: null, meanMs: null },
      reopens: { part: 0, whole: 0, share: null },
      csat: { count: 0, average: null },
      slaBreaches: { part: 0, whole: 0, share: null },
    },
  ],
  team: {
    incoming: 9,
    incomingByChannel: { email: 9 },
    solved: 3,
    selfSolved: 1,
    deflection: { part: 1, whole: 4, share: 0.25 },
    firstResponse: { count: 3, medianMs: 12.34 * MIN, meanMs: 15 * MIN },
    resolution: { count: 3, medianMs: 90 * MIN, meanMs: 100.06 * MIN },
    reopens: { part: 1, whole: 3, share: 1 / 3 },
    csat: { count: 2, average: 4.5 },
    slaBreaches: { part: 0, whole: 3, share: 0 },
    days: [],
  },
};

beforeAll(() => initI18n('en'));

describe('CSV building (RFC 4180)', () => {
  it('quotes only fields that need it and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(buildCsv([['a', 'b,c'], ['1', '']])).toBe('a,"b,c"\r\n1,\r\n');
  });

  it('keeps names that a spreadsheet would run as formulas as text', () => {
    expect(textCell('=1+1')).toBe("'=1+1");
    expect(textCell('-x')).toBe("'-x");
    expect(textCell('Ann')).toBe('Ann');
  });
});

describe('the History table as CSV', () => {
  it('has translated headers, agents by name, the team last, minutes with one decimal and shares in percent', () => {
    expect(historyCsv(i18n.t, history)).toBe(
      [
        'Agent,Assigned,Solved,"First response, median (min)","First response, mean (min)","Resolution, median (min)","Resolution, mean (min)",Reopen rate (%),CSAT,CSAT ratings,SLA breach share (%)',
        "'=cmd(),1,0,,,,,,,0,",
        '"Zoe ""Z"" Smith, L2",4,3,12.3,15.0,90.0,100.1,33.3,4.50,2,0.0',
        'Team total,5,3,12.3,15.0,90.0,100.1,33.3,4.50,2,0.0',
        '',
      ].join('\r\n'),
    );
  });

  it('sums the agents for the team assigned figure', () => {
    const rows = historyRows(history, 'Team');
    expect(rows.map((row) => row.name)).toEqual(['=cmd()', 'Zoe "Z" Smith, L2', 'Team']);
    expect(rows[2]?.assigned).toBe(5);
  });
});
