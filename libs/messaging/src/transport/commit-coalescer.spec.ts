import { CommitCoalescer } from './kafka.transport';

describe(CommitCoalescer.name, () => {
  const deferred = () => {
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
  };

  it('commits at once, and folds every request made during a commit into the single next one', async () => {
    const commits: ReturnType<typeof deferred>[] = [];
    const coalescer = new CommitCoalescer(() => {
      commits.push(deferred());
      return commits[commits.length - 1].promise;
    });
    coalescer.request();
    expect(commits).toHaveLength(1);
    coalescer.request();
    coalescer.request();
    coalescer.request();
    expect(commits).toHaveLength(1);
    commits[0].resolve();
    await new Promise((r) => setImmediate(r));
    expect(commits).toHaveLength(2);
    commits[1].resolve();
    await coalescer.settle();
    expect(commits).toHaveLength(2);
    coalescer.request();
    expect(commits).toHaveLength(3);
    commits[2].resolve();
    await coalescer.settle();
  });

  it('rethrows a failed commit when the batch settles, and commits nothing after it', async () => {
    let calls = 0;
    const coalescer = new CommitCoalescer(async () => {
      calls++;
      throw new Error('REBALANCE_IN_PROGRESS');
    });
    coalescer.request();
    coalescer.request();
    await expect(coalescer.settle()).rejects.toThrow('REBALANCE_IN_PROGRESS');
    expect(calls).toBe(1);
  });
});
