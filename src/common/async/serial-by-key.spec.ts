import { SerialByKey } from './serial-by-key';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('SerialByKey', () => {
  it('runs one task at a time per key, in the order queued, even after a failure; other keys run beside', async () => {
    const serial = new SerialByKey();
    const log: string[] = [];
    const task = (name: string, fail = false) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      if (fail) throw new Error(name);
      return name;
    };
    const a1 = serial.run('a', task('a1', true));
    const a2 = serial.run('a', task('a2'));
    const b1 = serial.run('b', task('b1'));
    await expect(a1).rejects.toThrow('a1');
    await expect(a2).resolves.toBe('a2');
    await expect(b1).resolves.toBe('b1');
    expect(log.indexOf('a2 start')).toBeGreaterThan(log.indexOf('a1 end'));
    expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'));
  });

  it('drained waits for tasks queued while it waits', async () => {
    const serial = new SerialByKey();
    let done = 0;
    serial.run('a', async () => {
      await tick();
      done++;
      void serial.run('a', async () => {
        await tick();
        done++;
      });
    });
    await serial.drained('a');
    expect(done).toBe(2);
    await serial.drained('unknown');
  });
});
