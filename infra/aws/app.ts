/**
 * CDK entry (cdk.json: `npx tsx infra/aws/app.ts`). cdk-nag's AwsSolutions and Serverless packs run
 * as validation plugins: an unacknowledged finding makes `cdk synth` exit 1. Each acknowledgement sits next to what
 * causes it (see infra/aws/nag.ts).
 */
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { buildApp } from './stack.js';

const { app } = buildApp({ bundling: true });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
app.synth();
