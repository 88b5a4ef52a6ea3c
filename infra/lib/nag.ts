/**
 * cdk-nag helpers. cdk-nag 3 acknowledges IAM5 (wildcard) findings one at a time by their exact
 * text, and for roles that aws-cdk-lib generates that text holds names only known at synthesis
 * (asset bucket, logical IDs). This aspect acknowledges just the findings matching an explicit
 * allow-list; any other wildcard on the same role still fails the check.
 */
import { Validations, type IAspect } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { rules } from 'cdk-nag';
import type { IConstruct } from 'constructs';

export interface WildcardAllowance {
  /** Matched against the finding, e.g. `Action::s3:GetObject*` or `Resource::*`. */
  finding: RegExp;
  reason: string;
}

/**
 * Findings are read when the tree is validated rather than when the aspect visits: by then
 * `prepare` has replaced cross-stack references (`Fn::GetStackOutput`, `Fn::ImportValue`), so
 * the text is the one cdk-nag reports. At aspect time a bucket in another stack still reads
 * `<Id.Arn>`. Validation runs before any policy-validation plugin, in `cdk synth` and in tests.
 *
 * @example
 * Aspects.of(cdkOwnedHandler).add(new AcknowledgeWildcards([{ finding: /^Resource::\*$/, reason: '…' }]));
 */
export class AcknowledgeWildcards implements IAspect {
  private readonly visited = new WeakSet<CfnPolicy>();

  constructor(private readonly allowances: readonly WildcardAllowance[]) {}

  visit(node: IConstruct): void {
    if (!(node instanceof CfnPolicy) || this.visited.has(node)) return;
    this.visited.add(node);
    node.node.addValidation({
      validate: () => {
        this.acknowledge(node);
        return [];
      },
    });
  }

  private acknowledge(policy: CfnPolicy): void {
    const findings = rules.iam.IAMNoWildcardPermissions(policy);
    if (!Array.isArray(findings)) return;
    for (const finding of new Set(findings)) {
      const allowance = this.allowances.find((candidate) => candidate.finding.test(finding));
      if (allowance) Validations.of(policy).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: allowance.reason });
    }
  }
}
