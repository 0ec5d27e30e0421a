/**
 * CDK entry (cdk.json: `npx tsx infra/aws/app.ts`). cdk-nag's AwsSolutions pack runs as a validation
 * plugin: an unacknowledged finding makes `cdk synth` exit 1. Each acknowledgement sits next to what
 * causes it (see infra/aws/nag.ts).
 */
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp } from './stack.js';

const { app } = buildApp({ bundling: true });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
