/**
 * `pnpm verify`: recounts every survey version's raw responses and compares them with the
 * write-time aggregates. Any drift is printed and the command exits 1; none is the only good answer.
 *
 *   pnpm verify [--endpoint http://127.0.0.1:8000] [--table wardpulse] [--survey <id>]
 *
 * Defaults to the DynamoDB Local that `pnpm dev` runs; `--table` alone uses AWS credentials.
 */
import { parseArgs } from 'node:util';
import { scoreSentiment } from '@wardpulse/analytics';
import { createRepositories, DEFAULT_TABLE_NAME } from '@wardpulse/data';
import { verifyAggregates } from '@wardpulse/functions/surveys';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({ options: { endpoint: { type: 'string' }, table: { type: 'string' }, survey: { type: 'string' } } });
const endpoint = values.endpoint ?? (values.table ? undefined : 'http://127.0.0.1:8000');
const repositories = createRepositories({ endpoint, tables: { main: values.table ?? DEFAULT_TABLE_NAME } });

let drifted = 0;
try {
  const surveys = (await repositories.surveys.list()).filter((s) => !values.survey || s.id === values.survey);
  if (surveys.length === 0) console.log('No surveys to verify.');
  for (const survey of surveys) {
    for (const version of await repositories.surveys.listVersions(survey.id)) {
      const report = await verifyAggregates({ repositories, sentiment: scoreSentiment }, survey.id, version.version);
      drifted += report.drift.length;
      console.log(`${survey.slug} v${version.version}: ${report.responses} responses in ${report.wards} wards — ${report.drift.length === 0 ? 'aggregates match' : `${report.drift.length} counters DRIFT`}`);
      for (const d of report.drift.slice(0, 20)) console.log(`   ward ${d.ward} ${d.counter}: stored ${d.stored}, recounted ${d.recounted}`);
    }
  }
} catch (error) {
  console.error(`Could not verify: ${error instanceof Error ? error.message : String(error)}${endpoint ? ` (is DynamoDB Local running at ${endpoint}? start \`pnpm dev\`)` : ''}`);
  process.exit(2);
}
process.exit(drifted > 0 ? 1 : 0);
