import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AuditProblemKind, AuditVerifyProblem } from '@chengguan/contracts';
import { openPlatform } from '../bootstrap.ts';
import { checkpointFileOf, readCheckpointFile, verifyAuditChain, type CheckpointFileInput } from '../modules/audit/index.ts';
import { SM3_IMPLEMENTATION } from '../shared/sm3.ts';
import { runCli } from './run-cli.ts';

const USAGE = `npm run audit:verify [-- --checkpoints FILE ...] [--fingerprint "XXXX XXXX ..."] [--no-server-file]
  --checkpoints FILE   also compare the chain with the checkpoints of FILE (an export kept outside the database)
  --fingerprint FP     trust only the audit key with this fingerprint (as written down when it was created)
  --no-server-file     do not read this installation's own checkpoint file (AUDIT_CHECKPOINT_FILE)`;

const PROBLEM_TEXT: Record<AuditProblemKind, string> = {
  hash_mismatch: '记录内容与其哈希不符（被直接修改）/ row content does not match its hash (edited in place)',
  prev_hash_broken: '记录未链接到前一条的哈希 / row does not link to the previous row (a row before it was rewritten)',
  seq_gap: '序号不连续，缺少记录 / rows missing inside the chain',
  version_downgrade: '记录声称的哈希格式早于前面的记录 / row claims an older hash form than a row before it',
  unknown_hash_version: '未知的哈希格式 / unknown hash form',
  truncated: '审计表在锚点之前结束：末尾记录被删除 / the table ends before a checkpoint: rows were cut from the end',
  checkpoint_hash_mismatch:
    '锚点所在记录的哈希已变：记录被改写且其后哈希被重算 / the row at a checkpoint has another hash: rewritten with every later hash recomputed',
  checkpoint_signature_invalid: '锚点签名无效（锚点被改动或伪造）/ checkpoint signature invalid (altered or forged)',
  checkpoint_key_unknown: '锚点由未知密钥签名 / checkpoint signed by an unknown key',
  checkpoint_missing_in_database: '文件中的锚点在数据库中已不存在 / a checkpoint of the file is missing from the database',
  checkpoint_file_unreadable: '锚点文件中此行无法读取 / a line of the checkpoint file cannot be read',
};

function describe(p: AuditVerifyProblem, fileNames: string[]): string {
  const where = [
    p.seq !== null ? `seq=${p.seq}` : null,
    p.checkpointSeq !== null && p.checkpointSeq !== p.seq ? `checkpoint seq=${p.checkpointSeq}` : null,
    p.source === 'file' ? `file${fileNames.length === 1 ? ` ${fileNames[0]}` : ''}${p.line !== null ? ` line ${p.line}` : ''}` : p.source,
  ].filter(Boolean);
  return `  ✗ ${p.kind} (${where.join(', ')}): ${PROBLEM_TEXT[p.kind]}`;
}

/** npm runs a workspace's script in the workspace's folder; a file named on the command line is the caller's. */
const callerPath = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);

/** `npm run audit:verify`: recomputes the SM3 chain and checks every checkpoint; exit code 1 and each problem when tampered. */
runCli(async () => {
  const { values } = parseArgs({
    options: {
      checkpoints: { type: 'string', multiple: true },
      fingerprint: { type: 'string', multiple: true },
      'no-server-file': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const files: CheckpointFileInput[] = (values.checkpoints ?? []).map((name) => ({
    name,
    text: fs.readFileSync(callerPath(name), 'utf8'),
  }));
  const { config, database } = await openPlatform({ migrate: false });
  const own = values['no-server-file'] ? null : checkpointFileOf(config);
  const ownText = own ? readCheckpointFile(own) : null;
  if (own && ownText !== null) files.push({ name: own, text: ownText });
  const result = await verifyAuditChain({
    db: database.db,
    files,
    ...(values.fingerprint ? { trustedFingerprints: values.fingerprint } : {}),
    onProgress: (n) => process.stderr.write(`\rchecked ${n} rows`),
  });
  process.stderr.write('\n');
  await database.close();

  const c = result.checkpoints;
  console.log(`SM3: ${SM3_IMPLEMENTATION}; checkpoint files: ${files.map((f) => f.name).join(', ') || 'none'}`);
  console.log(
    `锚点 / checkpoints: ${c.checked} (database ${c.fromDatabase}, files ${c.fromFiles}); last seq ${c.lastSeq ?? '-'} at ${c.lastAt ?? '-'}; ` +
      `${c.rowsAfterLast} rows after it not yet anchored; key ${c.keyFingerprints.join(' / ') || '-'}`,
  );
  if (result.ok) {
    console.log(`审计链完整 / audit chain intact: ${result.checked} rows, head seq ${result.headSeq ?? '-'} ${result.headHash ?? ''}`);
    return;
  }
  console.log(`审计链被破坏 / audit chain BROKEN: first problem at seq=${result.firstBrokenSeq ?? '-'} (${result.checked} rows checked)`);
  for (const p of result.problems)
    console.log(
      describe(
        p,
        files.map((f) => f.name),
      ),
    );
  if (result.problemsTruncated) console.log('  … more problems were found than listed');
  process.exitCode = 1;
});
