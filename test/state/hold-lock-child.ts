/** Holds a DuckDB file open (and so its lock) until killed: the other side of the lock test. */
import { DuckDBInstance } from '@duckdb/node-api';

const instance = await DuckDBInstance.create(process.argv[2]!);
process.stdout.write('held\n');
setInterval(() => void instance, 1000);
