// Checks that a comment is in a draft's published log:
//   npx tsx scripts/verify-receipt.ts <proof.json>
// where proof.json is {comment, leafIndex, treeSize, rootHash, path[, leafHash]} — the comment as
// logged (see LoggedComment) and the proof from GET /api/comments/:id/proof. Compare `rootHash`
// with the root printed in the adoption report before trusting an OK. Exit code 0 on OK, 1 otherwise.
import { readFileSync } from 'node:fs';
import { HASH_SIZE, fromHex, leafHash, toHex, verifyInclusion } from '../src/modules/comments/log/merkle';

type Receipt = {
  comment: object;
  leafIndex: number;
  treeSize: number;
  rootHash: string;
  path: string[];
  leafHash?: string;
};

function fail(reason: string): never {
  console.error(`FAIL: ${reason}`);
  process.exit(1);
}

function readReceipt(file: string | undefined): Receipt {
  if (!file) fail('usage: npx tsx scripts/verify-receipt.ts <proof.json>');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`cannot read ${file} as JSON: ${(e as Error).message}`);
  }
  const r = data as Partial<Receipt> | null;
  if (!r || typeof r !== 'object') fail('the file must hold one JSON object');
  if (!r.comment || typeof r.comment !== 'object' || Array.isArray(r.comment)) fail('missing "comment" object');
  if (!Number.isSafeInteger(r.leafIndex) || (r.leafIndex as number) < 0) fail('"leafIndex" must be an integer >= 0');
  if (!Number.isSafeInteger(r.treeSize) || (r.treeSize as number) < 1) fail('"treeSize" must be an integer >= 1');
  if ((r.leafIndex as number) >= (r.treeSize as number)) fail('"leafIndex" must be smaller than "treeSize"');
  if (typeof r.rootHash !== 'string') fail('missing "rootHash" (hex)');
  if (!Array.isArray(r.path)) fail('missing "path" (array of hex hashes)');
  return r as Receipt;
}

function main(): void {
  const r = readReceipt(process.argv[2]);
  let root: Buffer;
  let path: Buffer[];
  try {
    root = fromHex(r.rootHash, HASH_SIZE);
    path = r.path.map((h, i) => {
      try {
        return fromHex(h, HASH_SIZE);
      } catch {
        throw new Error(`path[${i}] is not a 32-byte hex hash`);
      }
    });
  } catch (e) {
    fail((e as Error).message.startsWith('path[') ? (e as Error).message : 'rootHash is not a 32-byte hex hash');
  }
  const leaf = leafHash(r.comment);
  if (r.leafHash !== undefined && r.leafHash.toLowerCase() !== toHex(leaf)) {
    fail(`the comment hashes to ${toHex(leaf)}, not to the receipt's leafHash ${r.leafHash}: the comment differs from what was logged`);
  }
  if ('seq' in r.comment && (r.comment as { seq: unknown }).seq !== r.leafIndex + 1) {
    fail(`comment.seq is ${(r.comment as { seq: unknown }).seq} but leafIndex ${r.leafIndex} means seq ${r.leafIndex + 1}`);
  }
  if (!verifyInclusion(leaf, r.leafIndex, r.treeSize, path, root)) {
    fail(`the path does not lead from leaf ${toHex(leaf)} (index ${r.leafIndex}) to root ${r.rootHash} of a tree of ${r.treeSize}`);
  }
  console.log(`OK: leaf ${r.leafIndex} (${toHex(leaf)}) is in the tree of ${r.treeSize} with root ${toHex(root)}`);
}

main();
