import { ConfigError } from '../config.ts';
import { DatabaseBusyError } from '../db/database.ts';

/** Runs a command-line entry: a bad setting or a busy embedded database is one clear line and exit code 2. */
export function runCli(main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    if (e instanceof ConfigError) {
      console.error(`配置错误 / configuration error: ${e.message}`);
      process.exit(2);
    }
    if (e instanceof DatabaseBusyError) {
      console.error(e.message);
      process.exit(2);
    }
    console.error(e);
    process.exit(1);
  });
}
