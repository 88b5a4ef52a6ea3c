/**
 * Template linters for the infra tests, both offline:
 * - cfn-lint (AWS's CloudFormation Linter, Python): validates each resource against the
 *   CloudFormation registry schemas it bundles (types, required and unknown properties, enums,
 *   patterns, intrinsic functions, references, regions). It comes with the machine image (pip);
 *   PyPI is out of reach here, so the project cannot pin it. `CFN_LINT` overrides the command.
 * - cfn-guard, through @cdklabs/cdk-validator-cfnguard (pinned in the catalog), which bundles the
 *   cfn-guard binary and AWS Control Tower's proactive-control rules: policy, not validity.
 * Findings that are understood and accepted are listed, with their reasons, in lint-suppressions.ts.
 */
import { execFile } from 'node:child_process';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { RootConstruct } from 'constructs';

export const CFN_LINT = process.env.CFN_LINT ?? 'cfn-lint';

/** The oldest cfn-lint whose schemas know every resource type and property the app uses. */
export const CFN_LINT_MIN_VERSION = [1, 51, 0] as const;

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
}

/** A template written to disk; `label` (`variant/stack`) names it in findings. */
export interface TemplateFile {
  label: string;
  path: string;
  template: CfnTemplate;
}

export interface LintFinding {
  tool: 'cfn-lint' | 'cfn-guard';
  /** cfn-lint's rule id (`E3002`, `W3005`) or the Control Tower control (`CT.S3.PR.2`). */
  rule: string;
  /** Which template (`variant/stack`). */
  label: string;
  /** The resource's logical id, when the finding is about one. */
  logicalId: string | undefined;
  /** Where in the template. */
  location: string;
  message: string;
}

/** One line per finding, for failure messages a person can act on. */
export function describeFinding(finding: LintFinding): string {
  return `${finding.tool} ${finding.rule} ${finding.label} ${finding.location}: ${finding.message}`;
}

interface CfnLintResult {
  Filename: string;
  Level: string;
  Message: string;
  Rule: { Id: string };
  Location: { Path?: (string | number)[]; Start: { LineNumber: number } };
}

export async function cfnLintVersion(): Promise<string> {
  const { stdout } = await run(CFN_LINT, ['--version']);
  return stdout.trim();
}

/** Throws unless cfn-lint runs here and is at least {@link CFN_LINT_MIN_VERSION}. */
export async function checkCfnLint(): Promise<string> {
  let version: string;
  try {
    version = await cfnLintVersion();
  } catch (error) {
    throw new Error(
      `cfn-lint (AWS CloudFormation Linter, Python) could not be run as "${CFN_LINT}": ${String(error)}. ` +
        'The machine image ships it (pip); elsewhere `pip install cfn-lint==1.51.0`, or set CFN_LINT to its path.',
    );
  }
  const found = /(\d+)\.(\d+)\.(\d+)/.exec(version)?.slice(1).map(Number) ?? [];
  const [major = 0, minor = 0, patch = 0] = found;
  const [wantMajor, wantMinor, wantPatch] = CFN_LINT_MIN_VERSION;
  const tooOld = major !== wantMajor || minor < wantMinor || (minor === wantMinor && patch < wantPatch);
  if (tooOld) throw new Error(`${version} is not cfn-lint ${CFN_LINT_MIN_VERSION.join('.')} or a later 1.x: its schemas would not know the app's resources.`);
  return version;
}

/**
 * Every template in one run (cfn-lint starts slowly), against `regions`. cfn-lint's default rule
 * set (errors and warnings) plus its experimental rules; informational style notes (I-rules) are
 * not asked for. Exits non-zero when it finds anything, so the JSON it prints is what counts.
 */
export async function cfnLint(files: readonly TemplateFile[], regions: readonly string[]): Promise<LintFinding[]> {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const { stdout, stderr } = await run(CFN_LINT, ['--format', 'json', '--include-experimental', '--regions', ...regions, '--', ...byPath.keys()], { allowExitCodes: true });
  let results: CfnLintResult[];
  try {
    results = JSON.parse(stdout) as CfnLintResult[];
  } catch {
    throw new Error(`cfn-lint printed no JSON report.\nstdout: ${stdout.slice(0, 2000)}\nstderr: ${stderr.slice(0, 2000)}`);
  }
  return results.map((result) => {
    const path = result.Location.Path ?? [];
    return {
      tool: 'cfn-lint',
      rule: result.Rule.Id,
      label: byPath.get(result.Filename)?.label ?? result.Filename,
      logicalId: path[0] === 'Resources' && typeof path[1] === 'string' ? path[1] : undefined,
      location: path.length > 0 ? path.join('/') : `line ${result.Location.Start.LineNumber}`,
      message: `${result.Level}: ${result.Message}`,
    };
  });
}

/** Control Tower's proactive controls (every bundled rule), through cfn-guard. */
export function cfnGuard(files: readonly TemplateFile[]): LintFinding[] {
  const byPath = new Map(files.map((file) => [file.path, file]));
  // The validator reads only the templates; the construct tree the interface asks for is unused.
  const report = new CfnGuardValidator({ maxBuffer: 256 * 1024 * 1024 }).validate({
    templatePaths: [...byPath.keys()],
    appConstruct: new RootConstruct('templates'),
  });
  const findings = report.violations.flatMap((violation) => {
    // Descriptions read "[CT.S3.PR.2]: Require …": the control's id is what the docs list.
    const rule = /^\[([^\]]+)\]/.exec(violation.description)?.[1] ?? violation.ruleName;
    return violation.violatingResources.map((resource) => {
      const logicalId = resource.resourceLogicalId !== undefined && resource.resourceLogicalId !== 'undefined' ? resource.resourceLogicalId : undefined;
      return {
        tool: 'cfn-guard' as const,
        rule,
        label: byPath.get(resource.templatePath)?.label ?? resource.templatePath,
        logicalId,
        // cfn-guard names a path once per failed clause: once is enough.
        location: [...new Set(resource.locations.length > 0 ? resource.locations : [`/Resources/${logicalId ?? '?'}`])].join(', '),
        message: `${violation.description} ${violation.fix}`.trim(),
      };
    });
  });
  // A resource that fails a control in several ways is one finding.
  const unique = new Map(findings.map((finding) => [`${finding.rule}\0${finding.label}\0${finding.logicalId ?? finding.location}`, finding]));
  return [...unique.values()];
}

function run(command: string, args: readonly string[], options: { allowExitCodes?: boolean } = {}): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      // A numeric code is the command's verdict; anything else (ENOENT, a signal) is a failure to run it.
      if (error && !(options.allowExitCodes === true && typeof error.code === 'number')) reject(error);
      else resolve({ stdout, stderr });
    });
  });
}
