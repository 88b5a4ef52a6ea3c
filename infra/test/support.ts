/**
 * Shared helpers for the CDK assertion tests: an App with the same feature flags as `cdk synth`
 * (read from cdk.json) but no Lambda bundling, and cdk-nag's AWS Solutions pack run over a stack.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';

const CDK_JSON = fileURLToPath(new URL('../../cdk.json', import.meta.url));

export const TEST_ENV = { account: '123456789012', region: 'eu-west-2' } as const;

export function createTestApp(context: Record<string, unknown> = {}): App {
  const { context: flags } = JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context: Record<string, unknown> };
  // No stack is bundled: the tests check templates, not Lambda code.
  return new App({ context: { ...flags, 'aws:cdk:bundling-stacks': [], ...context } });
}

export interface NagFinding {
  rule: string;
  severity: string;
  paths: string[];
  description: string;
}

/**
 * Synthesises the stack, then runs cdk-nag's AWS Solutions checks over it. Acknowledged rules
 * (`Validations.of(x).acknowledge`) are left out, so anything returned is unjustified.
 */
export function synthWithNag(stack: Stack): { template: Template; errors: NagFinding[]; warnings: NagFinding[] } {
  const template = Template.fromStack(stack);
  const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
  const findings = report.violations.map((violation) => ({
    rule: violation.ruleName,
    severity: violation.severity ?? 'error',
    paths: violation.violatingResources.map((resource) => resource.constructPath ?? resource.resourceLogicalId ?? '?'),
    description: violation.description,
  }));
  return {
    template,
    errors: findings.filter((finding) => finding.severity === 'error'),
    warnings: findings.filter((finding) => finding.severity !== 'error'),
  };
}

/** A throwaway web build (just index.html and one hashed asset) for the web stack. */
export function fakeWebBuild(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'wardpulse-web-'));
  writeFileSync(join(path, 'index.html'), '<!doctype html><title>WardPulse</title><div id="root"></div>');
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
