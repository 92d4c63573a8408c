import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache';

describe('the prepared statement cache', () => {
  const open = () => {
    const file = new Sqlite(':memory:');
    file.exec('create table t (id integer primary key, v text); insert into t (v) values (\'a\'), (\'b\'), (\'c\')');
    return { file, cached: withStatementCache(file) };
  };

  it('prepares a query once and runs it again with other parameters', () => {
    const { cached } = open();
    const first = cached.prepare('select v from t where id = ?');
    expect(first.all([1])).toEqual([{ v: 'a' }]);
    const again = cached.prepare('select v from t where id = ?');
    expect(again).toBe(first);
    expect(again.all([2])).toEqual([{ v: 'b' }]);
  });

  it('gives a busy statement (one still iterating) a fresh twin', () => {
    const { cached } = open();
    const streaming = cached.prepare('select v from t order by id');
    const rows = streaming.iterate([]);
    rows.next();
    const other = cached.prepare('select v from t order by id');
    expect(other).not.toBe(streaming);
    expect(other.all([])).toHaveLength(3);
    expect([...rows]).toHaveLength(2);
  });

  it('keeps at most a thousand statements, letting the least recently used go', () => {
    const { cached } = open();
    const oldest = cached.prepare('select 0 as n');
    for (let index = 1; index <= 1_000; index++) cached.prepare(`select ${index} as n`);
    expect(cached.prepare('select 0 as n')).not.toBe(oldest);
    expect(cached.prepare('select 1000 as n').all([])).toEqual([{ n: 1000 }]);
  });
});
