/**
 * The WardPulse CDK app: validates the context for one stage, then wires its stacks (five, and
 * a sixth in us-east-1 for the WAF web ACL unless `-c waf=false`; see lib/app.ts).
 * `npx cdk synth -c stage=prod -c allowedOrigin=https://… -c adminEmail=…` (see lib/config.ts).
 */
import { App } from 'aws-cdk-lib';
import { defineWardPulseApp } from '../lib/app.ts';
import { InfraConfigError } from '../lib/config.ts';

const app = new App();
try {
  defineWardPulseApp(app);
} catch (error) {
  // A configuration mistake is the operator's to fix: say which key, without a stack trace.
  if (!(error instanceof InfraConfigError)) throw error;
  console.error(`WardPulse: ${error.message}`);
  process.exit(1);
}
