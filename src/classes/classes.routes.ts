import { z } from 'zod';
import type { PrincipalRole } from '../auth/index.js';
import { changeClass, createClass, getClass, listClassesFor, removeClass } from './classService.js';
import { classListResponse, classResponse, courseListResponse, createClassBody, updateClassBody } from './classes.schemas.js';
import { listCourses } from './classRepository.js';
import { classIdParams, messageResponse, pageQuery } from './common.schemas.js';
import { callerOf, type ClassDeps } from './deps.js';
import { getRoster } from './membershipService.js';
import { defineRoute, type ApiRoute } from '../http/routeKit.js';
import { rosterImportResponse, rosterResponse } from './students.schemas.js';
import { importRoster } from './rosterImport.js';

export const TEACHER_ONLY: readonly PrincipalRole[] = ['teacher'];
export const READERS: readonly PrincipalRole[] = ['teacher', 'operator'];
/** The matcher reads rosters with a `service` token (the reference left this route open: G17). */
export const ROSTER_READERS: readonly PrincipalRole[] = ['teacher', 'operator', 'service'];

const tags = ['classes'];

export function classRoutes(deps: ClassDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/courses', summary: 'List the courses a class can belong to', tags: ['courses'],
      roles: ROSTER_READERS, access: 'read',
      responses: { 200: { description: 'The seeded courses (flow-spec §8)', schema: courseListResponse } },
      handle: async () => ({ status: 200, body: { courses: await listCourses(deps.knex) } }),
    }),
    defineRoute({
      method: 'get', path: '/classes', summary: 'List classes, newest first (teachers: their own)', tags,
      roles: READERS, access: 'read', query: pageQuery,
      responses: { 200: { description: 'A page of classes', schema: classListResponse } },
      handle: async (input) => ({ status: 200, body: await listClassesFor(deps, callerOf(input), input.query) }),
    }),
    defineRoute({
      method: 'post', path: '/classes', summary: 'Create a class with exactly one course', tags,
      roles: TEACHER_ONLY, access: 'write', body: createClassBody,
      responses: { 201: { description: 'The class; ClassCreated and a class_created notification are in the outbox', schema: classResponse } },
      handle: async (input) => ({ status: 201, body: await createClass(deps, callerOf(input), input.body) }),
    }),
  ];
}

export function classItemRoutes(deps: ClassDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/classes/:classId', summary: 'Get a class', tags,
      roles: READERS, access: 'read', params: classIdParams, errors: [404],
      responses: { 200: { description: 'The class', schema: classResponse } },
      handle: async (input) => ({ status: 200, body: await getClass(deps, callerOf(input), input.params.classId) }),
    }),
    defineRoute({
      method: 'put', path: '/classes/:classId', summary: 'Rename a class or change its course', tags,
      roles: TEACHER_ONLY, access: 'write', params: classIdParams, body: updateClassBody, errors: [404],
      responses: { 200: { description: 'The class after the change; ClassUpdated is in the outbox', schema: classResponse } },
      handle: async (input) => ({ status: 200, body: await changeClass(deps, callerOf(input), input.params.classId, input.body) }),
    }),
    defineRoute({
      method: 'delete', path: '/classes/:classId', summary: 'Delete a class (its students stay)', tags,
      roles: TEACHER_ONLY, access: 'write', params: classIdParams, errors: [404, 409],
      description: '409 with `batch_ids` while a batch of this class has not reached ready, failed or cancelled.',
      responses: { 200: { description: 'Deleted', schema: messageResponse } },
      handle: async (input) => {
        await removeClass(deps, callerOf(input), input.params.classId);
        return { status: 200, body: { message: 'class deleted', id: input.params.classId } };
      },
    }),
  ];
}

/** The roster as the matcher reads it, and the CSV import that fills it. */
export function rosterRoutes(deps: ClassDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/classes/:classId/roster', summary: 'The students of a class, as the matcher reads them', tags,
      roles: ROSTER_READERS, access: 'read', params: classIdParams, errors: [404],
      responses: { 200: { description: 'Enrolled students (never the UNKNOWN placeholder)', schema: rosterResponse } },
      handle: async (input) => ({ status: 200, body: await getRoster(deps, callerOf(input), input.params.classId) }),
    }),
    defineRoute({
      method: 'post', path: '/classes/:classId/roster/import', summary: 'Import students from a CSV file', tags,
      roles: TEACHER_ONLY, access: 'write', params: classIdParams, errors: [404, 413, 415],
      description:
        'Columns first_name/förnamn, last_name/efternamn, email/e-post (optional legal_full_name); comma, semicolon or tab; ' +
        'UTF-8 with or without BOM, or Windows-1252. Answers one verdict per row; accepted rows are written in one transaction.',
      rawBody: { contentType: 'text/csv', schema: z.string(), limit: '1mb' },
      responses: { 200: { description: 'Per-row report', schema: rosterImportResponse } },
      handle: async (input) => ({
        status: 200,
        body: await importRoster(deps, callerOf(input), input.params.classId, input.raw ?? Buffer.alloc(0)),
      }),
    }),
  ];
}
