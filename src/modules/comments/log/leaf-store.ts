import { HASH_SIZE, MerkleProofBuilder } from './merkle';

/**
 * The leaf hashes of one draft's log in memory, in one growing buffer (32 bytes a leaf: 32 MB for
 * a million comments), with a proof builder whose memo of complete subtrees stays valid as the log
 * grows (leaves never change). Proofs after the first cost O(log n) hashes.
 */
export class LeafStore {
  private bytes = Buffer.alloc(HASH_SIZE * 1024);
  private count = 0;
  readonly builder = new MerkleProofBuilder((i) => {
    if (i < 0 || i >= this.count) throw new RangeError(`no leaf ${i}`);
    return this.bytes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
  });

  get size(): number {
    return this.count;
  }

  /** Appends leaves in log order (hex). */
  append(hexLeaves: readonly string[]): void {
    const needed = (this.count + hexLeaves.length) * HASH_SIZE;
    if (needed > this.bytes.length) {
      const bigger = Buffer.alloc(Math.max(needed, this.bytes.length * 2));
      this.bytes.copy(bigger, 0, 0, this.count * HASH_SIZE);
      this.bytes = bigger;
    }
    for (const h of hexLeaves) {
      if (this.bytes.write(h, this.count * HASH_SIZE, HASH_SIZE, 'hex') !== HASH_SIZE) throw new Error('a leaf hash is 32 bytes of hex');
      this.count++;
    }
  }
}
