/**
 * Tasks that run one at a time per key, each after the ones queued before it under the same key
 * (whatever their outcome); different keys run side by side. Nothing is kept for a key once its
 * last task has settled.
 */
export class SerialByKey {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    this.tails.set(key, next);
    const forget = () => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    };
    next.then(forget, forget);
    return next;
  }

  /** Resolves once no task is queued under the key, tasks queued meanwhile included. */
  async drained(key: string): Promise<void> {
    for (let tail = this.tails.get(key); tail; tail = this.tails.get(key)) await tail.catch(() => undefined);
  }

  /** Settles once every task queued now has settled. */
  settled(): Promise<unknown> {
    return Promise.allSettled([...this.tails.values()]);
  }
}
