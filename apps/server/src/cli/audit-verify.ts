import { openPlatform } from '../bootstrap.ts';
import { verifyAuditChain } from '../modules/audit/index.ts';
import { runCli } from './run-cli.ts';

/** `npm run audit:verify`: recomputes the SM3 chain; exit code 1 and the first broken row when tampered. */
runCli(async () => {
  const { database } = await openPlatform({ migrate: false });
  const result = await verifyAuditChain({
    db: database.db,
    onProgress: (n) => process.stderr.write(`\rchecked ${n} rows`),
  });
  process.stderr.write('\n');
  await database.close();
  if (result.ok) {
    console.log(`审计链完整 / audit chain intact: ${result.checked} rows, head ${result.headHash ?? '-'}`);
  } else {
    console.log(`审计链被破坏 / audit chain BROKEN at row seq=${result.firstBrokenSeq}: ${result.reason} (${result.checked} rows checked)`);
    process.exitCode = 1;
  }
});
