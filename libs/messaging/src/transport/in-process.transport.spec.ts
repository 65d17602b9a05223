import { IncomingMessage } from './event-transport';
import { InProcessBroker, InProcessTransport } from './in-process.transport';

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!check()) throw new Error('condition not reached');
};

describe(InProcessTransport.name, () => {
  const message = (key: string, value: string) => ({ topic: 't', key, value, headers: { 'event-id': value } });

  it('delivers a topic in order, one batch at a time, to each group from its own offset', async () => {
    const transport = new InProcessTransport(new InProcessBroker());
    await transport.publish([message('a', '1'), message('b', '2'), message('a', '3')]);
    const seen: Record<string, string[]> = { g1: [], g2: [] };
    const inFlight: Record<string, number> = { g1: 0, g2: 0 };
    let overlapped = false;
    const handler = (group: string) => async (batch: readonly IncomingMessage[]) => {
      if (++inFlight[group] > 1) overlapped = true;
      await new Promise((resolve) => setTimeout(resolve, 2));
      for (const m of batch) seen[group].push(m.value!.toString());
      inFlight[group]--;
    };
    const s1 = await transport.subscribe('g1', ['t'], handler('g1'));
    await until(() => seen.g1.length === 3);
    const s2 = await transport.subscribe('g2', ['t'], handler('g2'));
    await transport.publish([message('b', '4')]);
    await until(() => seen.g1.length === 4 && seen.g2.length === 4);
    expect(seen.g1).toEqual(['1', '2', '3', '4']);
    expect(seen.g2).toEqual(['1', '2', '3', '4']);
    expect(overlapped).toBe(false);
    await Promise.all([s1.stop(), s2.stop()]);
  });

  it('cuts what arrived into batches of at most maxBatch, in order', async () => {
    const transport = new InProcessTransport(new InProcessBroker());
    await transport.publish(['1', '2', '3', '4', '5', '6', '7'].map((v) => message('a', v)));
    const small: string[][] = [];
    const whole: string[][] = [];
    const s1 = await transport.subscribe('small', ['t'], async (batch) => void small.push(batch.map((m) => m.value!.toString())), {
      maxBatch: 3,
    });
    const s2 = await transport.subscribe('whole', ['t'], async (batch) => void whole.push(batch.map((m) => m.value!.toString())));
    await until(() => small.flat().length === 7 && whole.flat().length === 7);
    expect(small).toEqual([['1', '2', '3'], ['4', '5', '6'], ['7']]);
    expect(whole).toEqual([['1', '2', '3', '4', '5', '6', '7']]);
    await Promise.all([s1.stop(), s2.stop()]);
  });

  it('hands over what arrived as one batch, and resumes a group at the first batch it did not apply', async () => {
    const broker = new InProcessBroker();
    const transport = new InProcessTransport(broker);
    await transport.publish([message('a', '1')]);
    const batches: string[][] = [];
    const control: { stop?: () => Promise<void> } = {};
    const sub = await transport.subscribe('g', ['t'], async (batch) => {
      batches.push(batch.map((m) => m.value!.toString()));
      if (batches.length === 2) {
        void control.stop?.();
        throw new Error('stopping while the second batch is applied');
      }
    });
    control.stop = sub.stop;
    await until(() => batches.length === 1);
    await transport.publish([message('a', '2'), message('a', '3')]);
    await until(() => batches.length === 2);
    await sub.stop();
    expect(batches).toEqual([['1'], ['2', '3']]);
    expect(broker.committed('g', 't')).toBe(1);
    const again: string[][] = [];
    const resumed = await transport.subscribe('g', ['t'], async (batch) => void again.push(batch.map((m) => m.value!.toString())));
    await until(() => again.length === 1);
    expect(again).toEqual([['2', '3']]);
    await resumed.stop();
  });
});
