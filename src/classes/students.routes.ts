import { membershipParams, messageResponse, pageQuery, studentIdParams } from './common.schemas.js';
import { READERS, TEACHER_ONLY } from './classes.routes.js';
import { callerOf, type ClassDeps } from './deps.js';
import { enrol, unenrol } from './membershipService.js';
import { defineRoute, type ApiRoute } from '../http/routeKit.js';
import { changeStudent, createStudent, getStudent, listStudentsFor, removeStudent } from './studentService.js';
import { createStudentBody, membershipResponse, studentListResponse, studentResponse, updateStudentBody } from './students.schemas.js';

const tags = ['students'];

/** Must be mounted before `/classes/:classId` so `students` is never read as a class id (G17). */
export function studentCollectionRoutes(deps: ClassDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/classes/students', summary: 'List students (teachers: their own)', tags,
      roles: READERS, access: 'read', query: pageQuery,
      responses: { 200: { description: 'A page of students, by last name', schema: studentListResponse } },
      handle: async (input) => ({ status: 200, body: await listStudentsFor(deps, callerOf(input), input.query) }),
    }),
    defineRoute({
      method: 'post', path: '/classes/students', summary: 'Create a student, optionally enrolled in classes', tags,
      roles: TEACHER_ONLY, access: 'write', body: createStudentBody, errors: [404, 409],
      description: '409 naming `body.email` when another of your students has this e-mail; 404 naming the class id for an unknown class.',
      responses: { 201: { description: 'The student; StudentCreated is in the outbox', schema: studentResponse } },
      handle: async (input) => ({ status: 201, body: await createStudent(deps, callerOf(input), input.body) }),
    }),
  ];
}

export function studentItemRoutes(deps: ClassDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/classes/students/:studentId', summary: 'Get a student', tags,
      roles: READERS, access: 'read', params: studentIdParams, errors: [404],
      responses: { 200: { description: 'The student with its class ids', schema: studentResponse } },
      handle: async (input) => ({ status: 200, body: await getStudent(deps, callerOf(input), input.params.studentId) }),
    }),
    defineRoute({
      method: 'put', path: '/classes/students/:studentId', summary: 'Change a student: name, e-mail, classes', tags,
      roles: TEACHER_ONLY, access: 'write', params: studentIdParams, body: updateStudentBody, errors: [404, 409],
      responses: { 200: { description: 'The student after the change; StudentUpdated is in the outbox', schema: studentResponse } },
      handle: async (input) => ({ status: 200, body: await changeStudent(deps, callerOf(input), input.params.studentId, input.body) }),
    }),
    defineRoute({
      method: 'delete', path: '/classes/students/:studentId', summary: 'Delete a student', tags,
      roles: TEACHER_ONLY, access: 'write', params: studentIdParams, errors: [404, 409],
      description: '409 with `batch_ids` while a batch of one of the student\'s classes has not finished.',
      responses: { 200: { description: 'Deleted', schema: messageResponse } },
      handle: async (input) => {
        await removeStudent(deps, callerOf(input), input.params.studentId);
        return { status: 200, body: { message: 'student deleted', id: input.params.studentId } };
      },
    }),
  ];
}

export function membershipRoutes(deps: ClassDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'put', path: '/classes/:classId/students/:studentId', summary: 'Enrol a student in a class (idempotent)', tags,
      roles: TEACHER_ONLY, access: 'write', params: membershipParams, errors: [404],
      responses: {
        201: { description: 'Enrolled now', schema: membershipResponse },
        200: { description: 'Was already enrolled', schema: membershipResponse },
      },
      handle: async (input) => {
        const { classId, studentId } = input.params;
        const { created } = await enrol(deps, callerOf(input), classId, studentId);
        return { status: created ? 201 : 200, body: { class_id: classId, student_id: studentId, enrolled: true } };
      },
    }),
    defineRoute({
      method: 'delete', path: '/classes/:classId/students/:studentId', summary: 'Remove a student from a class', tags,
      roles: TEACHER_ONLY, access: 'write', params: membershipParams, errors: [404, 409],
      responses: { 200: { description: 'Removed', schema: membershipResponse } },
      handle: async (input) => {
        const { classId, studentId } = input.params;
        await unenrol(deps, callerOf(input), classId, studentId);
        return { status: 200, body: { class_id: classId, student_id: studentId, enrolled: false } };
      },
    }),
  ];
}
