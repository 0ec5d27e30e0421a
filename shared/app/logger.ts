import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured logger for every handler. Never pass phone numbers, emails or tokens: log ids and
 * outcomes only (runnerId, activity id, status, reason).
 */
export const logger = new Logger({ serviceName: 'runnudge' });
