import { describe, expect, test } from 'vitest';
import type { Tx } from '../db/client.ts';
import { oncePerTransaction } from './transaction-memo.ts';

// Stand-ins: only the object's identity matters.
const transaction = () => ({}) as Tx;

describe('oncePerTransaction', () => {
  test('reads once per transaction and key; another transaction reads again', async () => {
    let reads = 0;
    const load = async () => ++reads;
    const tx1 = transaction();
    const tx2 = transaction();
    expect(await oncePerTransaction(tx1, 'a', load)).toBe(1);
    expect(await oncePerTransaction(tx1, 'a', load)).toBe(1);
    expect(await oncePerTransaction(tx1, 'b', load)).toBe(2);
    expect(await oncePerTransaction(tx2, 'a', load)).toBe(3);
  });

  test('a thenable that runs on every then (a query builder) runs once', async () => {
    let runs = 0;
    const query = { then: (resolve: (v: number) => void) => resolve(++runs) } as PromiseLike<number>;
    const tx = transaction();
    expect(await oncePerTransaction(tx, 'q', () => query)).toBe(1);
    expect(await oncePerTransaction(tx, 'q', () => query)).toBe(1);
    expect(runs).toBe(1);
  });

  test('a failed read is read again', async () => {
    const tx = transaction();
    await expect(oncePerTransaction(tx, 'k', async () => { throw new Error('no'); })).rejects.toThrow('no');
    expect(await oncePerTransaction(tx, 'k', async () => 'yes')).toBe('yes');
  });
});
