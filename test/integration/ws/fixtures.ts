/** Producing notifications through the REST API: creating a class commits a `class_created` notification. */
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import type { Api } from '../../support/serviceHarness.js';
import type { PushMessage } from '../../../src/ws/index.js';

export type { Api };

/** A class with a unique name; resolves once its notification is committed (the REST transaction). */
export async function createClass(api: Api, label = 'class'): Promise<string> {
  const reply = await api.post('/v1/classes', { name: `${label}-${randomBytes(3).toString('hex')}`, course_codes: ['ENG6'] });
  expect(reply.status, JSON.stringify(reply.body)).to.equal(201);
  return reply.body.id as string;
}

export const classIdOf = (message: PushMessage) => message.data.class_id as string;

export function expectClassCreated(message: PushMessage, classId: string): void {
  expect(message.event).to.equal('class_created');
  expect(classIdOf(message)).to.equal(classId);
}

export const uniqueUser = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;
