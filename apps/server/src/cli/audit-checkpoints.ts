import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openPlatform } from '../bootstrap.ts';
import { checkpointFileText, syncCheckpointFile, writeAuditCheckpoint } from '../modules/audit/index.ts';
import { runCli } from './run-cli.ts';

const USAGE = `npm run audit:checkpoints [-- --export FILE] [--write]
  (none)          print the number of checkpoints, the last one and the signing key's fingerprint
  --export FILE   write every checkpoint to FILE (JSON Lines), for: npm run audit:verify -- --checkpoints FILE
  --write         write a checkpoint of the chain's head now (and append it to the checkpoint file)`;

/** npm runs a workspace's script in the workspace's folder; a file named on the command line is the caller's. */
const callerPath = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);

/** `npm run audit:checkpoints`: the signed checkpoints of the audit chain — show, export, write one now. */
runCli(async () => {
  const { values } = parseArgs({
    options: { export: { type: 'string' }, write: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const { deps, database } = await openPlatform({ migrate: false });
  try {
    if (values.write) {
      const c = await writeAuditCheckpoint(deps, 'manual');
      await syncCheckpointFile(deps);
      console.log(
        c
          ? `锚点已写入 / checkpoint written: seq ${c.seq} ${c.hash} (key ${c.keyFingerprint})`
          : '审计链头已有锚点 / the head is already anchored',
      );
    }
    const text = await checkpointFileText(deps);
    const lines = text.split('\n').filter(Boolean);
    if (values.export) {
      fs.writeFileSync(callerPath(values.export), text, { mode: 0o640 });
      console.log(`已导出 ${lines.length} 个锚点 / exported ${lines.length} checkpoints to ${values.export}`);
    }
    const last = lines.length > 0 ? (JSON.parse(lines[lines.length - 1]!) as { seq: number; at: string; keyFingerprint: string }) : null;
    console.log(
      last
        ? `锚点 / checkpoints: ${lines.length}; last seq ${last.seq} at ${last.at}; signing key fingerprint ${last.keyFingerprint}`
        : '尚无锚点 / no checkpoints yet',
    );
  } finally {
    await database.close();
  }
});
