import { Logger } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

const quiet = { warn: jest.fn() } as unknown as Logger;

/** A pass that waits until released; counts how many run at once. */
function gatedPass() {
  const state = { started: 0, concurrent: 0, maxConcurrent: 0, release: [] as Array<() => void> };
  const pass = async () => {
    const n = ++state.started;
    state.concurrent++;
    state.maxConcurrent = Math.max(state.maxConcurrent, state.concurrent);
    await new Promise<void>((r) => state.release.push(r));
    state.concurrent--;
    return n;
  };
  return { state, pass };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('PeriodicTask', () => {
  it('never runs two passes at once; callers during a pass share the one pass after it', async () => {
    const { state, pass } = gatedPass();
    const task = new PeriodicTask('test', pass, -1, quiet);
    const first = task.run();
    const second = task.run();
    const third = task.run();
    await tick();
    expect(state.started).toBe(1);
    state.release.shift()!();
    expect(await first).toBe(1);
    await tick();
    expect(state.started).toBe(2);
    state.release.shift()!();
    expect(await second).toBe(2);
    expect(await third).toBe(2);
    expect(state.maxConcurrent).toBe(1);
  });

  it('answers the fallback when a pass fails, and the next pass runs', async () => {
    let calls = 0;
    const task = new PeriodicTask('test', async () => (++calls === 1 ? Promise.reject(new Error('boom')) : calls), 0, quiet);
    expect(await task.run()).toBe(0);
    expect(quiet.warn).toHaveBeenCalledWith('test failed: boom');
    expect(await task.run()).toBe(2);
  });

  it('stop() waits for the pass under way', async () => {
    const { state, pass } = gatedPass();
    const task = new PeriodicTask('test', pass, -1, quiet);
    void task.run();
    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await tick();
    expect(stopped).toBe(false);
    state.release.shift()!();
    await stopping;
    expect(stopped).toBe(true);
  });
});
