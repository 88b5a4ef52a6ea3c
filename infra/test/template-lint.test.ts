/**
 * Every stage's synthesized templates, as `cdk synth` would deploy them, through three checks:
 * cdk-nag's AWS Solutions pack (the synth-time plugin lib/app.ts adds with `-c nag=true`), AWS's
 * cfn-lint (schema validity) and cfn-guard with AWS Control Tower's proactive controls (policy).
 * Accepted findings are listed, with reasons, in lint-suppressions.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineWardPulseApp } from '../lib/app.ts';
import { LINT_SUPPRESSIONS, suppressionFor } from './lint-suppressions.ts';
import { createTestApp, fakeWebBuild, TEST_ENV } from './support.ts';
import { cfnGuard, cfnLint, checkCfnLint, describeFinding, type CfnTemplate, type LintFinding, type TemplateFile } from './template-lint.ts';

const PROD = { stage: 'prod', allowedOrigin: 'https://wardpulse.example-police.uk', adminEmail: 'admin@example-police.uk' } as const;

/** Each stage and switch that changes what is deployed. */
const VARIANTS: Record<string, Record<string, unknown>> = {
  dev: {},
  'dev-waf': { waf: 'true', adminEmail: 'admin@example-police.uk' },
  prod: {
    ...PROD,
    domainName: 'wardpulse.example-police.uk',
    certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-aaaa-bbbb-cccc-123456789abc',
  },
  'prod-nowaf': { ...PROD, waf: 'false' },
};

/** cfn-lint and cfn-guard start slowly and may share a loaded 2-core CI machine: be generous. */
const LINT_TIMEOUT_MS = 300_000;

let web: ReturnType<typeof fakeWebBuild> | undefined;
let outDir: string | undefined;
const files: TemplateFile[] = [];
const regions = new Set<string>();
/** Per variant that cdk-nag failed, its findings. */
const nagFailures = new Map<string, string[]>();

function synthVariant(context: Record<string, unknown>, nag: boolean, webAssetPath: string) {
  const app = createTestApp({ ...context, nag: String(nag) });
  const { all } = defineWardPulseApp(app, { webAssetPath, account: TEST_ENV.account });
  return { assembly: app.synth(), stacks: all };
}

interface ValidationReport {
  pluginReports: { pluginName: string; violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[];
}

/** A failed policy validation names its report file (in the assembly, gone at exit): read it while it is there. */
function nagFindings(error: unknown): string[] {
  const reportPath = /found in: (\S+validation-report\.json)/.exec(String(error))?.[1];
  if (reportPath === undefined || !existsSync(reportPath)) return [String(error)];
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ValidationReport;
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((violation) => violation.violatingConstructs.map((construct) => `${violation.ruleName} ${construct.constructPath}`)),
  );
}

beforeAll(() => {
  web = fakeWebBuild();
  outDir = mkdtempSync(join(tmpdir(), 'wardpulse-templates-'));
  for (const [name, context] of Object.entries(VARIANTS)) {
    let synthesized: ReturnType<typeof synthVariant>;
    try {
      synthesized = synthVariant(context, true, web.path);
    } catch (error) {
      // cdk-nag failed the synth: record what it found, and lint the templates all the same.
      nagFailures.set(name, nagFindings(error));
      synthesized = synthVariant(context, false, web.path);
    }
    const dir = join(outDir, name);
    mkdirSync(dir);
    for (const stack of synthesized.stacks) {
      const path = join(dir, `${stack.stackName}.json`);
      const template = synthesized.assembly.getStackArtifact(stack.artifactId).template as CfnTemplate;
      writeFileSync(path, JSON.stringify(template, null, 1));
      files.push({ label: `${name}/${stack.stackName}`, path, template });
      regions.add(stack.region);
    }
  }
}, LINT_TIMEOUT_MS);

afterAll(() => {
  if (outDir !== undefined) rmSync(outDir, { recursive: true, force: true });
  web?.remove();
});

/** Each linter runs once, for all templates; the tests share its findings. */
const once = <T,>(run: () => Promise<T>): (() => Promise<T>) => {
  let result: Promise<T> | undefined;
  return () => (result ??= run());
};
const lintFindings = once(async () => {
  await checkCfnLint();
  return cfnLint(files, [...regions].sort());
});
const guardFindings = once(() => Promise.resolve(cfnGuard(files)));

const unsuppressed = (findings: readonly LintFinding[]): string[] =>
  findings.filter((finding) => suppressionFor(finding, files) === undefined).map(describeFinding);

describe('synthesized templates of every stage', () => {
  it('covers each variant, with the Edge stack in us-east-1 when the WAF is on', () => {
    expect(files.map((file) => file.label)).toEqual(
      expect.arrayContaining(['dev/WardPulse-dev-Web', 'dev-waf/WardPulse-dev-Edge', 'prod/WardPulse-prod-Edge', 'prod-nowaf/WardPulse-prod-Api']),
    );
    expect(files.some((file) => file.label === 'prod-nowaf/WardPulse-prod-Edge')).toBe(false);
    expect([...regions].sort()).toEqual(['eu-west-2', 'us-east-1']);
  });

  it('pass cdk-nag (AWS Solutions) as the synth-time validation plugin', () => {
    expect(Object.fromEntries(nagFailures)).toEqual({});
  });

  it('run on cfn-lint 1.51 or later', { timeout: LINT_TIMEOUT_MS }, async () => {
    expect(await checkCfnLint()).toMatch(/^cfn-lint \d+\.\d+\.\d+/);
  });

  it('pass cfn-lint (errors, warnings and experimental rules) but for the listed suppressions', { timeout: LINT_TIMEOUT_MS }, async () => {
    expect(unsuppressed(await lintFindings())).toEqual([]);
  });

  it('pass cfn-guard with the Control Tower proactive controls but for the listed suppressions', { timeout: LINT_TIMEOUT_MS }, async () => {
    expect(unsuppressed(await guardFindings())).toEqual([]);
  });

  it('have no stale suppression: each one still matches a finding', { timeout: LINT_TIMEOUT_MS }, async () => {
    const findings = [...(await lintFindings()), ...(await guardFindings())];
    const used = new Set(findings.map((finding) => suppressionFor(finding, files)));
    const stale = LINT_SUPPRESSIONS.filter((suppression) => !used.has(suppression)).map(
      (suppression) => `${suppression.tool} ${suppression.rule} ${suppression.logicalId.source}`,
    );
    expect(stale).toEqual([]);
  });

  it('keep each suppression narrow and explained', () => {
    for (const suppression of LINT_SUPPRESSIONS) {
      const name = `${suppression.tool} ${suppression.rule} ${suppression.logicalId.source}`;
      expect(suppression.logicalId.source, name).toMatch(/^\^.*\$$/);
      expect(suppression.reason.length, name).toBeGreaterThan(40);
    }
  });
});
